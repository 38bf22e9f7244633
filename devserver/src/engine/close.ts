// How runs end: completed, failed (possibly retried as a new run), cancelled, terminated or timed
// out, and what follows a close (the parent hears of it, children get their parent close policy,
// waiting queries go to the worker).
import { deliverCompletionCallbacks } from './nexus';
import { randomUUID } from 'node:crypto';
import { applyParentClosePolicy, notifyParent } from './children';
import type { Engine, Exec } from './engine';
import { EventType, RetryState, WorkflowStatus } from './enums';
import { dispatchPendingQueries } from './queries';
import { nextRetry } from './retry';
import { retryRun } from './start';

export function completeWorkflow(engine: Engine, exec: Exec, attrs: any, completedEventId: number): void {
  engine.append(exec, EventType.EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED, {
    result: attrs.result,
    workflowTaskCompletedEventId: completedEventId,
  });
  engine.close(exec, WorkflowStatus.WORKFLOW_EXECUTION_STATUS_COMPLETED);
}

export function failWorkflow(engine: Engine, exec: Exec, attrs: any, completedEventId: number): void {
  const decision = exec.s.retryPolicy
    ? nextRetry(exec.s.retryPolicy, exec.s.attempt, attrs.failure, engine.now(), exec.s.executionExpiration)
    : { retryState: RetryState.RETRY_STATE_RETRY_POLICY_NOT_SET };
  const newRunId = 'delayMs' in decision ? randomUUID() : undefined;
  engine.append(exec, EventType.EVENT_TYPE_WORKFLOW_EXECUTION_FAILED, {
    failure: attrs.failure,
    retryState: 'retryState' in decision ? decision.retryState : RetryState.RETRY_STATE_IN_PROGRESS,
    workflowTaskCompletedEventId: completedEventId,
    newExecutionRunId: newRunId,
  });
  if ('delayMs' in decision) retryRun(engine, exec, attrs.failure, decision.delayMs, newRunId!);
  engine.close(exec, WorkflowStatus.WORKFLOW_EXECUTION_STATUS_FAILED);
}

export function cancelWorkflow(engine: Engine, exec: Exec, attrs: any, completedEventId: number): void {
  engine.append(exec, EventType.EVENT_TYPE_WORKFLOW_EXECUTION_CANCELED, {
    details: attrs.details,
    workflowTaskCompletedEventId: completedEventId,
  });
  engine.close(exec, WorkflowStatus.WORKFLOW_EXECUTION_STATUS_CANCELED);
}

export function terminateWorkflow(engine: Engine, exec: Exec, reason: string | undefined, details: any, identity: string | undefined): void {
  engine.disarm(exec, 'wft');
  engine.append(exec, EventType.EVENT_TYPE_WORKFLOW_EXECUTION_TERMINATED, {
    reason: reason ?? '',
    details,
    identity: identity ?? '',
  });
  engine.close(exec, WorkflowStatus.WORKFLOW_EXECUTION_STATUS_TERMINATED);
}

export function timeoutWorkflow(engine: Engine, exec: Exec): void {
  engine.append(exec, EventType.EVENT_TYPE_WORKFLOW_EXECUTION_TIMED_OUT, {
    retryState: RetryState.RETRY_STATE_TIMEOUT,
  });
  engine.close(exec, WorkflowStatus.WORKFLOW_EXECUTION_STATUS_TIMED_OUT);
  engine.commit();
}

/** Called by Engine.close once the run's status is final. */
export function onExecutionClosed(engine: Engine, exec: Exec): void {
  notifyParent(engine, exec);
  deliverCompletionCallbacks(engine, exec);
  applyParentClosePolicy(engine, exec);
  exec.s.activities = {};
  exec.s.timers = {};
  dispatchPendingQueries(engine, exec);
}
