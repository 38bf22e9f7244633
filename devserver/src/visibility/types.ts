// What the engine tells visibility about one workflow run; visibility answers List/Count from these.
// Times are epoch milliseconds; proto-shaped fields are plain objects as decoded by proto.ts.
export interface VisibilityRecord {
  namespace: string;
  workflowId: string;
  runId: string;
  workflowType: string;
  taskQueue: string;
  /** temporal.api.enums.v1.WorkflowExecutionStatus as a number (1 = RUNNING, 2 = COMPLETED, ...). */
  status: number;
  startTime: number;
  executionTime: number;
  closeTime?: number;
  historyLength: number;
  historySizeBytes?: number;
  /** temporal.api.common.v1.Memo ({ fields: { name: Payload } }) */
  memo?: { fields?: Record<string, unknown> };
  /** temporal.api.common.v1.SearchAttributes ({ indexedFields: { name: Payload } }) */
  searchAttributes?: { indexedFields?: Record<string, unknown> };
  parentExecution?: { workflowId: string; runId: string };
  rootExecution?: { workflowId: string; runId: string };
  stateTransitionCount?: number;
}
