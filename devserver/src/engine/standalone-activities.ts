// Standalone activities (StartActivityExecution and its describe/poll/list/count/cancel/terminate/
// delete calls), as the real server's CHASM activity component behaves (temporalio/temporal
// chasm/lib/activity: handler.go StartActivityExecution/PollActivityExecution/..., activity.go
// handleCancellationRequested/Terminate, frontend.go ListActivityExecutions). An activity execution
// is identified by its activity id (the business id, with id reuse and conflict policies) and a run
// id; its tasks go to the task queue's ordinary activity pollers with `activityRunId` set and no
// workflow, and the worker answers through the usual RespondActivityTask* calls (token or ById with
// an empty workflow id). Attempts, retries with backoff and every timeout work as for an activity of
// a workflow. Kept in memory only, also with --db-filename (devserver/README.md, differences).
// The official time-skipping test server has none of this: there these calls stay UNIMPLEMENTED.
import { randomUUID } from 'node:crypto';
import { alreadyExists, failedPrecondition, invalidArgument, notFound, RpcError } from '../errors';
import { countExecutions, listExecutions } from '../visibility';
import type { VisibilityRecord } from '../visibility/types';
import type { TimerHandle } from '../clock';
import type { Engine } from './engine';
import { ms, TimeoutType, ts } from './enums';
import { nextRetry, withRetryDefaults } from './retry';
import type { PollCall } from './task-queues';
import { decodeToken, encodeToken } from './tokens';

/** temporal.api.enums.v1.ActivityExecutionStatus */
const S = { RUNNING: 1, COMPLETED: 2, FAILED: 3, CANCELED: 4, TERMINATED: 5, TIMED_OUT: 6 } as const;
/** temporal.api.enums.v1.PendingActivityState */
const RUN_STATE = { scheduled: 1, started: 2, cancelRequested: 3 } as const;
/** WorkflowExecutionStatus for the visibility query engine (TIMED_OUT is 7 there). */
const AS_WORKFLOW_STATUS: Record<number, number> = { 1: 1, 2: 2, 3: 3, 4: 4, 5: 5, 6: 7 };

/** chasm.activity.longPollTimeout: how long PollActivityExecution holds before an empty answer. */
const LONG_POLL_MS = 20_000;

interface StandaloneActivity {
  namespace: string;
  activityId: string;
  runId: string;
  activityType: string;
  taskQueue: string;
  header?: any;
  input?: any;
  priority?: any;
  userMetadata?: any;
  searchAttributes?: any;
  scheduleToCloseMs: number;
  scheduleToStartMs: number;
  startToCloseMs: number;
  heartbeatMs: number;
  startDelayMs: number;
  retryPolicy: any;
  status: number;
  state: 'scheduled' | 'started' | 'backoff' | 'closed';
  cancelRequested: boolean;
  cancelRequestId?: string;
  cancelReason?: string;
  terminateRequestId?: string;
  attempt: number;
  scheduleTime: number;
  executionTime: number;
  currentAttemptScheduledTime: number;
  startedTime: number;
  lastStartedTime: number;
  retryAt: number;
  dispatch: number;
  identity?: string;
  heartbeatDetails?: any;
  lastHeartbeatTime: number;
  totalHeartbeatCount: number;
  lastFailure?: any;
  lastAttemptCompleteTime: number;
  closeTime: number;
  outcome?: { result?: any; failure?: any };
  requestIds: string[];
  stateTransitions: number;
  timer?: TimerHandle;
  waiters: Set<() => void>;
}

const TOKEN_KIND = 'standalone-activity';

export class StandaloneActivities {
  /** namespace + activity id → runs, latest last. */
  private byId = new Map<string, StandaloneActivity[]>();

  constructor(private readonly engine: Engine) {}

  private key(namespace: string, activityId: string): string {
    return `${namespace}\u0000${activityId}`;
  }

  private latest(namespace: string, activityId: string): StandaloneActivity | undefined {
    const runs = this.byId.get(this.key(namespace, activityId));
    return runs?.[runs.length - 1];
  }

