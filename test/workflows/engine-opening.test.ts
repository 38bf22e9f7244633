// An action sent the moment a case starts reaches it before the case has opened its first step: in the
// case's very first workflow task (a busy worker picks the start up after the action arrived) or while
// a PSO case looks up the company's earlier cases (PSO-2). It is judged once the case has opened, not
// refused with "the case is at INTAKE, this action belongs to INTAKE". SEBO-T1, PSO-2.
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { temporal } from '@temporalio/proto';
import type { WorkflowHandle } from '@temporalio/client';
import { createTestWorker, startKeurmerkEnv, type KeurmerkTestEnv } from '../helpers/keurmerk-env';
import { uniqueTaskQueue } from '../helpers/server';
import { DAY, nextKvk, seboApplication, startApplication, startHolder, status } from '../helpers/sebo-fixtures';
import { act, refused } from '../helpers/sebo-steps';

const EventType = temporal.api.enums.v1.EventType;

/**
 * Starts a case on a task queue no worker polls yet, sends `send(handle)` to it, and only then starts a
 * worker: the action is pending at the server when the case's first workflow task is handed out.
 */
async function beforeFirstTask<T>(
  t: KeurmerkTestEnv,
  application: ReturnType<typeof seboApplication> | ((on: KeurmerkTestEnv) => Promise<WorkflowHandle>),
  send: (h: WorkflowHandle) => Promise<T>,
): Promise<{ h: WorkflowHandle; result: Promise<T> }> {
  const taskQueue = uniqueTaskQueue('opening');
  const dataDir = mkdtempSync(join(tmpdir(), 'keurmerk-opening-'));
  const on = { client: t.client, taskQueue } as KeurmerkTestEnv;
  const h = t.track(await (typeof application === 'function' ? application(on) : startApplication(on, application)));
  const result = send(h);
  result.catch(() => undefined);
  // The update reaches the server (it waits there for a worker); nothing else can show that it has.
  await new Promise((r) => setTimeout(r, 1500));
  const second = await createTestWorker(t.env, { ...t.config, TEMPORAL_TASK_QUEUE: taskQueue, KEURMERK_DATA_DIR: dataDir }, t.smtp.url);
  const running = second.worker.run();
  stops.push(async () => {
    second.worker.shutdown();
    await running.catch(() => undefined);
    await second.close();
    rmSync(dataDir, { recursive: true, force: true });
  });
  return { h, result };
}
const stops: (() => Promise<void>)[] = [];

/** The event types of a run up to and including the first update accepted. */
async function untilAccepted(h: WorkflowHandle): Promise<string[]> {
  const names = ((await h.fetchHistory()).events ?? []).map((e) => EventType[e.eventType as number]);
  return names.slice(0, names.indexOf('EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_ACCEPTED') + 1);
}

describe('an action that arrives before the case has opened', () => {
  // Not useKeurmerkEnv: the workers started here must stop after the cases are cleaned up and before
  // the server goes.
  let env: KeurmerkTestEnv | undefined;
  const t = new Proxy({} as KeurmerkTestEnv, { get: (_t, key) => env![key as keyof KeurmerkTestEnv] });
  beforeAll(async () => {
    env = await startKeurmerkEnv();
  });
  afterEach(async () => {
    await env?.cleanup();
  });
  afterAll(async () => {
    for (const stop of stops.splice(0)) await stop();
    await env?.stop();
  });

  it('SEBO-T1: the intake recorded in the first workflow task of the case is accepted and applied once the intake step is open', async () => {
    const kvk = nextKvk();
    const { h, result } = await beforeFirstTask(t, seboApplication(kvk, await t.now()), (h) => act(t, h, 'intakeRecorded'));
    const answer = await result;
    expect(answer.message).toBe('intake recorded');
    // The race was really run: the update was accepted by the case's first workflow task.
    const events = await untilAccepted(h);
    expect(events.filter((n) => n === 'EVENT_TYPE_WORKFLOW_TASK_COMPLETED')).toHaveLength(1);
    const s = await status(t, h.workflowId);
    expect(s.stage).toBe('MEETING');
    expect(s.history.map((x) => x.what)).toContain('intake conversation held');
  });

  it('SEBO-T2: an action that belongs to a later step, sent before the case opened, is refused with where the case really is, and changes nothing', async () => {
    const kvk = nextKvk();
    const { h, result } = await beforeFirstTask(t, seboApplication(kvk, await t.now()), (h) => act(t, h, 'meetingOutcome', { meetingDate: '2027-03-01', outcome: 'approved' }));
    await refused(result, /^meetingOutcome: the case is at INTAKE, this action belongs to MEETING/);
    const s = await status(t, h.workflowId);
    expect(s.stage).toBe('INTAKE');
    expect(s.history.map((x) => x.what).join('\n')).not.toMatch(/members' meeting of/);
    // The case goes on: its intake step is open and takes the intake.
    expect((await act(t, h, 'intakeRecorded')).message).toBe('intake recorded');
  });

  it('SEBO-E1: an intake sent to an application that turns out not eligible is refused with the stage it ended in', async () => {
    const kvk = nextKvk();
    const application = seboApplication(kvk, await t.now());
    application.company.establishments = ['Amsterdam'];
    const { h, result } = await beforeFirstTask(t, application, (h) => act(t, h, 'intakeRecorded'));
    await refused(result, /^intakeRecorded: the case is at NOT_ELIGIBLE/);
    expect(await h.result()).toMatchObject({ outcome: 'not-eligible' });
  });

  it('SEBO-R2: a suspension sent to a holder case in its first workflow task is applied once the holder is set up', async () => {
    const kvk = nextKvk();
    const now = await t.now();
    const until = new Date(now.getTime() + 60 * DAY).toISOString();
    const { h, result } = await beforeFirstTask(
      t,
      (on) => startHolder(on, kvk, new Date(now.getTime() - 100 * DAY), new Date(now.getTime() + 600 * DAY)),
      (h) => act(t, h, 'suspend', { until, reason: 'klacht in onderzoek', requestedByHolder: false }),
    );
    expect((await result).message).toMatch(/suspend/i);
    const events = await untilAccepted(h);
    expect(events.filter((n) => n === 'EVENT_TYPE_WORKFLOW_TASK_COMPLETED')).toHaveLength(1);
    expect((await status(t, h.workflowId)).stage).toBe('SUSPENDED');
  });

  it('PSO-2: an audit planned while the case still looks up the earlier cases of the company is applied once the audit-planning step is open', async () => {
    const kvk = nextKvk();
    const base = seboApplication(kvk, await t.now());
    const application = { ...base, schemeId: 'pso', company: { ...base.company, establishments: ['Hengelo'] }, selfAssessment: { totalFte: 100, targetGroupFte: 4, indirectFte: 0 } };
    const auditAt = new Date((await t.now()).getTime() + 5 * DAY).toISOString();
    const { h, result } = await beforeFirstTask(t, application as never, (h) => act(t, h, 'auditPlanned', { auditAt, auditor: 'CI Oost' }));
    const answer = await result;
    expect(answer.message).toMatch(/^audit planned for /);
    // Accepted in the first task, before the look-up of earlier cases (the first activity) had answered.
    const events = await untilAccepted(h);
    expect(events.filter((n) => n === 'EVENT_TYPE_WORKFLOW_TASK_COMPLETED')).toHaveLength(1);
    expect(events).not.toContain('EVENT_TYPE_ACTIVITY_TASK_COMPLETED');
    const s = await status(t, h.workflowId);
    expect(s.history.map((x) => x.what).join('\n')).toMatch(/audit planned for/);
  });
});
