// The application workflow (SEBO-E1..E3, SEBO-D1, SEBO-T1..T10, SEBO-A1) through the real SDK: a real
// Worker and Client on the time-skipping devserver, emails through a real SMTP server.
import { describe, expect, it } from '@jest/globals';
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import { deadline, newKeuringFrom, nextMeeting, subtractPeriod, addPeriod, auditDeadline } from '../../domain';
import { ALL_SEARCH_ATTRIBUTES, CASE_KIND, COMPANY_NAME, NEXT_DEADLINE, SCHEME } from '../../workflows/search-attributes';
import { CI_EMAIL, MUNICIPALITY_EMAIL, useKeurmerkEnv } from '../helpers/keurmerk-env';
import { allDocuments, DAY, nextKvk, seboApplication, startApplication, status } from '../helpers/sebo-fixtures';
import { act, advance, advanceTo, DIGEST_SUBJECT, HOUR, nowIso, refused, sebo, throughAudit, throughMeeting } from '../helpers/sebo-steps';
import { nextDigestAt } from '../../workflows/reminder-policy';

/** `actual` is `expected` give or take `slackMs`; a failure shows both dates and how far apart they are. */
// Under a busy machine a time-skipped timer fires a few real seconds late; deadlines are days apart.
const near = (actual: Date | undefined, expected: string | Date, slackMs = 60_000) => {
  const want = new Date(expected);
  const off = actual ? Math.abs(actual.getTime() - want.getTime()) : Infinity;
  expect({ actual: actual?.toISOString(), expected: want.toISOString(), within: off <= slackMs }).toEqual({ actual: actual?.toISOString(), expected: want.toISOString(), within: true });
};

