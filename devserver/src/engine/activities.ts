// Activities: scheduled by a command, handed to pollers, completed/failed/cancelled by the worker,
// retried with the retry policy's backoff, and timed out (schedule-to-start, start-to-close,
// schedule-to-close, heartbeat). Like the real server, ActivityTaskStarted is written only together
// with the outcome, so retries leave no trace in history except the final attempt number.
import { randomUUID } from 'node:crypto';
import { invalidArgument, notFound } from '../errors';
import type { Engine, Exec } from './engine';
import { EventType, isOpen, ms, RetryState, TimeoutType, ts } from './enums';
import { nextRetry, withRetryDefaults } from './retry';
import type { ActivityState } from './state';
import { decodeToken, encodeToken } from './tokens';
import { checkIdLength, overBlobLimit, overFailureLimit } from './limits';

export class ActivityCommandError extends Error {}

/** ScheduleActivityTask command → ActivityTaskScheduled, with the defaults the real server fills in. */
export function scheduleActivity(engine: Engine, exec: Exec, attrs: any, completedEventId: number): void {
  const runTimeout = exec.s.runTimeoutMs;
  let scheduleToClose = ms(attrs.scheduleToCloseTimeout);
  let startToClose = ms(attrs.startToCloseTimeout);
  let scheduleToStart = ms(attrs.scheduleToStartTimeout);
  const heartbeat = ms(attrs.heartbeatTimeout);
  if (!scheduleToClose && !startToClose) {
    throw new ActivityCommandError('A valid StartToClose or ScheduleToCloseTimeout is not set on ScheduleActivityTaskCommand.');
  }
  if (runTimeout) {
    scheduleToClose = scheduleToClose ? Math.min(scheduleToClose, runTimeout) : runTimeout;
  }
  if (!startToClose) startToClose = scheduleToClose;
  if (scheduleToClose && startToClose > scheduleToClose) startToClose = scheduleToClose;
  if (!scheduleToStart || (scheduleToClose && scheduleToStart > scheduleToClose)) scheduleToStart = scheduleToClose;
  const retryPolicy = withRetryDefaults(attrs.retryPolicy);
  const taskQueue = attrs.taskQueue?.name || exec.s.taskQueue;
  const event = engine.append(exec, EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED, {
    activityId: attrs.activityId,
    activityType: attrs.activityType,
    taskQueue: { name: taskQueue, kind: 1 },
    header: attrs.header,
    input: attrs.input,
    scheduleToCloseTimeout: ts(scheduleToClose),
    scheduleToStartTimeout: ts(scheduleToStart),
    startToCloseTimeout: ts(startToClose),
    heartbeatTimeout: ts(heartbeat),
    workflowTaskCompletedEventId: completedEventId,
    retryPolicy,
    priority: attrs.priority,
  });
  const now = engine.now();
  const activity: ActivityState = {
    scheduledEventId: event.eventId,
    activityId: attrs.activityId,
    activityType: attrs.activityType?.name ?? '',
    taskQueue,
    header: attrs.header,
    input: attrs.input,
    priority: attrs.priority,
    scheduleToCloseMs: scheduleToClose,
    scheduleToStartMs: scheduleToStart,
    startToCloseMs: startToClose,
    heartbeatMs: heartbeat,
    retryPolicy,
    attempt: 1,
    state: 'scheduled',
    scheduledTime: now,
    currentAttemptScheduledTime: now,
    startedTime: 0,
    retryAt: 0,
    dispatch: ++exec.s.dispatchSeq,
    lastHeartbeatTime: 0,
    cancelRequested: false,
    cancelRequestedEventId: 0,
  };
  exec.s.activities[event.eventId] = activity;
  engine.afterCommit(() => enqueueActivity(engine, exec, activity));
  armActivity(engine, exec, activity);
}

function enqueueActivity(engine: Engine, exec: Exec, activity: ActivityState): void {
  const dispatch = activity.dispatch;
  engine.matching.offer(exec.s.namespace, 'activity', activity.taskQueue, {
    start: (poll) => startActivity(engine, exec, activity.scheduledEventId, dispatch, poll),
  });
}

