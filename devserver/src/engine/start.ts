// Starting runs: StartWorkflowExecution (id reuse and conflict policies, request-id de-duplication),
// SignalWithStart, child workflows, continue-as-new and workflow retries all create a run here.
import { randomUUID } from 'node:crypto';
import { alreadyExists, invalidArgument } from '../errors';
import type { Engine, Exec } from './engine';
import { ConflictPolicy, ContinueAsNewInitiator, EventType, isOpen, ms, ReusePolicy, ts, WorkflowStatus } from './enums';
import { terminateWorkflow, timeoutWorkflow } from './close';
import { recordSignal } from './signals';
import { withRetryDefaults } from './retry';
import { eagerStartAllowed, startEagerTask } from './eager-start';
import { checkBlobSize, checkIdLength, checkMemoSize, checkRetryPolicy, checkStartTimeouts, checkWorkflowId } from './limits';
import { attachCompletionCallbacks } from './nexus';

/** Real server's default and maximum workflow task timeout. */
const DEFAULT_WFT_TIMEOUT_MS = 10_000;
const MAX_WFT_TIMEOUT_MS = 120_000;

export interface RunParams {
  namespace: string;
  workflowId: string;
  workflowType: string;
  taskQueue: string;
  input?: any;
  header?: any;
  memo?: any;
  searchAttributes?: any;
  executionTimeoutMs: number;
  runTimeoutMs: number;
  taskTimeoutMs: number;
  identity?: string;
  requestId: string;
  retryPolicy?: any;
  cronSchedule?: string;
  backoffMs: number;
  attempt: number;
  parent?: Exec['s']['parent'];
  root?: Exec['s']['root'];
  continuedFromRunId?: string;
  firstRunId?: string;
  executionExpiration?: number;
  initiator?: number;
  continuedFailure?: any;
  lastCompletionResult?: any;
  userMetadata?: any;
  runId?: string;
  /** The first workflow task goes out in the start response (eager start), not through matching. */
  eager?: boolean;
}

/** Create and register a run: WorkflowExecutionStarted, then its first workflow task (or its delay). */
export function createRun(engine: Engine, p: RunParams, beforeFirstTask?: (exec: Exec) => void): Exec {
  const now = engine.now();
  const runId = p.runId ?? randomUUID();
  const taskTimeout = Math.min(p.taskTimeoutMs || DEFAULT_WFT_TIMEOUT_MS, MAX_WFT_TIMEOUT_MS);
  const executionExpiration = p.executionExpiration ?? (p.executionTimeoutMs ? now + p.executionTimeoutMs : 0);
  let runTimeout = p.runTimeoutMs || p.executionTimeoutMs;
  if (p.executionTimeoutMs && runTimeout > p.executionTimeoutMs) runTimeout = p.executionTimeoutMs;
  const runExpiration = Math.min(runTimeout ? now + p.backoffMs + runTimeout : Infinity, executionExpiration || Infinity);
  const exec = engine.newExec({
    namespace: p.namespace,
    workflowId: p.workflowId,
    runId,
    firstRunId: p.firstRunId ?? runId,
    workflowType: p.workflowType,
    taskQueue: p.taskQueue,
    status: WorkflowStatus.WORKFLOW_EXECUTION_STATUS_RUNNING,
    startTime: now,
    executionTime: now + p.backoffMs,
    startRequestId: p.requestId,
    requestIds: [p.requestId],
    memo: p.memo,
    searchAttributes: p.searchAttributes,
    header: p.header,
    workflowTaskTimeoutMs: taskTimeout,
    runTimeoutMs: runTimeout,
    executionTimeoutMs: p.executionTimeoutMs,
    executionExpiration,
    runExpiration: Number.isFinite(runExpiration) ? runExpiration : 0,
    retryPolicy: p.retryPolicy,
    cronSchedule: p.cronSchedule,
    attempt: p.attempt,
    firstWftAt: now + p.backoffMs,
    wftAttempt: 0,
    lastCompletedWftStartedId: 0,
    dispatchSeq: 0,
    buffered: [],
    activities: {},
    timers: {},
    children: {},
    childStartedIds: {},
    externals: {},
    updates: {},
    cancelRequested: false,
    parent: p.parent,
    root: p.root ?? (p.parent ? undefined : { workflowId: p.workflowId, runId }),
    stateTransitions: 0,
    historySizeBytes: 0,
    lastCompletionResult: p.lastCompletionResult,
  });
  engine.append(exec, EventType.EVENT_TYPE_WORKFLOW_EXECUTION_STARTED, {
    workflowType: { name: p.workflowType },
    parentWorkflowNamespace: p.parent?.namespace,
    parentWorkflowExecution: p.parent ? { workflowId: p.parent.workflowId, runId: p.parent.runId } : undefined,
    parentInitiatedEventId: p.parent?.initiatedEventId,
    taskQueue: { name: p.taskQueue, kind: 1 },
    input: p.input,
    workflowExecutionTimeout: ts(p.executionTimeoutMs),
    workflowRunTimeout: ts(runTimeout),
    workflowTaskTimeout: ts(taskTimeout),
    continuedExecutionRunId: p.continuedFromRunId,
    initiator: p.initiator,
    continuedFailure: p.continuedFailure,
    lastCompletionResult: p.lastCompletionResult,
    originalExecutionRunId: runId,
    identity: p.identity ?? '',
    firstExecutionRunId: exec.s.firstRunId,
    retryPolicy: p.retryPolicy,
    attempt: p.attempt,
    workflowExecutionExpirationTime: executionExpiration ? ts(executionExpiration) : undefined,
    cronSchedule: p.cronSchedule,
    firstWorkflowTaskBackoff: p.backoffMs ? ts(p.backoffMs) : undefined,
    memo: p.memo,
    searchAttributes: p.searchAttributes,
    header: p.header,
    workflowId: p.workflowId,
    rootWorkflowExecution: exec.s.root,
  });
  engine.register(exec);
  beforeFirstTask?.(exec);
  armRunTimers(engine, exec);
  engine.scheduleWorkflowTask(exec, 1, false, !p.eager);
  engine.changed(exec);
  return exec;
}

