// Conformance of the devserver with the real Temporal Client and Worker (createLocal form, real
// clock): one scenario per server feature, asserting the result and the recorded history. Runs
// against an official server too (TEMPORAL_ADDRESS or TEMPORAL_CLI_PATH, see test/helpers/server.ts).
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import {
  WorkflowExecutionAlreadyStartedError,
  WorkflowFailedError,
  WorkflowUpdateFailedError,
  WorkflowNotFoundError,
  WithStartWorkflowOperation,
} from '@temporalio/client';
import { ActivityFailure, ApplicationFailure, TerminatedFailure, TimeoutFailure } from '@temporalio/common';
import { msToTs } from '@temporalio/common/lib/time';
import { addSignal, crashSignal, finishSignal, setTotalUpdate, totalQuery } from './workflows';
import { CASE_ATTRIBUTE, eventTypes, startSuite, type Suite } from './suite';

describe('devserver conformance (real clock)', () => {
  let suite: Suite;
  const id = (name: string) => `${name}-${randomUUID()}`;
  const client = () => suite.env.client;
  const start = (type: string, args: unknown[], extra: Record<string, unknown> = {}) =>
    client().workflow.start(type, { args, taskQueue: suite.taskQueue, workflowId: id(type), ...extra });

  beforeAll(async () => {
    suite = await startSuite('local');
  });
  afterAll(async () => {
    await suite?.stop();
  });

  it('runs a workflow to completion with a contiguous history', async () => {
    const handle = await start('echo', ['hallo']);
    expect(await handle.result()).toBe('hallo');
    const history = await handle.fetchHistory();
    expect(eventTypes(history)).toStrictEqual([
      'WorkflowExecutionStarted',
      'WorkflowTaskScheduled',
      'WorkflowTaskStarted',
      'WorkflowTaskCompleted',
      'WorkflowExecutionCompleted',
    ]);
    expect(history.events!.map((e) => Number(e.eventId))).toStrictEqual([1, 2, 3, 4, 5]);
    const started = history.events![0].workflowExecutionStartedEventAttributes!;
    expect(Number(started.workflowTaskTimeout!.seconds)).toBe(10);
    expect(started.workflowType!.name).toBe('echo');
  });

  it('refuses a second run of a running workflow id, or joins it with USE_EXISTING', async () => {
    const handle = await start('counter', []);
    await expect(client().workflow.start('counter', { args: [], taskQueue: suite.taskQueue, workflowId: handle.workflowId })).rejects.toThrow(WorkflowExecutionAlreadyStartedError);
    const joined = await client().workflow.start('counter', {
      args: [],
      taskQueue: suite.taskQueue,
      workflowId: handle.workflowId,
      workflowIdConflictPolicy: 'USE_EXISTING',
    });
    expect(joined.firstExecutionRunId).toBe(handle.firstExecutionRunId);
    await handle.signal(finishSignal);
    expect(await handle.result()).toBe(0);
  });

  it('applies the id reuse policy to a closed run', async () => {
    const handle = await start('echo', ['x']);
    await handle.result();
    await expect(client().workflow.start('echo', {
        args: ['y'],
        taskQueue: suite.taskQueue,
        workflowId: handle.workflowId,
        workflowIdReusePolicy: 'REJECT_DUPLICATE',
      })).rejects.toThrow(WorkflowExecutionAlreadyStartedError);
    const again = await client().workflow.start('echo', { args: ['y'], taskQueue: suite.taskQueue, workflowId: handle.workflowId });
    expect(again.firstExecutionRunId).not.toBe(handle.firstExecutionRunId);
    expect(await again.result()).toBe('y');
  });

  it('de-duplicates a start by request id', async () => {
    const request = {
      namespace: suite.env.namespace ?? 'default',
      workflowId: id('dedup'),
      workflowType: { name: 'echo' },
      taskQueue: { name: suite.taskQueue },
      requestId: randomUUID(),
      identity: 'conformance',
    };
    const first = await client().workflowService.startWorkflowExecution(request);
    const second = await client().workflowService.startWorkflowExecution(request);
    expect(second.runId).toBe(first.runId);
  });

  it('runs an activity and records scheduled, started and completed', async () => {
    const handle = await start('greeter', ['Anna']);
    expect(await handle.result()).toBe('hello Anna');
    const types = eventTypes(await handle.fetchHistory());
    const i = types.indexOf('ActivityTaskScheduled');
    expect(i).toBeGreaterThan(0);
    expect(types.slice(i, i + 3)).toStrictEqual(['ActivityTaskScheduled', 'ActivityTaskStarted', 'ActivityTaskCompleted']);
  });

  it('retries a failing activity with backoff and records the final attempt', async () => {
    const handle = await start('retrying', [2]);
    expect(await handle.result()).toBe(3);
    const history = await handle.fetchHistory();
    const started = history.events!.find((e) => e.activityTaskStartedEventAttributes)!;
    expect(started.activityTaskStartedEventAttributes!.attempt).toBe(3);
    expect(started.activityTaskStartedEventAttributes!.lastFailure!.message!).toMatch(/attempt 2 fails on purpose/);
  });

  it('fails the workflow with a non-retryable activity failure', async () => {
    const handle = await start('failingActivity', []);
    const err = await handle.result().catch((e) => e);
    expect(err).toBeInstanceOf(WorkflowFailedError);
    expect(err.cause).toBeInstanceOf(ActivityFailure);
    expect(err.cause.cause).toBeInstanceOf(ApplicationFailure);
    expect(err.cause.cause.message).toBe('activity gave up');
    expect(eventTypes(await handle.fetchHistory())).toContain('ActivityTaskFailed');
  });

  it('delivers an activity cancellation through its heartbeat', async () => {
    const handle = await start('cancellableActivity', []);
    expect(await handle.result()).toBe('cancelled');
    const types = eventTypes(await handle.fetchHistory());
    expect(types).toContain('ActivityTaskCancelRequested');
  });

  it('handles signals, queries and updates, refusing an invalid update without trace', async () => {
    const handle = await start('counter', []);
    await handle.signal(addSignal, 2);
    await handle.signal(addSignal, 3);
    expect(await handle.query(totalQuery)).toBe(5);
    expect(await handle.executeUpdate(setTotalUpdate, { args: [10] })).toBe(10);
    const refused = await handle.executeUpdate(setTotalUpdate, { args: [-1] }).then(
      () => {
        throw new Error('the update was accepted');
      },
      (e: unknown) => e,
    );
    expect(refused).toBeInstanceOf(WorkflowUpdateFailedError);
    expect(String(((refused as WorkflowUpdateFailedError).cause as Error).message)).toMatch(/must not be negative, got -1/);
    expect(await handle.query(totalQuery)).toBe(10);
    await handle.signal(finishSignal);
    expect(await handle.result()).toBe(10);
    const types = eventTypes(await handle.fetchHistory());
    expect(types.filter((t) => t === 'WorkflowExecutionSignaled').length).toBe(3);
    expect(types.filter((t) => t === 'WorkflowExecutionUpdateAccepted').length).toBe(1);
    expect(types.filter((t) => t === 'WorkflowExecutionUpdateCompleted').length).toBe(1);
  });

  it('starts an update and polls for its outcome', async () => {
    const handle = await start('counter', []);
    const update = await handle.startUpdate(setTotalUpdate, { args: [7], waitForStage: 'ACCEPTED' });
    expect(await update.result()).toBe(7);
    await handle.signal(finishSignal);
    expect(await handle.result()).toBe(7);
  });

  it('signal-with-start starts the workflow with the signal first', async () => {
    const workflowId = id('sws');
    const handle = await client().workflow.signalWithStart('counter', {
      workflowId,
      taskQueue: suite.taskQueue,
      args: [],
      signal: addSignal,
      signalArgs: [4],
    });
    expect(await handle.query(totalQuery)).toBe(4);
    await client().workflow.signalWithStart('counter', {
      workflowId,
      taskQueue: suite.taskQueue,
      args: [],
      signal: addSignal,
      signalArgs: [1],
    });
    await handle.signal(finishSignal);
    expect(await handle.result()).toBe(5);
  });

  it('terminates a workflow', async () => {
    const handle = await start('counter', []);
    await handle.terminate('enough');
    const err = await handle.result().catch((e) => e);
    expect(err).toBeInstanceOf(WorkflowFailedError);
    expect(err.cause).toBeInstanceOf(TerminatedFailure);
    expect((await handle.describe()).status.name).toBe('TERMINATED');
    await expect(handle.signal(addSignal, 1)).rejects.toThrow(WorkflowNotFoundError);
  });

  it('cancels a workflow', async () => {
    const handle = await start('waitForCancel', []);
    await handle.cancel();
    expect(await handle.result()).toBe('cancelled');
    expect(eventTypes(await handle.fetchHistory())).toContain('WorkflowExecutionCancelRequested');
  });

  it('fails a workflow with the application failure', async () => {
    const handle = await start('failer', ['kapot']);
    const err = await handle.result().catch((e) => e);
    expect(err).toBeInstanceOf(WorkflowFailedError);
    expect(err.cause).toBeInstanceOf(ApplicationFailure);
    expect(err.cause.message).toBe('kapot');
    expect((await handle.describe()).status.name).toBe('FAILED');
  });

  it('continues as new and follows the chain of runs', async () => {
    const handle = await start('continuer', [2]);
    expect(await handle.result()).toBe(0);
    const latest = await client().workflow.getHandle(handle.workflowId).describe();
    expect(latest.runId).not.toBe(handle.firstExecutionRunId);
    const first = await client().workflow.getHandle(handle.workflowId, handle.firstExecutionRunId).describe();
    expect(first.status.name).toBe('CONTINUED_AS_NEW');
  });

  it('runs a child workflow', async () => {
    const handle = await start('parent', ['Bram']);
    expect(await handle.result()).toBe('hello Bram');
    const types = eventTypes(await handle.fetchHistory());
    for (const t of ['StartChildWorkflowExecutionInitiated', 'ChildWorkflowExecutionStarted', 'ChildWorkflowExecutionCompleted']) {
      // t
      expect(types).toContain(t);
    }
  });

  it('signals another workflow', async () => {
    const target = await start('counter', []);
    const sender = await start('signaller', [target.workflowId]);
    await sender.result();
    expect(eventTypes(await sender.fetchHistory())).toContain('ExternalWorkflowExecutionSignaled');
    expect(await target.query(totalQuery)).toBe(5);
    await target.terminate();
  });

  it('records markers for patched() and local activities', async () => {
    const patchedRun = await start('patchedWorkflow', []);
    expect(await patchedRun.result()).toBe('v2');
    expect(eventTypes(await patchedRun.fetchHistory())).toContain('MarkerRecorded');
    const local = await start('localGreeter', ['Cor']);
    expect(await local.result()).toBe('hello Cor');
    expect(eventTypes(await local.fetchHistory())).toContain('MarkerRecorded');
  });

  it('upserts search attributes and memo, and lists and counts by them', async () => {
    const status = `open-${randomUUID().slice(0, 8)}`;
    const handle = await start('searchable', [status]);
    expect(await handle.result()).toBe(status);
    const description = await handle.describe();
    expect(description.searchAttributes[CASE_ATTRIBUTE]).toStrictEqual([status]);
    expect(await description.memo).toStrictEqual({ note: `status ${status}` });
    const listed = [];
    for await (const w of client().workflow.list({ query: `${CASE_ATTRIBUTE} = '${status}'` })) listed.push(w.workflowId);
    expect(listed).toStrictEqual([handle.workflowId]);
    const count = await client().workflow.count(`${CASE_ATTRIBUTE} = '${status}' AND ExecutionStatus = 'Completed'`);
    expect(count.count).toBe(1);
  });

  it('refuses an unknown search attribute at start', async () => {
    const err = await start('echo', ['x'], { searchAttributes: { NoSuchAttribute: ['x'] } }).catch((e) => e);
    expect(String(err.cause?.message ?? err.message)).toMatch(/INVALID_ARGUMENT: .*NoSuchAttribute/);
  });

  it('pages history forwards and backwards', async () => {
    const handle = await start('greeter', ['Dirk']);
    await handle.result();
    const namespace = suite.env.namespace ?? 'default';
    const execution = { workflowId: handle.workflowId };
    const page1 = await client().workflowService.getWorkflowExecutionHistory({ namespace, execution, maximumPageSize: 4 });
    expect(page1.history!.events!.length).toBe(4);
    expect(page1.nextPageToken?.length).toBeTruthy();
    const page2 = await client().workflowService.getWorkflowExecutionHistory({
      namespace,
      execution,
      maximumPageSize: 100,
      nextPageToken: page1.nextPageToken,
    });
    expect(Number(page2.history!.events![0].eventId)).toBe(5);
    const reverse = await client().workflowService.getWorkflowExecutionHistoryReverse({ namespace, execution, maximumPageSize: 2 });
    const all = [...page1.history!.events!, ...page2.history!.events!];
    expect(reverse.history!.events!.map((e) => Number(e.eventId))).toStrictEqual([all.length, all.length - 1]);
  });

  it('times out a run after its run timeout', async () => {
    const handle = await start('sleeper', [3_600_000], { workflowRunTimeout: '1 second' });
    const err = await handle.result().catch((e) => e);
    expect(err).toBeInstanceOf(WorkflowFailedError);
    expect(err.cause instanceof TimeoutFailure || /timed out/i.test(String(err.message))).toBeTruthy();
    expect((await handle.describe()).status.name).toBe('TIMED_OUT');
  });

  it('delays the first workflow task by the start delay', async () => {
    const handle = await start('echo', ['later'], { startDelay: '300 ms' });
    expect(await handle.result()).toBe('later');
    const started = (await handle.fetchHistory()).events![0].workflowExecutionStartedEventAttributes!;
    expect(started.firstWorkflowTaskBackoff).toBeTruthy();
  });

  it('describes namespaces and task queues', async () => {
    const namespace = suite.env.namespace ?? 'default';
    const namespaces = await client().workflowService.listNamespaces({});
    expect(namespaces.namespaces!.map((n) => n.namespaceInfo!.name)).toContain(namespace);
    const queue = await client().workflowService.describeTaskQueue({
      namespace,
      taskQueue: { name: suite.taskQueue },
      taskQueueType: 1,
    });
    expect(queue.pollers!.length).toBeGreaterThanOrEqual(1);
  });

  it('retries an activity whose heartbeat timed out', async () => {
    const handle = await start('heartbeatTimeout', []);
    expect(await handle.result()).toBe(2);
  });

  for (const [timeouts, expected, queue] of [
    [{ startToCloseTimeout: '300ms' }, 'START_TO_CLOSE', undefined],
    [{ scheduleToCloseTimeout: '300ms' }, 'SCHEDULE_TO_CLOSE', undefined],
    [{ startToCloseTimeout: '10s', scheduleToStartTimeout: '300ms' }, 'SCHEDULE_TO_START', 'queue-without-worker'],
  ] as const) {
    it(`times out an activity: ${expected}`, async () => {
      const handle = await start('activityTimeout', [timeouts, queue]);
      expect(await handle.result()).toBe(expected);
      expect(eventTypes(await handle.fetchHistory())).toContain('ActivityTaskTimedOut');
    });
  }

  it('times out an unanswered workflow task and hands out a new attempt', async () => {
    const namespace = suite.env.namespace ?? 'default';
    const taskQueue = `raw-${randomUUID()}`;
    const service = client().workflowService;
    const workflowId = id('wft-timeout');
    await service.startWorkflowExecution({
      namespace,
      workflowId,
      workflowType: { name: 'echo' },
      taskQueue: { name: taskQueue },
      workflowTaskTimeout: msToTs(1000),
      requestId: randomUUID(),
    });
    const first = await service.pollWorkflowTaskQueue({ namespace, taskQueue: { name: taskQueue }, identity: 'raw' });
    expect(first.attempt).toBe(1);
    expect(eventTypes(first.history!).slice(-2)).toStrictEqual(['WorkflowTaskScheduled', 'WorkflowTaskStarted']);
    const second = await service.pollWorkflowTaskQueue({ namespace, taskQueue: { name: taskQueue }, identity: 'raw' });
    expect(second.attempt).toBe(2);
    expect(eventTypes(second.history!)).toContain('WorkflowTaskTimedOut');
    await expect(service.respondWorkflowTaskCompleted({ namespace, taskToken: first.taskToken, identity: 'raw' })).rejects.toThrow(/NOT_FOUND/);
    await client().workflow.getHandle(workflowId).terminate();
  });

  it('refuses a query before the first workflow task, answers one after the run closed', async () => {
    const delayed = await start('counter', [], { startDelay: '1 hour' });
    const refusal = await delayed.query(totalQuery).catch((e) => e);
    expect(String(refusal.cause?.message ?? refusal.message)).toMatch(/FAILED_PRECONDITION: .*not ready/i);
    await delayed.terminate();
    const closed = await start('counter', []);
    await closed.signal(addSignal, 6);
    await closed.signal(finishSignal);
    expect(await closed.result()).toBe(6);
    expect(await closed.query(totalQuery)).toBe(6);
  });

  it('terminates a child when its parent is terminated (parent close policy)', async () => {
    const childId = id('child');
    const parentRun = await start('parentOfSleeper', [childId]);
    const child = client().workflow.getHandle(childId);
    for (let i = 0; i < 100 && !(await child.describe().catch(() => undefined)); i++) await new Promise((r) => setTimeout(r, 20));
    await parentRun.terminate();
    for (let i = 0; i < 100 && (await child.describe()).status.name === 'RUNNING'; i++) await new Promise((r) => setTimeout(r, 20));
    expect((await child.describe()).status.name).toBe('TERMINATED');
  });

  it('cancels another workflow', async () => {
    const target = await start('waitForCancel', []);
    const sender = await start('canceller', [target.workflowId]);
    await sender.result();
    expect(await target.result()).toBe('cancelled');
    expect(eventTypes(await sender.fetchHistory())).toContain('ExternalWorkflowExecutionCancelRequested');
  });

  it('retries a failed workflow by its retry policy in a new run', async () => {
    const handle = await start('succeedsOnRetry', [], { retry: { initialInterval: '10ms', maximumAttempts: 2 } });
    expect(await handle.result()).toBe(2);
    const first = await client().workflow.getHandle(handle.workflowId, handle.firstExecutionRunId).describe();
    expect(first.status.name).toBe('FAILED');
  });

  it('holds a history long poll until the next event arrives', async () => {
    const handle = await start('counter', []);
    const namespace = suite.env.namespace ?? 'default';
    const execution = { workflowId: handle.workflowId, runId: handle.firstExecutionRunId };
    let page = await client().workflowService.getWorkflowExecutionHistory({ namespace, execution, waitNewEvent: true });
    const seen = page.history!.events!.length;
    const waiting = (async () => {
      for (;;) {
        page = await client().workflowService.getWorkflowExecutionHistory({ namespace, execution, waitNewEvent: true, nextPageToken: page.nextPageToken });
        if (page.history!.events!.length) return page.history!.events!;
      }
    })();
    await new Promise((r) => setTimeout(r, 100));
    await handle.signal(addSignal, 1);
    const events = await waiting;
    expect(Number(events[0].eventId)).toBeGreaterThan(seen);
    await handle.terminate();
  });

  it('describes a pending activity', async () => {
    const handle = await start('activityTimeout', [{ startToCloseTimeout: '10s' }, `no-worker-${randomUUID()}`]);
    let pending: any[] = [];
    for (let i = 0; i < 100 && !pending.length; i++) {
      pending = (await handle.describe()).raw.pendingActivities ?? [];
      if (!pending.length) await new Promise((r) => setTimeout(r, 20));
    }
    expect(pending[0].activityType.name).toBe('sleepFor');
    expect(pending[0].attempt).toBe(1);
    await handle.terminate();
  });

  it('counts executions grouped by status', async () => {
    const handle = await start('echo', ['count me']);
    await handle.result();
    const counted = await client().workflow.count(`WorkflowId = '${handle.workflowId}' GROUP BY ExecutionStatus`);
    expect(counted.count).toBe(1);
    // The group value is a Keyword search attribute payload, which the client decodes as a list.
    expect(counted.groups.map((g) => [g.groupValues, g.count])).toStrictEqual([[[['Completed']], 1]]);
  });

  it('adds, lists and removes a search attribute through the operator service', async () => {
    const namespace = suite.env.namespace ?? 'default';
    const operator = suite.env.connection.operatorService;
    await operator.addSearchAttributes({ namespace, searchAttributes: { DevserverScratch: 3 /* INT */ } });
    expect((await operator.listSearchAttributes({ namespace })).customAttributes!.DevserverScratch).toBe(3);
    await operator.removeSearchAttributes({ namespace, searchAttributes: ['DevserverScratch'] });
    expect((await operator.listSearchAttributes({ namespace })).customAttributes!.DevserverScratch).toBeUndefined();
  });

  it('runs an update with start, starting the workflow or joining the running one', async () => {
    const workflowId = id('update-with-start');
    const operation = () =>
      new WithStartWorkflowOperation('counter', { workflowId, taskQueue: suite.taskQueue, args: [], workflowIdConflictPolicy: 'USE_EXISTING' });
    expect(await client().workflow.executeUpdateWithStart(setTotalUpdate, { args: [3], startWorkflowOperation: operation() })).toBe(3);
    const second = operation();
    expect(await client().workflow.executeUpdateWithStart(setTotalUpdate, { args: [4], startWorkflowOperation: second })).toBe(4);
    const handle = await second.workflowHandle();
    expect(await handle.query(totalQuery)).toBe(4);
    const refused = await client()
      .workflow.executeUpdateWithStart(setTotalUpdate, { args: [-2], startWorkflowOperation: operation() })
      .catch((e) => e);
    expect(refused).toBeInstanceOf(WorkflowUpdateFailedError);
    expect(String(refused.cause?.message)).toMatch(/must not be negative, got -2/);
    await handle.signal(finishSignal);
    expect(await handle.result()).toBe(4);
  });

  it('retries a failing workflow task and refuses queries meanwhile', async () => {
    // sdk-core reports only the first failure and lets retries time out: a short task timeout keeps this quick.
    const handle = await start('crashOnSignal', [], { workflowTaskTimeout: '1 second' });
    await handle.signal(crashSignal);
    let attempt = 0;
    for (let i = 0; i < 300 && attempt < 3; i++) {
      attempt = (await handle.describe()).raw.pendingWorkflowTask?.attempt ?? 0;
      if (attempt < 3) await new Promise((r) => setTimeout(r, 20));
    }
    // the workflow task was retried
    expect(attempt).toBeGreaterThanOrEqual(3);
    // Retries are transient, as on the real server: only the first failure is recorded.
    const history = await handle.fetchHistory();
    const failures = history.events!.filter((e) => e.workflowTaskFailedEventAttributes);
    expect(failures.length).toBe(1);
    expect(failures[0].workflowTaskFailedEventAttributes!.failure!.message!).toMatch(/workflow code bug/);
    expect(eventTypes(history).at(-1)).toBe('WorkflowTaskFailed');
    const refusal = await handle.query<string>('__stack_trace').catch((e) => e);
    expect(String(refusal.cause?.message ?? refusal.message)).toMatch(/FAILED_PRECONDITION: .*failed state/);
    expect((await handle.describe()).status.name).toBe('RUNNING');
    await handle.terminate();
  });

  it('buffers a signal that arrives during a workflow task, and refuses to close over it', async () => {
    const namespace = suite.env.namespace ?? 'default';
    const taskQueue = { name: `raw-${randomUUID()}` };
    const service = client().workflowService;
    const workflowId = id('buffered');
    await service.startWorkflowExecution({ namespace, workflowId, workflowType: { name: 'raw' }, taskQueue, requestId: randomUUID() });
    const poll = () => service.pollWorkflowTaskQueue({ namespace, taskQueue, identity: 'raw' });
    const signal = () => service.signalWorkflowExecution({ namespace, workflowExecution: { workflowId }, signalName: 'poke', identity: 'raw' });

    const first = await poll();
    await signal();
    await service.respondWorkflowTaskCompleted({ namespace, taskToken: first.taskToken, identity: 'raw', commands: [] });
    const second = await poll();
    expect(eventTypes(second.history!).slice(3)).toStrictEqual([
      'WorkflowTaskCompleted',
      'WorkflowExecutionSignaled',
      'WorkflowTaskScheduled',
      'WorkflowTaskStarted',
    ]);

    await signal();
    await expect(service.respondWorkflowTaskCompleted({
        namespace,
        taskToken: second.taskToken,
        identity: 'raw',
        commands: [{ commandType: 4 /* COMPLETE_WORKFLOW_EXECUTION */, completeWorkflowExecutionCommandAttributes: {} }],
      })).rejects.toThrow(/INVALID_ARGUMENT: UnhandledCommand/);
    const third = await poll();
    const failed = third.history!.events!.find((e) => e.workflowTaskFailedEventAttributes)!;
    expect(failed.workflowTaskFailedEventAttributes!.cause).toBe(1);
    expect(eventTypes(third.history!).slice(-4)).toStrictEqual([
      'WorkflowTaskFailed',
      'WorkflowExecutionSignaled',
      'WorkflowTaskScheduled',
      'WorkflowTaskStarted',
    ]);
    await service.respondWorkflowTaskCompleted({
      namespace,
      taskToken: third.taskToken,
      identity: 'raw',
      commands: [{ commandType: 4, completeWorkflowExecutionCommandAttributes: {} }],
    });
    expect((await client().workflow.getHandle(workflowId).describe()).status.name).toBe('COMPLETED');
  });

  it('hands a query to the next poll ahead of the backlog of other workflow tasks, as the real matcher\'s sync-only query match does', async () => {
    const namespace = suite.env.namespace ?? 'default';
    const taskQueue = { name: `raw-${randomUUID()}` };
    const service = client().workflowService;
    const poll = () => service.pollWorkflowTaskQueue({ namespace, taskQueue, identity: 'raw' });
    const asked = id('asked');
    await service.startWorkflowExecution({ namespace, workflowId: asked, workflowType: { name: 'raw' }, taskQueue, requestId: randomUUID() });
    const first = await poll();
    await service.respondWorkflowTaskCompleted({ namespace, taskToken: first.taskToken, identity: 'raw', commands: [] });
    // A backlog: two other runs' first workflow tasks wait, no poll is outstanding.
    const waiting = [id('backlog'), id('backlog')];
    for (const workflowId of waiting) {
      await service.startWorkflowExecution({ namespace, workflowId, workflowType: { name: 'raw' }, taskQueue, requestId: randomUUID() });
    }
    const answer = service.queryWorkflow({ namespace, execution: { workflowId: asked }, query: { queryType: 'stage' } });
    // The query has reached the server when DescribeWorkflowExecution, sent after it on the same connection, is answered.
    await service.describeWorkflowExecution({ namespace, execution: { workflowId: asked } });
    const handed = await poll();
    expect({ workflowId: handed.workflowExecution?.workflowId, queryType: handed.query?.queryType }).toStrictEqual({ workflowId: asked, queryType: 'stage' });
    await service.respondQueryTaskCompleted({ namespace, taskToken: handed.taskToken, completedType: 1 /* ANSWERED */, queryResult: { payloads: [{ metadata: { encoding: Buffer.from('json/plain') }, data: Buffer.from('"INTAKE"') }] } });
    const result = await answer;
    expect(Buffer.from(result.queryResult!.payloads![0].data!).toString()).toBe('"INTAKE"');
    // The backlog keeps its order behind it, and is not counted with the query.
    const next = await poll();
    expect(next.workflowExecution?.workflowId).toBe(waiting[0]);
    for (const workflowId of waiting) await service.terminateWorkflowExecution({ namespace, workflowExecution: { workflowId }, reason: 'test finished' });
    await service.terminateWorkflowExecution({ namespace, workflowExecution: { workflowId: asked }, reason: 'test finished' });
  });

  it('records a signal retried with the same request id once', async () => {
    const handle = await start('counter', []);
    const request = {
      namespace: suite.env.namespace ?? 'default',
      workflowExecution: { workflowId: handle.workflowId },
      signalName: 'add',
      input: { payloads: [{ metadata: { encoding: Buffer.from('json/plain') }, data: Buffer.from('2') }] },
      requestId: randomUUID(),
    };
    await client().workflowService.signalWorkflowExecution(request);
    await client().workflowService.signalWorkflowExecution(request);
    expect(await handle.query(totalQuery)).toBe(2);
    await handle.terminate();
  });

  it('deletes a workflow execution, terminating it first', async () => {
    const handle = await start('counter', []);
    await client().workflowService.deleteWorkflowExecution({
      namespace: suite.env.namespace ?? 'default',
      workflowExecution: { workflowId: handle.workflowId },
    });
    let gone: unknown;
    for (let i = 0; i < 100 && !gone; i++) {
      gone = await handle.describe().then(
        () => undefined,
        (err) => err,
      );
      if (!gone) await new Promise((r) => setTimeout(r, 50));
    }
    expect(gone).toBeInstanceOf(WorkflowNotFoundError);
  });

  it('reports a failed child to its parent, and a child id already in use', async () => {
    const failed = await start('parentReporting', ['failer', id('failing-child'), ['kind kapot']]);
    expect(await failed.result()).toBe('ChildWorkflowFailure: kind kapot');
    expect(eventTypes(await failed.fetchHistory())).toContain('ChildWorkflowExecutionFailed');
    const busy = await start('counter', []);
    const refused = await start('parentReporting', ['counter', busy.workflowId, []]);
    expect(await refused.result()).toMatch(/^WorkflowExecutionAlreadyStartedError/);
    expect(eventTypes(await refused.fetchHistory())).toContain('StartChildWorkflowExecutionFailed');
    await busy.terminate();
  });

  it('times out a chain of runs after its execution timeout', async () => {
    const handle = await start('sleeper', [3_600_000], { workflowExecutionTimeout: '1 second' });
    const err = await handle.result().catch((e) => e);
    expect(err).toBeInstanceOf(WorkflowFailedError);
    expect((await handle.describe()).status.name).toBe('TIMED_OUT');
    expect(eventTypes(await handle.fetchHistory()).slice(-1)).toStrictEqual(['WorkflowExecutionTimedOut']);
  });

  it('leaves no trace of a rejected update in history (speculative workflow task)', async () => {
    const handle = await start('counter', []);
    expect(await handle.query(totalQuery)).toBe(0);
    const before = (await handle.fetchHistory()).events!.length;
    for (const bad of [-1, -2]) await expect(handle.executeUpdate(setTotalUpdate, { args: [bad] })).rejects.toThrow(WorkflowUpdateFailedError);
    expect((await handle.fetchHistory()).events!.length).toBe(before);
    await handle.signal(addSignal, 1);
    expect(await handle.query(totalQuery)).toBe(1);
    await expect(handle.executeUpdate(setTotalUpdate, { args: [-3] })).rejects.toThrow(WorkflowUpdateFailedError);
    expect(await handle.executeUpdate(setTotalUpdate, { args: [5] })).toBe(5);
    await handle.signal(addSignal, 2);
    await handle.signal(finishSignal);
    expect(await handle.result()).toBe(7);
    const ids = (await handle.fetchHistory()).events!.map((e) => Number(e.eventId));
    expect(ids).toStrictEqual(ids.map((_, i) => i + 1));
  });
});
