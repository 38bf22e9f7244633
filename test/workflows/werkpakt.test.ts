// Werkpakt-keurmerk (WP-1..WP-5) on the case engine, through the real Worker, Client, time-skipping
// devserver and SMTP catcher: the ABC points assessed and shown to the municipality, integrity screened
// with the WP-3 exclusion, the decision within 6 weeks with reminder and escalation, 1 year for the
// first grant and 2 years for each later one, the renewal reminder and the register.
import { describe, expect, it } from '@jest/globals';
import { addPeriod, deadline, getScheme, subtractPeriod, validity } from '../../domain';
import { registerQuery } from '../../workflows/definitions';
import { MUNICIPALITY_EMAIL, useKeurmerkEnv } from '../helpers/keurmerk-env';
import { DAY, nextKvk, seboApplication, startApplication, status } from '../helpers/sebo-fixtures';
import { act, advanceTo, DIGEST_SUBJECT, HOUR, refused } from '../helpers/sebo-steps';
import { nextDigestAt } from '../../workflows/reminder-policy';

const werkpakt = getScheme('werkpakt');

function werkpaktApplication(kvk: string, at: Date) {
  const base = seboApplication(kvk, at);
  return {
    ...base,
    schemeId: 'werkpakt',
    company: { ...base.company, name: `Twentse Bouw ${kvk}`, establishments: ['Enschede'] },
    figures: { employees: 40, fte: 36, establishments: 1, internshipPlaces: 2, distanceToLabourMarket: 2, unpaidHoursPerYear: 0 },
    // C: 2 placements (50) + B: 3 job fairs (30) + 2 work visits (30) = 110 points; capacity 2/40 = 5 %.
    activities: { placement: 2, 'job-fair': 3, 'work-visit': 2 },
  };
}