/** Run timeout and delayed first workflow task; also used after a restart. */
export function armRunTimers(engine: Engine, exec: Exec): void {
  if (exec.s.runExpiration) {
    engine.arm(exec, 'run-timeout', exec.s.runExpiration, () => {
      if (!isOpen(exec.s.status)) return;
      timeoutWorkflow(engine, exec);
    });
  }
  if (exec.s.firstWftAt > engine.now()) {
    engine.arm(exec, 'first-wft', exec.s.firstWftAt, () => {
      engine.scheduleWorkflowTask(exec);
      engine.changed(exec);
    });
  }
}

function alreadyStarted(exec: Exec, message: string) {
  return alreadyExists(message, [
    {
      typeName: 'temporal.api.errordetails.v1.WorkflowExecutionAlreadyStartedFailure',
      value: { startRequestId: exec.s.startRequestId, runId: exec.s.runId },
    },
  ]);
}

function requireField(value: unknown, field: string): void {
  if (!value) throw invalidArgument(`${field} is not set on request.`);
}

/** The real server's checks of a start request, in its order (see limits.ts), before anything happens. */
export function checkStartRequest(req: any): void {
  checkWorkflowId(req.workflowId);
  if (req.retryPolicy) checkRetryPolicy(req.retryPolicy, withRetryDefaults(req.retryPolicy));
  requireField(req.workflowType?.name, 'WorkflowType');
  checkIdLength(req.workflowType.name, 'WorkflowType');
  requireField(req.taskQueue?.name, 'TaskQueue');
  checkIdLength(req.taskQueue.name, 'TaskQueue');
  checkStartTimeouts(req);
  checkIdLength(req.requestId, 'RequestId');
  checkIdLength(req.identity, 'Identity');
  checkBlobSize(req.input);
  checkMemoSize(req.memo);
}

export interface StartOutcome {
  exec: Exec;
  started: boolean;
}

