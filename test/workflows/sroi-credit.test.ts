// Keurmerk credit across schemes: an SROI case looks up the contractor's live keurmerk holder cases at
// award and lowers the obligation by the share the SROI scheme's definition sets (SROI-1 with WP-5); a
// suspension or lapse of that holder during the contract is noticed (daily check) and told to the
// coordinator, and the credit is lost. Real holder workflows on the same time-skipping server.
import { describe, expect, it } from '@jest/globals';
import { addPeriod, getScheme, suspensionLimit } from '../../domain';
import { registerQuery } from '../../workflows/definitions';
import { SROI_OBLIGATION } from '../../workflows/search-attributes';
import { useKeurmerkEnv } from '../helpers/keurmerk-env';
import { DAY, nextKvk, seboApplication, startApplication, startHolder, status } from '../helpers/sebo-fixtures';
import { act, refused } from '../helpers/sebo-steps';
import { contractorMail, coordinatorMail, drained, sroiAct, sroiCase, sroiState, startSroi } from '../helpers/sroi-fixtures';

const werkpakt = getScheme('werkpakt');

/** A Werkpakt application that reaches the points and the capacity (WP-1, WP-2): 110 points, 5 %. */
function werkpaktApplication(kvk: string, at: Date) {
  const base = seboApplication(kvk, at);
  return {
    ...base,
    schemeId: 'werkpakt',
    company: { ...base.company, name: `Twentse Bouw ${kvk}`, establishments: ['Enschede'] },
    figures: { employees: 40, fte: 36, establishments: 1, internshipPlaces: 2, distanceToLabourMarket: 2, unpaidHoursPerYear: 0 },
    activities: { placement: 2, 'job-fair': 3, 'work-visit': 2 },
  };
}

