// Issue 16: the devserver enforces the real server's request limits with the real server's errors
// (devserver/src/engine/limits.ts names each source in temporalio/temporal), and keeps its stored
// state in proportion to what is live: bytes as base64, no trace of rejected updates, no request or
// outcome copies of completed ones. Through the real SDK Client and Worker, on a --db-filename server.
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { status as grpcStatus } from '@grpc/grpc-js';
import { temporal } from '@temporalio/proto';
import { DefaultLogger, Runtime, Worker } from '@temporalio/worker';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { localEnv, uniqueTaskQueue } from '../helpers/server';
import { describeUnless } from '../helpers/skip';
import * as activities from './activities';
import { addSignal, finishSignal, setTotalUpdate } from './workflows';

const external = process.env.TEMPORAL_ADDRESS ? `TEMPORAL_ADDRESS=${process.env.TEMPORAL_ADDRESS}: this test reads the devserver's database file` : undefined;
const MiB = 1024 * 1024;
const Payloads = temporal.api.common.v1.Payloads;
const Memo = temporal.api.common.v1.Memo;

/** A payload whose Payloads encoding is exactly `size` bytes. */
function payloadsOfSize(size: number): { payloads: { metadata: Record<string, Uint8Array>; data: Uint8Array }[] } {
  const make = (n: number) => ({ payloads: [{ metadata: { encoding: Buffer.from('binary/plain') }, data: Buffer.alloc(Math.max(0, n), 0x61) }] });
  let n = size;
  // The length prefixes grow with the data; walk down to the exact size.
  for (let i = 0; i < 8 && Payloads.encode(make(n)).finish().length !== size; i++) n -= Payloads.encode(make(n)).finish().length - size;
  const value = make(n);
  expect(Payloads.encode(value).finish().length).toBe(size);
  return value;
}

function memoOfSize(size: number) {
  const make = (n: number) => ({ fields: { big: { metadata: { encoding: Buffer.from('binary/plain') }, data: Buffer.alloc(Math.max(0, n), 0x62) } } });
  let n = size;
  for (let i = 0; i < 8 && Memo.encode(make(n)).finish().length !== size; i++) n -= Memo.encode(make(n)).finish().length - size;
  const value = make(n);
  expect(Memo.encode(value).finish().length).toBe(size);
  return value;
}

async function refusal(promise: Promise<unknown>): Promise<{ code: number; details: string }> {
  try {
    await promise;
  } catch (error) {
    const e = error as { code: number; details: string };
    return { code: e.code, details: e.details };
  }
  throw new Error('the request was accepted');
}

