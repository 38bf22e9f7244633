// Workflow task lifecycle: handed to a poller (WorkflowTaskStarted, full history), completed with
// commands and protocol messages, failed, or timed out (start-to-close), after which a new attempt
// is scheduled. Events that arrived meanwhile were buffered and are written when the task ends.
import { randomUUID } from 'node:crypto';
import { invalidArgument, notFound } from '../errors';
import { applyCommands, CommandRejection, validateCommands } from './commands';
import type { Engine, Exec } from './engine';
import { CommandType, EventType, isOpen, TimeoutType, ts, WftFailedCause } from './enums';
import { dispatchPendingQueries } from './queries';
import { decodeToken, encodeToken } from './tokens';
import { historyPage } from './encoded-history';
import { terminateWorkflow } from './close';
import { oversizedCommand } from './limits';
import {
  applyProtocolMessage,
  deliverUpdates,
  hasUndeliveredUpdates,
  isRejectionOnly,
  scheduleUpdateTask,
  undeliverUpdates,
} from './updates';

/** The real server's defaults for suggesting continue-as-new (limit.historyCount/historySize.suggestContinueAsNew). */
const SUGGEST_CONTINUE_AS_NEW_EVENTS = 4 * 1024;
const SUGGEST_CONTINUE_AS_NEW_BYTES = 4 * 1024 * 1024;

/** Retried workflow tasks wait a little from the third attempt on, so a failing workflow cannot spin. */
const WFT_RETRY_BACKOFF_MAX_MS = 10_000;

export function enqueueWorkflowTask(engine: Engine, exec: Exec): void {
  const wft = exec.s.wft!;
  const { scheduledEventId, dispatch } = wft;
  engine.matching.offer(exec.s.namespace, 'workflow', exec.s.taskQueue, {
    start: (poll) => startWorkflowTask(engine, exec, scheduledEventId, dispatch, poll),
  });
}

export function workflowTaskResponseBase(exec: Exec): any {
  return {
    workflowExecution: { workflowId: exec.s.workflowId, runId: exec.s.runId },
    workflowType: { name: exec.s.workflowType },
    workflowExecutionTaskQueue: { name: exec.s.taskQueue, kind: 1 },
    backlogCountHint: 0,
  };
}

export function startWorkflowTask(engine: Engine, exec: Exec, scheduledEventId: number, dispatch: number, poll: any): any | null {
  const wft = exec.s.wft;
  if (!isOpen(exec.s.status) || !wft || wft.scheduledEventId !== scheduledEventId || wft.dispatch !== dispatch || wft.startedEventId) {
    return null;
  }
  const now = engine.now();
  const started = engine.append(exec, EventType.EVENT_TYPE_WORKFLOW_TASK_STARTED, {
    scheduledEventId,
    identity: poll.identity ?? '',
    requestId: randomUUID(),
    historySizeBytes: exec.s.historySizeBytes,
    suggestContinueAsNew:
      exec.log.length + 1 >= SUGGEST_CONTINUE_AS_NEW_EVENTS || exec.s.historySizeBytes >= SUGGEST_CONTINUE_AS_NEW_BYTES,
  });
  wft.startedEventId = started.eventId;
  wft.startedTime = now;
  wft.identity = poll.identity;
  const messages = deliverUpdates(exec);
  engine.arm(exec, 'wft', now + exec.s.workflowTaskTimeoutMs, () => workflowTaskTimedOut(engine, exec, dispatch));
  engine.changed(exec);
  return {
    ...workflowTaskResponseBase(exec),
    taskToken: encodeToken({
      kind: 'wft',
      namespace: exec.s.namespace,
      workflowId: exec.s.workflowId,
      runId: exec.s.runId,
      id: String(scheduledEventId),
      dispatch,
    }),
    previousStartedEventId: exec.s.lastCompletedWftStartedId,
    startedEventId: started.eventId,
    attempt: wft.attempt,
    history: historyPage(exec),
    scheduledTime: ts(wft.scheduledTime),
    startedTime: ts(now),
    messages,
  };
}

/** The run whose running workflow task this token names, or NOT_FOUND. */
function runningTask(engine: Engine, token: Uint8Array): Exec {
  const t = decodeToken(token);
  if (t.kind !== 'wft') throw invalidArgument('task token is not a workflow task token');
  const exec = engine.find(t.namespace, t.workflowId, t.runId);
  const wft = exec?.s.wft;
  if (!exec || !isOpen(exec.s.status) || !wft || wft.dispatch !== t.dispatch || !wft.startedEventId) {
    throw notFound('Workflow task not found.');
  }
  return exec;
}

