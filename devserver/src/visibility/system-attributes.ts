// The attributes every namespace has, as the real server defines them (sadefs): "system" ones are
// columns of each execution and can never be set by a workflow; "predefined" ones live among the
// search attributes and may be upserted (TemporalChangeVersion, BuildIds...). Both are listed as
// systemAttributes by ListSearchAttributes and are reserved names for AddSearchAttributes.
import { IndexedValueType as T } from './indexed-value-type';

export const SYSTEM_ATTRIBUTES: Readonly<Record<string, number>> = {
  WorkflowId: T.KEYWORD,
  RunId: T.KEYWORD,
  WorkflowType: T.KEYWORD,
  StartTime: T.DATETIME,
  ExecutionTime: T.DATETIME,
  CloseTime: T.DATETIME,
  ExecutionStatus: T.KEYWORD,
  TaskQueue: T.KEYWORD,
  HistoryLength: T.INT,
  ExecutionDuration: T.INT,
  StateTransitionCount: T.INT,
  HistorySizeBytes: T.INT,
  ParentWorkflowId: T.KEYWORD,
  ParentRunId: T.KEYWORD,
  RootWorkflowId: T.KEYWORD,
  RootRunId: T.KEYWORD,
};

export const PREDEFINED_ATTRIBUTES: Readonly<Record<string, number>> = {
  TemporalChangeVersion: T.KEYWORD_LIST,
  BinaryChecksums: T.KEYWORD_LIST,
  BuildIds: T.KEYWORD_LIST,
  BatcherNamespace: T.KEYWORD,
  BatcherUser: T.KEYWORD,
  TemporalScheduledStartTime: T.DATETIME,
  TemporalScheduledById: T.KEYWORD,
  TemporalSchedulePaused: T.BOOL,
  TemporalNamespaceDivision: T.KEYWORD,
  TemporalPauseInfo: T.KEYWORD_LIST,
  TemporalReportedProblems: T.KEYWORD_LIST,
  TemporalWorkerDeploymentVersion: T.KEYWORD,
  TemporalWorkflowVersioningBehavior: T.KEYWORD,
  TemporalWorkerDeployment: T.KEYWORD,
  TemporalUsedWorkerDeploymentVersions: T.KEYWORD_LIST,
};

/** Internal field names that no custom attribute may take, besides the two lists above. */
export const RESERVED_NAMES = new Set(['NamespaceId', 'Memo', 'MemoEncoding', 'VisibilityTaskKey']);
export const RESERVED_PREFIX = 'Temporal';

/**
 * How many custom attributes of each type the real server's SQL visibility (the official dev
 * server's SQLite included) can hold per namespace: its pre-allocated columns.
 */
export const SQL_CUSTOM_ATTRIBUTE_LIMITS: Readonly<Record<number, number>> = {
  [T.BOOL]: 3,
  [T.INT]: 3,
  [T.DOUBLE]: 3,
  [T.DATETIME]: 3,
  [T.KEYWORD]: 10,
  [T.KEYWORD_LIST]: 3,
  [T.TEXT]: 3,
};

export const WORKFLOW_EXECUTION_STATUS_NAMES: readonly string[] = [
  'Unspecified',
  'Running',
  'Completed',
  'Failed',
  'Canceled',
  'Terminated',
  'ContinuedAsNew',
  'TimedOut',
  'Paused',
];