  find(namespace: string, activityId: string, runId?: string | null): StandaloneActivity {
    if (!activityId) throw invalidArgument('ActivityId is not set on request.');
    const runs = this.byId.get(this.key(namespace, activityId)) ?? [];
    const a = runId ? runs.find((r) => r.runId === runId) : runs[runs.length - 1];
    if (!a) throw notFound(`activity execution not found for activity ID "${activityId}"${runId ? ` and run ID "${runId}"` : ''}`);
    return a;
  }

  start(namespace: string, req: any): any {
    if (!req.activityId) throw invalidArgument('ActivityId is not set on request.');
    if (!req.activityType?.name) throw invalidArgument('ActivityType is not set on request.');
    if (!req.taskQueue?.name) throw invalidArgument('TaskQueue is not set on request.');
    const scheduleToClose = ms(req.scheduleToCloseTimeout);
    let startToClose = ms(req.startToCloseTimeout);
    let scheduleToStart = ms(req.scheduleToStartTimeout);
    if (!scheduleToClose && !startToClose) throw invalidArgument('A valid StartToClose or ScheduleToCloseTimeout is not set on request.');
    if (!startToClose) startToClose = scheduleToClose;
    if (scheduleToClose && startToClose > scheduleToClose) startToClose = scheduleToClose;
    if (!scheduleToStart || (scheduleToClose && scheduleToStart > scheduleToClose)) scheduleToStart = scheduleToClose;
    this.engine.visibility.validate(req.searchAttributes?.indexedFields);
    const requestId: string = req.requestId || randomUUID();
    const existing = this.latest(namespace, req.activityId);
    if (existing) {
      if (existing.requestIds.includes(requestId)) return { runId: existing.runId, started: true };
      if (existing.status === S.RUNNING) {
        if (req.idConflictPolicy === 2 /* USE_EXISTING */) return { runId: existing.runId, started: false };
        throw this.alreadyStarted(existing);
      }
      const reuse = req.idReusePolicy || 1;
      if (reuse === 3 /* REJECT_DUPLICATE */ || (reuse === 2 /* FAILED_ONLY */ && existing.status === S.COMPLETED)) {
        throw this.alreadyStarted(existing);
      }
    }
    const now = this.engine.now();
    const startDelayMs = ms(req.startDelay);
    const a: StandaloneActivity = {
      namespace,
      activityId: req.activityId,
      runId: randomUUID(),
      activityType: req.activityType.name,
      taskQueue: req.taskQueue.name,
      header: req.header,
      input: req.input,
      priority: req.priority,
      userMetadata: req.userMetadata,
      searchAttributes: req.searchAttributes,
      scheduleToCloseMs: scheduleToClose,
      scheduleToStartMs: scheduleToStart,
      startToCloseMs: startToClose,
      heartbeatMs: ms(req.heartbeatTimeout),
      startDelayMs,
      retryPolicy: withRetryDefaults(req.retryPolicy),
      status: S.RUNNING,
      state: startDelayMs ? 'backoff' : 'scheduled',
      cancelRequested: false,
      attempt: 1,
      scheduleTime: now,
      executionTime: now + startDelayMs,
      currentAttemptScheduledTime: now + startDelayMs,
      startedTime: 0,
      lastStartedTime: 0,
      retryAt: now + startDelayMs,
      dispatch: 1,
      lastHeartbeatTime: 0,
      totalHeartbeatCount: 0,
      lastAttemptCompleteTime: 0,
      closeTime: 0,
      requestIds: [requestId],
      stateTransitions: 1,
      waiters: new Set(),
    };
    const key = this.key(namespace, a.activityId);
    this.byId.set(key, [...(this.byId.get(key) ?? []), a]);
    if (a.state === 'scheduled') this.enqueue(a);
    this.arm(a);
    return { runId: a.runId, started: true };
  }

  private alreadyStarted(a: StandaloneActivity): RpcError {
    return alreadyExists('activity execution already started', [
      { typeName: 'temporal.api.errordetails.v1.ActivityExecutionAlreadyStartedFailure', value: { startRequestId: a.requestIds[0], runId: a.runId } },
    ]);
  }

