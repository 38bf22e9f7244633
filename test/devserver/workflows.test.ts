// Conformance of the devserver with the real Temporal Client and Worker (createLocal form, real
// clock): one scenario per server feature, asserting the result and the recorded history. Runs
// against an official server too (TEMPORAL_ADDRESS or TEMPORAL_CLI_PATH, see test/helpers/server.ts).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
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

  before(async () => {
    suite = await startSuite('local');
  });
  after(async () => {
    await suite?.stop();
  });

  it('runs a workflow to completion with a contiguous history', async () => {
    const handle = await start('echo', ['hallo']);
    assert.equal(await handle.result(), 'hallo');
    const history = await handle.fetchHistory();
    assert.deepEqual(eventTypes(history), [
      'WorkflowExecutionStarted',
      'WorkflowTaskScheduled',
      'WorkflowTaskStarted',
      'WorkflowTaskCompleted',
      'WorkflowExecutionCompleted',
    ]);
    assert.deepEqual(
      history.events!.map((e) => Number(e.eventId)),
      [1, 2, 3, 4, 5],
    );
    const started = history.events![0].workflowExecutionStartedEventAttributes!;
    assert.equal(Number(started.workflowTaskTimeout!.seconds), 10);
    assert.equal(started.workflowType!.name, 'echo');
  });

  it('refuses a second run of a running workflow id, or joins it with USE_EXISTING', async () => {
    const handle = await start('counter', []);
    await assert.rejects(
      client().workflow.start('counter', { args: [], taskQueue: suite.taskQueue, workflowId: handle.workflowId }),
      WorkflowExecutionAlreadyStartedError,
    );
    const joined = await client().workflow.start('counter', {
      args: [],
      taskQueue: suite.taskQueue,
      workflowId: handle.workflowId,
      workflowIdConflictPolicy: 'USE_EXISTING',
    });
    assert.equal(joined.firstExecutionRunId, handle.firstExecutionRunId);
    await handle.signal(finishSignal);
    assert.equal(await handle.result(), 0);
  });

  it('applies the id reuse policy to a closed run', async () => {
    const handle = await start('echo', ['x']);
    await handle.result();
    await assert.rejects(
      client().workflow.start('echo', {
        args: ['y'],
        taskQueue: suite.taskQueue,
        workflowId: handle.workflowId,
        workflowIdReusePolicy: 'REJECT_DUPLICATE',
      }),
      WorkflowExecutionAlreadyStartedError,
    );
    const again = await client().workflow.start('echo', { args: ['y'], taskQueue: suite.taskQueue, workflowId: handle.workflowId });
    assert.notEqual(again.firstExecutionRunId, handle.firstExecutionRunId);
    assert.equal(await again.result(), 'y');
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
    assert.equal(second.runId, first.runId);
  });

  it('runs an activity and records scheduled, started and completed', async () => {
    const handle = await start('greeter', ['Anna']);
    assert.equal(await handle.result(), 'hello Anna');
    const types = eventTypes(await handle.fetchHistory());
    const i = types.indexOf('ActivityTaskScheduled');
    assert.ok(i > 0);
    assert.deepEqual(types.slice(i, i + 3), ['ActivityTaskScheduled', 'ActivityTaskStarted', 'ActivityTaskCompleted']);
  });

  it('retries a failing activity with backoff and records the final attempt', async () => {
    const handle = await start('retrying', [2]);
    assert.equal(await handle.result(), 3);
    const history = await handle.fetchHistory();
    const started = history.events!.find((e) => e.activityTaskStartedEventAttributes)!;
    assert.equal(started.activityTaskStartedEventAttributes!.attempt, 3);
    assert.match(started.activityTaskStartedEventAttributes!.lastFailure!.message!, /attempt 2 fails on purpose/);
  });

  it('fails the workflow with a non-retryable activity failure', async () => {
    const handle = await start('failingActivity', []);
    const err = await handle.result().catch((e) => e);
    assert.ok(err instanceof WorkflowFailedError);
    assert.ok(err.cause instanceof ActivityFailure);
    assert.ok(err.cause.cause instanceof ApplicationFailure);
    assert.equal(err.cause.cause.message, 'activity gave up');
    assert.ok(eventTypes(await handle.fetchHistory()).includes('ActivityTaskFailed'));
  });

  it('delivers an activity cancellation through its heartbeat', async () => {
    const handle = await start('cancellableActivity', []);
    assert.equal(await handle.result(), 'cancelled');
    const types = eventTypes(await handle.fetchHistory());
    assert.ok(types.includes('ActivityTaskCancelRequested'));
  });

  it('handles signals, queries and updates, refusing an invalid update without trace', async () => {
    const handle = await start('counter', []);
    await handle.signal(addSignal, 2);
    await handle.signal(addSignal, 3);
    assert.equal(await handle.query(totalQuery), 5);
    assert.equal(await handle.executeUpdate(setTotalUpdate, { args: [10] }), 10);
    await assert.rejects(handle.executeUpdate(setTotalUpdate, { args: [-1] }), (err: unknown) => {
      assert.ok(err instanceof WorkflowUpdateFailedError);
      assert.match(String((err.cause as Error).message), /must not be negative, got -1/);
      return true;
    });
    assert.equal(await handle.query(totalQuery), 10);
    await handle.signal(finishSignal);
    assert.equal(await handle.result(), 10);
    const types = eventTypes(await handle.fetchHistory());
    assert.equal(types.filter((t) => t === 'WorkflowExecutionSignaled').length, 3);
    assert.equal(types.filter((t) => t === 'WorkflowExecutionUpdateAccepted').length, 1);
    assert.equal(types.filter((t) => t === 'WorkflowExecutionUpdateCompleted').length, 1);
  });

  it('starts an update and polls for its outcome', async () => {
    const handle = await start('counter', []);
    const update = await handle.startUpdate(setTotalUpdate, { args: [7], waitForStage: 'ACCEPTED' });
    assert.equal(await update.result(), 7);
    await handle.signal(finishSignal);
    assert.equal(await handle.result(), 7);
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
    assert.equal(await handle.query(totalQuery), 4);
    await client().workflow.signalWithStart('counter', {
      workflowId,
      taskQueue: suite.taskQueue,
      args: [],
      signal: addSignal,
      signalArgs: [1],
    });
    await handle.signal(finishSignal);
    assert.equal(await handle.result(), 5);
  });

  it('terminates a workflow', async () => {
    const handle = await start('counter', []);
    await handle.terminate('enough');
    const err = await handle.result().catch((e) => e);
    assert.ok(err instanceof WorkflowFailedError);
    assert.ok(err.cause instanceof TerminatedFailure);
    assert.equal((await handle.describe()).status.name, 'TERMINATED');
    await assert.rejects(handle.signal(addSignal, 1), WorkflowNotFoundError);
  });

  it('cancels a workflow', async () => {
    const handle = await start('waitForCancel', []);
    await handle.cancel();
    assert.equal(await handle.result(), 'cancelled');
    assert.ok(eventTypes(await handle.fetchHistory()).includes('WorkflowExecutionCancelRequested'));
  });

  it('fails a workflow with the application failure', async () => {
    const handle = await start('failer', ['kapot']);
    const err = await handle.result().catch((e) => e);
    assert.ok(err instanceof WorkflowFailedError);
    assert.ok(err.cause instanceof ApplicationFailure);
    assert.equal(err.cause.message, 'kapot');
    assert.equal((await handle.describe()).status.name, 'FAILED');
  });

  it('continues as new and follows the chain of runs', async () => {
    const handle = await start('continuer', [2]);
    assert.equal(await handle.result(), 0);
    const latest = await client().workflow.getHandle(handle.workflowId).describe();
    assert.notEqual(latest.runId, handle.firstExecutionRunId);
    const first = await client().workflow.getHandle(handle.workflowId, handle.firstExecutionRunId).describe();
    assert.equal(first.status.name, 'CONTINUED_AS_NEW');
  });

  it('runs a child workflow', async () => {
    const handle = await start('parent', ['Bram']);
    assert.equal(await handle.result(), 'hello Bram');
    const types = eventTypes(await handle.fetchHistory());
    for (const t of ['StartChildWorkflowExecutionInitiated', 'ChildWorkflowExecutionStarted', 'ChildWorkflowExecutionCompleted']) {
      assert.ok(types.includes(t), t);
    }
  });

  it('signals another workflow', async () => {
    const target = await start('counter', []);
    const sender = await start('signaller', [target.workflowId]);
    await sender.result();
    assert.ok(eventTypes(await sender.fetchHistory()).includes('ExternalWorkflowExecutionSignaled'));
    assert.equal(await target.query(totalQuery), 5);
    await target.terminate();
  });

  it('records markers for patched() and local activities', async () => {
    const patchedRun = await start('patchedWorkflow', []);
    assert.equal(await patchedRun.result(), 'v2');
    assert.ok(eventTypes(await patchedRun.fetchHistory()).includes('MarkerRecorded'));
    const local = await start('localGreeter', ['Cor']);
    assert.equal(await local.result(), 'hello Cor');
    assert.ok(eventTypes(await local.fetchHistory()).includes('MarkerRecorded'));
  });

  it('upserts search attributes and memo, and lists and counts by them', async () => {
    const status = `open-${randomUUID().slice(0, 8)}`;
    const handle = await start('searchable', [status]);
    assert.equal(await handle.result(), status);
    const description = await handle.describe();
    assert.deepEqual(description.searchAttributes[CASE_ATTRIBUTE], [status]);
    assert.deepEqual(await description.memo, { note: `status ${status}` });
    const listed = [];
    for await (const w of client().workflow.list({ query: `${CASE_ATTRIBUTE} = '${status}'` })) listed.push(w.workflowId);
    assert.deepEqual(listed, [handle.workflowId]);
    const count = await client().workflow.count(`${CASE_ATTRIBUTE} = '${status}' AND ExecutionStatus = 'Completed'`);
    assert.equal(count.count, 1);
  });

  it('refuses an unknown search attribute at start', async () => {
    const err = await start('echo', ['x'], { searchAttributes: { NoSuchAttribute: ['x'] } }).catch((e) => e);
    assert.match(String(err.cause?.message ?? err.message), /INVALID_ARGUMENT: .*NoSuchAttribute/);
  });

  it('pages history forwards and backwards', async () => {
    const handle = await start('greeter', ['Dirk']);
    await handle.result();
    const namespace = suite.env.namespace ?? 'default';
    const execution = { workflowId: handle.workflowId };
    const page1 = await client().workflowService.getWorkflowExecutionHistory({ namespace, execution, maximumPageSize: 4 });
    assert.equal(page1.history!.events!.length, 4);
    assert.ok(page1.nextPageToken?.length);
    const page2 = await client().workflowService.getWorkflowExecutionHistory({
      namespace,
      execution,
      maximumPageSize: 100,
      nextPageToken: page1.nextPageToken,
    });
    assert.equal(Number(page2.history!.events![0].eventId), 5);
    const reverse = await client().workflowService.getWorkflowExecutionHistoryReverse({ namespace, execution, maximumPageSize: 2 });
    const all = [...page1.history!.events!, ...page2.history!.events!];
    assert.deepEqual(
      reverse.history!.events!.map((e) => Number(e.eventId)),
      [all.length, all.length - 1],
    );
  });

  it('times out a run after its run timeout', async () => {
    const handle = await start('sleeper', [3_600_000], { workflowRunTimeout: '1 second' });
    const err = await handle.result().catch((e) => e);
    assert.ok(err instanceof WorkflowFailedError);
    assert.ok(err.cause instanceof TimeoutFailure || /timed out/i.test(String(err.message)));
    assert.equal((await handle.describe()).status.name, 'TIMED_OUT');
  });

  it('delays the first workflow task by the start delay', async () => {
    const handle = await start('echo', ['later'], { startDelay: '300 ms' });
    assert.equal(await handle.result(), 'later');
    const started = (await handle.fetchHistory()).events![0].workflowExecutionStartedEventAttributes!;
    assert.ok(started.firstWorkflowTaskBackoff);
  });

  it('describes namespaces and task queues', async () => {
    const namespace = suite.env.namespace ?? 'default';
    const namespaces = await client().workflowService.listNamespaces({});
    assert.ok(namespaces.namespaces!.some((n) => n.namespaceInfo!.name === namespace));
    const queue = await client().workflowService.describeTaskQueue({
      namespace,
      taskQueue: { name: suite.taskQueue },
      taskQueueType: 1,
    });
    assert.ok(queue.pollers!.length >= 1);
  });

  it('retries an activity whose heartbeat timed out', async () => {
    const handle = await start('heartbeatTimeout', []);
    assert.equal(await handle.result(), 2);
  });

  for (const [timeouts, expected, queue] of [
    [{ startToCloseTimeout: '300ms' }, 'START_TO_CLOSE', undefined],
    [{ scheduleToCloseTimeout: '300ms' }, 'SCHEDULE_TO_CLOSE', undefined],
    [{ startToCloseTimeout: '10s', scheduleToStartTimeout: '300ms' }, 'SCHEDULE_TO_START', 'queue-without-worker'],
  ] as const) {
    it(`times out an activity: ${expected}`, async () => {
      const handle = await start('activityTimeout', [timeouts, queue]);
      assert.equal(await handle.result(), expected);
      assert.ok(eventTypes(await handle.fetchHistory()).includes('ActivityTaskTimedOut'));
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
    assert.equal(first.attempt, 1);
    assert.deepEqual(eventTypes(first.history!).slice(-2), ['WorkflowTaskScheduled', 'WorkflowTaskStarted']);
    const second = await service.pollWorkflowTaskQueue({ namespace, taskQueue: { name: taskQueue }, identity: 'raw' });
    assert.equal(second.attempt, 2);
    assert.ok(eventTypes(second.history!).includes('WorkflowTaskTimedOut'));
    await assert.rejects(
      service.respondWorkflowTaskCompleted({ namespace, taskToken: first.taskToken, identity: 'raw' }),
      /NOT_FOUND/,
    );
    await client().workflow.getHandle(workflowId).terminate();
  });

  it('refuses a query before the first workflow task, answers one after the run closed', async () => {
    const delayed = await start('counter', [], { startDelay: '1 hour' });
    const refusal = await delayed.query(totalQuery).catch((e) => e);
    assert.match(String(refusal.cause?.message ?? refusal.message), /FAILED_PRECONDITION: .*not ready/i);
    await delayed.terminate();
    const closed = await start('counter', []);
    await closed.signal(addSignal, 6);
    await closed.signal(finishSignal);
    assert.equal(await closed.result(), 6);
    assert.equal(await closed.query(totalQuery), 6);
  });

  it('terminates a child when its parent is terminated (parent close policy)', async () => {
    const childId = id('child');
    const parentRun = await start('parentOfSleeper', [childId]);
    const child = client().workflow.getHandle(childId);
    for (let i = 0; i < 100 && !(await child.describe().catch(() => undefined)); i++) await new Promise((r) => setTimeout(r, 20));
    await parentRun.terminate();
    for (let i = 0; i < 100 && (await child.describe()).status.name === 'RUNNING'; i++) await new Promise((r) => setTimeout(r, 20));
    assert.equal((await child.describe()).status.name, 'TERMINATED');
  });

  it('cancels another workflow', async () => {
    const target = await start('waitForCancel', []);
    const sender = await start('canceller', [target.workflowId]);
    await sender.result();
    assert.equal(await target.result(), 'cancelled');
    assert.ok(eventTypes(await sender.fetchHistory()).includes('ExternalWorkflowExecutionCancelRequested'));
  });

  it('retries a failed workflow by its retry policy in a new run', async () => {
    const handle = await start('succeedsOnRetry', [], { retry: { initialInterval: '10ms', maximumAttempts: 2 } });
    assert.equal(await handle.result(), 2);
    const first = await client().workflow.getHandle(handle.workflowId, handle.firstExecutionRunId).describe();
    assert.equal(first.status.name, 'FAILED');
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
    assert.ok(Number(events[0].eventId) > seen);
    await handle.terminate();
  });

  it('describes a pending activity', async () => {
    const handle = await start('activityTimeout', [{ startToCloseTimeout: '10s' }, `no-worker-${randomUUID()}`]);
    let pending: any[] = [];
    for (let i = 0; i < 100 && !pending.length; i++) {
      pending = (await handle.describe()).raw.pendingActivities ?? [];
      if (!pending.length) await new Promise((r) => setTimeout(r, 20));
    }
    assert.equal(pending[0].activityType.name, 'sleepFor');
    assert.equal(pending[0].attempt, 1);
    await handle.terminate();
  });

  it('counts executions grouped by status', async () => {
    const handle = await start('echo', ['count me']);
    await handle.result();
    const counted = await client().workflow.count(`WorkflowId = '${handle.workflowId}' GROUP BY ExecutionStatus`);
    assert.equal(counted.count, 1);
    // The group value is a Keyword search attribute payload, which the client decodes as a list.
    assert.deepEqual(counted.groups.map((g) => [g.groupValues, g.count]), [[[['Completed']], 1]]);
  });

  it('adds, lists and removes a search attribute through the operator service', async () => {
    const namespace = suite.env.namespace ?? 'default';
    const operator = suite.env.connection.operatorService;
    await operator.addSearchAttributes({ namespace, searchAttributes: { DevserverScratch: 3 /* INT */ } });
    assert.equal((await operator.listSearchAttributes({ namespace })).customAttributes!.DevserverScratch, 3);
    await operator.removeSearchAttributes({ namespace, searchAttributes: ['DevserverScratch'] });
    assert.equal((await operator.listSearchAttributes({ namespace })).customAttributes!.DevserverScratch, undefined);
  });

  it('runs an update with start, starting the workflow or joining the running one', async () => {
    const workflowId = id('update-with-start');
    const operation = () =>
      new WithStartWorkflowOperation('counter', { workflowId, taskQueue: suite.taskQueue, args: [], workflowIdConflictPolicy: 'USE_EXISTING' });
    assert.equal(await client().workflow.executeUpdateWithStart(setTotalUpdate, { args: [3], startWorkflowOperation: operation() }), 3);
    const second = operation();
    assert.equal(await client().workflow.executeUpdateWithStart(setTotalUpdate, { args: [4], startWorkflowOperation: second }), 4);
    const handle = await second.workflowHandle();
    assert.equal(await handle.query(totalQuery), 4);
    const refused = await client()
      .workflow.executeUpdateWithStart(setTotalUpdate, { args: [-2], startWorkflowOperation: operation() })
      .catch((e) => e);
    assert.ok(refused instanceof WorkflowUpdateFailedError);
    assert.match(String(refused.cause?.message), /must not be negative, got -2/);
    await handle.signal(finishSignal);
    assert.equal(await handle.result(), 4);
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
    assert.ok(attempt >= 3, `workflow task attempt ${attempt}`);
    // Retries are transient, as on the real server: only the first failure is recorded.
    const history = await handle.fetchHistory();
    const failures = history.events!.filter((e) => e.workflowTaskFailedEventAttributes);
    assert.equal(failures.length, 1);
    assert.match(failures[0].workflowTaskFailedEventAttributes!.failure!.message!, /workflow code bug/);
    assert.equal(eventTypes(history).at(-1), 'WorkflowTaskFailed');
    const refusal = await handle.query<string>('__stack_trace').catch((e) => e);
    assert.match(String(refusal.cause?.message ?? refusal.message), /FAILED_PRECONDITION: .*failed state/);
    assert.equal((await handle.describe()).status.name, 'RUNNING');
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
    assert.deepEqual(eventTypes(second.history!).slice(3), [
      'WorkflowTaskCompleted',
      'WorkflowExecutionSignaled',
      'WorkflowTaskScheduled',
      'WorkflowTaskStarted',
    ]);

    await signal();
    await assert.rejects(
      service.respondWorkflowTaskCompleted({
        namespace,
        taskToken: second.taskToken,
        identity: 'raw',
        commands: [{ commandType: 4 /* COMPLETE_WORKFLOW_EXECUTION */, completeWorkflowExecutionCommandAttributes: {} }],
      }),
      /INVALID_ARGUMENT: UnhandledCommand/,
    );
    const third = await poll();
    const failed = third.history!.events!.find((e) => e.workflowTaskFailedEventAttributes)!;
    assert.equal(failed.workflowTaskFailedEventAttributes!.cause, 1 /* UNHANDLED_COMMAND */);
    assert.deepEqual(eventTypes(third.history!).slice(-4), [
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
    assert.equal((await client().workflow.getHandle(workflowId).describe()).status.name, 'COMPLETED');
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
    assert.equal(await handle.query(totalQuery), 2);
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
    assert.ok(gone instanceof WorkflowNotFoundError);
  });

  it('reports a failed child to its parent, and a child id already in use', async () => {
    const failed = await start('parentReporting', ['failer', id('failing-child'), ['kind kapot']]);
    assert.equal(await failed.result(), 'ChildWorkflowFailure: kind kapot');
    assert.ok(eventTypes(await failed.fetchHistory()).includes('ChildWorkflowExecutionFailed'));
    const busy = await start('counter', []);
    const refused = await start('parentReporting', ['counter', busy.workflowId, []]);
    assert.match(await refused.result(), /^WorkflowExecutionAlreadyStartedError/);
    assert.ok(eventTypes(await refused.fetchHistory()).includes('StartChildWorkflowExecutionFailed'));
    await busy.terminate();
  });

  it('times out a chain of runs after its execution timeout', async () => {
    const handle = await start('sleeper', [3_600_000], { workflowExecutionTimeout: '1 second' });
    const err = await handle.result().catch((e) => e);
    assert.ok(err instanceof WorkflowFailedError);
    assert.equal((await handle.describe()).status.name, 'TIMED_OUT');
    assert.deepEqual(eventTypes(await handle.fetchHistory()).slice(-1), ['WorkflowExecutionTimedOut']);
  });

  it('leaves no trace of a rejected update in history (speculative workflow task)', async () => {
    const handle = await start('counter', []);
    assert.equal(await handle.query(totalQuery), 0);
    const before = (await handle.fetchHistory()).events!.length;
    for (const bad of [-1, -2]) await assert.rejects(handle.executeUpdate(setTotalUpdate, { args: [bad] }), WorkflowUpdateFailedError);
    assert.equal((await handle.fetchHistory()).events!.length, before);
    await handle.signal(addSignal, 1);
    assert.equal(await handle.query(totalQuery), 1);
    await assert.rejects(handle.executeUpdate(setTotalUpdate, { args: [-3] }), WorkflowUpdateFailedError);
    assert.equal(await handle.executeUpdate(setTotalUpdate, { args: [5] }), 5);
    await handle.signal(addSignal, 2);
    await handle.signal(finishSignal);
    assert.equal(await handle.result(), 7);
    const ids = (await handle.fetchHistory()).events!.map((e) => Number(e.eventId));
    assert.deepEqual(ids, ids.map((_, i) => i + 1));
  });
});
