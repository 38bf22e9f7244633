// The holder workflow (SEBO-T10..T13, SEBO-R1..R3, SEBO-R6) and the full life of one company over more
// than four years, through the real SDK on the time-skipping devserver with a real SMTP server.
import { describe, expect, it } from '@jest/globals';
import { addPeriod, deadline, subtractPeriod, conversationsDue, criteriaChangeDates as criteriaDates, renewalSchedule, startOfDayAfter, validity } from '../../domain';
import { criteriaChangeWorkflowId, registerQuery, WORKFLOW_TYPES, type CriteriaChangeStart } from '../../workflows/definitions';
import { DEFAULT_REMINDER_POLICY, nextDigestAt } from '../../workflows/reminder-policy';
import { NEXT_DEADLINE } from '../../workflows/search-attributes';
import { CI_EMAIL, MUNICIPALITY_EMAIL, useKeurmerkEnv } from '../helpers/keurmerk-env';
import { DAY, nextKvk, seboApplication, startApplication, startHolder, status } from '../helpers/sebo-fixtures';
import { act, advance, advanceTo, DIGEST_SUBJECT, HOUR, nowIso, refused, sebo, throughAudit, throughMeeting } from '../helpers/sebo-steps';

/** `actual` is `expected` give or take `slackMs`; a failure shows both dates and how far apart they are. */
// Under a busy machine a time-skipped timer fires a few real seconds late; deadlines are days apart.
const near = (actual: Date | undefined, expected: string | Date, slackMs = 60_000) => {
  const want = new Date(expected);
  const off = actual ? Math.abs(actual.getTime() - want.getTime()) : Infinity;
  expect({ actual: actual?.toISOString(), expected: want.toISOString(), within: off <= slackMs }).toEqual({ actual: actual?.toISOString(), expected: want.toISOString(), within: true });
};
const holderMail = (kvk: string) => `houder.${kvk}@holder.example`;
async function eventually<T>(probe: () => Promise<T | undefined>, timeoutMs = 10_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error('condition not reached in time');
    await new Promise((r) => setTimeout(r, 50));
  }
}
const plus = (at: string | Date, ms: number) => new Date(new Date(at).getTime() + ms);

