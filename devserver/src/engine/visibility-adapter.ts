// The engine's side of visibility: runs become VisibilityRecords, and List/Count/search attribute
// requests are answered by the visibility module (query language, registry) over those records.
import { countExecutions, listExecutions, SearchAttributeRegistry, workflowExecutionInfo } from '../visibility';
import type { VisibilityRecord } from '../visibility/types';
import type { Engine, Exec } from './engine';
import { invalidArgument } from '../errors';

/** A query whose conditions nest deeper than the stack (thousands of ANDs) is the client's problem. */
function tooComplexAsInvalid<T>(fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    if (err instanceof RangeError && /call stack/.test(err.message)) {
      throw invalidArgument('invalid query: the query has too many nested conditions to evaluate; split it into smaller queries');
    }
    throw err;
  }
}

export class VisibilityAdapter {
  constructor(readonly registry: SearchAttributeRegistry) {}

  /** Throws INVALID_ARGUMENT for an unknown attribute or a value of the wrong type. */
  validate(indexedFields: Record<string, unknown> | null | undefined): void {
    if (indexedFields) this.registry.validateUpsert(indexedFields);
  }

  record(exec: Exec): VisibilityRecord {
    const s = exec.s;
    return {
      namespace: s.namespace,
      workflowId: s.workflowId,
      runId: s.runId,
      workflowType: s.workflowType,
      taskQueue: s.taskQueue,
      status: s.status,
      startTime: s.startTime,
      executionTime: s.executionTime,
      closeTime: s.closeTime,
      historyLength: exec.s.wft?.speculativeFrom ?? exec.log.length,
      historySizeBytes: s.historySizeBytes,
      memo: s.memo,
      searchAttributes: s.searchAttributes,
      parentExecution: s.parent ? { workflowId: s.parent.workflowId, runId: s.parent.runId } : undefined,
      rootExecution: s.root,
      stateTransitionCount: s.stateTransitions,
    };
  }

  private *records(engine: Engine): Iterable<VisibilityRecord> {
    for (const exec of engine.executions.values()) yield this.record(exec);
  }

  list(engine: Engine, namespace: string, req: any): any {
    return tooComplexAsInvalid(() => listExecutions(this.records(engine), { ...req, namespace }, this.registry, { now: engine.now() }));
  }

  count(engine: Engine, namespace: string, req: any): any {
    return tooComplexAsInvalid(() => countExecutions(this.records(engine), { ...req, namespace }, this.registry, { now: engine.now() }));
  }

  executionInfo(exec: Exec): Record<string, unknown> {
    return workflowExecutionInfo(this.record(exec), this.registry);
  }
}