describe('Werkpakt-keurmerk on the case engine', () => {
  const t = useKeurmerkEnv();

  it('WP-1, WP-2, WP-3, WP-4, WP-5: points and capacity shown to the municipality, integrity screened, decision within 6 weeks, 1 year then 2 years, renewal reminder, register', async () => {
    const kvk = nextKvk();
    const submitted = await t.now();
    const h = t.track(await startApplication(t, werkpaktApplication(kvk, submitted)));
    const employer = `els.${kvk}@bakker.example`;

    // WP-1, WP-2: the domain's points function, shown to the municipality with the integrity question (WP-3).
    const [asked] = await t.smtp.waitFor((m) => m.recipients.includes(MUNICIPALITY_EMAIL) && m.subject.includes(kvk) && /ter beoordeling/.test(m.subject));
    expect(asked.text).toMatch(/totaal 110 punten/);
    expect(asked.text).toMatch(/5,0 %/);
    expect(asked.text).toMatch(/Beste Gemeente Enschede/);
    expect(asked.text).not.toMatch(/SEBO|Zoetermeer/);
    let s = await status(t, h.workflowId);
    expect(s.stage).toBe('SCREENING');
    expect(s.assessment).toMatchObject({ total: 110, granted: true, points: { A: 0, B: 60, C: 50 } });
    // WP-4: the decision within 6 weeks of the application; the screening counts in the same term.
    const sixWeeks = deadline(submitted, 'P6W', werkpakt.zone);
    expect(s.openDeadlines).toEqual([{ action: 'integrityScreened', party: 'municipality', dueAt: sixWeeks, ruleId: 'WP-3' }]);

    // Reminder before the six weeks end, to the municipality; no SEBO words in it.
    await advanceTo(t, new Date(new Date(subtractPeriod(sixWeeks, 'P3D')).getTime() + HOUR));
    const [reminder] = await t.smtp.waitFor((m) => m.recipients.includes(MUNICIPALITY_EMAIL) && /^Herinnering/.test(m.subject) && m.subject.includes(kvk));
    expect(reminder.text).toMatch(/integriteit/);
    expect(reminder.text).toMatch(/Werkpakt-keurmerk, "Voorwaarden" \(reïntegratiebedrijven, integriteit\)/);
    expect(reminder.rules).toStrictEqual(['WP-3']);
    expect(reminder.text).toContain(`keurmerk integrity ${kvk} --scheme werkpakt`);
    expect(reminder.text).not.toMatch(/SEBO/);

    await refused(act(t, h, 'decision', { outcome: 'granted' }), /case is at SCREENING/);
    await refused(act(t, h, 'intakeRecorded'), /Werkpakt-keurmerk has no step for this action; its steps are screening \(integrityScreened\); decision \(decision\)/);
    await act(t, h, 'integrityScreened', { outcome: 'cleared', notes: 'VOG en KvK gecontroleerd' });
    s = await status(t, h.workflowId);
    expect(s.stage).toBe('DECISION');
    expect(s.openDeadlines).toEqual([{ action: 'decision', party: 'municipality', dueAt: sixWeeks, ruleId: 'WP-4' }]);
    const [decide] = await t.smtp.waitFor((m) => m.recipients.includes(MUNICIPALITY_EMAIL) && /besluit gevraagd/.test(m.subject) && m.subject.includes(kvk));
    expect(decide.text).toMatch(/geen bezwaren/);

    const decidedAt = (await t.now()).toISOString();
    await act(t, h, 'decision', { outcome: 'granted' });
    const [certificate] = await t.smtp.waitFor((m) => m.recipients.includes(employer) && /certificaat$/.test(m.subject));
    expect(certificate.attachments.map((a) => a.contentType)).toContain('application/pdf');
    expect(certificate.text).not.toMatch(/SEBO|Zoetermeer/);
    expect(certificate.text).toMatch(/Voorkeurspositie bij inkoop/);
    // The accountmanager gets the decision in an email of its own kind, the employer the certificate alone.
    expect(certificate.recipients).toEqual([employer]);
    s = await status(t, h.workflowId);
    expect(s.stage).toBe('REGISTERED');
    const first = validity(werkpakt, { decidedAt, renewal: false });
    expect(s.validity).toMatchObject(first);
    // WP-4: the first grant is valid 1 year.
    expect(first.expiresAt).toBe(addPeriod(first.validFrom, 'P1Y', werkpakt.zone));
    // WP-5: listed in the register.
    const listed: string[] = [];
    for await (const wf of t.client.workflow.list({ query: registerQuery('werkpakt') })) listed.push(wf.workflowId);
    expect(listed).toContain(h.workflowId);

    // Renewal reminder 3 months before expiry; the renewal repeats the steps; the next grant is 2 years.
    const remindAt = subtractPeriod(first.expiresAt, 'P3M', werkpakt.zone);
    await advanceTo(t, new Date(new Date(remindAt).getTime() + HOUR));
    const [renew] = await t.smtp.waitFor((m) => m.recipients.includes(employer) && /verlenging aanvragen/.test(m.subject));
    expect(renew.text).toMatch(/Werkpakt-keurmerk, "Voorwaarden" \(beoordeling binnen 6 weken, geldigheid\)/);
    expect(renew.rules).toStrictEqual(['WP-4']);
    await act(t, h, 'renewalStarted', { activities: { placement: 3, 'job-fair': 2 } });
    s = await status(t, h.workflowId);
    expect(s.stage).toBe('RENEWAL');
    expect(s.renewalStep).toBe('SCREENING');
    await act(t, h, 'integrityScreened', { outcome: 'cleared' });
    await act(t, h, 'decision', { outcome: 'granted' });
    await t.smtp.waitFor((m) => m.recipients.includes(employer) && /certificaat$/.test(m.subject), 2);
    s = await status(t, h.workflowId);
    expect(s.stage).toBe('REGISTERED');
    expect(s.validity!.validFrom).toBe(first.expiresAt);
    expect(s.validity!.expiresAt).toBe(addPeriod(first.expiresAt, 'P2Y', werkpakt.zone));
  }, 300_000);

  it('WP-3: a government-funded reintegration company is excluded on screening; the email gives the reason and how to object', async () => {
    const kvk = nextKvk();
    const h = t.track(await startApplication(t, werkpaktApplication(kvk, await t.now())));
    await refused(act(t, h, 'integrityScreened', { outcome: 'excluded' }), /ground: a ground is required/);
    await act(t, h, 'integrityScreened', { outcome: 'excluded', ground: 'reintegration-company', notes: 'hoofddoel is plaatsing van uitkeringsgerechtigden' });
    const [mail] = await t.smtp.waitFor((m) => m.recipients.includes(`els.${kvk}@bakker.example`) && /niet worden verleend/.test(m.subject));
    expect(mail.text).toMatch(/bezwaar/);
    expect(mail.text).toMatch(/hoofddoel is plaatsing/);
    expect((await status(t, h.workflowId)).stage).toBe('EXCLUDED');
    await expect(h.result()).resolves.toMatchObject({ outcome: 'closed', stage: 'EXCLUDED' });
  }, 120_000);

  it('WP-4: past the six weeks the municipality and the accountmanager get an escalation; nobody decides for them', async () => {
    const kvk = nextKvk();
    const submitted = await t.now();
    const h = t.track(await startApplication(t, werkpaktApplication(kvk, submitted)));
    const wp4 = deadline(submitted, 'P6W', werkpakt.zone);
    // a day past the deadline, and past the accountmanager's next digest (08:00 of the next working day)
    await advanceTo(t, new Date(Math.max(new Date(wp4).getTime() + DAY, new Date(nextDigestAt(wp4, '08:00')).getTime() + HOUR)));
    const [escalation] = await t.smtp.waitFor((m) => m.recipients.includes(MUNICIPALITY_EMAIL) && /^Termijn verstreken/.test(m.subject) && m.subject.includes(kvk));
    expect(escalation.recipients).toStrictEqual([MUNICIPALITY_EMAIL]);
    const [toAm] = await t.smtp.waitFor((m) => m.recipients.includes(`am.${kvk}@wsp.example`) && DIGEST_SUBJECT.test(m.subject) && m.text.includes(`KvK ${kvk}`));
    expect(toAm.text).toContain('Stap: de integriteit van de ondernemer toetsen en vastleggen');
    expect(toAm.text).toContain('Te doen: neem contact op met de gemeente');
    expect((await status(t, h.workflowId)).stage).toBe('SCREENING');
  }, 120_000);
});
