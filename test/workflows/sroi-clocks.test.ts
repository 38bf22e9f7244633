// The SROI clocks at their boundaries, at odd hours: contact within one week of the award (SROI-3),
// plan approval within 6 weeks, extendable in writing to at most 12 and never beyond (SROI-4), across a
// daylight-saving change; the obligation by the scheme (SROI-1) and the valuation of a plan (SROI-2).
import { describe, expect, it } from '@jest/globals';
import { DateTime } from 'luxon';
import { contactDeadline, getScheme, planApprovalDeadline } from '../../domain';
import { useKeurmerkEnv } from '../helpers/keurmerk-env';
import { nextKvk } from '../helpers/sebo-fixtures';
import { contractorMail, coordinatorMail, drained, refusal, sroiAct, sroiCase, sroiState, startSroi } from '../helpers/sroi-fixtures';

const ZONE = 'Europe/Amsterdam';
const sroi = getScheme('sroi-amersfoort');
const local = (iso: string) => DateTime.fromISO(iso, { zone: ZONE });

describe('SROI clocks', () => {
  const t = useKeurmerkEnv();
  const advanceTo = async (at: DateTime) => {
    const now = (await t.now()).getTime();
    if (at.toMillis() > now) await t.env.sleep(at.toMillis() - now);
  };
  const nowLocal = async () => DateTime.fromJSDate(await t.now(), { zone: ZONE });
  const escalated = (kvk: string, what: RegExp) => t.smtp.matching((m) => m.recipients.includes(contractorMail(kvk)) && /termijn verstreken/.test(m.subject) && what.test(m.subject));

  it('SROI-3: contact at 23:30 on the seventh day after an award at 23:30 is in time; at 00:30 the day after it is late and escalated to both readers', async () => {
    const [onTime, late] = [nextKvk(), nextKvk()];
    const award = (await nowLocal()).plus({ days: 1 }).set({ hour: 23, minute: 30, second: 0, millisecond: 0 });
    await advanceTo(award);
    const ends = award.plus({ years: 1 }).toISODate()!;
    const a = t.track(await startSroi(t, sroiCase(onTime, award.toISO()!, { contractEndsOn: ends })));
    const b = t.track(await startSroi(t, sroiCase(late, award.toISO()!, { contractEndsOn: ends })));
    const due = local(contactDeadline(sroi, award.toISO()!));
    expect(due.toISODate()).toBe(award.plus({ days: 7 }).toISODate());

    await advanceTo(due.set({ hour: 23, minute: 30 }));
    await sroiAct(t, a, 'sroiContactRecorded');
    expect((await sroiState(a)).contactLate).toBe(false);
    await advanceTo(due.plus({ minutes: 31 }));
    const [ce, co] = [
      await t.smtp.waitFor((m) => m.recipients.includes(contractorMail(late)) && /termijn verstreken: contact opnemen/.test(m.subject)),
      await t.smtp.waitFor((m) => m.recipients.includes(coordinatorMail(late)) && /termijn verstreken: contact opnemen/.test(m.subject)),
    ];
    expect(ce[0].text).toMatch(/Beste Sanne Visser/);
    expect(co[0].text).toMatch(/Beste Roel Coördinator/);
    await sroiAct(t, b, 'sroiContactRecorded');
    expect((await sroiState(b)).contactLate).toBe(true);
    expect(escalated(onTime, /contact opnemen/)).toHaveLength(0);
    expect(await refusal(sroiAct(t, a, 'sroiContactRecorded'))).toMatch(/contact was already recorded/);
    await drained(a, b);
  }, 180_000);

  it('SROI-4: approval at 23:30 on the last day of the 6 weeks (a daylight-saving day) is in time, at 00:30 after it late; an extension reaches 23:30 on the last day of the 12 weeks, never 00:30 after it', async () => {
    const [inTime, lateOne, extended] = [nextKvk(), nextKvk(), nextKvk()];
    // The 6 weeks end on the last Sunday of March, when the clocks go forward.
    const now = await nowLocal();
    let year = now.year;
    const dstDay = (y: number) => {
      const end = DateTime.fromObject({ year: y, month: 3, day: 31 }, { zone: ZONE });
      return end.minus({ days: end.weekday % 7 });
    };
    while (dstDay(year).minus({ weeks: 6, days: 1 }) <= now) year += 1;
    const award = dstDay(year).minus({ weeks: 6 }).set({ hour: 23, minute: 30 });
    await advanceTo(award);
    const ends = award.plus({ years: 1 }).toISODate()!;
    const a = t.track(await startSroi(t, sroiCase(inTime, award.toISO()!, { contractEndsOn: ends })));
    const b = t.track(await startSroi(t, sroiCase(lateOne, award.toISO()!, { contractEndsOn: ends })));
    const c = t.track(await startSroi(t, sroiCase(extended, award.toISO()!, { contractEndsOn: ends })));
    const due = local(planApprovalDeadline(sroi, award.toISO()!));
    expect(due.toISODate()).toBe(dstDay(year).toISODate());
    expect(due.offset).toBe(120);
    const plan = { lines: [{ bouwblok: 'hire-benefit', units: 25 }] };

    await advanceTo(due.set({ hour: 23, minute: 30 }));
    await sroiAct(t, a, 'sroiPlanAssessed', plan);
    expect((await sroiState(a)).plan?.late).toBe(false);
    await advanceTo(due.plus({ minutes: 31 }));
    await t.smtp.waitFor((m) => m.recipients.includes(contractorMail(lateOne)) && /termijn verstreken: het plan van aanpak/.test(m.subject));
    await sroiAct(t, b, 'sroiPlanAssessed', plan);
    expect((await sroiState(b)).plan?.late).toBe(true);
    expect(escalated(inTime, /plan van aanpak/)).toHaveLength(0);

    // c: extended in writing, at most to 12 weeks after the award.
    const max = local(planApprovalDeadline(sroi, award.toISO()!, true));
    expect(max.toISODate()).toBe(award.plus({ weeks: 12 }).toISODate());
    const beyond = max.plus({ days: 1 }).set({ hour: 0, minute: 30 });
    expect(await refusal(sroiAct(t, c, 'sroiPlanTermExtended', { until: beyond.toISO(), reason: 'te laat' }))).toMatch(/SROI-4: the approval term can be extended to at most P12W/);
    expect((await sroiState(c)).planDeadlineExtended).toBe(false);
    await sroiAct(t, c, 'sroiPlanTermExtended', { until: max.set({ hour: 23, minute: 30 }).toISO(), reason: 'kandidaten in selectie' });
    expect(await refusal(sroiAct(t, c, 'sroiPlanTermExtended', { until: max.set({ hour: 12 }).toISO(), reason: 'korter' }))).toMatch(/is not after the current term/);
    expect(local((await sroiState(c)).planDeadline).toFormat('yyyy-MM-dd HH:mm')).toBe(max.set({ hour: 23, minute: 30 }).toFormat('yyyy-MM-dd HH:mm'));
    // The extended term is what escalates now: nothing until it passes, then both readers hear.
    await advanceTo(max.set({ hour: 23, minute: 0 }));
    expect(escalated(extended, /plan van aanpak/)).toHaveLength(1);
    await advanceTo(max.plus({ minutes: 1 }));
    await t.smtp.waitFor((m) => m.recipients.includes(coordinatorMail(extended)) && /termijn verstreken: het plan van aanpak/.test(m.subject), 2);
    await drained(a, b, c);
  }, 180_000);

  it('SROI-1, SROI-2: a small contract asks a social activity; the wage-sum basis takes 10 %; a plan with an unknown block is refused and nothing changes', async () => {
    const [small, wages] = [nextKvk(), nextKvk()];
    const now = await nowLocal();
    const ends = now.plus({ years: 1 }).toISODate()!;
    const s = t.track(await startSroi(t, sroiCase(small, now.toISO()!, { contractSum: 80_000, contractEndsOn: ends, municipality: 'soest' })));
    const w = t.track(await startSroi(t, sroiCase(wages, now.toISO()!, { contractSum: 900_000, basis: 'wage-sum', wageSum: 300_000, contractEndsOn: ends, municipality: 'Baarn' })));
    const [mail] = await t.smtp.waitFor((m) => m.recipients.includes(contractorMail(small)) && /Social Return bij opdracht/.test(m.subject));
    expect(mail.text).toMatch(/maatschappelijke activiteit/);
    const st = await sroiState(s);
    expect(st.baseObligation.kind).toBe('social-activity');
    expect(st.municipality).toBe('Soest');
    const sw = await sroiState(w);
    expect(sw.obligation).toBe(30_000);
    const [wm] = await t.smtp.waitFor((m) => m.recipients.includes(contractorMail(wages)) && /Social Return bij opdracht/.test(m.subject));
    expect(wm.text).toContain('10 % van de loonsom van € 300.000,00');

    expect(await refusal(sroiAct(t, w, 'sroiPlanAssessed', { lines: [{ bouwblok: 'golf-day', units: 1 }] }))).toMatch(/unknown bouwblok "golf-day"/);
    expect((await sroiState(w)).planRefusals).toEqual([]);
    expect(await refusal(sroiAct(t, s, 'sroiPlanAssessed', { lines: [{ bouwblok: 'social-activity', units: 1 }] }))).toMatch(/"social-activity" has no fixed value; the value set beforehand is required/);
    const refusedSmall = await sroiAct(t, s, 'sroiPlanAssessed', { lines: [{ bouwblok: 'internship', units: 2 }] });
    expect(refusedSmall.message).toMatch(/a small contract needs a social activity/);
    await sroiAct(t, s, 'sroiPlanAssessed', { lines: [{ bouwblok: 'social-activity', units: 1, valuePerUnit: 2_500, description: 'gastlessen techniek op het mbo' }] });
    const approved = await sroiState(s);
    expect(approved.obligation).toBe(2_500);
    await sroiAct(t, s, 'sroiRealisationRecorded', { bouwblok: 'social-activity', units: 1, evidence: ['verslag gastlessen'] });
    expect((await sroiState(s)).progress).toMatchObject({ realised: 2_500, percent: 100, shortfall: 0 });
    await drained(s, w);
  }, 180_000);
});