describe('holder workflow (SEBO)', () => {
  const t = useKeurmerkEnv();

  async function listAll(query: string) {
    const out = [];
    for await (const wf of t.client.workflow.list({ query })) out.push(wf);
    return out;
  }

  async function inRegister(workflowId: string): Promise<boolean> {
    for await (const wf of t.client.workflow.list({ query: registerQuery('sebo') })) if (wf.workflowId === workflowId) return true;
    return false;
  }

  it('SEBO-T11: every year the SEBO conversation is due; recorded by the accountmanager, refused when none is due', async () => {
    const kvk = nextKvk();
    const now = await t.now();
    const h = t.track(await startHolder(t, kvk, now, new Date(now.getTime() + 730 * DAY)));
    await refused(act(t, h, 'yearlyConversationHeld'), /no SEBO conversation is due now/);
    const [listed] = await listAll(`KeurmerkCaseKind = 'holder' AND KeurmerkKvkNumber = '${kvk}'`);
    // SEBO-T13: the expiry is the next deadline
    expect(listed.typedSearchAttributes.get(NEXT_DEADLINE)?.toISOString()).toBe(new Date((await status(t, h.workflowId)).validity!.expiresAt).toISOString());
    const s = await status(t, h.workflowId);
    const [due] = conversationsDue(sebo, s.validity!);
    await advanceTo(t, plus(due, HOUR));
    const [mail] = await t.smtp.waitFor((m) => m.recipients.includes(holderMail(kvk)) && /jaarlijks gesprek/.test(m.subject));
    // one email per reader: the holder is told what to bring, the accountmanager the command
    expect(mail.recipients).toStrictEqual([holderMail(kvk)]);
    expect(mail.text).toMatch(/Criteria SEBO-Keurmerk, paragraaf 7\.2/);
    const [toAm] = await t.smtp.waitFor((m) => m.recipients.includes(`am.${kvk}@wsp.example`) && /jaarlijks gesprek/.test(m.subject));
    expect(toAm.text).toContain(`keurmerk conversation-held ${kvk}`);
    near(mail.date, due);
    expect((await status(t, h.workflowId)).openDeadlines.map((d) => [d.action, d.ruleId])).toStrictEqual([['yearlyConversationHeld', 'SEBO-T11']]);
    await act(t, h, 'yearlyConversationHeld', { notes: 'doelen gehaald' });
    expect((await status(t, h.workflowId)).openDeadlines).toStrictEqual([]);
  });

  it('SEBO-R2, SEBO-R6: suspension at most 6 months, extended once; meanwhile out of the public register; other holders informed; past its end the municipality is asked to decide', async () => {
    const [a, b] = [nextKvk(), nextKvk()];
    const now = await t.now();
    const ha = t.track(await startHolder(t, a, now, new Date(now.getTime() + 730 * DAY)));
    const hb = t.track(await startHolder(t, b, now, new Date(now.getTime() + 730 * DAY)));
    await t.smtp.waitFor((m) => m.recipients.includes(holderMail(b)) && /certificaat$/.test(m.subject));
    expect(await inRegister(ha.workflowId)).toBe(true);

    await refused(act(t, ha, 'suspend', { until: addPeriod(now, 'P7M'), reason: 'misbruik logo' }), /SEBO-R2: a suspension lasts at most P6M/);
    await refused(act(t, ha, 'liftSuspension'), /not suspended/);
    const until = addPeriod(await nowIso(t), 'P5M');
    await act(t, ha, 'suspend', { until, reason: 'eigen verzoek: reorganisatie', requestedByHolder: true });
    const suspended = await status(t, ha.workflowId);
    expect(suspended.stage).toBe('SUSPENDED');
    expect(suspended.inRegister).toBe(false);
    // SEBO-R6: a suspended holder is not in the public register
    expect(await inRegister(ha.workflowId)).toBe(false);
    expect(await inRegister(hb.workflowId)).toBe(true);
    await t.smtp.waitFor((m) => m.recipients.includes(holderMail(a)) && /keurmerk geschorst/.test(m.subject));
    const [informed] = await t.smtp.waitFor((m) => m.recipients.includes(holderMail(b)) && /mededeling over/.test(m.subject) && m.subject.includes(a));
    expect(informed.recipients).not.toContain(holderMail(a));

    const extended = addPeriod(suspended.suspension!.from, 'P10M');
    await act(t, ha, 'extendSuspension', { until: extended, reason: 'bijzondere omstandigheden' });
    await refused(act(t, ha, 'extendSuspension', { until: addPeriod(suspended.suspension!.from, 'P11M'), reason: 'nog eens' }), /only once/);

    await advanceTo(t, plus(extended, HOUR));
    const [ask] = await t.smtp.waitFor((m) => m.recipients.includes(MUNICIPALITY_EMAIL) && /^Termijn verstreken/.test(m.subject) && m.subject.includes(a));
    // escalation to the party in its own email; the accountmanager reads it in the next digest
    expect(ask.recipients).toStrictEqual([MUNICIPALITY_EMAIL]);
    expect(ask.text).toContain(`keurmerk lift-suspension ${a}`);
    near(ask.date, extended);
    await advanceTo(t, plus(nextDigestAt(extended, '08:00'), HOUR));
    const [askDigest] = await t.smtp.waitFor((m) => m.recipients.includes(`am.${a}@wsp.example`) && DIGEST_SUBJECT.test(m.subject) && m.text.includes(`KvK ${a}`));
    expect(askDigest.text).toContain(`\`keurmerk lift-suspension ${a}\``);
    // people decide: still suspended
    expect((await status(t, ha.workflowId)).stage).toBe('SUSPENDED');
    await act(t, ha, 'liftSuspension', { reason: 'oorzaak weggenomen' });
    expect((await status(t, ha.workflowId)).stage).toBe('REGISTERED');
    expect(await inRegister(ha.workflowId)).toBe(true);
  });

  it('SEBO-R3, SEBO-R6: withdrawal ends the case, is made known to the other holders, and the company leaves the register', async () => {
    const [a, b] = [nextKvk(), nextKvk()];
    const now = await t.now();
    const ha = t.track(await startHolder(t, a, now, new Date(now.getTime() + 730 * DAY)));
    t.track(await startHolder(t, b, now, new Date(now.getTime() + 730 * DAY)));
    await t.smtp.waitFor((m) => m.recipients.includes(holderMail(b)) && /certificaat$/.test(m.subject));
    await refused(act(t, ha, 'withdraw', { ground: 'stop', explanation: 'x' }), /ground/);
    await act(t, ha, 'withdraw', { ground: 'misuse-in-bad-faith', explanation: 'logo na sommatie gebruikt' });
    const result = await ha.result();
    expect(result.outcome).toBe('withdrawn');
    await t.smtp.waitFor((m) => m.recipients.includes(holderMail(a)) && /keurmerk ingetrokken/.test(m.subject));
    await t.smtp.waitFor((m) => m.recipients.includes(holderMail(b)) && /mededeling over/.test(m.subject) && m.text.includes('ingetrokken'));
    expect(await inRegister(ha.workflowId)).toBe(false);
    await refused(act(t, ha, 'suspend', { until: addPeriod(now, 'P1M'), reason: 'x' }), /./);
  });

  it('SEBO-R1: publishing criteria notifies every holder; they bind after the transition; an objector keeps the old ones until notice + 1 year, then must apply anew', async () => {
    const [c, d] = [nextKvk(), nextKvk()];
    const now = await t.now();
    const hc = t.track(await startHolder(t, c, now, new Date(now.getTime() + 900 * DAY)));
    const hd = t.track(await startHolder(t, d, now, new Date(now.getTime() + 900 * DAY)));
    await t.smtp.waitFor((m) => m.recipients.includes(holderMail(d)) && /certificaat$/.test(m.subject));
    const version = `v${c}`;
    const start: CriteriaChangeStart = { schemeId: 'sebo', at: await nowIso(t), by: 'gemeente', criteriaVersion: version, summary: 'criterium 3.1: twee programma’s' };
    // Started, not executed: awaiting a result lets the time-skipping server run ahead (see report).
    const publishing = await t.client.workflow.start(WORKFLOW_TYPES.criteriaChange, {
      taskQueue: t.taskQueue,
      workflowId: criteriaChangeWorkflowId('sebo', version),
      args: [start],
    });
    for (const k of [c, d]) {
      const [mail] = await t.smtp.waitFor((m) => m.recipients.includes(holderMail(k)) && m.subject.includes(version));
      expect(mail.text).toMatch(/twee programma’s/);
    }
    const pending = await eventually(async () => (await status(t, hd.workflowId)).criteria?.pending);
    const expected = criteriaDates(sebo, pending.noticeAt);
    expect(pending.bindingFrom).toBe(expected.bindingFrom);
    await act(t, hd, 'holderObjects', { criteriaVersion: version, reason: 'niet haalbaar' });
    await refused(act(t, hd, 'holderObjects', { criteriaVersion: version }), /already recorded/);

    await advanceTo(t, plus(expected.bindingFrom, HOUR));
    expect((await status(t, hc.workflowId)).criteria?.version).toBe(version);
    const objector = await status(t, hd.workflowId);
    expect(objector.criteria?.version).toBe('current');
    expect(objector.criteria?.pending?.objected).toBe(true);
    await refused(act(t, hc, 'holderObjects', { criteriaVersion: version }), /no pending criteria change/);

    await advanceTo(t, plus(expected.oldCriteriaUntil, HOUR));
    const [reapply] = await t.smtp.waitFor((m) => m.recipients.includes(holderMail(d)) && /opnieuw aanvragen/.test(m.subject));
    near(reapply.date, expected.oldCriteriaUntil);
    const ended = await hd.result();
    expect(ended.outcome).toBe('lapsed');
    expect((await publishing.result()).holdersNotified).toBeGreaterThanOrEqual(2);
    expect((await status(t, hc.workflowId)).stage).toBe('REGISTERED');
  });

  it('SEBO-T12, SEBO-T13: re-keuring reminder to holder and CI, escalation to the accountmanager; a renewal granted in time extends the validity; without one the keurmerk lapses', async () => {
    const [e, f] = [nextKvk(), nextKvk()];
    const now = await t.now();
    const expiresAt = startOfDayAfter(sebo, addPeriod(now, 'P3M'), 'P10D');
    const validFrom = new Date(new Date(expiresAt).getTime() - 700 * DAY);
    const he = t.track(await startHolder(t, e, validFrom, new Date(expiresAt)));
    const hf = t.track(await startHolder(t, f, validFrom, new Date(expiresAt)));
    const { remindAt, escalateAt } = renewalSchedule(sebo, (await status(t, he.workflowId)).validity!.expiresAt);
    // SEBO-T8 for a holder: nothing to follow before a re-keuring was rejected.
    await refused(act(t, he, 'secondKeuringRequested', { causesRemoved: 'x' }), /no rejected re-keuring/);

    await advanceTo(t, plus(remindAt, HOUR));
    for (const k of [e, f]) {
      const [due] = await t.smtp.waitFor((m) => m.recipients.includes(holderMail(k)) && /herkeuring starten/.test(m.subject));
      expect(due.recipients).toStrictEqual([holderMail(k)]);
      const [toCi] = await t.smtp.waitFor((m) => m.recipients.includes(CI_EMAIL) && /herkeuring starten/.test(m.subject) && m.subject.includes(k));
      expect(toCi.text).toContain(`keurmerk renewal-started ${k}`);
      near(due.date, remindAt);
    }
    await advanceTo(t, plus(escalateAt!, HOUR));
    await t.smtp.waitFor((m) => m.recipients.includes(CI_EMAIL) && /^Termijn verstreken/.test(m.subject) && m.subject.includes(f));
    await advanceTo(t, plus(nextDigestAt(escalateAt!, '08:00'), HOUR));
    const [esc] = await t.smtp.waitFor((m) => m.recipients.includes(`am.${f}@wsp.example`) && DIGEST_SUBJECT.test(m.subject) && /herkeuring/.test(m.text));
    expect(esc.recipients).toStrictEqual([`am.${f}@wsp.example`]);
    expect(esc.text).toContain(`\`keurmerk renewal-started ${f}\``);
    expect(esc.date?.toISOString()).toBe(new Date(nextDigestAt(escalateAt!, '08:00')).toISOString());

    await act(t, he, 'renewalStarted');
    expect((await status(t, he.workflowId)).stage).toBe('RENEWAL');
    // a holder in re-keuring stays in the register
    expect(await inRegister(he.workflowId)).toBe(true);
    await throughAudit(t, he, 'positive');
    await act(t, he, 'decision', { outcome: 'granted' });
    const [extended] = await t.smtp.waitFor((m) => m.recipients.includes(holderMail(e)) && /keurmerk verlengd/.test(m.subject));
    expect(extended.attachments[0]?.contentType).toBe('application/pdf');
    const renewed = await status(t, he.workflowId);
    expect(renewed.stage).toBe('REGISTERED');
    expect(renewed.validity!.expiresAt).toBe(validity(sebo, { decidedAt: await nowIso(t), renewal: true, previousExpiresAt: expiresAt }).expiresAt);

    await advanceTo(t, plus(expiresAt, HOUR));
    const warnAt = subtractPeriod(expiresAt, 'P3D');
    const [warning] = await t.smtp.waitFor((m) => m.recipients.includes(holderMail(f)) && /keurmerk vervalt op/.test(m.subject));
    near(warning.date, warnAt);
    // no warning for the renewed holder
    expect(t.smtp.matching((m) => m.recipients.includes(holderMail(e)) && /keurmerk vervalt op/.test(m.subject)).length).toBe(0);
    const [lapsed] = await t.smtp.waitFor((m) => m.recipients.includes(holderMail(f)) && /keurmerk vervallen/.test(m.subject));
    near(lapsed.date, expiresAt);
    expect((await hf.result()).outcome).toBe('lapsed');
    expect(await inRegister(hf.workflowId)).toBe(false);
    // the renewed holder did not lapse
    expect((await status(t, he.workflowId)).stage).toBe('REGISTERED');
  });

  it('SEBO life of a company over more than four years: apply, reject, second keuring, grant, suspension, criteria change, renewal, lapse', async () => {
    const kvk = nextKvk();
    const applicant = `els.${kvk}@bakker.example`;
    const am = `am.${kvk}@wsp.example`;
    const mine = (re: RegExp) => (m: { recipients: string[]; subject: string }) => m.recipients.includes(applicant) && re.test(m.subject);
    const started = await t.now();
    const h = t.track(await startApplication(t, seboApplication(kvk, started)));
    const [received] = await t.smtp.waitFor(mine(/aanvraag ontvangen/));
    near(received.date, started);

    await throughMeeting(t, h);
    await throughAudit(t, h, 'negative');
    await act(t, h, 'decision', { outcome: 'rejected', reason: 'criterium 4.1' });
    await t.smtp.waitFor(mine(/keurmerk niet verleend$/));
    await advance(t, 30 * DAY);
    await act(t, h, 'secondKeuringRequested', { causesRemoved: 'uren onbezoldigde inzet aangetoond' });
    await throughAudit(t, h, 'positive', false);
    await act(t, h, 'decision', { outcome: 'granted' });
    const grantedAt = await t.now();
    const [certificate] = await t.smtp.waitFor(mine(/certificaat$/));
    expect(certificate.recipients).toStrictEqual([applicant]);
    await t.smtp.waitFor((m) => m.recipients.includes(CI_EMAIL) && /certificaat$/.test(m.subject) && m.subject.includes(kvk));
    near(certificate.date, grantedAt);
    const firstValidity = (await status(t, h.workflowId)).validity!;

    // SEBO-T11: first yearly conversation, held.
    const [conversation] = conversationsDue(sebo, firstValidity);
    await advanceTo(t, plus(conversation, HOUR));
    await t.smtp.waitFor(mine(/jaarlijks gesprek/));
    await act(t, h, 'yearlyConversationHeld');

    // SEBO-R2: suspended for two months, then lifted.
    await act(t, h, 'suspend', { until: addPeriod(await nowIso(t), 'P2M'), reason: 'klacht in onderzoek' });
    await advance(t, 40 * DAY);
    await act(t, h, 'liftSuspension');
    expect((await status(t, h.workflowId)).stage).toBe('REGISTERED');

    // SEBO-R1: new criteria, accepted (no objection): they bind after six months.
    const version = `life-${kvk}`;
    await t.client.workflow.start(WORKFLOW_TYPES.criteriaChange, {
      taskQueue: t.taskQueue,
      workflowId: criteriaChangeWorkflowId('sebo', version),
      args: [{ schemeId: 'sebo', at: await nowIso(t), criteriaVersion: version, summary: 'nieuwe lokale programma’s' } satisfies CriteriaChangeStart],
    });
    await t.smtp.waitFor((m) => m.recipients.includes(applicant) && m.subject.includes(version));
    const change = await eventually(async () => (await status(t, h.workflowId)).criteria?.pending);
    await advanceTo(t, plus(change.bindingFrom, HOUR));
    expect((await status(t, h.workflowId)).criteria?.version).toBe(version);

    // SEBO-T12: re-keuring, granted in time: validity extended from the old expiry.
    const { remindAt } = renewalSchedule(sebo, firstValidity.expiresAt);
    await advanceTo(t, plus(remindAt, HOUR));
    const [rekeuring] = await t.smtp.waitFor(mine(/herkeuring starten/));
    near(rekeuring.date, remindAt);
    await act(t, h, 'renewalStarted');
    await throughAudit(t, h, 'positive');
    await act(t, h, 'decision', { outcome: 'granted' });
    await t.smtp.waitFor(mine(/keurmerk verlengd/));
    const second = (await status(t, h.workflowId)).validity!;
    // the renewal continues seamlessly from the old expiry
    expect(second.validFrom).toBe(firstValidity.expiresAt);

    // SEBO-T13: the next re-keuring is not started: escalations, then the keurmerk lapses at expiry.
    const result = await h.result();
    expect(result.outcome).toBe('lapsed');
    const [lapsed] = await t.smtp.waitFor(mine(/keurmerk vervallen/));
    near(lapsed.date, second.expiresAt);
    expect(lapsed.recipients).toStrictEqual([applicant]);
    expect(lapsed.text).toContain('Geschillencommissie SEBO-Keurmerk');
    await t.smtp.waitFor((m) => [am, CI_EMAIL].some((r) => m.recipients.includes(r)) && /keurmerk vervallen/.test(m.subject) && m.subject.includes(kvk), 2);
    const years = (lapsed.date!.getTime() - started.getTime()) / (365.25 * DAY);
    // the life spans more than four years
    expect(years).toBeGreaterThan(4);
    const escalations = t.smtp.matching((m) => m.recipients.includes(am) && DIGEST_SUBJECT.test(m.subject) && /herkeuring/.test(m.text));
    // the unstarted second re-keuring was escalated to the accountmanager
    expect(escalations.length).toBeGreaterThanOrEqual(1);
    expect((await status(t, h.workflowId)).stage).toBe('LAPSED');
  });

  it('continue-as-new: a holder living for years hands over to fresh runs; open deadlines and the SEBO-T11 conversation carry over', async () => {
    const kvk = nextKvk();
    const now = await t.now();
    // one email per escalation (digestAt "off"), to count them across runs
    const policy = { ...DEFAULT_REMINDER_POLICY, escalateEvery: 'P1D', escalationGrowth: 1, digestAt: 'off' };
    const h = t.track(await startHolder(t, kvk, now, new Date(now.getTime() + 730 * DAY), 'sebo', { policy, continueAsNewAfterEvents: 50 }));
    const firstRun = (await h.describe()).runId;
    const [due] = conversationsDue(sebo, (await status(t, h.workflowId)).validity!);
    await advanceTo(t, plus(deadline(due, 'P1M'), 15 * DAY + HOUR));
    const escalations = await t.smtp.waitFor((m) => m.recipients.includes(`am.${kvk}@wsp.example`) && /^Termijn verstreken/.test(m.subject), 16);
    // the holder continued as new
    expect((await h.describe()).runId).not.toBe(firstRun);
    const s = await status(t, h.workflowId);
    expect(s.stage).toBe('REGISTERED');
    expect(s.history.filter((e) => /escalation/.test(e.what)).length).toBe(escalations.length);
    // the certificate is not sent again by a new run
    expect(t.smtp.matching((m) => m.recipients.includes(holderMail(kvk)) && /certificaat$/.test(m.subject)).length).toBe(1);
    await act(t, h, 'yearlyConversationHeld');
    expect((await status(t, h.workflowId)).openDeadlines).toStrictEqual([]);
  });
});
