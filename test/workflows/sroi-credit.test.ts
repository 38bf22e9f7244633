// Keurmerk credit across schemes: an SROI case looks up the contractor's live keurmerk holder cases at
// award and lowers the obligation by the share the SROI scheme's definition sets (SROI-1 with WP-5); a
// suspension or lapse of that holder during the contract is noticed (daily check) and told to the
// coordinator, and the credit is lost. Real holder workflows on the same time-skipping server.
import { describe, expect, it } from '@jest/globals';
import { addPeriod } from '../../domain';
import { SROI_OBLIGATION } from '../../workflows/search-attributes';
import { useKeurmerkEnv } from '../helpers/keurmerk-env';
import { DAY, nextKvk, startHolder } from '../helpers/sebo-fixtures';
import { contractorMail, coordinatorMail, drained, sroiAct, sroiCase, sroiState, startSroi } from '../helpers/sroi-fixtures';

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
