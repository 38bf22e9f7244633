// What each attribute reads from a VisibilityRecord: built-in attributes from the record's own
// fields, the others from its search attribute payloads. Values are lists of scalars (null = unset),
// times in epoch milliseconds, ExecutionStatus by name ("Running"), ExecutionDuration in nanoseconds.
import type { SearchAttributeRegistry } from './registry';
import type { AttributeValues } from './search-attribute-value';
import { WORKFLOW_EXECUTION_STATUS_NAMES } from './system-attributes';
import type { VisibilityRecord } from './types';

export type AttributeReader = (record: VisibilityRecord) => AttributeValues;

const one = <T extends string | number>(value: T | undefined | null): T[] | null =>
  value === undefined || value === null ? null : [value];

const SYSTEM_READERS: Record<string, AttributeReader> = {
  WorkflowId: (r) => [r.workflowId],
  RunId: (r) => [r.runId],
  WorkflowType: (r) => [r.workflowType],
  TaskQueue: (r) => [r.taskQueue],
  ExecutionStatus: (r) => [statusName(r.status)],
  StartTime: (r) => one(r.startTime),
  ExecutionTime: (r) => one(r.executionTime ?? r.startTime),
  CloseTime: (r) => one(r.closeTime),
  HistoryLength: (r) => one(r.historyLength),
  HistorySizeBytes: (r) => one(r.historySizeBytes),
  StateTransitionCount: (r) => one(r.stateTransitionCount),
  ExecutionDuration: (r) => one(executionDurationMs(r) === undefined ? undefined : executionDurationMs(r)! * 1e6),
  ParentWorkflowId: (r) => one(r.parentExecution?.workflowId),
  ParentRunId: (r) => one(r.parentExecution?.runId),
  RootWorkflowId: (r) => [rootExecution(r).workflowId],
  RootRunId: (r) => [rootExecution(r).runId],
};

export function attributeReader(name: string, registry: SearchAttributeRegistry): AttributeReader {
  return SYSTEM_READERS[name] ?? ((r) => registry.readValue(r.searchAttributes?.indexedFields, name));
}

export function statusName(status: number): string {
  return WORKFLOW_EXECUTION_STATUS_NAMES[status] ?? String(status);
}

/** A workflow without a parent is its own root, as the real server records it. */
export function rootExecution(r: VisibilityRecord): { workflowId: string; runId: string } {
  return r.rootExecution ?? { workflowId: r.workflowId, runId: r.runId };
}

/** Close time minus execution time, for closed executions only. */
export function executionDurationMs(r: VisibilityRecord): number | undefined {
  if (r.closeTime === undefined || r.closeTime === null) return undefined;
  return Math.max(0, r.closeTime - (r.executionTime ?? r.startTime));
}