  private enqueue(a: StandaloneActivity): void {
    const dispatch = a.dispatch;
    this.engine.matching.offer(a.namespace, 'activity', a.taskQueue, { start: (poll) => this.startTask(a, dispatch, poll) });
  }

  private startTask(a: StandaloneActivity, dispatch: number, poll: any): any | null {
    if (a.state !== 'scheduled' || a.dispatch !== dispatch) return null;
    const now = this.engine.now();
    a.state = 'started';
    a.startedTime = now;
    a.lastStartedTime = now;
    a.lastHeartbeatTime = 0;
    a.identity = poll.identity;
    a.stateTransitions++;
    this.arm(a);
    return {
      taskToken: encodeToken({ kind: TOKEN_KIND as any, namespace: a.namespace, workflowId: a.activityId, runId: a.runId, id: a.activityId, dispatch }),
      // As GenerateRecordActivityTaskStartedResponse: the activity's namespace, no workflow.
      workflowNamespace: a.namespace,
      activityType: { name: a.activityType },
      activityId: a.activityId,
      activityRunId: a.runId,
      header: a.header,
      input: a.input,
      heartbeatDetails: a.heartbeatDetails,
      scheduledTime: ts(a.scheduleTime),
      currentAttemptScheduledTime: ts(a.currentAttemptScheduledTime),
      startedTime: ts(now),
      attempt: a.attempt,
      scheduleToCloseTimeout: ts(a.scheduleToCloseMs),
      startToCloseTimeout: ts(a.startToCloseMs),
      heartbeatTimeout: ts(a.heartbeatMs),
      retryPolicy: a.retryPolicy,
      priority: a.priority,
    };
  }

  /** Does this RespondActivityTask... or RecordActivityTaskHeartbeat request name a standalone activity? */
  owns(req: any, byId: boolean): boolean {
    if (byId) return !req.workflowId && Boolean(req.activityId);
    try {
      return decodeToken(req.taskToken).kind === (TOKEN_KIND as any);
    } catch {
      return false;
    }
  }

  private started(req: any, byId: boolean): StandaloneActivity {
    let a: StandaloneActivity | undefined;
    if (byId) {
      a = this.latest(req.namespace, req.activityId);
      if (a && req.runId && a.runId !== req.runId) a = this.find(req.namespace, req.activityId, req.runId);
    } else {
      const t = decodeToken(req.taskToken);
      a = (this.byId.get(this.key(t.namespace, t.workflowId)) ?? []).find((r) => r.runId === t.runId);
      if (a && a.dispatch !== t.dispatch) a = undefined;
    }
    if (!a || a.state !== 'started') throw notFound('invalid activityID or activity already timed out or invoking workflow is completed');
    return a;
  }

  complete(req: any, byId: boolean): any {
    const a = this.started(req, byId);
    this.close(a, S.COMPLETED, { result: req.result });
    return {};
  }

  fail(req: any, byId: boolean): any {
    const a = this.started(req, byId);
    if (req.lastHeartbeatDetails) a.heartbeatDetails = req.lastHeartbeatDetails;
    this.retryOrClose(a, req.failure ?? { message: 'activity failed' }, S.FAILED);
    return {};
  }

  canceled(req: any, byId: boolean): any {
    const a = this.started(req, byId);
    if (!a.cancelRequested) throw failedPrecondition('activity task is not cancel requested');
    this.close(a, S.CANCELED, { failure: { message: 'Activity canceled', source: 'Server', canceledFailureInfo: { details: req.details } } });
    return {};
  }

  heartbeat(req: any, byId: boolean): any {
    const a = this.started(req, byId);
    a.heartbeatDetails = req.details;
    a.lastHeartbeatTime = this.engine.now();
    a.totalHeartbeatCount++;
    this.arm(a);
    return { cancelRequested: a.cancelRequested };
  }

