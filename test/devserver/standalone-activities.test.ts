// Standalone activities (Temporal's StartActivityExecution API, client.activity in the TypeScript SDK
// 1.24): an activity started without a workflow, run by an ordinary worker, described, listed and
// counted with the visibility query language (ActivityId, ActivityType, ExecutionStatus), its result
// awaited (PollActivityExecution), cancelled while running (through the heartbeat) or before any worker
// took it (at once), and terminated. Written from the API's documented behaviour; runs against an
// official server with TEMPORAL_CLI_PATH or TEMPORAL_ADDRESS (test/helpers/server.ts).
import { describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { ActivityExecutionFailedError } from '@temporalio/client';
import { CancelledFailure, TerminatedFailure } from '@temporalio/common';
import { uniqueTaskQueue } from '../helpers/server';
import { eventually, useCompatServer } from './compat/setup';

describe('devserver compatibility: standalone activities', () => {
  const compat = useCompatServer({ server: 'local', taskQueuePrefix: 'standalone', workflows: false });

  it('starts an activity without a workflow, a worker completes it, and it is described, listed and counted', async () => {
    const id = `shout-${randomUUID()}`;
    const handle = await compat.env.client.activity.start('shout', { id, taskQueue: compat.taskQueue, args: ['hallo'], startToCloseTimeout: '30s' });
    expect(handle.activityId).toBe(id);
    expect(handle.runId).toBeTruthy();
    expect(await handle.result()).toBe('HALLO!');

    const description = await handle.describe({ includeInput: true, includeOutcome: true });
    expect(description.activityId).toBe(id);
    expect(description.activityRunId).toBe(handle.runId);
    expect(description.activityType).toBe('shout');
    expect(description.taskQueue).toBe(compat.taskQueue);
    expect(description.status).toBe('COMPLETED');
    expect(description.attempt).toBe(1);
    expect(description.startToCloseTimeoutMs).toBe(30_000);
    expect(await description.getInput()).toEqual(['hallo']);
    expect(await description.getResult()).toBe('HALLO!');
    expect(description.closeTime).toBeInstanceOf(Date);

    const listed = [];
    for await (const info of compat.env.client.activity.list(`ActivityId = '${id}'`)) listed.push(info);
    expect(listed.map((i) => [i.activityId, i.activityRunId, i.activityType, i.status])).toEqual([[id, handle.runId, 'shout', 'COMPLETED']]);
    const byType = await compat.env.client.activity.count(`ActivityType = 'shout' AND ExecutionStatus = 'Completed' AND ActivityId = '${id}'`);
    expect(byType.count).toBe(1);
  }, 120_000);

  it('refuses a second running activity with the same id, and reuses a closed one\'s id for a new run', async () => {
    const id = `dup-${randomUUID()}`;
    const idle = uniqueTaskQueue('nobody'); // no worker: the first run stays scheduled
    const first = await compat.env.client.activity.start('shout', { id, taskQueue: idle, args: ['x'], startToCloseTimeout: '30s' });
    await expect(compat.env.client.activity.start('shout', { id, taskQueue: idle, args: ['y'], startToCloseTimeout: '30s' })).rejects.toMatchObject({
      name: 'ActivityExecutionAlreadyStartedError',
    });
    await first.terminate('test: make room');
    const second = await compat.env.client.activity.start('shout', { id, taskQueue: compat.taskQueue, args: ['again'], startToCloseTimeout: '30s' });
    expect(second.runId).not.toBe(first.runId);
    expect(await second.result()).toBe('AGAIN!');
    const firstDescription = await compat.env.client.activity.getHandle(id, first.runId).describe();
    expect(firstDescription.status).toBe('TERMINATED');
  }, 120_000);

  it('cancels a running activity through its heartbeat, and a scheduled one at once', async () => {
    const runningId = `cancel-running-${randomUUID()}`;
    const handle = await compat.env.client.activity.start('heartbeatUntilCancelled', { id: runningId, taskQueue: compat.taskQueue, startToCloseTimeout: '60s', heartbeatTimeout: '10s' });
    await eventually(() => handle.describe(), (d) => d.runState === 'STARTED');
    await handle.cancel('no longer needed');
    const err = await handle.result().then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(ActivityExecutionFailedError);
    expect((err as ActivityExecutionFailedError).cause).toBeInstanceOf(CancelledFailure);
    expect((await handle.describe()).status).toBe('CANCELED');

    const waiting = await compat.env.client.activity.start('shout', { id: `cancel-scheduled-${randomUUID()}`, taskQueue: uniqueTaskQueue('nobody'), args: ['x'], startToCloseTimeout: '30s' });
    await waiting.cancel('before any worker took it');
    const waitingDescription = await waiting.describe();
    expect(waitingDescription.status).toBe('CANCELED');
    await expect(waiting.cancel('twice')).rejects.toThrow();
  }, 120_000);

  it('terminates an activity: the result is a failure with a terminated cause', async () => {
    const handle = await compat.env.client.activity.start('shout', { id: `terminate-${randomUUID()}`, taskQueue: uniqueTaskQueue('nobody'), args: ['x'], startToCloseTimeout: '30s' });
    await handle.terminate('test: stop');
    const err = await handle.result().then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(ActivityExecutionFailedError);
    expect((err as ActivityExecutionFailedError).cause).toBeInstanceOf(TerminatedFailure);
  }, 120_000);
});