describe('application workflow (SEBO)', () => {
  const t = useKeurmerkEnv();

  it('SEBO-E1, SEBO-E2, SEBO-E3: an ineligible application ends at NOT_ELIGIBLE with the reason; E2 points to the ambassadorship', async () => {
    const now = await t.now();
    const cases = [
      { rule: /Zoetermeer/, ref: /Keurmerkreglement \(bijlage 3\), artikel 3a/, app: (k: string) => seboApplication(k, now, { company: { ...seboApplication(k, now).company, establishments: ['Delft'] } }) },
      { rule: /municipal-entity cannot hold/, ref: /paragraaf 2A/, app: (k: string) => seboApplication(k, now, { company: { ...seboApplication(k, now).company, affiliation: 'municipal-entity' } }) },
      { rule: /P1Y of history/, ref: /artikel 3b en 3c/, app: (k: string) => seboApplication(k, now, { company: { ...seboApplication(k, now).company, activeSince: now.toISOString().slice(0, 10) } }) },
    ];
    for (const c of cases) {
      const kvk = nextKvk();
      const h = t.track(await startApplication(t, c.app(kvk)));
      const result = await h.result();
      expect(result.outcome).toBe('not-eligible');
      expect((result as { reasons: string[] }).reasons.join(' ')).toMatch(c.rule);
      expect((await status(t, h.workflowId)).stage).toBe('NOT_ELIGIBLE');
      // One email per reader (issue 13): the employer reads the reason with the reglement's own
      // reference and how to object; the rule id is only in the header.
      const [mail] = await t.smtp.waitFor((m) => m.recipients.includes(`els.${kvk}@bakker.example`) && /niet in behandeling/.test(m.subject));
      expect(mail.recipients).toStrictEqual([`els.${kvk}@bakker.example`]);
      expect(mail.reader).toBe('applicant');
      expect(mail.text).toMatch(/^Beste Els de Bakker,/);
      expect(mail.text).toMatch(c.ref);
      expect(mail.rules.join(' ')).toMatch(/SEBO-E[123]/);
      expect(mail.text).toContain('Geschillencommissie SEBO-Keurmerk');
      if (c.rule.source.includes('municipal')) expect(mail.text).toMatch(/sebo-ambassadeur/);
      const [toAm] = await t.smtp.waitFor((m) => m.recipients.includes(`am.${kvk}@wsp.example`) && /niet in behandeling/.test(m.subject));
      expect(toAm.recipients).toStrictEqual([`am.${kvk}@wsp.example`]);
      expect(toAm.reader).toBe('accountmanager');
      expect(toAm.text).toMatch(new RegExp(`De aanvraag van Bakker & Zn ${kvk} \\(KvK ${kvk}\\)`));
    }
  });

  it('SEBO-T1: intake reminder before the deadline, escalation after it, repeated until recorded; a wrong action is refused and changes nothing', async () => {
    const kvk = nextKvk();
    const submittedAt = await t.now();
    // one email per escalation (digestAt "off"); the accountmanager's daily digest: escalation-digest.test.ts
    const h = t.track(await startApplication(t, seboApplication(kvk, submittedAt), { reminders: { digestAt: 'off' } }));
    const am = `am.${kvk}@wsp.example`;
    const [received] = await t.smtp.waitFor((m) => m.recipients.includes(am) && /aanvraag ontvangen/.test(m.subject));
    // one email per reader: the accountmanager is told what to do and the command
    expect(received.recipients).toStrictEqual([am]);
    expect(received.text).toContain(`keurmerk intake ${kvk} --notes`);
    const [toApplicant] = await t.smtp.waitFor((m) => m.recipients.includes(`els.${kvk}@bakker.example`) && /aanvraag ontvangen/.test(m.subject));
    expect(toApplicant.recipients).toStrictEqual([`els.${kvk}@bakker.example`]);
    expect(toApplicant.text).toMatch(/kennismakingsgesprek \(Criteria SEBO-Keurmerk, hoofdstuk 2/);
    near(received.date, submittedAt);
    // HTML values are escaped
    expect(received.html).toMatch(/Bakker &amp; Zn/);
    // plain text is not
    expect(received.text).toMatch(/Bakker & Zn/);

    const before = await status(t, h.workflowId);
    await refused(act(t, h, 'meetingOutcome', { meetingDate: '2027-02-09', outcome: 'approved' }), /case is at INTAKE/);
    await refused(h.executeUpdate('intakeRecorded', { args: [{ at: 'gisteren' }] }), /at: expected a date/);
    const unchanged = await status(t, h.workflowId);
    expect(unchanged.stage).toBe('INTAKE');
    expect(unchanged.history.length).toBe(before.history.length);

    const due = deadline(submittedAt, 'P4W');
    expect(unchanged.openDeadlines.map((d) => [d.action, d.party, d.dueAt])).toStrictEqual([['intakeRecorded', 'accountmanager', due]]);
    const remindAt = subtractPeriod(due, 'P3D');
    await advanceTo(t, new Date(new Date(remindAt).getTime() + HOUR));
    const [reminder] = await t.smtp.waitFor((m) => m.recipients.includes(am) && /^Herinnering/.test(m.subject));
    near(reminder.date, remindAt);
    expect(reminder.text).toMatch(/kennismakingsgesprek/);

    await advanceTo(t, new Date(new Date(due).getTime() + HOUR));
    const [first] = await t.smtp.waitFor((m) => m.recipients.includes(am) && /^Termijn verstreken/.test(m.subject));
    near(first.date, due);
    await advance(t, 7 * DAY);
    const escalations = await t.smtp.waitFor((m) => m.recipients.includes(am) && /^Termijn verstreken/.test(m.subject), 2);
    near(escalations[1].date, addPeriod(due, 'P1W'));
    // the case keeps waiting: people decide
    expect((await status(t, h.workflowId)).stage).toBe('INTAKE');

    const result = await act(t, h, 'intakeRecorded');
    expect(result.stage).toBe('INTAKE'); // the handler records; the workflow moves on right after
    const after = await status(t, h.workflowId);
    expect(after.stage).toBe('MEETING');
    expect(after.openDeadlines.map((d) => d.action)).toStrictEqual(['meetingOutcome']);
    expect(after.history).toContainEqual(expect.objectContaining({ ruleId: 'SEBO-T1', by: 'test' }));
  });

  it('SEBO-T2: the application goes to the next meeting; every holder gets the agenda; no outcome → reminder; deferred → next meeting', async () => {
    const holderKvk = nextKvk();
    const now = await t.now();
    const { startHolder } = await import('../helpers/sebo-fixtures');
    t.track(await startHolder(t, holderKvk, new Date(now.getTime() - 300 * DAY), new Date(now.getTime() + 600 * DAY)));
    const kvk = nextKvk();
    const h = t.track(await startApplication(t, seboApplication(kvk, now)));
    await act(t, h, 'intakeRecorded');
    const meeting = nextMeeting(sebo, await nowIso(t))!;
    expect((await status(t, h.workflowId)).stage).toBe('MEETING');
    await t.smtp.waitFor((m) => m.recipients.includes(`els.${kvk}@bakker.example`) && /op de agenda/.test(m.subject));

    await refused(act(t, h, 'meetingOutcome', { meetingDate: meeting.date, outcome: 'approved' }), /has not taken place yet/);
    await refused(act(t, h, 'meetingOutcome', { meetingDate: '2031-01-01', outcome: 'approved' }), /on the agenda of/);
    await refused(act(t, h, 'meetingOutcome', { meetingDate: meeting.date, outcome: 'deferred' }), /reason: a reason is required/);

    await advanceTo(t, new Date(new Date(meeting.agendaClosesAt).getTime() + HOUR));
    const holder = `houder.${holderKvk}@holder.example`;
    const [agenda] = await t.smtp.waitFor((m) => m.recipients.includes(holder) && /Agenda bijeenkomst/.test(m.subject) && m.text.includes(kvk));
    near(agenda.date, meeting.agendaClosesAt);
    // the applicant does not get the holders agenda
    expect(agenda.recipients).not.toContain(`els.${kvk}@bakker.example`);

    await advanceTo(t, new Date(new Date(meeting.startsAt).getTime() + HOUR));
    await act(t, h, 'meetingOutcome', { meetingDate: meeting.date, outcome: 'deferred', reason: 'meer informatie nodig' });
    const next = nextMeeting(sebo, meeting.startsAt, { ignoreCutOff: true })!;
    await t.smtp.waitFor((m) => m.recipients.includes(`els.${kvk}@bakker.example`) && /uitgesteld/.test(m.subject));
    expect((await status(t, h.workflowId)).openDeadlines[0].dueAt).toBe(deadline(next.startsAt, 'P1W'));

    await advanceTo(t, new Date(new Date(next.agendaClosesAt).getTime() + HOUR));
    await t.smtp.waitFor((m) => m.recipients.includes(holder) && /Agenda bijeenkomst/.test(m.subject) && m.text.includes(kvk), 2);

    // The accountmanager forgets to record the outcome: reminded before the outcome deadline.
    const outcomeDue = deadline(next.startsAt, 'P1W');
    await advanceTo(t, new Date(new Date(subtractPeriod(outcomeDue, 'P3D')).getTime() + HOUR));
    const [reminder] = await t.smtp.waitFor((m) => m.recipients.includes(`am.${kvk}@wsp.example`) && /^Herinnering/.test(m.subject) && /bijeenkomst/.test(m.text));
    near(reminder.date, subtractPeriod(outcomeDue, 'P3D'));

    await act(t, h, 'meetingOutcome', { meetingDate: next.date, outcome: 'approved' });
    expect((await status(t, h.workflowId)).stage).toBe('AUDIT_PLANNING');
    await t.smtp.waitFor((m) => m.recipients.includes(CI_EMAIL) && /doorgestuurd/.test(m.subject) && m.subject.includes(kvk));
  });

  it('SEBO-T3..T7, SEBO-D1, SEBO-T10: documents, audit, supplements, report and decision with their deadlines lead to a grant and a PDF certificate', async () => {
    const kvk = nextKvk();
    const applicant = `els.${kvk}@bakker.example`;
    const am = `am.${kvk}@wsp.example`;
    const h = t.track(await startApplication(t, seboApplication(kvk, await t.now())));
    await throughMeeting(t, h);
    const forwardedAt = await t.now();
    const [forwarded] = await t.smtp.waitFor((m) => m.recipients.includes(CI_EMAIL) && m.subject.includes(kvk) && /doorgestuurd/.test(m.subject));
    expect(forwarded.recipients).toStrictEqual([CI_EMAIL]);
    expect(forwarded.text).toContain(`keurmerk audit-planned ${kvk}`);
    // SEBO-D1: the employer's own email lists the eight bijlagen and where they go
    const [toSend] = await t.smtp.waitFor((m) => m.recipients.includes(applicant) && m.subject.includes(kvk) && /doorgestuurd/.test(m.subject));
    expect(toSend.recipients).toStrictEqual([applicant]);
    for (const label of sebo.documents.map((d) => d.label)) expect(toSend.text).toContain(label);
    expect(toSend.text).toContain('productdienst@keurmerk.nl');
    expect(toSend.text).toContain('Postbus 45, 2700 AA Zoetermeer');
    await t.smtp.waitFor((m) => m.recipients.includes(am) && m.subject.includes(kvk) && /doorgestuurd/.test(m.subject));

    // SEBO-T4: the CI does not plan the audit within a month → escalation to the CI and the accountmanager.
    const auditDue = auditDeadline(sebo, forwardedAt.toISOString());
    await advanceTo(t, new Date(new Date(auditDue).getTime() + HOUR));
    const [escalation] = await t.smtp.waitFor((m) => m.recipients.includes(CI_EMAIL) && /^Termijn verstreken/.test(m.subject) && m.subject.includes(kvk));
    expect(escalation.recipients).toStrictEqual([CI_EMAIL]);
    expect(escalation.text).toMatch(/keuringsprocedure \(bijlage 2\), punt 4/);
    expect(escalation.rules).toStrictEqual(['SEBO-T4']);
    // the accountmanager reads it in their digest of the next working day at 08:00, in its own words
    await advanceTo(t, new Date(new Date(nextDigestAt(auditDue, '08:00')).getTime() + HOUR));
    const [amDigest] = await t.smtp.waitFor((m) => m.recipients.includes(am) && DIGEST_SUBJECT.test(m.subject) && m.text.includes(`KvK ${kvk}`));
    expect(amDigest.text).toContain('Stap: een afspraak maken voor de audit op locatie (keuringsprocedure (bijlage 2), punt 4).');
    expect(amDigest.text).toContain('Te doen: neem contact op met de certificerende instelling');
    expect(amDigest.text).toContain(`\`keurmerk audit-planned ${kvk}\``);
    expect(t.smtp.matching((m) => m.recipients.includes(am) && /^Termijn verstreken/.test(m.subject) && m.subject.includes(kvk))).toStrictEqual([]);

    // SEBO-D1: a KvK extract older than a year is refused; the audit needs every document.
    const old = allDocuments(await t.now()).map((d) => (d.id === 'kvk-extract' ? { ...d, issuedOn: '2020-01-01' } : d));
    await refused(act(t, h, 'documentsReceived', { documents: old }), /SEBO-D1: document "kvk-extract" of 2020-01-01 is older than P1Y/);
    const auditAt = new Date((await t.now()).getTime() + 2 * DAY);
    await act(t, h, 'auditPlanned', { auditAt: auditAt.toISOString() });
    await refused(act(t, h, 'auditDone', { shortcomings: 'none' }), /SEBO-D1: the audit needs all documents first; missing document/);
    await refused(act(t, h, 'documentsReceived', { documents: [{ id: 'passport', receivedAt: await nowIso(t) }] }), /unknown document id "passport"/);
    const answer = await act(t, h, 'documentsReceived', { documents: allDocuments(await t.now()) });
    expect(answer.message).toMatch(/all documents are in/);

    // SEBO-T5: serious shortcomings need a new audit later; the month of SEBO-T4 counts anew.
    await advanceTo(t, new Date(auditAt.getTime() + 3 * HOUR));
    const serious = await act(t, h, 'auditDone', { shortcomings: 'serious' });
    expect(serious.message).toMatch(/new audit must be planned/);
    expect((await status(t, h.workflowId)).stage).toBe('AUDIT_PLANNING');
    const reAuditAt = new Date((await t.now()).getTime() + 10 * DAY);
    await act(t, h, 'auditPlanned', { auditAt: reAuditAt.toISOString() });

    // SEBO-T5: findings; supplements count for two weeks.
    await advanceTo(t, new Date(reAuditAt.getTime() + 3 * HOUR));
    await act(t, h, 'auditDone', { shortcomings: 'minor', findings: 'plan van aanpak ontbreekt deels' });
    const [findings] = await t.smtp.waitFor((m) => m.recipients.includes(applicant) && /bevindingen van de audit/.test(m.subject));
    expect(findings.text).toMatch(/keuringsprocedure \(bijlage 2\), punt 6/);
    expect(findings.text).toContain('Bevindingen van de auditor: plan van aanpak ontbreekt deels');
    expect(findings.text).toContain('kleine tekortkomingen');
    await act(t, h, 'supplementsReceived', { description: 'aangevuld plan van aanpak' });
    await advance(t, 15 * DAY);
    await refused(act(t, h, 'supplementsReceived', { description: 'te laat' }), /SEBO-T5: the supplements period ended/);
    // The auditor may extend the period on request.
    await act(t, h, 'supplementsDeadlineExtended', { until: new Date((await t.now()).getTime() + 5 * DAY).toISOString(), reason: 'op verzoek' });
    await act(t, h, 'supplementsReceived', { description: 'alsnog binnen de verlengde termijn' });
    // SEBO-T5: the report may only follow once the (extended) supplements period is over.
    await advance(t, 5 * DAY + HOUR);

    // SEBO-T6: report with a disagreement: both sides heard before the decision (SEBO-T7).
    await act(t, h, 'reportAndAdvice', { advice: 'positive', disagreement: { auditorView: 'voldoende', applicantView: 'ruim voldoende' } });
    const [advice] = await t.smtp.waitFor((m) => m.recipients.includes(applicant) && /kopie van het advies/.test(m.subject));
    expect(advice.recipients).toStrictEqual([applicant]);
    expect(advice.text).toMatch(/wordt u gehoord/);
    const [toMunicipality] = await t.smtp.waitFor((m) => m.recipients.includes(MUNICIPALITY_EMAIL) && m.subject.includes(kvk) && /kopie van het advies/.test(m.subject));
    expect(toMunicipality.text).toContain(`keurmerk both-sides-heard ${kvk}`);
    expect((await status(t, h.workflowId)).stage).toBe('DECISION');
    await refused(act(t, h, 'decision', { outcome: 'granted' }), /SEBO-T6: on a disagreement both sides are heard/);
    await act(t, h, 'bothSidesHeard');
    await act(t, h, 'decision', { outcome: 'granted', certificateNumber: `SEBO-2027-${kvk}` });

    // SEBO-T10: the same workflow id continues as the holder; certificate with PDF to holder and CI.
    const [certificate] = await t.smtp.waitFor((m) => m.recipients.includes(applicant) && /certificaat$/.test(m.subject));
    expect(certificate.recipients).toStrictEqual([applicant]);
    // the CI is told the validity, in its own email
    const [toCi] = await t.smtp.waitFor((m) => m.recipients.includes(CI_EMAIL) && m.subject.includes(kvk) && /certificaat$/.test(m.subject));
    expect(toCi.text).toContain(`certificaatnummer SEBO-2027-${kvk}`);
    expect(toCi.attachments.length).toBe(0);
    expect(certificate.attachments.length).toBe(1);
    expect(certificate.attachments[0].contentType).toBe('application/pdf');
    expect(certificate.attachments[0].content.subarray(0, 4).toString()).toBe('%PDF');
    const holder = await status(t, h.workflowId);
    expect(holder.caseKind).toBe('holder');
    expect(holder.stage).toBe('REGISTERED');
    expect(holder.validity?.certificateNumber).toBe(`SEBO-2027-${kvk}`);
    // the application history travels with the case
    expect(holder.history).toContainEqual(expect.objectContaining({ ruleId: 'SEBO-T7' }));
  });

  it('SEBO-T8, SEBO-T9: a second keuring resumes at SEBO-T3; a second rejection ends the case after a year, and no new application starts meanwhile', async () => {
    const kvk = nextKvk();
    const applicant = `els.${kvk}@bakker.example`;
    const h = t.track(await startApplication(t, seboApplication(kvk, await t.now())));
    await throughMeeting(t, h);
    await throughAudit(t, h, 'negative');
    await act(t, h, 'decision', { outcome: 'rejected', reason: 'criterium 3.1 niet gehaald' });
    await t.smtp.waitFor((m) => m.recipients.includes(applicant) && /keurmerk niet verleend$/.test(m.subject));
    expect((await status(t, h.workflowId)).stage).toBe('REJECTED');

    await act(t, h, 'secondKeuringRequested', { causesRemoved: 'aangemeld bij On Stage' });
    const second = await status(t, h.workflowId);
    expect(second.stage).toBe('AUDIT_PLANNING');
    expect(second.secondKeuringenUsed).toBe(1);
    await t.smtp.waitFor((m) => m.recipients.includes(CI_EMAIL) && m.subject.includes(kvk) && /doorgestuurd/.test(m.subject), 2);

    await throughAudit(t, h, 'negative', false); // documents of the first keuring still count
    await act(t, h, 'decision', { outcome: 'rejected', reason: 'opnieuw 3.1' });
    const decidedAt = await t.now();
    const waiting = await status(t, h.workflowId);
    expect(waiting.stage).toBe('WAITING_PERIOD');
    expect(waiting.waitingUntil).toBe(newKeuringFrom(sebo, decidedAt.toISOString()));
    const [final] = await t.smtp.waitFor((m) => m.recipients.includes(applicant) && /ook na tweede keuring/.test(m.subject));
    expect(final.text).toMatch(/keuringsprocedure \(bijlage 2\), punt 9/);
    expect(final.text).toContain('Reden: opnieuw 3.1');
    expect(final.text).toContain('Geschillencommissie SEBO-Keurmerk');
    await refused(act(t, h, 'secondKeuringRequested', { causesRemoved: 'nogmaals' }), /case is at WAITING_PERIOD/);

    await expect(startApplication(t, seboApplication(kvk, await t.now()))).rejects.toThrow(WorkflowExecutionAlreadyStartedError);

    const result = await h.result();
    expect(result).toStrictEqual({ outcome: 'rejected', waitedUntil: waiting.waitingUntil });
    expect((await t.now()).getTime()).toBeGreaterThanOrEqual(new Date(waiting.waitingUntil!).getTime());
    const again = t.track(await startApplication(t, seboApplication(kvk, await t.now())));
    expect((await status(t, again.workflowId)).stage).toBe('INTAKE');
  });

  it("SEBO-A1: the ambassadorship is its own shorter path: intake, the holders' approval, no audit", async () => {
    const kvk = nextKvk();
    const now = await t.now();
    const base = seboApplication(kvk, now);
    const app = { ...base, schemeId: 'sebo-ambassadeur', company: { ...base.company, affiliation: 'municipal-entity' as const } };
    const h = t.track(await startApplication(t, app));
    expect(h.workflowId).toBe(`sebo-ambassadeur-${kvk}`);
    await act(t, h, 'intakeRecorded');
    const meeting = nextMeeting(sebo, await nowIso(t))!;
    await advanceTo(t, new Date(new Date(meeting.startsAt).getTime() + HOUR));
    await act(t, h, 'meetingOutcome', { meetingDate: meeting.date, outcome: 'approved' });
    await t.smtp.waitFor((m) => m.recipients.includes(`els.${kvk}@bakker.example`) && /ambassadeurschap toegekend/.test(m.subject));
    const s = await status(t, h.workflowId);
    expect(s.caseKind).toBe('holder');
    expect(s.schemeId).toBe('sebo-ambassadeur');
    // no audit on this path
    expect(s.history.some((e) => /audit/.test(e.what))).toBeFalsy();
  });

  it('continue-as-new: a case left waiting hands over to fresh runs and keeps its deadline, escalation rhythm and history', async () => {
    const kvk = nextKvk();
    const am = `am.${kvk}@wsp.example`;
    const submittedAt = await t.now();
    const h = t.track(
      await startApplication(t, seboApplication(kvk, submittedAt), { reminders: { escalateEvery: 'P1D', escalationGrowth: 1, digestAt: 'off' }, continueAsNewAfterEvents: 60 }),
    );
    const firstRun = (await h.describe()).runId;
    const due = deadline(submittedAt, 'P4W');
    await advanceTo(t, new Date(new Date(due).getTime() + 20 * DAY + HOUR));
    const escalations = await t.smtp.waitFor((m) => m.recipients.includes(am) && /^Termijn verstreken/.test(m.subject), 21);
    const s = await status(t, h.workflowId);
    // the case continued as new
    expect((await h.describe()).runId).not.toBe(firstRun);
    expect(s.stage).toBe('INTAKE');
    expect(s.openDeadlines.map((d) => [d.action, d.dueAt])).toStrictEqual([['intakeRecorded', due]]);
    // no escalation lost or sent twice across runs
    expect(s.history.filter((e) => /escalation/.test(e.what)).length).toBe(escalations.length);
    escalations.forEach((m, i) => near(m.date, addPeriod(due, `P${i}D`)));
    // the reminder went out once
    expect(t.smtp.matching((m) => m.recipients.includes(am) && /^Herinnering/.test(m.subject)).length).toBe(1);
    await act(t, h, 'intakeRecorded');
    expect((await status(t, h.workflowId)).stage).toBe('MEETING');
  });

  it('SEBO-R5: search attributes: the worker registered them; a case is found by stage, KvK, accountmanager and next deadline, with no personal data; the company name in the memo', async () => {
    const registered = await t.env.connection.operatorService.listSearchAttributes({ namespace: 'default' });
    // the search attributes the worker did not register
    expect(ALL_SEARCH_ATTRIBUTES.map((key) => key.name).filter((name) => !(name in (registered.customAttributes ?? {})))).toStrictEqual([]);
    const kvk = nextKvk();
    const submittedAt = await t.now();
    const h = t.track(await startApplication(t, seboApplication(kvk, submittedAt)));
    await t.smtp.waitFor((m) => m.subject.includes(kvk));
    const found = [];
    for await (const wf of t.client.workflow.list({ query: `KeurmerkStage = 'INTAKE' AND KeurmerkKvkNumber = '${kvk}' AND KeurmerkAccountmanager = 'AM-017'` })) found.push(wf);
    expect(found.map((wf) => wf.workflowId)).toStrictEqual([h.workflowId]);
    const attrs = found[0].typedSearchAttributes;
    expect(attrs.get(SCHEME)).toBe('sebo');
    expect(attrs.get(CASE_KIND)).toBe('application');
    // SEBO-R5: the company name (often a zzp's own name) is in the memo, not a search attribute.
    expect(attrs.get(COMPANY_NAME)).toBeUndefined();
    expect(found[0].memo).toStrictEqual({ companyName: `Bakker & Zn ${kvk}` });
    expect(attrs.get(NEXT_DEADLINE)?.toISOString()).toBe(new Date(deadline(submittedAt, 'P4W')).toISOString());
    const values = JSON.stringify(attrs.getAll().map((p) => p.value));
    // SEBO-R5: no names or addresses in search attributes
    expect(values).not.toMatch(/@|Els|Ahmed|Bakker/);
  });
});