  requestCancel(namespace: string, req: any): any {
    const a = this.find(namespace, req.activityId, req.runId);
    if (req.requestId && a.cancelRequestId === req.requestId) return {};
    if (a.status !== S.RUNNING) throw failedPrecondition(`activity is in terminal state ${statusName(a.status)}`);
    if (a.cancelRequested) throw failedPrecondition(`cancellation already requested with request ID ${a.cancelRequestId ?? ''}`);
    a.cancelRequested = true;
    a.cancelRequestId = req.requestId;
    a.cancelReason = req.reason;
    a.stateTransitions++;
    // No attempt in progress: cancelled at once (handleCancellationRequested); otherwise the worker
    // learns it from its next heartbeat and answers RespondActivityTaskCanceled.
    if (a.state !== 'started') {
      this.close(a, S.CANCELED, { failure: { message: req.reason || 'Activity canceled', source: 'Server', canceledFailureInfo: {} } });
    }
    return {};
  }

  terminate(namespace: string, req: any): any {
    const a = this.find(namespace, req.activityId, req.runId);
    if (a.status === S.TERMINATED) {
      if ((a.terminateRequestId ?? '') !== (req.requestId ?? '')) throw failedPrecondition(`already terminated with request ID ${a.terminateRequestId ?? ''}`);
      return {};
    }
    if (a.status !== S.RUNNING) throw failedPrecondition(`activity is in terminal state ${statusName(a.status)}`);
    a.terminateRequestId = req.requestId;
    this.close(a, S.TERMINATED, { failure: { message: req.reason || 'Activity terminated', source: 'Server', terminatedFailureInfo: {} } });
    return {};
  }

  delete(namespace: string, req: any): any {
    const a = this.find(namespace, req.activityId, req.runId);
    if (a.status === S.RUNNING) this.close(a, S.TERMINATED, { failure: { message: 'Delete activity execution', source: 'Server', terminatedFailureInfo: {} } });
    const key = this.key(namespace, a.activityId);
    const rest = (this.byId.get(key) ?? []).filter((r) => r !== a);
    if (rest.length) this.byId.set(key, rest);
    else this.byId.delete(key);
    return {};
  }

  describe(namespace: string, req: any): any {
    const a = this.find(namespace, req.activityId, req.runId);
    return {
      runId: a.runId,
      info: this.info(a, req),
      input: req.includeInput ? a.input : undefined,
      outcome: req.includeOutcome ? a.outcome : undefined,
    };
  }

  /** PollActivityExecution: the outcome once closed; an empty answer after the long poll (the SDK polls again). */
  async poll(namespace: string, req: any, call: PollCall): Promise<any> {
    const a = this.find(namespace, req.activityId, req.runId);
    if (a.status === S.RUNNING) {
      await new Promise<void>((resolve) => {
        const budget = call.deadline ? Math.max(0, call.deadline - Date.now() - 1000) : LONG_POLL_MS;
        const done = () => {
          clearTimeout(timer);
          a.waiters.delete(done);
          resolve();
        };
        const timer = setTimeout(done, Math.min(LONG_POLL_MS, budget));
        a.waiters.add(done);
        call.onCancel(done);
      });
      if (a.status === S.RUNNING) return {};
    }
    return { runId: a.runId, outcome: a.outcome };
  }

  list(namespace: string, req: any): any {
    const runs = this.records(namespace);
    const page = listExecutions(runs.keys(), { ...req, namespace, query: activityQuery(req.query) }, this.engine.visibility.registry, { now: this.engine.now() });
    const byRun = new Map([...runs].map(([record, a]) => [record.runId, a]));
    return {
      executions: page.executions.map((e: any) => this.listInfo(byRun.get(e.execution.runId)!)),
      nextPageToken: page.nextPageToken,
    };
  }

  count(namespace: string, req: any): any {
    return countExecutions(this.records(namespace).keys(), { ...req, namespace, query: activityQuery(req.query) }, this.engine.visibility.registry, { now: this.engine.now() });
  }

