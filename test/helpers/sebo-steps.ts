// Steps of the SEBO procedure as the people in it would take them, for workflow tests: advance the
// virtual clock, record human actions (Updates) at the server's current time, expect refusals.
import { expect } from '@jest/globals';
import type { WorkflowHandle } from '@temporalio/client';
import { getScheme, nextMeeting, supplementsDeadline } from '../../domain';
import * as defs from '../../workflows/definitions';
import type { KeurmerkTestEnv } from './keurmerk-env';
import { allDocuments, status } from './sebo-fixtures';

export const sebo = getScheme('sebo');

export async function advanceTo(t: KeurmerkTestEnv, at: Date | string): Promise<void> {
  const now = (await t.now()).getTime();
  const target = new Date(at).getTime();
  if (target > now) await t.env.sleep(target - now);
}

/** The subject of an accountmanager's digest of escalations (docs/decisions/escalation-digest.md). */
export const DIGEST_SUBJECT = /^Overzicht verstreken termijnen/;

export async function advance(t: KeurmerkTestEnv, ms: number): Promise<void> {
  await t.env.sleep(ms);
}

export async function nowIso(t: KeurmerkTestEnv): Promise<string> {
  return (await t.now()).toISOString();
}

type UpdateName = keyof typeof defs.ALL_UPDATES;

/** Records a human action now (server time) and returns the workflow's answer. */
export async function act(t: KeurmerkTestEnv, h: WorkflowHandle, name: UpdateName, args: Record<string, unknown> = {}): Promise<defs.ActionResult> {
  return h.executeUpdate<defs.ActionResult, [unknown]>(name, { args: [{ at: await nowIso(t), by: 'test', ...args }] });
}

/** Expects the action to be refused with a reason matching `reason`. */
export async function refused(promise: Promise<unknown>, reason: RegExp): Promise<void> {
  try {
    await promise;
  } catch (err) {
    const e = err as { message?: string; cause?: { message?: string } };
    const message = e.cause?.message ?? e.message ?? String(err);
    expect(message).toMatch(reason);
    return;
  }
  throw new Error(`expected a refusal matching ${reason}`);
}

/** SEBO-T1 + SEBO-T2: intake now, then the holders approve at the meeting. */
export async function throughMeeting(t: KeurmerkTestEnv, h: WorkflowHandle, outcome: 'approved' | 'rejected' = 'approved'): Promise<void> {
  await act(t, h, 'intakeRecorded');
  const meeting = nextMeeting(sebo, await nowIso(t))!;
  await advanceTo(t, new Date(new Date(meeting.startsAt).getTime() + 60 * 60 * 1000));
  await act(t, h, 'meetingOutcome', { meetingDate: meeting.date, outcome, ...(outcome === 'approved' ? {} : { reason: 'niet passend' }) });
  expect((await status(t, h.workflowId)).stage).toBe(outcome === 'approved' ? 'AUDIT_PLANNING' : 'MEETING_REJECTED');
}

/** SEBO-T3..T6: documents, audit planned and done, report with advice; ends at DECISION. */
export async function throughAudit(t: KeurmerkTestEnv, h: WorkflowHandle, advice: 'positive' | 'negative', documents = true): Promise<void> {
  if (documents) await act(t, h, 'documentsReceived', { documents: allDocuments(await t.now()) });
  const auditAt = new Date((await t.now()).getTime() + 7 * 24 * 3600 * 1000);
  await act(t, h, 'auditPlanned', { auditAt: auditAt.toISOString() });
  await advanceTo(t, new Date(auditAt.getTime() + 3 * 3600 * 1000));
  const doneAt = await nowIso(t);
  await act(t, h, 'auditDone', { at: doneAt, shortcomings: advice === 'positive' ? 'none' : 'minor' });
  // SEBO-T5: the report comes after the applicant's two weeks for supplements.
  await advanceTo(t, new Date(new Date(supplementsDeadline(sebo, doneAt)).getTime() + HOUR));
  await act(t, h, 'reportAndAdvice', { advice, ...(advice === 'negative' ? { unmetCriteria: ['3.1'] } : {}) });
}

export const HOUR = 60 * 60 * 1000;