const CLOSE_COMMANDS = new Set([
  CommandType.COMMAND_TYPE_COMPLETE_WORKFLOW_EXECUTION,
  CommandType.COMMAND_TYPE_FAIL_WORKFLOW_EXECUTION,
  CommandType.COMMAND_TYPE_CANCEL_WORKFLOW_EXECUTION,
  CommandType.COMMAND_TYPE_CONTINUE_AS_NEW_WORKFLOW_EXECUTION,
]);

export function completeWorkflowTask(engine: Engine, req: any): any {
  const exec = runningTask(engine, req.taskToken);
  const wft = exec.s.wft!;
  if (wft.speculativeFrom !== undefined && !wft.transient && isRejectionOnly(req)) return dropSpeculativeTask(engine, exec, req);
  const commands: any[] = req.commands ?? [];
  const closing = commands.some((c) => CLOSE_COMMANDS.has(c.commandType));
  if (closing && (exec.s.buffered.length || hasUndeliveredUpdates(exec))) {
    // The workflow must see what arrived while it was deciding to close (a signal, an update): like
    // the real server, fail this task, schedule the next one, and tell the worker (it then evicts).
    failWorkflowTask(engine, exec, WftFailedCause.WORKFLOW_TASK_FAILED_CAUSE_UNHANDLED_COMMAND, undefined, req.identity, 1);
    throw invalidArgument('UnhandledCommand');
  }
  const oversized = oversizedCommand(commands);
  if (oversized) return terminateForOversizedCommand(engine, exec, oversized, req.identity);
  try {
    validateCommands(engine, exec, commands);
  } catch (err) {
    if (!(err instanceof CommandRejection)) throw err;
    // A retried task that fails again is not recorded again: it times out and is retried (real server).
    if (wft.attempt === 1) failWorkflowTask(engine, exec, err.failedCause, { message: err.message, applicationFailureInfo: {} }, req.identity);
    throw invalidArgument(err.message);
  }
  engine.disarm(exec, 'wft');
  const completed = engine.append(exec, EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED, {
    scheduledEventId: wft.scheduledEventId,
    startedEventId: wft.startedEventId,
    identity: req.identity ?? '',
    binaryChecksum: req.binaryChecksum,
    sdkMetadata: req.sdkMetadata,
    meteringMetadata: req.meteringMetadata,
    workerVersion: req.workerVersionStamp,
  });
  exec.s.lastCompletedWftStartedId = wft.startedEventId;
  exec.s.wft = undefined;
  const ctx = { completedEventId: completed.eventId, identity: req.identity ?? '', needWorkflowTask: false };
  applyCommands(engine, exec, commands, req.messages ?? [], ctx);
  if (isOpen(exec.s.status)) {
    undeliverUpdates(exec);
    const flushed = engine.flushBuffered(exec);
    if (flushed || ctx.needWorkflowTask || req.forceCreateNewWorkflowTask) engine.scheduleWorkflowTask(exec);
    else if (hasUndeliveredUpdates(exec)) scheduleUpdateTask(engine, exec);
  }
  dispatchPendingQueries(engine, exec);
  engine.changed(exec);
  return {};
}

/**
 * A command whose payloads exceed the blob or memo limit: the task fails with its cause and the
 * workflow is terminated by the server (see limits.ts); the worker's call itself succeeds.
 */
function terminateForOversizedCommand(engine: Engine, exec: Exec, oversized: { cause: string; message: string }, identity?: string): any {
  const wft = exec.s.wft!;
  // A retry's events become part of the history: the failure they record is final.
  wft.speculativeFrom = undefined;
  wft.transient = undefined;
  engine.disarm(exec, 'wft');
  engine.append(exec, EventType.EVENT_TYPE_WORKFLOW_TASK_FAILED, {
    scheduledEventId: wft.scheduledEventId,
    startedEventId: wft.startedEventId,
    cause: WftFailedCause[oversized.cause],
    failure: { message: oversized.message, serverFailureInfo: { nonRetryable: true } },
    identity: identity ?? '',
  });
  exec.s.wft = undefined;
  engine.flushBuffered(exec);
  undeliverUpdates(exec);
  terminateWorkflow(engine, exec, `${oversized.cause}: ${oversized.message}`, undefined, 'history-service');
  dispatchPendingQueries(engine, exec);
  return {};
}

