// The reglement's boundaries for an application (seed 004, §2 and bijlage 2), through the real SDK on
// the time-skipping devserver with a real SMTP server: both sides of each boundary, at 23:30 local.
import { describe, expect, it } from '@jest/globals';
import { WorkflowExecutionAlreadyStartedError, type WorkflowHandle } from '@temporalio/client';
import { DateTime } from 'luxon';
import { deadline, meetingForIntake, newKeuringFrom, nextMeeting, supplementsDeadline } from '../../domain';
import { agendaQuery, membersMeetingWorkflowId } from '../../workflows/definitions';
import { useKeurmerkEnv } from '../helpers/keurmerk-env';
import { allDocuments, DAY, nextKvk, seboApplication, startApplication, status } from '../helpers/sebo-fixtures';
import { act, advanceTo, HOUR, nowIso, refused, sebo, throughAudit, throughMeeting } from '../helpers/sebo-steps';
import { eventually, localOn, MINUTE, nextLocal, plus, ZONE } from '../helpers/reglement-steps';

/** The failure message a workflow closed with, polled from its history (awaiting result() would let time skip). */
async function failureOf(h: WorkflowHandle): Promise<string> {
  return eventually(async () => {
    for (const e of (await h.fetchHistory()).events ?? []) {
      const message = e.workflowExecutionFailedEventAttributes?.failure?.message;
      if (message) return message;
    }
    return undefined;
  });
}

// Each test has its own server (describe per test): a run terminated when a test ends may keep a
// time-skipping lock on the devserver, as on the official test server, and stop time for the next test.
function each(title: string, body: (t: ReturnType<typeof useKeurmerkEnv>) => Promise<void>): void {
  describe(title.split(':')[0], () => {
    const t = useKeurmerkEnv();
    it(title, () => body(t));
  });
}