describeUnless(external)('devserver limits and stored state (issue 16)', () => {
  let dir: string;
  let dbFilename: string;
  let env: TestWorkflowEnvironment;
  const taskQueue = uniqueTaskQueue('limits');

  beforeAll(async () => {
    Runtime.install({ logger: new DefaultLogger('WARN') });
    dir = mkdtempSync(join(tmpdir(), 'devserver-limits-'));
    dbFilename = join(dir, 'temporal.db');
    env = await localEnv({ dbFilename });
  });

  afterAll(async () => {
    await env?.teardown();
    rmSync(dir, { recursive: true, force: true });
  });

  const service = () => env.connection.workflowService;
  const start = (fields: Record<string, unknown> = {}) =>
    service().startWorkflowExecution({
      namespace: 'default',
      workflowId: `limits-${randomUUID()}`,
      workflowType: { name: 'counter' },
      taskQueue: { name: 'no-worker-here' },
      requestId: randomUUID(),
      ...fields,
    });

  /** The run's stored state as the database holds it (what a restart parses). */
  function storedState(workflowId: string, file = dbFilename): { text: string; state: any } {
    const Database = require('libsql');
    const db = new Database(file, { readonly: true });
    try {
      const rows = db.prepare('SELECT state FROM executions WHERE workflow_id = ?').all(workflowId);
      expect(rows).toHaveLength(1);
      return { text: rows[0].state, state: JSON.parse(rows[0].state) };
    } finally {
      db.close();
    }
  }

  it('limit.blobSize.error: start input of 2 MiB is taken, one byte more is refused as "Blob data size exceeds limit."', async () => {
    await expect(start({ input: payloadsOfSize(2 * MiB) })).resolves.toBeTruthy();
    expect(await refusal(start({ input: payloadsOfSize(2 * MiB + 1) }))).toEqual({ code: grpcStatus.INVALID_ARGUMENT, details: 'Blob data size exceeds limit.' });
  });

  it('limit.blobSize.error: a signal of 2 MiB + 1 is refused and leaves the history as it was', async () => {
    const workflowId = `limits-signal-${randomUUID()}`;
    await start({ workflowId });
    const length = async () => (await service().getWorkflowExecutionHistory({ namespace: 'default', execution: { workflowId } })).history!.events!.length;
    const before = await length();
    const signal = (input: unknown) => service().signalWorkflowExecution({ namespace: 'default', workflowExecution: { workflowId }, signalName: 'add', input: input as any, requestId: randomUUID() });
    expect(await refusal(signal(payloadsOfSize(2 * MiB + 1)))).toEqual({ code: grpcStatus.INVALID_ARGUMENT, details: 'Blob data size exceeds limit.' });
    expect(await length()).toBe(before);
    await signal(payloadsOfSize(2 * MiB));
    expect(await length()).toBe(before + 1);
  });

  it('limit.memoSize.error: a memo of 2 MiB is taken, 2 MiB + 1 is refused as "Memo size exceeds limit."', async () => {
    await expect(start({ memo: memoOfSize(2 * MiB) })).resolves.toBeTruthy();
    expect(await refusal(start({ memo: memoOfSize(2 * MiB + 1) }))).toEqual({ code: grpcStatus.INVALID_ARGUMENT, details: 'Memo size exceeds limit.' });
  });

  it('limit.maxIDLength: ids and identities are counted in UTF-8 bytes, 1000 taken and 1001 refused', async () => {
    await expect(start({ workflowId: 'w'.repeat(1000) })).resolves.toBeTruthy();
    expect(await refusal(start({ workflowId: 'w'.repeat(1001) }))).toEqual({ code: grpcStatus.INVALID_ARGUMENT, details: 'WorkflowId exceeds maximum allowed length (1001/1000)' });
    // 334 characters, 1002 bytes.
    expect(await refusal(start({ workflowId: '€'.repeat(334) }))).toEqual({ code: grpcStatus.INVALID_ARGUMENT, details: 'WorkflowId exceeds maximum allowed length (1002/1000)' });
    await expect(start({ identity: 'i'.repeat(1000) })).resolves.toBeTruthy();
    expect(await refusal(start({ identity: 'i'.repeat(1001) }))).toEqual({ code: grpcStatus.INVALID_ARGUMENT, details: 'Identity length exceeds limit.' });
    expect(await refusal(start({ workflowType: { name: 't'.repeat(1001) } }))).toEqual({ code: grpcStatus.INVALID_ARGUMENT, details: 'WorkflowType length exceeds limit.' });
    const workflowId = `limits-name-${randomUUID()}`;
    await start({ workflowId });
    expect(
      await refusal(service().signalWorkflowExecution({ namespace: 'default', workflowExecution: { workflowId }, signalName: 's'.repeat(1001) })),
    ).toEqual({ code: grpcStatus.INVALID_ARGUMENT, details: 'SignalName length exceeds limit.' });
  });

  it('refuses negative timeouts and start delays, and a start delay with a cron schedule, in the real server\'s words', async () => {
    const invalid = (details: string) => ({ code: grpcStatus.INVALID_ARGUMENT, details });
    expect(await refusal(start({ workflowRunTimeout: { seconds: -1 } }))).toEqual(invalid('An invalid WorkflowRunTimeoutSeconds is set on request. cause: negative duration'));
    expect(await refusal(start({ workflowExecutionTimeout: { seconds: 0, nanos: -1 } }))).toEqual(invalid('An invalid WorkflowExecutionTimeoutSeconds is set on request. cause: negative duration'));
    expect(await refusal(start({ workflowTaskTimeout: { seconds: 1, nanos: -5 } }))).toEqual(invalid('An invalid WorkflowTaskTimeoutSeconds is set on request. cause: duration has seconds and nanos with different signs'));
    expect(await refusal(start({ workflowStartDelay: { seconds: -60 } }))).toEqual(invalid('An invalid WorkflowStartDelaySeconds is set on request. cause: negative duration'));
    expect(await refusal(start({ workflowStartDelay: { seconds: 60 }, cronSchedule: '* * * * *' }))).toEqual(invalid('CronSchedule and WorkflowStartDelay may not be used together.'));
    // Zero and positive are fine; more than 100 years is capped, not refused.
    await expect(start({ workflowRunTimeout: { seconds: 0 }, workflowStartDelay: { seconds: 1 } })).resolves.toBeTruthy();
    const capped = `limits-cap-${randomUUID()}`;
    await start({ workflowId: capped, workflowExecutionTimeout: { seconds: 200 * 365 * 24 * 3600 } });
    const described = await service().describeWorkflowExecution({ namespace: 'default', execution: { workflowId: capped } });
    expect(Number(described.executionConfig!.workflowExecutionTimeout!.seconds)).toBe(100 * 365 * 24 * 3600);
  });

  it('refuses invalid retry policies as retrypolicy.Validate does, and takes one maximum attempt as "no retries"', async () => {
    const invalid = (details: string) => ({ code: grpcStatus.INVALID_ARGUMENT, details });
    expect(await refusal(start({ retryPolicy: { backoffCoefficient: 0.5 } }))).toEqual(invalid('BackoffCoefficient cannot be less than 1 on retry policy.'));
    expect(await refusal(start({ retryPolicy: { initialInterval: { seconds: 10 }, maximumInterval: { seconds: 5 } } }))).toEqual(invalid('MaximumInterval cannot be less than InitialInterval on retry policy.'));
    expect(await refusal(start({ retryPolicy: { maximumAttempts: -1 } }))).toEqual(invalid('MaximumAttempts cannot be negative on retry policy.'));
    expect(await refusal(start({ retryPolicy: { initialInterval: { seconds: -1 } } }))).toEqual(invalid('invalid InitialInterval set on retry policy: negative duration'));
    expect(await refusal(start({ retryPolicy: { nonRetryableErrorTypes: ['TemporalTimeout:Sometimes'] } }))).toEqual(invalid('Invalid timeout type value: Sometimes.'));
    await expect(start({ retryPolicy: { maximumAttempts: 1, backoffCoefficient: 0.5 } })).resolves.toBeTruthy();
    await expect(start({ retryPolicy: { backoffCoefficient: 1, nonRetryableErrorTypes: ['TemporalTimeout:StartToClose'] } })).resolves.toBeTruthy();
  });

  it('limit.historySize.error: a running workflow whose history passes 50 MiB is terminated "Workflow history size exceeds limit."', async () => {
    const workflowId = `limits-history-${randomUUID()}`;
    await start({ workflowId });
    const signal = () =>
      service().signalWorkflowExecution({ namespace: 'default', workflowExecution: { workflowId }, signalName: 'add', input: payloadsOfSize(2 * MiB) as any, requestId: randomUUID() });
    // 24 signals of 2 MiB: 48 MiB of history plus the start, still under the limit.
    for (let i = 0; i < 24; i++) await signal();
    const describe = () => service().describeWorkflowExecution({ namespace: 'default', execution: { workflowId } });
    expect((await describe()).workflowExecutionInfo!.status).toBe(temporal.api.enums.v1.WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING);
    // The 25th passes 50 MiB (52,428,800 bytes of signal data alone).
    await signal();
    const info = (await describe()).workflowExecutionInfo!;
    expect(info.status).toBe(temporal.api.enums.v1.WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_TERMINATED);
    const last = await service().getWorkflowExecutionHistoryReverse({ namespace: 'default', execution: { workflowId }, maximumPageSize: 1 });
    expect(last.history!.events![0].workflowExecutionTerminatedEventAttributes).toMatchObject({ reason: 'Workflow history size exceeds limit.', identity: 'history-service' });
    expect(await refusal(signal())).toEqual({ code: grpcStatus.NOT_FOUND, details: 'workflow execution already completed' });
  });

  it('stores bytes as base64 (a 1.5 MiB memo takes about 2 MiB of state, not 5) and reads them back after a kill -9', async () => {
    // A database of its own, so the restart does not also load the 50 MiB history of the test above.
    const own = join(dir, 'memo.db');
    const workflowId = `limits-memo-${randomUUID()}`;
    const memo = memoOfSize(1.5 * MiB);
    let server = await localEnv({ dbFilename: own });
    try {
      await server.connection.workflowService.startWorkflowExecution({
        namespace: 'default', workflowId, workflowType: { name: 'counter' }, taskQueue: { name: 'no-worker-here' }, requestId: randomUUID(), memo,
      });
      const { text } = storedState(workflowId, own);
      expect(text.length).toBeLessThan(2.2 * MiB);
      expect(text.length).toBeGreaterThan(2 * MiB);
      await server.teardown(); // SIGKILL
      server = await localEnv({ dbFilename: own });
      const described = await server.connection.workflowService.describeWorkflowExecution({ namespace: 'default', execution: { workflowId } });
      expect(Buffer.from(described.workflowExecutionInfo!.memo!.fields!.big.data!).equals(Buffer.from(memo.fields.big.data))).toBe(true);
    } finally {
      await server.teardown();
    }
  });

  it('limit.blobSize.error on what the worker sends: an oversized result or activity input terminates the workflow as the real server does', async () => {
    const worker = await Worker.create({ connection: env.nativeConnection, taskQueue, workflowsPath: require.resolve('./workflows'), activities });
    const EventType = temporal.api.enums.v1.EventType;
    const Cause = temporal.api.enums.v1.WorkflowTaskFailedCause;
    await worker.runUntil(async () => {
      // 2,000,000 characters of JSON stay under 2 MiB and complete.
      expect(await env.client.workflow.execute('bigResult', { args: [2_000_000], taskQueue, workflowId: `limits-result-ok-${randomUUID()}` })).toHaveLength(2_000_000);
      for (const [workflowType, cause, message] of [
        ['bigResult', 'WORKFLOW_TASK_FAILED_CAUSE_BAD_SCHEDULE_ACTIVITY_ATTRIBUTES', 'CompleteWorkflowExecutionCommandAttributes.Result exceeds size limit.'],
        ['bigActivityInput', 'WORKFLOW_TASK_FAILED_CAUSE_BAD_SCHEDULE_ACTIVITY_ATTRIBUTES', 'ScheduleActivityTaskCommandAttributes.Input exceeds size limit.'],
      ] as const) {
        const handle = await env.client.workflow.start(workflowType, { args: [2 * MiB + 10], taskQueue, workflowId: `limits-${workflowType}-${randomUUID()}` });
        await expect(handle.result()).rejects.toThrow(`${cause}: ${message}`);
        expect((await handle.describe()).status.name).toBe('TERMINATED');
        const events = (await handle.fetchHistory()).events ?? [];
        const failed = events.find((e) => e.eventType === EventType.EVENT_TYPE_WORKFLOW_TASK_FAILED);
        expect({ workflowType, cause: failed?.workflowTaskFailedEventAttributes?.cause, message: failed?.workflowTaskFailedEventAttributes?.failure?.message }).toEqual({ workflowType, cause: Cause[cause], message });
        const last = events[events.length - 1];
        expect({ workflowType, type: last.eventType, ...last.workflowExecutionTerminatedEventAttributes }).toMatchObject({
          workflowType,
          type: EventType.EVENT_TYPE_WORKFLOW_EXECUTION_TERMINATED,
          reason: `${cause}: ${message}`,
          identity: 'history-service',
        });
        expect(events.some((e) => e.eventType === EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED)).toBe(false);
      }
    });
  });

  it('limit.blobSize.error on an activity result: recorded as the non-retryable failure "Complete result exceeds size limit."', async () => {
    const worker = await Worker.create({ connection: env.nativeConnection, taskQueue, workflowsPath: require.resolve('./workflows'), activities });
    await worker.runUntil(async () => {
      const run = (size: number) => env.client.workflow.execute('bigActivityResult', { args: [size], taskQueue, workflowId: `limits-activity-${randomUUID()}` });
      expect(await run(2_000_000)).toBe('completed 2000000');
      const handle = await env.client.workflow.start('bigActivityResult', { args: [2 * MiB + 10], taskQueue, workflowId: `limits-activity-${randomUUID()}` });
      expect(await handle.result()).toBe('failed: ServerFailure: Complete result exceeds size limit.');
      // One attempt only, although the policy allows three: the failure is non-retryable.
      const failed = ((await handle.fetchHistory()).events ?? []).filter((e) => e.activityTaskFailedEventAttributes);
      expect(failed.map((e) => e.activityTaskFailedEventAttributes!.retryState)).toEqual([temporal.api.enums.v1.RetryState.RETRY_STATE_NON_RETRYABLE_FAILURE]);
    });
  });

  it('keeps no trace of rejected updates in the stored state, and of completed ones only where their events are', async () => {
    const worker = await Worker.create({ connection: env.nativeConnection, taskQueue, workflowsPath: require.resolve('./workflows'), activities });
    await worker.runUntil(async () => {
      const handle = await env.client.workflow.start('counter', { taskQueue, workflowId: `limits-updates-${randomUUID()}` });
      await handle.signal(addSignal, 1);
      for (let i = 1; i <= 5; i++) await expect(handle.executeUpdate(setTotalUpdate, { args: [-i], updateId: `refused-${i}` })).rejects.toThrow(/Update failed/);
      expect(await handle.executeUpdate(setTotalUpdate, { args: [42], updateId: 'taken' })).toBe(42);
      // A caller asking again for the taken update gets its outcome from the history.
      expect(await handle.getUpdateHandle<number>('taken').result()).toBe(42);
      const { state } = storedState(handle.workflowId);
      expect(state.updates).toEqual({ taken: { updateId: 'taken', stage: 'completed', acceptedEventId: expect.any(Number), completedEventId: expect.any(Number) } });
      await handle.signal(finishSignal);
      expect(await handle.result()).toBe(42);
    });
  });
});
