// The whole life of one SROI obligation over a two-year contract, through the real SDK on the
// time-skipping devserver with a real SMTP server: award (SROI-1), contact late with escalation
// (SROI-3), a plan refused for a shortfall then approved after a written extension (SROI-2, SROI-4),
// an interim evaluation, realisation per bouwblok, and a final evaluation with a shortfall.
import { describe, expect, it } from '@jest/globals';
import { DateTime } from 'luxon';
import { contactDeadline, getScheme, planApprovalDeadline } from '../../domain';
import { SROI_OBLIGATION, SROI_PEOPLE, SROI_PERCENT, SROI_REALISED, SROI_MUNICIPALITY } from '../../workflows/search-attributes';
import type { SroiResult } from '../../workflows/sroi-definitions';
import { useKeurmerkEnv } from '../helpers/keurmerk-env';
import { nextKvk } from '../helpers/sebo-fixtures';
import { contractorMail, coordinatorMail, refusal, sroiAct, sroiCase, sroiState, startSroi } from '../helpers/sroi-fixtures';

const ZONE = 'Europe/Amsterdam';
const sroi = getScheme('sroi-amersfoort');
const HOUR = 3600_000;

describe('SROI obligation: a two-year contract from award to final evaluation', () => {
  const t = useKeurmerkEnv();
  const advanceTo = async (at: string | Date) => {
    const now = (await t.now()).getTime();
    const target = new Date(at).getTime();
    if (target > now) await t.env.sleep(target - now);
  };

  it('SROI-1, SROI-2, SROI-3, SROI-4: award, late contact escalated, plan refused for a shortfall then approved after an extension, interim evaluation, realisation, final evaluation with a shortfall', async () => {
    const kvk = nextKvk();
    // Award at 23:30 Amsterdam time, the odd hour where a day-counting error would show.
    const now = DateTime.fromJSDate(await t.now(), { zone: ZONE });
    const award = now.plus({ days: 1 }).set({ hour: 23, minute: 30, second: 0, millisecond: 0 });
    await advanceTo(award.toJSDate());
    const awardedAt = award.toISO()!;
    const endsOn = award.plus({ years: 2 }).toISODate()!;
    const h = t.track(await startSroi(t, sroiCase(kvk, awardedAt, { contractSum: 1_250_000, contractEndsOn: endsOn })));

    // SROI-1: 5 % of € 1.250.000, to each reader in an email of their own.
    const [toContractor] = await t.smtp.waitFor((m) => m.recipients.includes(contractorMail(kvk)) && /Social Return bij opdracht/.test(m.subject));
    const [toCoordinator] = await t.smtp.waitFor((m) => m.recipients.includes(coordinatorMail(kvk)) && /Social Return bij opdracht/.test(m.subject));
    expect(toContractor.recipients).toEqual([contractorMail(kvk)]);
    expect(toCoordinator.recipients).toEqual([coordinatorMail(kvk)]);
    expect(toContractor.text).toMatch(/Beste Sanne Visser/);
    expect(toCoordinator.text).toMatch(/Beste Roel Coördinator/);
    expect(toContractor.text).toContain('€ 62.500,00');
    expect(toContractor.text).toContain('5 % van de opdrachtsom van € 1.250.000,00');
    const contactDue = contactDeadline(sroi, awardedAt);
    expect(toContractor.text).toContain(`Neem uiterlijk ${DateTime.fromISO(contactDue, { zone: ZONE }).setLocale('nl').toFormat('d MMMM yyyy')} contact op`);
    let s = await sroiState(h);
    expect(s.obligation).toBe(62_500);
    expect(s.stage).toBe('PLAN');
    expect(s.credit).toBeUndefined();
    expect(s.openDeadlines.map((d) => [d.action, d.ruleId]).sort()).toEqual([
      ['sroiContactRecorded', 'SROI-3'],
      ['sroiPlanAssessed', 'SROI-4'],
    ]);

    // SROI-3: a reminder before the week is over, an escalation after it, to both readers.
    await advanceTo(new Date(new Date(contactDue).getTime() + HOUR));
    const escalations = await t.smtp.waitFor((m) => /termijn verstreken: contact opnemen/.test(m.subject), 2);
    expect(escalations.map((m) => m.recipients).sort()).toEqual([[contractorMail(kvk)], [coordinatorMail(kvk)]].sort());
    expect(t.smtp.matching((m) => m.recipients.includes(contractorMail(kvk)) && /herinnering: contact opnemen/.test(m.subject))).toHaveLength(1);
    await sroiAct(t, h, 'sroiContactRecorded', { notes: 'kennismaking op de bouwplaats' });
    s = await sroiState(h);
    expect(s.contactLate).toBe(true);
    expect(s.history.some((e) => e.ruleId === 'SROI-3' && /late: was due/.test(e.what))).toBe(true);

    // SROI-2: Power Certificates count for at most half of the obligation; the plan is € 1.250 short.
    const short = await sroiAct(t, h, 'sroiPlanAssessed', {
      lines: [
        { bouwblok: 'hire-benefit', units: 12 },
        { bouwblok: 'power-certificate', units: 40_000 },
      ],
      interimEvaluations: [award.plus({ years: 1 }).toISODate()],
    });
    expect(short.message).toMatch(/plan refused: .*€ 1250 short of € 62500/);
    const [refused] = await t.smtp.waitFor((m) => m.recipients.includes(contractorMail(kvk)) && /plan van aanpak niet goedgekeurd/.test(m.subject));
    expect(refused.text).toContain('Er ontbreekt € 1.250,00');
    expect(refused.text).toMatch(/Bent u het niet eens met deze beoordeling\?/);
    const [refusedCoordinator] = await t.smtp.waitFor((m) => m.recipients.includes(coordinatorMail(kvk)) && /plan van aanpak niet goedgekeurd/.test(m.subject));
    expect(refusedCoordinator.text).not.toMatch(/Bent u het niet eens/);
    expect((await sroiState(h)).plan).toBeUndefined();

    // SROI-4: extended in writing to the 12 weeks, never beyond.
    const max = planApprovalDeadline(sroi, awardedAt, true);
    expect(await refusal(sroiAct(t, h, 'sroiPlanTermExtended', { until: new Date(new Date(max).getTime() + 60_000).toISOString(), reason: 'kandidaten nog niet rond' }))).toMatch(
      /SROI-4: the approval term can be extended to at most P12W/,
    );
    await sroiAct(t, h, 'sroiPlanTermExtended', { until: max, reason: 'kandidaten nog niet rond' });
    await t.smtp.waitFor((m) => m.recipients.includes(contractorMail(kvk)) && /termijn voor het plan van aanpak verlengd/.test(m.subject));
    // Past the first 6 weeks nothing escalates: the term now runs to 12 weeks.
    const sixWeeks = planApprovalDeadline(sroi, awardedAt);
    await advanceTo(new Date(new Date(sixWeeks).getTime() + 2 * 24 * HOUR));
    expect(t.smtp.matching((m) => m.recipients.includes(contractorMail(kvk)) && /termijn verstreken: het plan van aanpak/.test(m.subject))).toHaveLength(0);
    const approved = await sroiAct(t, h, 'sroiPlanAssessed', {
      lines: [
        { bouwblok: 'hire-benefit', units: 12 },
        { bouwblok: 'bbl-place', units: 2 },
        { bouwblok: 'power-certificate', units: 20_000 },
      ],
      interimEvaluations: [award.plus({ years: 1 }).toISODate()],
    });
    expect(approved.message).toMatch(/plan approved \(€ 65000.00 for an obligation of € 62500.00\)/);
    s = await sroiState(h);
    expect(s.stage).toBe('REALISATION');
    expect(s.plan?.late).toBe(false);
    await t.smtp.waitFor((m) => m.recipients.includes(contractorMail(kvk)) && /plan van aanpak goedgekeurd/.test(m.subject) && m.text.includes('€ 65.000,00'));

    // SROI-2: realisation per bouwblok with evidence; a block not in the scheme is refused, nothing changes.
    expect(await refusal(sroiAct(t, h, 'sroiRealisationRecorded', { bouwblok: 'golf-day', units: 1, evidence: ['x'] }))).toMatch(/unknown bouwblok "golf-day"/);
    await advanceTo(award.plus({ months: 4 }).toJSDate());
    await sroiAct(t, h, 'sroiSubcontractorRecorded', { name: 'Installatietechniek Soest', kvkNumber: '87654321', obligation: 5_000 });
    await sroiAct(t, h, 'sroiRealisationRecorded', { bouwblok: 'hire-benefit', units: 10, people: 1, evidence: ['arbeidsovereenkomst AO-2027-03'] });
    await sroiAct(t, h, 'sroiRealisationRecorded', { bouwblok: 'bbl-place', units: 1, people: 1, evidence: ['BBL-overeenkomst 55-1'], subcontractorKvk: '87654321' });
    await sroiAct(t, h, 'sroiRealisationRecorded', { bouwblok: 'social-purchase', units: 20_000, evidence: ['factuur SO-2027-114'] });
    const last = await sroiAct(t, h, 'sroiRealisationRecorded', { bouwblok: 'power-certificate', units: 10_000, evidence: ['Power Certificaat PC-0042'] });
    expect(last.message).toMatch(/€ 48500.00 of € 62500.00 \(77 %\)/);
    await t.smtp.waitFor((m) => m.recipients.includes(contractorMail(kvk)) && /realisatie vastgelegd/.test(m.subject) && m.text.includes('€ 48.500,00 van € 62.500,00 (77 %)'));

    // The interim evaluation on its planned date: a reminder a week before, then recorded.
    const interimOn = award.plus({ years: 1 }).toISODate()!;
    await advanceTo(DateTime.fromISO(interimOn, { zone: ZONE }).minus({ days: 5 }).toJSDate());
    await t.smtp.waitFor((m) => m.recipients.includes(contractorMail(kvk)) && /herinnering: de tussenevaluatie/.test(m.subject));
    await advanceTo(DateTime.fromISO(interimOn, { zone: ZONE }).set({ hour: 10 }).toJSDate());
    await sroiAct(t, h, 'sroiInterimEvaluation', { plannedOn: interimOn, findings: 'op schema voor plaatsingen', evidence: ['verslag TE-1'] });
    expect((await sroiState(h)).interims).toEqual([{ plannedOn: interimOn, heldAt: expect.any(String), percent: 77 }]);

    // Search attributes: the coordinator's figures, no personal data.
    const [listed] = await listAll(`KeurmerkSroiMunicipality = 'Amersfoort' AND KeurmerkKvkNumber = '${kvk}'`);
    expect(listed.typedSearchAttributes.get(SROI_OBLIGATION)).toBe(62_500);
    expect(listed.typedSearchAttributes.get(SROI_REALISED)).toBe(48_500);
    expect(listed.typedSearchAttributes.get(SROI_PERCENT)).toBe(77);
    expect(listed.typedSearchAttributes.get(SROI_PEOPLE)).toBe(2);
    expect(listed.typedSearchAttributes.get(SROI_MUNICIPALITY)).toBe('Amersfoort');
    const raw = JSON.stringify(listed.searchAttributes);
    expect(raw).not.toContain('Sanne');
    expect(raw).not.toContain('@');

    // The final evaluation after the contract end; the final evaluation is refused before it.
    expect(await refusal(sroiAct(t, h, 'sroiFinalEvaluation', { findings: 'te vroeg', evidence: ['x'] }))).toMatch(/the final evaluation follows its end/);
    await advanceTo(DateTime.fromISO(endsOn, { zone: ZONE }).endOf('day').plus({ hours: 1 }).toJSDate());
    await t.smtp.waitFor((m) => m.recipients.includes(coordinatorMail(kvk)) && /eindevaluatie Social Return/.test(m.subject) && m.text.includes('Er ontbreekt nog € 14.000,00'));
    expect((await sroiState(h)).stage).toBe('FINAL_EVALUATION');
    await sroiAct(t, h, 'sroiFinalEvaluation', { findings: 'tweede plaatsing niet gelukt', evidence: ['eindverslag EV-1'] });
    const result = (await h.result()) as SroiResult;
    expect(result).toEqual({ outcome: 'shortfall', obligation: 62_500, realised: 48_500, shortfall: 14_000 });
    const [final] = await t.smtp.waitFor((m) => m.recipients.includes(contractorMail(kvk)) && /niet volledig nagekomen/.test(m.subject));
    expect(final.text).toContain('Er ontbreekt € 14.000,00');
    expect(final.text).toMatch(/Bent u het niet eens/);
    expect((await sroiState(h)).stage).toBe('SHORTFALL');
    // Every email of this case went to exactly one reader.
    const mine = t.smtp.matching((m) => m.recipients.some((r) => r === contractorMail(kvk) || r === coordinatorMail(kvk)));
    expect(mine.every((m) => m.recipients.length === 1)).toBe(true);
  }, 240_000);

  async function listAll(query: string) {
    const out = [];
    for await (const wf of t.client.workflow.list({ query })) out.push(wf);
    return out;
  }
});
