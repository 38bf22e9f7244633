// The mutable state of one workflow run: everything besides its history that must survive a
// restart. Plain JSON-able data (Buffers are revived by the store), no Maps, no closures.

export interface WorkflowTaskState {
  scheduledEventId: number;
  /** 0 while scheduled and not yet handed to a poller. */
  startedEventId: number;
  attempt: number;
  scheduledTime: number;
  startedTime: number;
  /** Distinguishes dispatches, so a stale token of an earlier dispatch is refused. */
  dispatch: number;
  identity?: string;
  /**
   * Set while the task exists only for updates (a speculative task, as on the real server): its
   * events are not part of the visible or stored history, and they are dropped again when the worker
   * only rejects. Holds the history length before the task. Any other event makes the task normal.
   */
  speculativeFrom?: number;
  /**
   * A retry (attempt 2 and later) is transient, as on the real server: its events stay out of the
   * visible and stored history until it completes, and a failed retry leaves no events behind.
   */
  transient?: boolean;
}

export interface ActivityState {
  scheduledEventId: number;
  activityId: string;
  activityType: string;
  taskQueue: string;
  header?: any;
  input?: any;
  priority?: any;
  scheduleToCloseMs: number;
  scheduleToStartMs: number;
  startToCloseMs: number;
  heartbeatMs: number;
  retryPolicy: any;
  attempt: number;
  state: 'scheduled' | 'started' | 'backoff';
  scheduledTime: number;
  currentAttemptScheduledTime: number;
  startedTime: number;
  retryAt: number;
  dispatch: number;
  identity?: string;
  heartbeatDetails?: any;
  lastHeartbeatTime: number;
  cancelRequested: boolean;
  cancelRequestedEventId: number;
  lastFailure?: any;
}

export interface TimerState {
  timerId: string;
  startedEventId: number;
  fireTime: number;
}

export interface ChildState {
  initiatedEventId: number;
  namespace: string;
  workflowId: string;
  workflowType: string;
  runId?: string;
  startedEventId: number;
  parentClosePolicy: number;
  /** The StartChildWorkflowExecution command attributes, kept until the child has started. */
  command?: any;
  workflowTaskCompletedEventId: number;
}

export interface ExternalRequestState {
  initiatedEventId: number;
  kind: 'signal' | 'cancel';
  attributes: any;
  workflowTaskCompletedEventId: number;
}

export interface UpdateState {
  updateId: string;
  /** temporal.api.update.v1.Request; dropped once accepted (the accepted event holds it). */
  request?: any;
  stage: 'admitted' | 'delivered' | 'accepted' | 'completed';
  acceptedEventId?: number;
  /** Where the outcome of a completed update is (its WorkflowExecutionUpdateCompleted event). */
  completedEventId?: number;
  /** temporal.api.update.v1.Outcome of a rejection (in memory only) or of a state stored before completedEventId. */
  outcome?: any;
}

export interface ExecutionState {
  namespace: string;
  workflowId: string;
  runId: string;
  firstRunId: string;
  workflowType: string;
  taskQueue: string;
  status: number;
  startTime: number;
  executionTime: number;
  closeTime?: number;
  startRequestId: string;
  requestIds: string[];
  memo?: any;
  searchAttributes?: any;
  header?: any;
  workflowTaskTimeoutMs: number;
  runTimeoutMs: number;
  executionTimeoutMs: number;
  /** Absolute deadline of the whole chain of runs (0 = none). */
  executionExpiration: number;
  runExpiration: number;
  retryPolicy?: any;
  cronSchedule?: string;
  attempt: number;
  /** The first workflow task waits until this time (start delay, continue-as-new or retry backoff). */
  firstWftAt: number;
  wft?: WorkflowTaskState;
  wftAttempt: number;
  lastCompletedWftStartedId: number;
  dispatchSeq: number;
  /** Events that arrived while a workflow task was running; written when it ends. */
  buffered: { eventType: number; attributes: any; time: number }[];
  activities: Record<string, ActivityState>;
  timers: Record<string, TimerState>;
  children: Record<string, ChildState>;
  /** initiatedEventId → startedEventId of children, also after they closed. */
  childStartedIds: Record<string, number>;
  externals: Record<string, ExternalRequestState>;
  updates: Record<string, UpdateState>;
  cancelRequested: boolean;
  /** Request ids of recent signals, so a retried SignalWorkflowExecution is recorded once. */
  signalRequestIds?: string[];
  parent?: { namespace: string; workflowId: string; runId: string; initiatedEventId: number };
  root?: { workflowId: string; runId: string };
  stateTransitions: number;
  historySizeBytes: number;
  /** Payloads the next run gets (continue-as-new / retry / cron). */
  lastCompletionResult?: any;
}
