// A VisibilityRecord as temporal.api.workflow.v1.WorkflowExecutionInfo (plain object, int64 as
// numbers, timestamps as {seconds, nanos}), the way the real server's List and Describe fill it.
import { toDuration, toTimestamp } from './datetime';
import { metadataText, Payload } from './payload';
import { executionDurationMs, rootExecution } from './record-attributes';
import type { SearchAttributeRegistry } from './registry';
import { typeName } from './indexed-value-type';
import type { VisibilityRecord } from './types';

export function workflowExecutionInfo(record: VisibilityRecord, registry: SearchAttributeRegistry): Record<string, unknown> {
  const info: Record<string, unknown> = {
    execution: { workflowId: record.workflowId, runId: record.runId },
    type: { name: record.workflowType },
    startTime: toTimestamp(record.startTime),
    status: record.status,
    historyLength: record.historyLength,
    executionTime: toTimestamp(record.executionTime ?? record.startTime),
    taskQueue: record.taskQueue,
    rootExecution: { ...rootExecution(record) },
  };
  if (record.closeTime !== undefined && record.closeTime !== null) {
    info.closeTime = toTimestamp(record.closeTime);
    info.executionDuration = toDuration(executionDurationMs(record)!);
  }
  if (record.parentExecution) info.parentExecution = { ...record.parentExecution };
  if (record.memo?.fields && Object.keys(record.memo.fields).length > 0) info.memo = record.memo;
  const searchAttributes = typedSearchAttributes(record, registry);
  if (searchAttributes) info.searchAttributes = searchAttributes;
  if (record.historySizeBytes !== undefined) info.historySizeBytes = record.historySizeBytes;
  if (record.stateTransitionCount !== undefined) info.stateTransitionCount = record.stateTransitionCount;
  return info;
}

/** The record's search attributes, each payload carrying its `type` metadata as the real server's do. */
function typedSearchAttributes(record: VisibilityRecord, registry: SearchAttributeRegistry) {
  const fields = record.searchAttributes?.indexedFields;
  if (!fields || Object.keys(fields).length === 0) return undefined;
  const indexedFields: Record<string, unknown> = {};
  for (const [name, payload] of Object.entries(fields)) {
    const type = registry.typeOf(name);
    const p = payload as Payload;
    if (type === undefined || !p || metadataText(p, 'type') !== undefined) {
      indexedFields[name] = payload;
      continue;
    }
    indexedFields[name] = { ...p, metadata: { ...p.metadata, type: Buffer.from(typeName(type)) } };
  }
  return { indexedFields };
}
