// Enum numbers by their proto names, read from the Temporal API root so they can never drift from
// the SDK's, plus conversions between proto Timestamps/Durations and milliseconds.
import { root } from '../proto';

function values(name: string): Record<string, number> {
  return root.lookupEnum(`temporal.api.enums.v1.${name}`).values;
}

export const EventType = values('EventType');
export const CommandType = values('CommandType');
export const WorkflowStatus = values('WorkflowExecutionStatus');
export const RetryState = values('RetryState');
export const TimeoutType = values('TimeoutType');
export const WftFailedCause = values('WorkflowTaskFailedCause');
export const ReusePolicy = values('WorkflowIdReusePolicy');
export const ConflictPolicy = values('WorkflowIdConflictPolicy');
export const UpdateStage = values('UpdateWorkflowExecutionLifecycleStage');
export const ParentClosePolicy = values('ParentClosePolicy');
export const PendingActivityState = values('PendingActivityState');
export const PendingWftState = values('PendingWorkflowTaskState');
export const QueryResultType = values('QueryResultType');
export const QueryRejectCondition = values('QueryRejectCondition');
export const HistoryEventFilterType = values('HistoryEventFilterType');
export const StartChildFailedCause = values('StartChildWorkflowExecutionFailedCause');
export const CancelExternalFailedCause = values('CancelExternalWorkflowExecutionFailedCause');
export const SignalExternalFailedCause = values('SignalExternalWorkflowExecutionFailedCause');
export const ContinueAsNewInitiator = values('ContinueAsNewInitiator');
export const TaskQueueKind = values('TaskQueueKind');
export const TaskQueueType = values('TaskQueueType');
export const IndexedValueType = values('IndexedValueType');
export const NamespaceState = values('NamespaceState');

/** HistoryEvent oneof field by event type: EVENT_TYPE_TIMER_STARTED → timerStartedEventAttributes. */
const attributeFields = new Map(
  Object.entries(EventType).map(([name, n]) => [
    n,
    `${name
      .slice('EVENT_TYPE_'.length)
      .toLowerCase()
      .replace(/_([a-z])/g, (_, c: string) => c.toUpperCase())}EventAttributes`,
  ]),
);

export function attributesField(eventType: number): string {
  const field = attributeFields.get(eventType);
  if (!field) throw new Error(`unknown event type ${eventType}`);
  return field;
}

export interface ProtoTime {
  seconds?: number | null;
  nanos?: number | null;
}

/** Timestamp or Duration from milliseconds. */
export function ts(ms: number): { seconds: number; nanos: number } {
  const seconds = Math.floor(ms / 1000);
  return { seconds, nanos: Math.round((ms - seconds * 1000) * 1e6) };
}

/** Milliseconds of a Timestamp or Duration; 0 when absent. */
export function ms(t: ProtoTime | null | undefined): number {
  if (!t) return 0;
  return (Number(t.seconds ?? 0) * 1000) + Math.floor(Number(t.nanos ?? 0) / 1e6);
}

export function isOpen(status: number): boolean {
  return status === WorkflowStatus.WORKFLOW_EXECUTION_STATUS_RUNNING;
}