describe('SROI keurmerk credit', () => {
  const t = useKeurmerkEnv();
  const iso = async () => (await t.now()).toISOString();
  const ends = (at: Date) => new Date(at.getTime() + 700 * DAY).toISOString().slice(0, 10);

  it('SROI-1 (WP-5): a live Werkpakt holder gets the 10 % credit at award; when its keurmerk lapses the credit is lost and the coordinator is told', async () => {
    const kvk = nextKvk();
    const now = await t.now();
    const holder = t.track(await startHolder(t, kvk, new Date(now.getTime() - 300 * DAY), new Date(now.getTime() + 20 * DAY), 'werkpakt'));
    const h = t.track(await startSroi(t, sroiCase(kvk, await iso(), { contractSum: 1_000_000, contractEndsOn: ends(now) })));
    await t.smtp.waitFor((m) => m.recipients.includes(contractorMail(kvk)) && /Social Return bij opdracht/.test(m.subject));
    let s = await sroiState(h);
    expect(s.baseObligation).toEqual({ kind: 'amount', basis: 'contract-sum', amount: 50_000 });
    expect(s.credit).toMatchObject({ schemeId: 'werkpakt', workflowId: holder.workflowId, share: 0.1, amount: 5_000 });
    expect(s.obligation).toBe(45_000);
    const [award] = t.smtp.matching((m) => m.recipients.includes(contractorMail(kvk)) && /Social Return bij opdracht/.test(m.subject));
    expect(award.text).toContain('Werkpakt-keurmerk voert, geldt een korting van 10 % (€ 5.000,00)');
    expect(award.text).toContain('De verplichting is daarmee € 45.000,00');

    // The holder lapses at expiry (no renewal); within a day the SROI case notices.
    await t.env.sleep(22 * DAY);
    const [lost] = await t.smtp.waitFor((m) => m.recipients.includes(coordinatorMail(kvk)) && /korting op de Social Return-verplichting vervallen/.test(m.subject));
    expect(lost.recipients).toEqual([coordinatorMail(kvk)]);
    expect(lost.text).toContain('De korting van € 5.000,00 vervalt; de verplichting is weer € 50.000,00');
    await t.smtp.waitFor((m) => m.recipients.includes(contractorMail(kvk)) && /korting op de Social Return-verplichting vervallen/.test(m.subject));
    s = await sroiState(h);
    expect(s.obligation).toBe(50_000);
    expect(s.credit?.lostAt).toBeDefined();
    expect(s.history.some((e) => e.ruleId === 'SROI-1' && /keurmerk credit lost/.test(e.what))).toBe(true);
    const listed = [];
    for await (const wf of t.client.workflow.list({ query: `KeurmerkCaseKind = 'sroi' AND KeurmerkKvkNumber = '${kvk}'` })) listed.push(wf);
    expect(listed.map((w) => w.typedSearchAttributes.get(SROI_OBLIGATION))).toEqual([50_000]);
    await drained(h);
  }, 180_000);

  it('SROI-1 (WP-5, WP-3): a Werkpakt holder granted on the engine gets the 10 % credit at award; suspended during the contract it loses it and the coordinator is told; one suspended on the award date gets none', async () => {
    const [kvk, other] = [nextKvk(), nextKvk()];
    // A live Werkpakt holder case: applied, screened and granted on the case engine (WP-3, WP-4).
    const app = t.track(await startApplication(t, werkpaktApplication(kvk, await t.now())));
    await t.smtp.waitFor((m) => m.subject.includes(kvk) && /ter beoordeling/.test(m.subject));
    await act(t, app, 'integrityScreened', { outcome: 'cleared', notes: 'VOG en KvK gecontroleerd' });
    await act(t, app, 'decision', { outcome: 'granted' });
    const employer = `els.${kvk}@bakker.example`;
    await t.smtp.waitFor((m) => m.recipients.includes(employer) && /certificaat$/.test(m.subject));
    expect((await status(t, app.workflowId)).stage).toBe('REGISTERED');

    // Another Werkpakt holder, suspended before the award (WP-3): at most 3 months, no longer.
    const now = await t.now();
    const suspended = t.track(await startHolder(t, other, new Date(now.getTime() - 100 * DAY), new Date(now.getTime() + 600 * DAY), 'werkpakt'));
    const at = await iso();
    const limit = suspensionLimit(werkpakt, at);
    const suspend = (h: typeof suspended, until: string, reason: string) =>
      h.executeUpdate('suspend', { args: [{ at, by: 'gemeente', until, reason, requestedByHolder: false }] });
    await refused(suspend(suspended, new Date(new Date(limit).getTime() + 60_000).toISOString(), 'signaal fraude'), /WP-3: a suspension lasts at most P3M/);
    await suspend(suspended, limit, 'signaal fraude in onderzoek');
    expect((await status(t, suspended.workflowId)).stage).toBe('SUSPENDED');

    const h = t.track(await startSroi(t, sroiCase(kvk, await iso(), { contractSum: 1_000_000, contractEndsOn: ends(now) })));
    const hNone = t.track(await startSroi(t, sroiCase(other, await iso(), { contractSum: 1_000_000, contractEndsOn: ends(now) })));
    await t.smtp.waitFor((m) => m.recipients.includes(contractorMail(other)) && /Social Return bij opdracht/.test(m.subject));
    expect((await sroiState(hNone)).credit).toBeUndefined();
    expect((await sroiState(hNone)).obligation).toBe(50_000);
    expect((await sroiState(h)).credit).toMatchObject({ schemeId: 'werkpakt', workflowId: app.workflowId, share: 0.1, amount: 5_000 });
    expect((await sroiState(h)).obligation).toBe(45_000);

    // Ten days into the contract the municipality suspends the holder (WP-3): told in the seed's words, no SEBO.
    await t.env.sleep(10 * DAY);
    const suspendedAt = await iso();
    await app.executeUpdate('suspend', { args: [{ at: suspendedAt, by: 'gemeente', until: addPeriod(suspendedAt, 'P1M'), reason: 'signaal over integriteit in onderzoek', requestedByHolder: false }] });
    const [told] = await t.smtp.waitFor((m) => m.recipients.includes(employer) && /geschorst/.test(m.subject));
    expect(told.text).toMatch(/geschorst tot uiterlijk/);
    expect(told.text).toMatch(/signaal over integriteit in onderzoek/);
    expect(told.text).not.toMatch(/SEBO|Zoetermeer/);
    await refused(app.executeUpdate('extendSuspension', { args: [{ at: await iso(), by: 'gemeente', until: addPeriod(suspendedAt, 'P2M'), reason: 'nog niet klaar' }] }), /WP-3: a suspension of Werkpakt-keurmerk cannot be extended/);
    const listed: string[] = [];
    for await (const wf of t.client.workflow.list({ query: registerQuery('werkpakt') })) listed.push(wf.workflowId);
    expect(listed).not.toContain(app.workflowId);

    await t.env.sleep(2 * DAY);
    const [lost] = await t.smtp.waitFor((m) => m.recipients.includes(coordinatorMail(kvk)) && /korting op de Social Return-verplichting vervallen/.test(m.subject));
    expect(lost.recipients).toEqual([coordinatorMail(kvk)]);
    expect(lost.text).toContain('De korting van € 5.000,00 vervalt; de verplichting is weer € 50.000,00');
    const after = await sroiState(h);
    expect(after.obligation).toBe(50_000);
    expect(after.credit?.lostReason).toMatch(/suspended/);
    expect(after.history.some((e) => e.ruleId === 'SROI-1' && /keurmerk credit lost/.test(e.what))).toBe(true);
    await drained(h, hNone);
  }, 240_000);

  it('SROI-1 (PSO-1): a live PSO holder at a ladder level gets the 10 % credit at award; a PSO holder whose certificate expired before the award gets none', async () => {
    const [kvk, expired] = [nextKvk(), nextKvk()];
    const now = await t.now();
    const holder = t.track(await startHolder(t, kvk, new Date(now.getTime() - 100 * DAY), new Date(now.getTime() + 200 * DAY), 'pso', { level: 'trede-2' }));
    // Valid until an hour ago: it has lapsed by the award.
    t.track(await startHolder(t, expired, new Date(now.getTime() - 365 * DAY), new Date(now.getTime() - 60 * 60 * 1000), 'pso', { level: 'trede-1' }));
    const h = t.track(await startSroi(t, sroiCase(kvk, await iso(), { contractSum: 2_000_000, contractEndsOn: ends(now) })));
    const hNone = t.track(await startSroi(t, sroiCase(expired, await iso(), { contractSum: 2_000_000, contractEndsOn: ends(now) })));
    await t.smtp.waitFor((m) => m.recipients.includes(contractorMail(kvk)) && /Social Return bij opdracht/.test(m.subject));
    await t.smtp.waitFor((m) => m.recipients.includes(contractorMail(expired)) && /Social Return bij opdracht/.test(m.subject));
    expect((await sroiState(h)).credit).toMatchObject({ schemeId: 'pso', workflowId: holder.workflowId, share: 0.1, amount: 10_000 });
    expect((await sroiState(h)).obligation).toBe(90_000);
    expect((await sroiState(hNone)).credit).toBeUndefined();
    expect((await sroiState(hNone)).obligation).toBe(100_000);
    await drained(h, hNone);
  }, 180_000);

  it('SROI-1: a SEBO holder suspended during the contract loses the 5 % credit; one suspended on the award date gets none', async () => {
    const [kvk, other] = [nextKvk(), nextKvk()];
    const now = await t.now();
    const holder = t.track(await startHolder(t, kvk, new Date(now.getTime() - 100 * DAY), new Date(now.getTime() + 600 * DAY), 'sebo'));
    const suspended = t.track(await startHolder(t, other, new Date(now.getTime() - 100 * DAY), new Date(now.getTime() + 600 * DAY), 'sebo'));
    await suspended.executeUpdate('suspend', { args: [{ at: await iso(), by: 'test', until: addPeriod(await iso(), 'P3M'), reason: 'klacht in onderzoek', requestedByHolder: false }] });

    const h = t.track(await startSroi(t, sroiCase(kvk, await iso(), { contractSum: 2_000_000, contractEndsOn: ends(now) })));
    const hNone = t.track(await startSroi(t, sroiCase(other, await iso(), { contractSum: 2_000_000, contractEndsOn: ends(now) })));
    await t.smtp.waitFor((m) => m.recipients.includes(contractorMail(other)) && /Social Return bij opdracht/.test(m.subject));
    expect((await sroiState(hNone)).credit).toBeUndefined();
    expect((await sroiState(hNone)).obligation).toBe(100_000);
    const s = await sroiState(h);
    expect(s.credit).toMatchObject({ schemeId: 'sebo', share: 0.05, amount: 5_000 });
    expect(s.obligation).toBe(95_000);

    // A plan for the credited obligation is approved; then the holder is suspended.
    await sroiAct(t, h, 'sroiPlanAssessed', { lines: [{ bouwblok: 'hire-benefit', units: 38 }] });
    expect((await sroiState(h)).plan?.value).toBe(95_000);
    await t.env.sleep(10 * DAY);
    await holder.executeUpdate('suspend', { args: [{ at: await iso(), by: 'test', until: addPeriod(await iso(), 'P2M'), reason: 'misbruik logo', requestedByHolder: false }] });
    await t.env.sleep(2 * DAY);
    const [lost] = await t.smtp.waitFor((m) => m.recipients.includes(coordinatorMail(kvk)) && /korting op de Social Return-verplichting vervallen/.test(m.subject));
    expect(lost.text).toContain('keurmerk is suspended');
    const after = await sroiState(h);
    expect(after.obligation).toBe(100_000);
    expect(after.progress.shortfall).toBe(100_000);
    expect(after.credit?.lostReason).toMatch(/suspended/);
    await drained(h, hNone);
  }, 180_000);
});