/** Rejected updates leave no trace: the task's events go, and the worker rolls back to the last started id. */
function dropSpeculativeTask(engine: Engine, exec: Exec, req: any): any {
  const from = exec.s.wft!.speculativeFrom!;
  engine.disarm(exec, 'wft');
  for (const message of req.messages) applyProtocolMessage(engine, exec, message);
  engine.dropSpeculativeEvents(exec, from);
  exec.s.wft = undefined;
  undeliverUpdates(exec);
  if (hasUndeliveredUpdates(exec)) scheduleUpdateTask(engine, exec);
  dispatchPendingQueries(engine, exec);
  engine.changed(exec);
  return { resetHistoryEventId: exec.s.lastCompletedWftStartedId };
}

export function respondWorkflowTaskFailed(engine: Engine, req: any): any {
  const exec = runningTask(engine, req.taskToken);
  failWorkflowTask(engine, exec, req.cause ?? 0, req.failure, req.identity);
  return {};
}

/** Write WorkflowTaskFailed (a failed transient retry leaves no events) and schedule the next attempt. */
export function failWorkflowTask(engine: Engine, exec: Exec, cause: number, failure: any, identity?: string, nextAttempt?: number): void {
  const wft = exec.s.wft!;
  if (wft.transient && cause !== WftFailedCause.WORKFLOW_TASK_FAILED_CAUSE_UNHANDLED_COMMAND) {
    engine.dropSpeculativeEvents(exec, wft.speculativeFrom!);
    return retryWorkflowTask(engine, exec, nextAttempt ?? wft.attempt + 1);
  }
  engine.append(exec, EventType.EVENT_TYPE_WORKFLOW_TASK_FAILED, {
    scheduledEventId: wft.scheduledEventId,
    startedEventId: wft.startedEventId,
    cause,
    failure,
    identity: identity ?? '',
  });
  retryWorkflowTask(engine, exec, nextAttempt ?? wft.attempt + 1);
}

function workflowTaskTimedOut(engine: Engine, exec: Exec, dispatch: number): void {
  const wft = exec.s.wft;
  if (!isOpen(exec.s.status) || !wft || wft.dispatch !== dispatch || !wft.startedEventId) return;
  if (wft.transient) {
    engine.dropSpeculativeEvents(exec, wft.speculativeFrom!);
    return retryWorkflowTask(engine, exec, wft.attempt + 1);
  }
  engine.append(exec, EventType.EVENT_TYPE_WORKFLOW_TASK_TIMED_OUT, {
    scheduledEventId: wft.scheduledEventId,
    startedEventId: wft.startedEventId,
    timeoutType: TimeoutType.TIMEOUT_TYPE_START_TO_CLOSE,
  });
  retryWorkflowTask(engine, exec, wft.attempt + 1);
}

function retryWorkflowTask(engine: Engine, exec: Exec, attempt: number): void {
  engine.disarm(exec, 'wft');
  exec.s.wft = undefined;
  undeliverUpdates(exec);
  engine.flushBuffered(exec);
  const delay = attempt >= 3 ? Math.min(WFT_RETRY_BACKOFF_MAX_MS, (attempt - 2) * 1000) : 0;
  if (delay) engine.arm(exec, 'wft-retry', engine.now() + delay, () => {
    engine.scheduleWorkflowTask(exec, attempt);
    engine.changed(exec);
  });
  else engine.scheduleWorkflowTask(exec, attempt);
  dispatchPendingQueries(engine, exec);
  engine.changed(exec);
}

/** After a restart: hand scheduled tasks out again and re-arm the timeout of running ones. */
export function recoverWorkflowTask(engine: Engine, exec: Exec): void {
  const hidden = exec.s.wft;
  if (hidden?.speculativeFrom !== undefined) {
    // Its events were never stored; the updates it carried go out with a new task.
    exec.s.wft = undefined;
    undeliverUpdates(exec);
    if (hidden.transient) return engine.scheduleWorkflowTask(exec, hidden.attempt);
  }
  const wft = exec.s.wft;
  if (!wft && hasUndeliveredUpdates(exec)) return scheduleUpdateTask(engine, exec);
  if (!wft) {
    const last = engine.eventAt(exec, exec.log.length - 1);
    const retry = last && (last.eventType === EventType.EVENT_TYPE_WORKFLOW_TASK_FAILED || last.eventType === EventType.EVENT_TYPE_WORKFLOW_TASK_TIMED_OUT);
    if (retry) engine.scheduleWorkflowTask(exec, 2);
    return;
  }
  if (wft.startedEventId) {
    const dispatch = wft.dispatch;
    engine.arm(exec, 'wft', wft.startedTime + exec.s.workflowTaskTimeoutMs, () => workflowTaskTimedOut(engine, exec, dispatch));
  } else {
    enqueueWorkflowTask(engine, exec);
  }
}
