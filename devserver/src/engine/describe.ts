// DescribeWorkflowExecution: configuration, visibility info, pending activities, children and
// workflow task of a run, shaped like the real server's answer.
import type { Engine, Exec } from './engine';
import { PendingActivityState, PendingWftState, ts } from './enums';

function pendingActivities(exec: Exec): any[] {
  return Object.values(exec.s.activities).map((a) => ({
    activityId: a.activityId,
    activityType: { name: a.activityType },
    state:
      a.cancelRequested
        ? PendingActivityState.PENDING_ACTIVITY_STATE_CANCEL_REQUESTED
        : a.state === 'started'
          ? PendingActivityState.PENDING_ACTIVITY_STATE_STARTED
          : PendingActivityState.PENDING_ACTIVITY_STATE_SCHEDULED,
    heartbeatDetails: a.heartbeatDetails,
    lastHeartbeatTime: a.lastHeartbeatTime ? ts(a.lastHeartbeatTime) : undefined,
    lastStartedTime: a.startedTime ? ts(a.startedTime) : undefined,
    attempt: a.attempt,
    maximumAttempts: a.retryPolicy?.maximumAttempts ?? 0,
    scheduledTime: ts(a.state === 'backoff' ? a.retryAt : a.currentAttemptScheduledTime),
    expirationTime: a.scheduleToCloseMs ? ts(a.scheduledTime + a.scheduleToCloseMs) : undefined,
    lastFailure: a.lastFailure,
    lastWorkerIdentity: a.identity ?? '',
    nextAttemptScheduleTime: a.state === 'backoff' ? ts(a.retryAt) : undefined,
  }));
}

export function describeWorkflowExecution(engine: Engine, namespace: string, req: any): any {
  const exec = engine.get(namespace, req.execution);
  const s = exec.s;
  const wft = s.wft;
  return {
    executionConfig: {
      taskQueue: { name: s.taskQueue, kind: 1 },
      workflowExecutionTimeout: ts(s.executionTimeoutMs),
      workflowRunTimeout: ts(s.runTimeoutMs),
      defaultWorkflowTaskTimeout: ts(s.workflowTaskTimeoutMs),
    },
    workflowExecutionInfo: { ...engine.visibility.executionInfo(exec), firstRunId: s.firstRunId },
    pendingActivities: pendingActivities(exec),
    pendingChildren: Object.values(s.children).map((c) => ({
      workflowId: c.workflowId,
      runId: c.runId ?? '',
      workflowTypeName: c.workflowType,
      initiatedId: c.initiatedEventId,
      parentClosePolicy: c.parentClosePolicy,
    })),
    pendingWorkflowTask: wft
      ? {
          state: wft.startedEventId ? PendingWftState.PENDING_WORKFLOW_TASK_STATE_STARTED : PendingWftState.PENDING_WORKFLOW_TASK_STATE_SCHEDULED,
          scheduledTime: ts(wft.scheduledTime),
          originalScheduledTime: ts(wft.scheduledTime),
          startedTime: wft.startedTime ? ts(wft.startedTime) : undefined,
          attempt: wft.attempt,
        }
      : undefined,
  };
}
