// The reglement's boundaries for a holder (seed 004, bijlagen 2 and 3), through the real SDK on the
// time-skipping devserver with a real SMTP server: on both sides of each boundary, at 23:30 local and
// on a daylight-saving change day.
import { describe, expect, it } from '@jest/globals';
import { DateTime } from 'luxon';
import {
  addPeriod,
  deadline,
  earliestBinding,
  extensionLimit,
  lastValidDay,
  renewalSchedule,
  startOfDayAfter,
  validity,
} from '../../domain';
import { formatRegister } from '../../client/register-formats';
import { criteriaChangeWorkflowId, WORKFLOW_TYPES, type CriteriaChangeStart } from '../../workflows/definitions';
import { CI_EMAIL, useKeurmerkEnv } from '../helpers/keurmerk-env';
import { DAY, nextKvk, startHolder, status } from '../helpers/sebo-fixtures';
import { act, advanceTo, HOUR, nowIso, refused, sebo, throughAudit } from '../helpers/sebo-steps';
import { dstDayYearsAhead, eventually, isDstChangeDay, localOn, MINUTE, nextLocal, pdfText, plus, register, ZONE } from '../helpers/reglement-steps';

const dutch = (day: string) => DateTime.fromISO(day, { zone: ZONE }).setLocale('nl').toFormat('d MMMM yyyy');
const holderMail = (kvk: string) => `houder.${kvk}@holder.example`;

// Each test has its own server (describe per test): a run terminated when a test ends may keep a
// time-skipping lock on the devserver, as on the official test server, and stop time for the next test.
function each(title: string, body: (t: ReturnType<typeof useKeurmerkEnv>) => Promise<void>): void {
  describe(title.split(':')[0], () => {
    const t = useKeurmerkEnv();
    it(title, () => body(t));
  });
}