describe('SEBO reglement: application', () => {

  /** SEBO-T3..T5 up to the end of the audit (documents, audit planned a week ahead, done at that time). */
  async function toReport(t: ReturnType<typeof useKeurmerkEnv>, h: WorkflowHandle): Promise<string> {
    await act(t, h, 'documentsReceived', { documents: allDocuments(await t.now()) });
    const auditAt = nextLocal(plus(await t.now(), 7 * DAY), 23, 30);
    await act(t, h, 'auditPlanned', { auditAt: auditAt.toISOString() });
    await advanceTo(t, auditAt);
    await act(t, h, 'auditDone', { at: auditAt.toISOString(), shortcomings: 'minor' });
    return auditAt.toISOString();
  }

  each('SEBO-T9: no new keuring nor application for the KvK before a full year after the second rejection (rejected at 23:30)', async (t) => {
    const kvk = nextKvk();
    const h = t.track(await startApplication(t, seboApplication(kvk, await t.now())));
    await throughMeeting(t, h);
    await throughAudit(t, h, 'negative');
    await act(t, h, 'decision', { outcome: 'rejected', reason: 'criterium 3.1 niet gehaald' });
    await act(t, h, 'secondKeuringRequested', { causesRemoved: 'stageplaatsen met ROC' });
    await throughAudit(t, h, 'negative');
    const decidedAt = nextLocal(await t.now(), 23, 30);
    await advanceTo(t, decidedAt);
    await act(t, h, 'decision', { at: decidedAt.toISOString(), outcome: 'rejected', reason: 'nog steeds niet' });
    const waiting = await status(t, h.workflowId);
    expect(waiting.stage).toBe('WAITING_PERIOD');
    expect(waiting.waitingUntil).toBe(newKeuringFrom(sebo, decidedAt.toISOString()));
    const anniversary = DateTime.fromJSDate(decidedAt, { zone: ZONE }).plus({ years: 1 }).toISODate()!;
    expect(DateTime.fromISO(waiting.waitingUntil!, { zone: ZONE }).toISODate()).toBe(DateTime.fromISO(anniversary).plus({ days: 1 }).toISODate());

    // 23:30 on the anniversary: a full year has not passed in whole days: still refused.
    await advanceTo(t, localOn(anniversary, 23, 30));
    expect((await status(t, h.workflowId)).stage).toBe('WAITING_PERIOD');
    await expect(startApplication(t, seboApplication(kvk, await t.now()))).rejects.toBeInstanceOf(WorkflowExecutionAlreadyStartedError);
    await advanceTo(t, plus(waiting.waitingUntil!, MINUTE));
    await eventually(async () => ((await h.describe()).status.name === 'COMPLETED' ? true : undefined));
    const again = t.track(await startApplication(t, seboApplication(kvk, await t.now())));
    expect((await status(t, again.workflowId)).stage).toBe('INTAKE');
  });

  each('SEBO-T2: an intake recorded after the cut-off it is dated before goes to a meeting still to come; no outcome for the meeting whose agenda did not list it', async (t) => {
    const kvk = nextKvk();
    const h = t.track(await startApplication(t, seboApplication(kvk, await t.now())));
    const missed = nextMeeting(sebo, await nowIso(t))!;
    const intakeAt = plus(missed.agendaClosesAt, -HOUR);
    const recordedAt = localOn(missed.agendaClosesAt, 23, 30);
    await advanceTo(t, recordedAt);
    await act(t, h, 'intakeRecorded', { at: intakeAt.toISOString(), notes: 'laat vastgelegd' });
    const expected = meetingForIntake(sebo, intakeAt, recordedAt)!;
    expect(expected.date).not.toBe(missed.date);
    const s = await status(t, h.workflowId);
    expect(s.stage).toBe('MEETING');
    expect(s.history.some((e) => e.what === `on the agenda of the members' meeting of ${expected.date}`)).toBe(true);
    const agenda = await eventually(async () => {
      const a = await t.client.workflow.getHandle(membersMeetingWorkflowId('sebo')).query(agendaQuery);
      return a.pending.find((i) => i.kvkNumber === kvk);
    });
    expect(agenda.meetingDate).toBe(expected.date);
    await advanceTo(t, plus(missed.startsAt, HOUR));
    await refused(act(t, h, 'meetingOutcome', { meetingDate: missed.date, outcome: 'approved' }), new RegExp(`agenda of ${missed.date} did not list this application; it is on the agenda of ${expected.date}`));
    await refused(act(t, h, 'meetingOutcome', { meetingDate: expected.date, outcome: 'approved' }), /has not taken place yet/);
    await advanceTo(t, plus(expected.startsAt, HOUR));
    await act(t, h, 'meetingOutcome', { meetingDate: expected.date, outcome: 'approved' });
    expect((await status(t, h.workflowId)).stage).toBe('AUDIT_PLANNING');
  });

  each('SEBO-T5: an audit is not done before its planned time; the report cannot close the two weeks (nor the extension); supplements inside the window are accepted', async (t) => {
    const kvk = nextKvk();
    const h = t.track(await startApplication(t, seboApplication(kvk, await t.now())));
    await throughMeeting(t, h);
    await act(t, h, 'documentsReceived', { documents: allDocuments(await t.now()) });
    const auditAt = nextLocal(plus(await t.now(), 7 * DAY), 23, 30);
    await act(t, h, 'auditPlanned', { auditAt: auditAt.toISOString() });
    await advanceTo(t, plus(auditAt, -MINUTE));
    await refused(act(t, h, 'auditDone', { shortcomings: 'minor' }), /cannot be recorded as done before then/);
    await refused(act(t, h, 'auditDone', { at: auditAt.toISOString(), shortcomings: 'minor' }), /cannot be recorded as done before then/);
    await advanceTo(t, auditAt);
    await act(t, h, 'auditDone', { shortcomings: 'minor' });
    const until = supplementsDeadline(sebo, auditAt.toISOString());
    expect(until).toBe(deadline(auditAt.toISOString(), 'P2W', ZONE));
    // The employer's findings email gives the end of the two weeks as the term, not the report's four weeks.
    const [findings] = await t.smtp.waitFor((m) => m.recipients.includes(`els.${kvk}@bakker.example`) && /bevindingen van de audit/.test(m.subject));
    expect(findings.text).toContain(DateTime.fromISO(until, { zone: ZONE }).setLocale('nl').toFormat('d MMMM yyyy'));

    // 23:30 on the last day of the two weeks: supplements count, the report is refused.
    await advanceTo(t, localOn(until, 23, 30));
    await refused(act(t, h, 'reportAndAdvice', { advice: 'positive' }), /may still send supplements until/);
    await act(t, h, 'supplementsReceived', { description: 'plan van aanpak aangevuld' });
    const extendedUntil = deadline(until, 'P3D', ZONE);
    await act(t, h, 'supplementsDeadlineExtended', { until: extendedUntil, reason: 'op verzoek: ziekte' });
    await advanceTo(t, plus(until, HOUR));
    await refused(act(t, h, 'reportAndAdvice', { advice: 'positive' }), new RegExp(`supplements until ${extendedUntil.replace(/[.+]/g, '\\$&')}`));
    await act(t, h, 'supplementsReceived', { description: 'bewijs deelname On Stage' });
    await advanceTo(t, plus(extendedUntil, MINUTE));
    await refused(act(t, h, 'supplementsReceived', { description: 'te laat' }), /supplements period ended/);
    await act(t, h, 'reportAndAdvice', { advice: 'positive' });
    expect((await status(t, h.workflowId)).stage).toBe('DECISION');
  });

  each('3.1, 4.1: the report\'s unmet criteria are criterion ids of the scheme, in history and status; a hard-fail criterion not met blocks a grant', async (t) => {
    const kvk = nextKvk();
    const h = t.track(await startApplication(t, seboApplication(kvk, await t.now())));
    await throughMeeting(t, h);
    const doneAt = await toReport(t, h);
    await advanceTo(t, plus(supplementsDeadline(sebo, doneAt), MINUTE));
    await refused(act(t, h, 'reportAndAdvice', { advice: 'positive', unmetCriteria: ['3.1', '9.9'] }), /"9.9" is not a criterion of the SEBO-Keurmerk/);
    expect((await status(t, h.workflowId)).stage).toBe('REPORT');
    await act(t, h, 'reportAndAdvice', { advice: 'positive', unmetCriteria: ['3.1'] });
    const s = await status(t, h.workflowId);
    expect(s.unmetCriteria).toEqual(['3.1']);
    expect(s.history.some((e) => e.ruleId === 'SEBO-T6' && /criteria not met: 3.1/.test(e.what))).toBe(true);
    await refused(act(t, h, 'decision', { outcome: 'granted' }), /criterion 3.1 as not met, which means no approval/);
    expect((await status(t, h.workflowId)).stage).toBe('DECISION');
    await act(t, h, 'decision', { outcome: 'rejected', reason: 'criterium 3.1: geen lokaal programma' });
    expect((await status(t, h.workflowId)).stage).toBe('REJECTED');
  });

  each('SEBO-T1, SEBO-D1, SEBO-E2: no application submitted in the future or with an unknown document id; an E2 refusal cites SEBO-E2 and points to the ambassadorship', async (t) => {
    const now = await t.now();
    const future = t.track(await startApplication(t, seboApplication(nextKvk(), plus(now, DAY))));
    expect(await failureOf(future)).toMatch(/submittedAt: .* is in the future/);
    const typo = nextKvk();
    const unknown = t.track(await startApplication(t, seboApplication(typo, now, { documents: [{ id: 'kvk-extrakt', receivedAt: now.toISOString() }] })));
    expect(await failureOf(unknown)).toMatch(/unknown document id "kvk-extrakt"; expected one of .*kvk-extract/);

    const kvk = nextKvk();
    const base = seboApplication(kvk, now);
    const h = t.track(await startApplication(t, { ...base, company: { ...base.company, affiliation: 'municipal-entity' } }));
    const s = await eventually(async () => {
      const st = await status(t, h.workflowId);
      return st.stage === 'NOT_ELIGIBLE' ? st : undefined;
    });
    const rules = s.history.filter((e) => /not eligible/.test(e.what)).map((e) => e.ruleId);
    expect(rules).toEqual(['SEBO-E2']);
    const [mail] = await t.smtp.waitFor((m) => m.recipients.includes(`els.${kvk}@bakker.example`) && /niet in behandeling/.test(m.subject));
    // the reglement's own reference, not our rule id (that is in the header)
    expect(mail.text).toMatch(/\(Criteria SEBO-Keurmerk, hoofdstuk 1 en paragraaf 2A\)/);
    expect(mail.text).not.toMatch(/artikel 3a/);
    expect(mail.rules).toStrictEqual(['SEBO-E2']);
    expect(mail.text).toMatch(/SEBO-ambassadeurschap/);
  });
});