function startActivity(engine: Engine, exec: Exec, scheduledEventId: number, dispatch: number, poll: any): any | null {
  const a = exec.s.activities[scheduledEventId];
  if (!isOpen(exec.s.status) || !a || a.dispatch !== dispatch || a.state !== 'scheduled') return null;
  const now = engine.now();
  a.state = 'started';
  a.startedTime = now;
  a.lastHeartbeatTime = 0;
  a.identity = poll.identity;
  armActivity(engine, exec, a);
  engine.changed(exec);
  return {
    taskToken: encodeToken({
      kind: 'activity',
      namespace: exec.s.namespace,
      workflowId: exec.s.workflowId,
      runId: exec.s.runId,
      id: String(scheduledEventId),
      dispatch,
    }),
    workflowNamespace: exec.s.namespace,
    workflowType: { name: exec.s.workflowType },
    workflowExecution: { workflowId: exec.s.workflowId, runId: exec.s.runId },
    activityType: { name: a.activityType },
    activityId: a.activityId,
    header: a.header,
    input: a.input,
    heartbeatDetails: a.heartbeatDetails,
    scheduledTime: ts(a.scheduledTime),
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

const STALE = 'invalid activityID or activity already timed out or invoking workflow is completed';

/** The started activity a token (or namespace/workflowId/runId/activityId) names. */
export function startedActivity(engine: Engine, req: any, byId: boolean): { exec: Exec; a: ActivityState } {
  let exec: Exec | undefined;
  let a: ActivityState | undefined;
  if (byId) {
    if (!req.activityId) throw invalidArgument('activityId is required');
    exec = engine.find(req.namespace, req.workflowId, req.runId);
    a = exec && Object.values(exec.s.activities).find((x) => x.activityId === req.activityId);
  } else {
    const t = decodeToken(req.taskToken);
    if (t.kind !== 'activity') throw invalidArgument('task token is not an activity task token');
    exec = engine.find(t.namespace, t.workflowId, t.runId);
    a = exec?.s.activities[t.id];
    if (a && a.dispatch !== t.dispatch) a = undefined;
  }
  if (!exec || !a || !isOpen(exec.s.status) || a.state !== 'started') throw notFound(STALE);
  return { exec, a };
}

function startedEvent(a: ActivityState, requestId = randomUUID()) {
  return {
    eventType: EventType.EVENT_TYPE_ACTIVITY_TASK_STARTED,
    attributes: {
      scheduledEventId: a.scheduledEventId,
      identity: a.identity ?? '',
      requestId,
      attempt: a.attempt,
      lastFailure: a.lastFailure,
    },
  };
}

function finish(engine: Engine, exec: Exec, a: ActivityState, eventType: number, attributes: any): void {
  delete exec.s.activities[a.scheduledEventId];
  engine.disarm(exec, `activity:${a.scheduledEventId}`);
  engine.addEvents(exec, [
    startedEvent(a),
    { eventType, attributes: { ...attributes, scheduledEventId: a.scheduledEventId, startedEventId: -1 } },
  ]);
  engine.changed(exec);
}

/** The failure the real server records in place of an oversized result, failure or heartbeat (frontend). */
const serverFailure = (message: string) => ({ message, source: '', serverFailureInfo: { nonRetryable: true } });

export function completeActivity(engine: Engine, req: any, byId: boolean): any {
  checkIdLength(req.identity, 'Identity');
  // A result over limit.blobSize.error is recorded as a non-retryable failure, as the real server does.
  if (overBlobLimit(req.result)) return failActivity(engine, { ...req, result: undefined, failure: serverFailure('Complete result exceeds size limit.') }, byId);
  const { exec, a } = startedActivity(engine, req, byId);
  finish(engine, exec, a, EventType.EVENT_TYPE_ACTIVITY_TASK_COMPLETED, { result: req.result, identity: req.identity ?? '' });
  return {};
}

export function failActivity(engine: Engine, req: any, byId: boolean): any {
  checkIdLength(req.identity, 'Identity');
  const { exec, a } = startedActivity(engine, req, byId);
  if (req.lastHeartbeatDetails && !overBlobLimit(req.lastHeartbeatDetails)) a.heartbeatDetails = req.lastHeartbeatDetails;
  const failure = overFailureLimit(req.failure) ? serverFailure('Failure exceeds size limit.') : (req.failure ?? { message: 'activity failed' });
  retryOrFail(engine, exec, a, failure, (retryState) => ({
    eventType: EventType.EVENT_TYPE_ACTIVITY_TASK_FAILED,
    attributes: { failure, identity: req.identity ?? '', retryState },
  }));
  return {};
}

export function cancelActivity(engine: Engine, req: any, byId: boolean): any {
  const { exec, a } = startedActivity(engine, req, byId);
  finish(engine, exec, a, EventType.EVENT_TYPE_ACTIVITY_TASK_CANCELED, {
    details: req.details,
    latestCancelRequestedEventId: a.cancelRequestedEventId,
    identity: req.identity ?? '',
  });
  return {};
}

export function heartbeatActivity(engine: Engine, req: any, byId: boolean): any {
  if (overBlobLimit(req.details)) {
    // The real server fails the activity at once and tells the worker to stop.
    failActivity(engine, { ...req, details: undefined, failure: serverFailure('Heartbeat details exceed size limit.') }, byId);
    return { cancelRequested: true };
  }
  const { exec, a } = startedActivity(engine, req, byId);
  a.heartbeatDetails = req.details;
  a.lastHeartbeatTime = engine.now();
  armActivity(engine, exec, a);
  engine.touch(exec);
  return { cancelRequested: a.cancelRequested };
}

/** A failed or timed-out attempt: schedule the next one, or write the final failure event. */
function retryOrFail(
  engine: Engine,
  exec: Exec,
  a: ActivityState,
  failure: any,
  finalEvent: (retryState: number) => { eventType: number; attributes: any },
): void {
  const now = engine.now();
  const expiration = a.scheduleToCloseMs ? a.scheduledTime + a.scheduleToCloseMs : 0;
  const decision = nextRetry(a.retryPolicy, a.attempt, failure, now, expiration);
  if ('delayMs' in decision && !a.cancelRequested) {
    a.lastFailure = failure;
    a.attempt++;
    a.state = 'backoff';
    a.retryAt = now + decision.delayMs;
    a.dispatch = ++exec.s.dispatchSeq;
    armActivity(engine, exec, a);
    engine.changed(exec);
    return;
  }
  const retryState = 'retryState' in decision ? decision.retryState : RetryState.RETRY_STATE_CANCEL_REQUESTED;
  const { eventType, attributes } = finalEvent(retryState);
  finish(engine, exec, a, eventType, attributes);
}

/** Arm the earliest deadline of the activity: its next retry or its first timeout. */
export function armActivity(engine: Engine, exec: Exec, a: ActivityState): void {
  const deadlines = activityDeadlines(a);
  const next = Math.min(...deadlines.map((d) => d.at));
  if (!Number.isFinite(next)) return engine.disarm(exec, `activity:${a.scheduledEventId}`);
  engine.arm(exec, `activity:${a.scheduledEventId}`, next, () => onActivityDeadline(engine, exec, a.scheduledEventId));
}

type Deadline = { at: number; kind: 'retry' | 'scheduleToClose' | 'scheduleToStart' | 'startToClose' | 'heartbeat' };

function activityDeadlines(a: ActivityState): Deadline[] {
  const d: Deadline[] = [];
  if (a.scheduleToCloseMs) d.push({ at: a.scheduledTime + a.scheduleToCloseMs, kind: 'scheduleToClose' });
  if (a.state === 'backoff') d.push({ at: a.retryAt, kind: 'retry' });
  if (a.state === 'scheduled' && a.scheduleToStartMs) d.push({ at: a.currentAttemptScheduledTime + a.scheduleToStartMs, kind: 'scheduleToStart' });
  if (a.state === 'started') {
    if (a.startToCloseMs) d.push({ at: a.startedTime + a.startToCloseMs, kind: 'startToClose' });
    if (a.heartbeatMs) d.push({ at: (a.lastHeartbeatTime || a.startedTime) + a.heartbeatMs, kind: 'heartbeat' });
  }
  return d;
}

const TIMEOUT_TYPES: Record<string, number> = {
  scheduleToClose: TimeoutType.TIMEOUT_TYPE_SCHEDULE_TO_CLOSE,
  scheduleToStart: TimeoutType.TIMEOUT_TYPE_SCHEDULE_TO_START,
  startToClose: TimeoutType.TIMEOUT_TYPE_START_TO_CLOSE,
  heartbeat: TimeoutType.TIMEOUT_TYPE_HEARTBEAT,
};

const TIMEOUT_NAMES: Record<string, string> = {
  scheduleToClose: 'ScheduleToClose',
  scheduleToStart: 'ScheduleToStart',
  startToClose: 'StartToClose',
  heartbeat: 'Heartbeat',
};

function onActivityDeadline(engine: Engine, exec: Exec, scheduledEventId: number): void {
  const a = exec.s.activities[scheduledEventId];
  if (!a || !isOpen(exec.s.status)) return;
  const now = engine.now();
  const due = activityDeadlines(a).filter((d) => d.at <= now);
  if (!due.length) return armActivity(engine, exec, a);
  const order = ['scheduleToClose', 'scheduleToStart', 'startToClose', 'heartbeat', 'retry'];
  due.sort((x, y) => order.indexOf(x.kind) - order.indexOf(y.kind));
  const kind = due[0].kind;
  if (kind === 'retry') {
    a.state = 'scheduled';
    a.currentAttemptScheduledTime = now;
    armActivity(engine, exec, a);
    enqueueActivity(engine, exec, a);
    engine.changed(exec);
    return;
  }
  const failure = {
    message: `activity ${TIMEOUT_NAMES[kind]} timeout`,
    source: 'Server',
    timeoutFailureInfo: { timeoutType: TIMEOUT_TYPES[kind], lastHeartbeatDetails: a.heartbeatDetails },
    cause: a.lastFailure,
  };
  const timedOut = (retryState: number) => ({
    eventType: EventType.EVENT_TYPE_ACTIVITY_TASK_TIMED_OUT,
    attributes: { failure, retryState },
  });
  if (kind === 'scheduleToClose' || kind === 'scheduleToStart') {
    const { eventType, attributes } = timedOut(RetryState.RETRY_STATE_TIMEOUT);
    if (a.state === 'started') return finish(engine, exec, a, eventType, attributes);
    // Never started: no ActivityTaskStarted event.
    delete exec.s.activities[a.scheduledEventId];
    engine.disarm(exec, `activity:${a.scheduledEventId}`);
    engine.addEvents(exec, [{ eventType, attributes: { ...attributes, scheduledEventId: a.scheduledEventId, startedEventId: 0 } }]);
    engine.changed(exec);
    return;
  }
  retryOrFail(engine, exec, a, failure, timedOut);
}

/** RequestCancelActivityTask command: a waiting activity is cancelled at once, a running one is told via heartbeat. */
export function requestCancelActivity(engine: Engine, exec: Exec, scheduledEventId: number, completedEventId: number): boolean {
  const a = exec.s.activities[scheduledEventId];
  if (!a) throw new ActivityCommandError(`RequestCancelActivityTask: no pending activity with scheduled event id ${scheduledEventId}`);
  const requested = engine.append(exec, EventType.EVENT_TYPE_ACTIVITY_TASK_CANCEL_REQUESTED, {
    scheduledEventId,
    workflowTaskCompletedEventId: completedEventId,
  });
  a.cancelRequested = true;
  a.cancelRequestedEventId = requested.eventId;
  if (a.state === 'started') return false;
  // Cancelled before a worker took it: the official test server drops the activity without releasing
  // the time-skipping lock it took when scheduling it (processRequestCancelActivityTask).
  if (a.state === 'scheduled' && engine.clock.timeSkipping) engine.clock.orphan(1);
  delete exec.s.activities[scheduledEventId];
  engine.disarm(exec, `activity:${scheduledEventId}`);
  engine.append(exec, EventType.EVENT_TYPE_ACTIVITY_TASK_CANCELED, {
    latestCancelRequestedEventId: requested.eventId,
    scheduledEventId,
    startedEventId: 0,
    identity: '',
  });
  return true;
}

/** After a restart: waiting activities go back on their queue, deadlines are re-armed. */
export function recoverActivities(engine: Engine, exec: Exec): void {
  for (const a of Object.values(exec.s.activities)) {
    if (a.state === 'scheduled') enqueueActivity(engine, exec, a);
    armActivity(engine, exec, a);
  }
}