describe('SEBO reglement: holder', () => {

  each('SEBO-T10, SEBO-T13: one "valid until" everywhere (PDF, email, status, register) that matches the lapse; decided at 23:30, lapsing on a DST-change day', async (t) => {
    const { dstDay, yearsBefore } = dstDayYearsAhead(await t.now(), 2);
    const decidedAt = localOn(yearsBefore, 23, 30);
    await advanceTo(t, decidedAt);
    const kvk = nextKvk();
    const h = t.track(await startHolder(t, kvk, decidedAt, decidedAt, 'sebo', { validity: undefined, decidedAt: decidedAt.toISOString() }));
    const expected = validity(sebo, { decidedAt: decidedAt.toISOString(), renewal: false });
    const through = lastValidDay(expected.expiresAt, ZONE);
    expect(expected.expiresAt.slice(0, 10)).toBe(dstDay);
    expect(isDstChangeDay(DateTime.fromISO(dstDay, { zone: ZONE }))).toBe(true);

    const s = await status(t, h.workflowId);
    expect(s.validity).toMatchObject({ validFrom: expected.validFrom, expiresAt: expected.expiresAt, validThrough: through });
    const [mail] = await t.smtp.waitFor((m) => m.recipients.includes(holderMail(kvk)) && /certificaat$/.test(m.subject));
    expect(mail.text).toContain(`tot en met ${dutch(through)}`);
    expect(mail.text).not.toContain(`tot en met ${dutch(dstDay)}`);
    const pdf = pdfText(mail.attachments[0].content);
    expect(pdf.join(' ')).toContain(`tot en met ${dutch(through)}`);
    expect(pdf.join(' ')).not.toContain(`tot en met ${dutch(dstDay)}`);
    const entry = await eventually(async () => (await register(t)).find((e) => e.kvk === kvk));
    expect(entry).toMatchObject({ status: 'current', validThrough: through });
    expect(formatRegister([entry], 'csv')).toContain(`,${kvk},current,${through},,`);
    expect(formatRegister([entry], 'html')).toContain(`<span class="label geldig">Geldig</span></td><td>${dutch(through)}</td>`);

    // 23:30 on the last valid day: still a holder, in the register.
    await advanceTo(t, localOn(through, 23, 30));
    expect((await status(t, h.workflowId)).stage).toBe('REGISTERED');
    expect((await register(t)).some((e) => e.kvk === kvk)).toBe(true);
    // A minute into the DST day: lapsed, out of the register; the email names that day.
    await advanceTo(t, plus(expected.expiresAt, MINUTE));
    expect((await h.result()).outcome).toBe('lapsed');
    const [lapsed] = await t.smtp.waitFor((m) => m.recipients.includes(holderMail(kvk)) && /keurmerk vervallen/.test(m.subject));
    expect(lapsed.text).toContain(`op ${dutch(dstDay)} vervallen`);
    expect(Math.abs(lapsed.date!.getTime() - new Date(expected.expiresAt).getTime())).toBeLessThan(5_000);
    expect((await register(t)).some((e) => e.kvk === kvk)).toBe(false);
  });

  each('SEBO-T12: the re-keuring may start earlier than expiry - 3 months; a renewal granted in time continues from the old expiry; a second start is refused', async (t) => {
    const kvk = nextKvk();
    const now = await t.now();
    const expiresAt = startOfDayAfter(sebo, now, 'P8M');
    const h = t.track(await startHolder(t, kvk, new Date(now.getTime() - 480 * DAY), new Date(expiresAt)));
    const { remindAt } = renewalSchedule(sebo, expiresAt);
    const startAt = nextLocal(now, 23, 30);
    expect(startAt.getTime()).toBeLessThan(new Date(remindAt).getTime() - 100 * DAY);
    await advanceTo(t, startAt);
    await act(t, h, 'renewalStarted');
    const started = await status(t, h.workflowId);
    expect(started.stage).toBe('RENEWAL');
    expect(started.renewalStep).toBe('AUDIT_PLANNING');
    expect(started.inRegister).toBe(true);
    await refused(act(t, h, 'renewalStarted'), /already started/);
    await t.smtp.waitFor((m) => m.recipients.includes(CI_EMAIL) && m.subject.includes(kvk) && /doorgestuurd naar de certificerende instelling/.test(m.subject));
    await throughAudit(t, h, 'positive');
    await act(t, h, 'decision', { outcome: 'granted' });
    const renewed = await status(t, h.workflowId);
    expect(renewed.stage).toBe('REGISTERED');
    expect(renewed.validity!.validFrom).toBe(expiresAt);
    expect(renewed.validity!.expiresAt).toBe(validity(sebo, { decidedAt: await nowIso(t), renewal: true, previousExpiresAt: expiresAt }).expiresAt);
    // Past the old reminder date: no "start the re-keuring" email was needed.
    await advanceTo(t, plus(remindAt, HOUR));
    await t.smtp.waitFor((m) => m.recipients.includes(holderMail(kvk)) && /keurmerk verlengd/.test(m.subject));
    expect(t.smtp.matching((m) => m.recipients.includes(holderMail(kvk)) && /herkeuring starten/.test(m.subject))).toHaveLength(0);
  });

  each('SEBO-T8: a holder whose re-keuring is rejected uses the second keuring once; it keeps the keurmerk until expiry and no longer (reglement 2c); a later grant starts a new validity', async (t) => {
    const kvk = nextKvk();
    const now = await t.now();
    const expiresAt = startOfDayAfter(sebo, now, 'P5M');
    const h = t.track(await startHolder(t, kvk, new Date(now.getTime() - 570 * DAY), new Date(expiresAt)));
    await refused(act(t, h, 'secondKeuringRequested', { causesRemoved: 'x' }), /no rejected re-keuring/);
    await act(t, h, 'renewalStarted');
    await throughAudit(t, h, 'negative');
    await act(t, h, 'decision', { outcome: 'rejected', reason: 'criterium 3.1 niet gehaald' });
    const [rejected] = await t.smtp.waitFor((m) => m.recipients.includes(holderMail(kvk)) && /herkeuring niet positief/.test(m.subject));
    expect(rejected.text).toMatch(/eenmalig een tweede keuring aanvragen/);
    expect(rejected.text).toMatch(/artikel 2c/);
    const afterRejection = await status(t, h.workflowId);
    expect(afterRejection.stage).toBe('REGISTERED');
    expect(afterRejection.inRegister).toBe(true);
    expect(afterRejection.unmetCriteria).toEqual(['3.1']);
    expect(afterRejection.history.some((e) => e.ruleId === 'SEBO-T8' && /until .* and no longer/.test(e.what))).toBe(true);

    await act(t, h, 'secondKeuringRequested', { causesRemoved: 'aangemeld voor On Stage' });
    const second = await status(t, h.workflowId);
    expect(second.stage).toBe('RENEWAL');
    expect(second.renewalStep).toBe('AUDIT_PLANNING');
    await refused(act(t, h, 'secondKeuringRequested', { causesRemoved: 'x' }), /keuring is in progress/);
    const auditAt = new Date((await t.now()).getTime() + 7 * DAY);
    await act(t, h, 'auditPlanned', { auditAt: auditAt.toISOString() });

    // The validity ends while the second keuring runs: the right ends (out of the register), the keuring goes on.
    await advanceTo(t, plus(expiresAt, -30 * MINUTE));
    expect((await status(t, h.workflowId)).inRegister).toBe(true);
    await advanceTo(t, plus(expiresAt, MINUTE));
    const lapsed = await status(t, h.workflowId);
    expect(lapsed.stage).toBe('LAPSED');
    expect(lapsed.inRegister).toBe(false);
    expect(new Date(lapsed.lapsedAt!).getTime()).toBe(new Date(expiresAt).getTime());
    expect((await register(t)).some((e) => e.kvk === kvk)).toBe(false);
    const [lapseMail] = await t.smtp.waitFor((m) => m.recipients.includes(holderMail(kvk)) && /keurmerk vervallen/.test(m.subject));
    expect(lapseMail.text).toMatch(/keuring die nog loopt gaat door/);

    const doneAt = await nowIso(t);
    await act(t, h, 'auditDone', { at: doneAt, shortcomings: 'none' });
    await advanceTo(t, plus(deadline(doneAt, 'P2W'), HOUR));
    await act(t, h, 'reportAndAdvice', { advice: 'positive' });
    await act(t, h, 'decision', { outcome: 'granted' });
    const granted = await status(t, h.workflowId);
    expect(granted.stage).toBe('REGISTERED');
    expect(granted.validity!.validFrom).toBe(validity(sebo, { decidedAt: await nowIso(t), renewal: false }).validFrom);
    expect(granted.lapsedAt).toBeUndefined();
    await refused(act(t, h, 'secondKeuringRequested', { causesRemoved: 'x' }), /no rejected re-keuring/);
  });

  each('SEBO-R2: an extension adds at most 6 months to the current end; the register lists the suspended holder as suspended with the period, in every format', async (t) => {
    const kvk = nextKvk();
    const now = await t.now();
    const h = t.track(await startHolder(t, kvk, now, new Date(now.getTime() + 730 * DAY)));
    await advanceTo(t, nextLocal(now, 23, 30));
    const from = await nowIso(t);
    const until = addPeriod(from, 'P1M');
    await act(t, h, 'suspend', { until, reason: 'klacht in onderzoek' });
    const entry = await eventually(async () => (await register(t)).find((e) => e.kvk === kvk && e.status === 'suspended'));
    const fromDay = DateTime.fromISO(from, { zone: ZONE }).toISODate()!;
    expect(entry).toMatchObject({ status: 'suspended', suspendedFrom: fromDay, suspendedUntil: DateTime.fromISO(until, { zone: ZONE }).toISODate() });
    expect(formatRegister([entry], 'csv')).toContain(`,${kvk},suspended,`);
    expect(formatRegister([entry], 'html')).toContain(`Geschorst</span> van ${dutch(entry.suspendedFrom!)} tot en met ${dutch(entry.suspendedUntil!)}`);
    expect(JSON.parse(formatRegister([entry], 'json'))[0].status).toBe('suspended');
    expect((await status(t, h.workflowId)).listedAs).toBe('suspended');

    const limit = extensionLimit(sebo, until);
    // start + 12 months (the old bound) and one minute past current end + 6 months are refused.
    await refused(act(t, h, 'extendSuspension', { until: addPeriod(from, 'P11M'), reason: 'bijzonder geval' }), /at most P6M to the current end/);
    await refused(act(t, h, 'extendSuspension', { until: plus(limit, MINUTE).toISOString(), reason: 'bijzonder geval' }), /at most P6M to the current end/);
    const lastEvening = localOn(limit, 23, 30).toISOString();
    await act(t, h, 'extendSuspension', { until: lastEvening, reason: 'bijzonder geval' });
    expect((await status(t, h.workflowId)).suspension).toMatchObject({ until: lastEvening, extended: true });
    await refused(act(t, h, 'extendSuspension', { until: lastEvening, reason: 'nogmaals' }), /only once/);
    await act(t, h, 'liftSuspension', { reason: 'oorzaak weggenomen' });
    await eventually(async () => ((await register(t)).find((e) => e.kvk === kvk)?.status === 'current' ? true : undefined));
  });

  each('SEBO-R1: new criteria bind no earlier than six full months after the notice; a too-early binding date is refused with the earliest allowed date', async (t) => {
    const kvk = nextKvk();
    const now = await t.now();
    const h = t.track(await startHolder(t, kvk, now, new Date(now.getTime() + 730 * DAY)));
    await advanceTo(t, nextLocal(now, 23, 30));
    const noticeAt = await nowIso(t);
    const anniversary = DateTime.fromISO(addPeriod(noticeAt, 'P6M'), { zone: ZONE }).toISODate()!;
    const start = async (version: string, bindingFrom?: string) => {
      const args: CriteriaChangeStart = { schemeId: 'sebo', at: noticeAt, criteriaVersion: version, summary: 'criterium 3.1: twee programma\'s', ...(bindingFrom ? { bindingFrom } : {}) };
      return t.track(await t.client.workflow.start(WORKFLOW_TYPES.criteriaChange, { taskQueue: t.taskQueue, workflowId: criteriaChangeWorkflowId('sebo', version), args: [args] }));
    };
    const earliest = earliestBinding(sebo, noticeAt);
    const earliestDay = DateTime.fromISO(earliest, { zone: ZONE }).toISODate()!;
    const tooEarly = await start(`r1-early-${kvk}`, anniversary);
    // Polled, not awaited with result(): awaiting a result lets the time-skipping server jump to the next timer.
    const failure = await eventually(async () => {
      for await (const e of (await tooEarly.fetchHistory()).events ?? []) {
        const message = e.workflowExecutionFailedEventAttributes?.failure?.message;
        if (message) return message;
      }
      return undefined;
    });
    expect(failure).toMatch(new RegExp(`earliest allowed date is ${earliestDay}`));
    expect(failure).not.toMatch(/SDK|gRPC/);

    const version = `r1-${kvk}`;
    await start(version);
    const pending = await eventually(async () => (await status(t, h.workflowId)).criteria?.pending);
    expect(Math.abs(new Date(pending.noticeAt).getTime() - new Date(noticeAt).getTime())).toBeLessThan(60_000);
    expect(pending.bindingFrom).toBe(earliestBinding(sebo, pending.noticeAt));
    expect(DateTime.fromISO(pending.bindingFrom, { zone: ZONE }).toISODate()).toBe(DateTime.fromISO(anniversary, { zone: ZONE }).plus({ days: 1 }).toISODate());
    await advanceTo(t, localOn(anniversary, 23, 30));
    expect((await status(t, h.workflowId)).criteria!.version).toBe('current');
    await advanceTo(t, plus(pending.bindingFrom, MINUTE));
    expect((await status(t, h.workflowId)).criteria!.version).toBe(version);
  });
});