/** Apply the id reuse/conflict policies and start a run (or return the one that already answers). */
export function startWorkflow(
  engine: Engine,
  namespace: string,
  req: any,
  extra: Partial<RunParams> = {},
  beforeFirstTask?: (exec: Exec) => void,
): StartOutcome {
  checkStartRequest(req);
  engine.visibility.validate(req.searchAttributes?.indexedFields);
  const requestId: string = req.requestId || randomUUID();
  const existing = engine.find(namespace, req.workflowId);
  if (existing) {
    if (existing.s.requestIds.includes(requestId)) return { exec: existing, started: true };
    const reuse = req.workflowIdReusePolicy || ReusePolicy.WORKFLOW_ID_REUSE_POLICY_ALLOW_DUPLICATE;
    if (isOpen(existing.s.status)) {
      let conflict = req.workflowIdConflictPolicy || ConflictPolicy.WORKFLOW_ID_CONFLICT_POLICY_FAIL;
      if (reuse === ReusePolicy.WORKFLOW_ID_REUSE_POLICY_TERMINATE_IF_RUNNING) conflict = ConflictPolicy.WORKFLOW_ID_CONFLICT_POLICY_TERMINATE_EXISTING;
      if (conflict === ConflictPolicy.WORKFLOW_ID_CONFLICT_POLICY_USE_EXISTING) {
        existing.s.requestIds.push(requestId);
        engine.touch(existing);
        return { exec: existing, started: false };
      }
      if (conflict !== ConflictPolicy.WORKFLOW_ID_CONFLICT_POLICY_TERMINATE_EXISTING) {
        throw alreadyStarted(existing, `Workflow execution is already running. WorkflowId: ${existing.s.workflowId}, RunId: ${existing.s.runId}.`);
      }
      terminateWorkflow(engine, existing, 'terminated by a new start (workflow id conflict policy TERMINATE_EXISTING)', undefined, req.identity);
    } else if (reuse === ReusePolicy.WORKFLOW_ID_REUSE_POLICY_REJECT_DUPLICATE) {
      throw alreadyStarted(existing, `Workflow execution already finished. WorkflowId: ${existing.s.workflowId}, RunId: ${existing.s.runId}. Workflow Id reuse policy: reject duplicate workflow Id.`);
    } else if (
      reuse === ReusePolicy.WORKFLOW_ID_REUSE_POLICY_ALLOW_DUPLICATE_FAILED_ONLY &&
      (existing.s.status === WorkflowStatus.WORKFLOW_EXECUTION_STATUS_COMPLETED ||
        existing.s.status === WorkflowStatus.WORKFLOW_EXECUTION_STATUS_CONTINUED_AS_NEW)
    ) {
      throw alreadyStarted(existing, `Workflow execution already finished successfully. WorkflowId: ${existing.s.workflowId}, RunId: ${existing.s.runId}. Workflow Id reuse policy: allow duplicate workflow Id if last run failed.`);
    }
  }
  const exec = createRun(
    engine,
    {
      namespace,
      workflowId: req.workflowId,
      workflowType: req.workflowType.name,
      taskQueue: req.taskQueue.name,
      input: req.input,
      header: req.header,
      memo: req.memo,
      searchAttributes: req.searchAttributes,
      executionTimeoutMs: ms(req.workflowExecutionTimeout),
      runTimeoutMs: ms(req.workflowRunTimeout),
      taskTimeoutMs: ms(req.workflowTaskTimeout),
      identity: req.identity,
      requestId,
      retryPolicy: req.retryPolicy ? withRetryDefaults(req.retryPolicy) : undefined,
      cronSchedule: req.cronSchedule || undefined,
      backoffMs: ms(req.workflowStartDelay),
      attempt: 1,
      userMetadata: req.userMetadata,
      ...extra,
    },
    beforeFirstTask,
  );
  return { exec, started: true };
}

export function startWorkflowExecution(engine: Engine, namespace: string, req: any): any {
  const eager = eagerStartAllowed(req);
  const before = engine.find(namespace, req.workflowId ?? '');
  const { exec, started } = startWorkflow(engine, namespace, req, eager ? { eager } : {});
  const created = exec !== before;
  if (created) attachCompletionCallbacks(exec, req);
  const eagerWorkflowTask = eager && created ? startEagerTask(engine, exec, req) : undefined;
  return { runId: exec.s.runId, started, status: exec.s.status, eagerWorkflowTask };
}

export function signalWithStart(engine: Engine, namespace: string, req: any): any {
  if (!req.signalName) throw invalidArgument('SignalName is not set on request.');
  checkIdLength(req.signalName, 'SignalName');
  checkBlobSize(req.signalInput);
  checkStartRequest(req);
  const signal = { signalName: req.signalName, input: req.signalInput, identity: req.identity, header: req.header };
  const running = engine.find(namespace, req.workflowId);
  if (running && isOpen(running.s.status) && req.workflowIdConflictPolicy !== ConflictPolicy.WORKFLOW_ID_CONFLICT_POLICY_TERMINATE_EXISTING) {
    recordSignal(engine, running, signal);
    return { runId: running.s.runId, started: false };
  }
  const { exec, started } = startWorkflow(engine, namespace, req, {}, (e) => {
    engine.append(e, EventType.EVENT_TYPE_WORKFLOW_EXECUTION_SIGNALED, signal);
  });
  return { runId: exec.s.runId, started };
}