  private records(namespace: string): Map<VisibilityRecord, StandaloneActivity> {
    const out = new Map<VisibilityRecord, StandaloneActivity>();
    for (const runs of this.byId.values()) {
      for (const a of runs) {
        if (a.namespace !== namespace) continue;
        out.set(
          {
            namespace,
            workflowId: a.activityId,
            runId: a.runId,
            workflowType: a.activityType,
            taskQueue: a.taskQueue,
            status: AS_WORKFLOW_STATUS[a.status],
            startTime: a.scheduleTime,
            executionTime: a.executionTime,
            closeTime: a.closeTime || undefined,
            historyLength: 0,
            searchAttributes: a.searchAttributes,
            stateTransitionCount: a.stateTransitions,
          },
          a,
        );
      }
    }
    return out;
  }

  private listInfo(a: StandaloneActivity): any {
    return {
      activityId: a.activityId,
      runId: a.runId,
      activityType: { name: a.activityType },
      scheduleTime: ts(a.scheduleTime),
      closeTime: a.closeTime ? ts(a.closeTime) : undefined,
      status: a.status,
      searchAttributes: a.searchAttributes,
      taskQueue: a.taskQueue,
      stateTransitionCount: a.stateTransitions,
      executionDuration: a.closeTime ? ts(a.closeTime - a.scheduleTime) : undefined,
      executionTime: ts(a.executionTime),
    };
  }

  private info(a: StandaloneActivity, req: any): any {
    const runState = a.status !== S.RUNNING ? 0 : a.cancelRequested ? RUN_STATE.cancelRequested : a.state === 'started' ? RUN_STATE.started : RUN_STATE.scheduled;
    return {
      ...this.listInfo(a),
      runState,
      scheduleToCloseTimeout: ts(a.scheduleToCloseMs),
      scheduleToStartTimeout: ts(a.scheduleToStartMs),
      startToCloseTimeout: ts(a.startToCloseMs),
      heartbeatTimeout: ts(a.heartbeatMs),
      retryPolicy: a.retryPolicy,
      heartbeatDetails: req.includeHeartbeatDetails ? a.heartbeatDetails : undefined,
      lastHeartbeatTime: a.lastHeartbeatTime ? ts(a.lastHeartbeatTime) : undefined,
      lastStartedTime: a.lastStartedTime ? ts(a.lastStartedTime) : undefined,
      attempt: a.attempt,
      expirationTime: a.scheduleToCloseMs ? ts(a.scheduleTime + a.scheduleToCloseMs) : undefined,
      lastFailure: req.includeLastFailure ? a.lastFailure : undefined,
      lastWorkerIdentity: a.identity ?? '',
      lastAttemptCompleteTime: a.lastAttemptCompleteTime ? ts(a.lastAttemptCompleteTime) : undefined,
      nextAttemptScheduleTime: a.state === 'backoff' ? ts(a.retryAt) : undefined,
      priority: a.priority,
      header: a.header,
      userMetadata: a.userMetadata,
      canceledReason: a.cancelReason ?? '',
      totalHeartbeatCount: a.totalHeartbeatCount,
      startDelay: a.startDelayMs ? ts(a.startDelayMs) : undefined,
    };
  }

  private close(a: StandaloneActivity, finalStatus: number, outcome: { result?: any; failure?: any }): void {
    a.timer?.cancel();
    a.timer = undefined;
    const now = this.engine.now();
    a.status = finalStatus;
    a.state = 'closed';
    a.outcome = outcome;
    a.closeTime = now;
    a.lastAttemptCompleteTime = now;
    a.stateTransitions++;
    for (const wake of [...a.waiters]) wake();
  }

  private retryOrClose(a: StandaloneActivity, failure: any, finalStatus: number): void {
    const now = this.engine.now();
    a.lastAttemptCompleteTime = now;
    const expiration = a.scheduleToCloseMs ? a.scheduleTime + a.scheduleToCloseMs : 0;
    const decision = nextRetry(a.retryPolicy, a.attempt, failure, now, expiration);
    if ('delayMs' in decision && !a.cancelRequested) {
      a.lastFailure = failure;
      a.attempt++;
      a.state = 'backoff';
      a.retryAt = now + decision.delayMs;
      a.dispatch++;
      a.stateTransitions++;
      this.arm(a);
      return;
    }
    this.close(a, finalStatus, { failure });
  }

