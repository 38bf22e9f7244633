// Eager workflow start as the real server does it: a start with requestEagerStart from a client that
// shares its NativeConnection with a running worker gets the first workflow task in the
// StartWorkflowExecution response (handle.eagerlyStarted), and the run's history shows that task
// started at once (WorkflowTaskScheduled, WorkflowTaskStarted as events 2 and 3). A delayed start is
// never eager (the server denies it: first workflow task backoff). Runs against an official server
// with TEMPORAL_CLI_PATH or TEMPORAL_ADDRESS (test/helpers/server.ts).
import { beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { Client } from '@temporalio/client';
import { useCompatServer } from './compat/setup';
import { eventTypes } from './suite';

describe('devserver compatibility: eager workflow start', () => {
  const compat = useCompatServer({ server: 'local', taskQueuePrefix: 'eager' });
  let client: Client;

  beforeAll(() => {
    // Eager start needs the worker's own connection: the SDK hands the returned task to that worker.
    client = new Client({ connection: compat.env.nativeConnection, namespace: compat.env.namespace ?? 'default' });
  });

  it('hands the first workflow task back in the start response: eagerlyStarted, and the workflow runs on it', async () => {
    const handle = await client.workflow.start('answerAtOnce', {
      args: ['eager'],
      taskQueue: compat.taskQueue,
      workflowId: `eager-${randomUUID()}`,
      requestEagerStart: true,
    });
    expect(handle.eagerlyStarted).toBe(true);
    expect(await handle.result()).toEqual({ input: 'eager', attempt: 1 });
    const history = await handle.fetchHistory();
    expect(eventTypes(history).slice(0, 4)).toEqual(['WorkflowExecutionStarted', 'WorkflowTaskScheduled', 'WorkflowTaskStarted', 'WorkflowTaskCompleted']);
    expect(Number(history.events![2].workflowTaskStartedEventAttributes!.scheduledEventId)).toBe(2);
  }, 120_000);

  it('is an ordinary start without requestEagerStart, and when the start is delayed (eager denied)', async () => {
    const plain = await client.workflow.start('answerAtOnce', { args: ['plain'], taskQueue: compat.taskQueue, workflowId: `plain-${randomUUID()}` });
    expect(plain.eagerlyStarted).toBe(false);
    expect(await plain.result()).toEqual({ input: 'plain', attempt: 1 });
    const delayed = await client.workflow.start('answerAtOnce', {
      args: ['delayed'],
      taskQueue: compat.taskQueue,
      workflowId: `delayed-${randomUUID()}`,
      requestEagerStart: true,
      startDelay: '1s',
    });
    expect(delayed.eagerlyStarted).toBe(false);
    expect(await delayed.result()).toEqual({ input: 'delayed', attempt: 1 });
  }, 120_000);
});