/** ContinueAsNewWorkflowExecution command: close this run and start the next one of the chain. */
export function continueAsNew(engine: Engine, exec: Exec, attrs: any, completedEventId: number): void {
  const runId = randomUUID();
  const s = exec.s;
  const taskQueue = attrs.taskQueue?.name || s.taskQueue;
  const workflowType = attrs.workflowType?.name || s.workflowType;
  const runTimeoutMs = ms(attrs.workflowRunTimeout) || s.runTimeoutMs;
  const taskTimeoutMs = ms(attrs.workflowTaskTimeout) || s.workflowTaskTimeoutMs;
  engine.append(exec, EventType.EVENT_TYPE_WORKFLOW_EXECUTION_CONTINUED_AS_NEW, {
    newExecutionRunId: runId,
    workflowType: { name: workflowType },
    taskQueue: { name: taskQueue, kind: 1 },
    input: attrs.input,
    workflowRunTimeout: ts(runTimeoutMs),
    workflowTaskTimeout: ts(taskTimeoutMs),
    workflowTaskCompletedEventId: completedEventId,
    backoffStartInterval: attrs.backoffStartInterval,
    initiator: attrs.initiator,
    failure: attrs.failure,
    lastCompletionResult: attrs.lastCompletionResult,
    header: attrs.header,
    memo: attrs.memo,
    searchAttributes: attrs.searchAttributes,
  });
  createRun(engine, {
    namespace: s.namespace,
    workflowId: s.workflowId,
    workflowType,
    taskQueue,
    input: attrs.input,
    header: attrs.header,
    memo: attrs.memo ?? s.memo,
    searchAttributes: attrs.searchAttributes ?? s.searchAttributes,
    executionTimeoutMs: s.executionTimeoutMs,
    runTimeoutMs,
    taskTimeoutMs,
    requestId: randomUUID(),
    retryPolicy: attrs.retryPolicy ? withRetryDefaults(attrs.retryPolicy) : s.retryPolicy,
    cronSchedule: attrs.cronSchedule || s.cronSchedule,
    backoffMs: ms(attrs.backoffStartInterval),
    attempt: 1,
    parent: s.parent,
    root: s.root,
    continuedFromRunId: s.runId,
    firstRunId: s.firstRunId,
    executionExpiration: s.executionExpiration,
    initiator: attrs.initiator || ContinueAsNewInitiator.CONTINUE_AS_NEW_INITIATOR_WORKFLOW,
    continuedFailure: attrs.failure,
    lastCompletionResult: attrs.lastCompletionResult,
    runId,
  });
  engine.close(exec, WorkflowStatus.WORKFLOW_EXECUTION_STATUS_CONTINUED_AS_NEW);
}

/** A failed run with a retry policy starts its next attempt after the backoff. */
export function retryRun(engine: Engine, exec: Exec, failure: any, delayMs: number, runId: string): void {
  const s = exec.s;
  const started = engine.eventAt(exec, 0)?.workflowExecutionStartedEventAttributes ?? {};
  createRun(engine, {
    namespace: s.namespace,
    workflowId: s.workflowId,
    workflowType: s.workflowType,
    taskQueue: s.taskQueue,
    input: started.input,
    header: s.header,
    memo: s.memo,
    searchAttributes: s.searchAttributes,
    executionTimeoutMs: s.executionTimeoutMs,
    runTimeoutMs: s.runTimeoutMs,
    taskTimeoutMs: s.workflowTaskTimeoutMs,
    requestId: randomUUID(),
    retryPolicy: s.retryPolicy,
    backoffMs: delayMs,
    attempt: s.attempt + 1,
    parent: s.parent,
    root: s.root,
    continuedFromRunId: s.runId,
    firstRunId: s.firstRunId,
    executionExpiration: s.executionExpiration,
    initiator: ContinueAsNewInitiator.CONTINUE_AS_NEW_INITIATOR_RETRY,
    continuedFailure: failure,
    runId,
  });
}