  private deadlines(a: StandaloneActivity): { at: number; kind: string }[] {
    const d: { at: number; kind: string }[] = [];
    if (a.scheduleToCloseMs) d.push({ at: a.scheduleTime + a.scheduleToCloseMs, kind: 'scheduleToClose' });
    if (a.state === 'backoff') d.push({ at: a.retryAt, kind: 'retry' });
    if (a.state === 'scheduled' && a.scheduleToStartMs) d.push({ at: a.currentAttemptScheduledTime + a.scheduleToStartMs, kind: 'scheduleToStart' });
    if (a.state === 'started') {
      if (a.startToCloseMs) d.push({ at: a.startedTime + a.startToCloseMs, kind: 'startToClose' });
      if (a.heartbeatMs) d.push({ at: (a.lastHeartbeatTime || a.startedTime) + a.heartbeatMs, kind: 'heartbeat' });
    }
    return d;
  }

  private arm(a: StandaloneActivity): void {
    a.timer?.cancel();
    a.timer = undefined;
    const next = Math.min(...this.deadlines(a).map((d) => d.at));
    if (!Number.isFinite(next) || a.state === 'closed') return;
    a.timer = this.engine.clock.at(next, () => this.onDeadline(a));
  }

  private onDeadline(a: StandaloneActivity): void {
    a.timer = undefined;
    if (a.state === 'closed') return;
    const now = this.engine.now();
    const order = ['scheduleToClose', 'scheduleToStart', 'startToClose', 'heartbeat', 'retry'];
    const due = this.deadlines(a)
      .filter((d) => d.at <= now)
      .sort((x, y) => order.indexOf(x.kind) - order.indexOf(y.kind));
    if (!due.length) return this.arm(a);
    const kind = due[0].kind;
    if (kind === 'retry') {
      a.state = 'scheduled';
      a.currentAttemptScheduledTime = now;
      this.arm(a);
      this.enqueue(a);
      return;
    }
    const failure = {
      message: `activity ${kind[0].toUpperCase()}${kind.slice(1)} timeout`,
      source: 'Server',
      timeoutFailureInfo: { timeoutType: TIMEOUT_TYPES[kind], lastHeartbeatDetails: a.heartbeatDetails },
      cause: a.lastFailure,
    };
    if (kind === 'scheduleToClose' || kind === 'scheduleToStart') return this.close(a, S.TIMED_OUT, { failure });
    this.retryOrClose(a, failure, S.TIMED_OUT);
  }
}

const TIMEOUT_TYPES: Record<string, number> = {
  scheduleToClose: TimeoutType.TIMEOUT_TYPE_SCHEDULE_TO_CLOSE,
  scheduleToStart: TimeoutType.TIMEOUT_TYPE_SCHEDULE_TO_START,
  startToClose: TimeoutType.TIMEOUT_TYPE_START_TO_CLOSE,
  heartbeat: TimeoutType.TIMEOUT_TYPE_HEARTBEAT,
};

function statusName(s: number): string {
  return ['UNSPECIFIED', 'RUNNING', 'COMPLETED', 'FAILED', 'CANCELED', 'TERMINATED', 'TIMED_OUT'][s] ?? String(s);
}

/**
 * The real server lists activities with ActivityId (the business id alias), ActivityType,
 * ExecutionStatus, TaskQueue, ExecutionTime and custom attributes; the visibility engine knows the
 * workflow names, so the activity ones are renamed outside quoted values.
 */
export function activityQuery(query: string | undefined): string | undefined {
  if (!query) return query;
  return query.replace(/('(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*"|`[^`]*`)|\bActivityId\b|\bActivityType\b/g, (m, quoted) =>
    quoted ? m : m === 'ActivityId' ? 'WorkflowId' : 'WorkflowType',
  );
}
