// Nexus, as the real server does it for endpoints that target a worker (temporalio/temporal
// components/nexusoperations: workflow/commands.go HandleScheduleCommand/HandleCancelCommand,
// statemachine.go, executors.go; common/nexus SystemCallbackURL and CallbackTokenHeader;
// service/frontend OperatorHandler *NexusEndpoint) and as the Java test server does (TestOperatorService,
// TestWorkflowMutableStateImpl processScheduleNexusOperation and its time-skipping locks):
// - OperatorService Create/Get/List/Update/DeleteNexusEndpoint: a registry of endpoints by name, each
//   targeting a namespace and task queue, versioned for optimistic updates.
// - ScheduleNexusOperation → NexusOperationScheduled, and a StartOperation Nexus task on the target
//   queue (PollNexusTaskQueue). A sync answer → NexusOperationCompleted; async → NexusOperationStarted
//   with the operation token, completed later through the completion callback the handler attached to
//   the workflow it started (callback URL temporal://system, header Temporal-Callback-Token): that
//   workflow's close completes, fails or cancels the operation. Operation errors fail or cancel it,
//   retryable handler errors and unanswered tasks are retried with backoff, others fail it;
//   schedule-to-close → NexusOperationTimedOut.
// - RequestCancelNexusOperation → NexusOperationCancelRequested; for a started operation a
//   CancelOperation task, answered by NexusOperationCancelRequestCompleted/Failed; the operation
//   itself ends when the handler's workflow does. Cancelling one not started yet waits for its start.
// Endpoints are in memory only (also with --db-filename); operation state is part of the run's state.
import { randomUUID } from 'node:crypto';
import { status } from '@grpc/grpc-js';
import { failedPrecondition, invalidArgument, notFound, RpcError } from '../errors';
import { CommandRejection } from './commands';
import type { Engine, Exec } from './engine';
import { EventType, isOpen, ms, ts, WftFailedCause, WorkflowStatus } from './enums';
import { nextRetry, withRetryDefaults } from './retry';
import { decodeToken, encodeToken } from './tokens';

export const SYSTEM_CALLBACK_URL = 'temporal://system';
export const CALLBACK_TOKEN_HEADER = 'Temporal-Callback-Token';
/** How long a worker has to answer one Nexus task before the attempt is retried (the Java test server's 10 s). */
const NEXUS_TASK_TIMEOUT_MS = 10_000;
const NEXUS_RETRY_POLICY = withRetryDefaults({ initialInterval: { seconds: 1 }, maximumInterval: { seconds: 60 } });
const RETRYABLE_HANDLER_ERRORS = new Set(['INTERNAL', 'UNAVAILABLE', 'UPSTREAM_TIMEOUT', 'RESOURCE_EXHAUSTED']);

export interface NexusOperationState {
  scheduledEventId: number;
  endpoint: string;
  endpointId: string;
  service: string;
  operation: string;
  input?: any;
  nexusHeader?: Record<string, string>;
  requestId: string;
  scheduleToCloseMs: number;
  scheduledTime: number;
  /** scheduled: the StartOperation task is outstanding or backing off; started: async, awaiting its callback. */
  state: 'scheduled' | 'backoff' | 'started';
  attempt: number;
  dispatch: number;
  operationToken?: string;
  cancel?: { requestedEventId: number; state: 'waiting' | 'scheduled' | 'backoff' | 'done'; attempt: number; dispatch: number };
}

interface Endpoint {
  id: string;
  version: number;
  spec: any;
  createdTime: number;
  lastModifiedTime: number;
}

const C = WftFailedCause;

export class NexusEndpoints {
  private byId = new Map<string, Endpoint>();

  constructor(private readonly engine: Engine) {}

  byName(name: string): Endpoint | undefined {
    for (const e of this.byId.values()) if (e.spec?.name === name) return e;
    return undefined;
  }

  private view(e: Endpoint): any {
    return { version: e.version, id: e.id, spec: e.spec, createdTime: ts(e.createdTime), lastModifiedTime: ts(e.lastModifiedTime), urlPrefix: `/nexus/endpoints/${e.id}` };
  }

  private validateSpec(spec: any): void {
    if (!spec?.name) throw invalidArgument('Endpoint name is not set on request.');
    if (!/^[a-zA-Z_][a-zA-Z0-9_-]*$/.test(spec.name)) throw invalidArgument(`Endpoint name "${spec.name}" is invalid: it must start with a letter or underscore and contain letters, digits, "_" and "-" only.`);
    const worker = spec.target?.worker;
    if (!worker) throw invalidArgument('Endpoint target is not set on request (only worker targets are supported).');
    if (!worker.namespace) throw invalidArgument('Endpoint target namespace is not set on request.');
    if (!worker.taskQueue) throw invalidArgument('Endpoint target task queue is not set on request.');
    this.engine.requireNamespace(worker.namespace);
  }

  create(req: any): any {
    this.validateSpec(req.spec);
    if (this.byName(req.spec.name)) throw new RpcError(status.ALREADY_EXISTS, `error creating Nexus endpoint: endpoint with name ${req.spec.name} already registered`);
    const now = Date.now();
    const e: Endpoint = { id: randomUUID(), version: 1, spec: req.spec, createdTime: now, lastModifiedTime: now };
    this.byId.set(e.id, e);
    return { endpoint: this.view(e) };
  }

  private get(id: string): Endpoint {
    if (!id) throw invalidArgument('Endpoint ID is not set on request.');
    const e = this.byId.get(id);
    if (!e) throw notFound(`could not find Nexus endpoint with ID: ${id}`);
    return e;
  }

  getOne(req: any): any {
    return { endpoint: this.view(this.get(req.id)) };
  }

  update(req: any): any {
    const e = this.get(req.id);
    if (Number(req.version) !== e.version) throw failedPrecondition(`nexus endpoint version mismatch: request version ${req.version}, current version ${e.version}`);
    this.validateSpec(req.spec);
    const other = this.byName(req.spec.name);
    if (other && other !== e) throw new RpcError(status.ALREADY_EXISTS, `error updating Nexus endpoint: endpoint with name ${req.spec.name} already registered`);
    e.spec = req.spec;
    e.version++;
    e.lastModifiedTime = Date.now();
    return { endpoint: this.view(e) };
  }

  delete(req: any): any {
    this.get(req.id);
    this.byId.delete(req.id);
    return {};
  }

  list(req: any): any {
    let all = [...this.byId.values()].sort((a, b) => a.id.localeCompare(b.id));
    if (req.name) all = all.filter((e) => e.spec.name === req.name);
    const after = req.nextPageToken?.length ? Buffer.from(req.nextPageToken).toString() : '';
    if (after) all = all.filter((e) => e.id > after);
    const size = req.pageSize > 0 ? req.pageSize : 100;
    const page = all.slice(0, size);
    return { endpoints: page.map((e) => this.view(e)), nextPageToken: all.length > size ? Buffer.from(page[page.length - 1].id) : Buffer.alloc(0) };
  }
}

function opsOf(exec: Exec): Record<string, NexusOperationState> {
  return ((exec.s as any).nexusOperations ??= {});
}

/** Time-skipping locks of a run's operations: one while a start or cancel task is outstanding (Java test server). */
export function nexusLocks(exec: Exec): number {
  let n = 0;
  const ops = opsOf(exec);
  for (const id in ops) {
    const op = ops[id];
    if (op.state === 'scheduled') n++;
    if (op.cancel?.state === 'scheduled') n++;
  }
  return n;
}

export function validateScheduleNexus(engine: Engine, attrs: any): void {
  const bad = (m: string) => new CommandRejection(C.WORKFLOW_TASK_FAILED_CAUSE_BAD_SCHEDULE_NEXUS_OPERATION_ATTRIBUTES, m);
  if (!attrs?.endpoint) throw bad('ScheduleNexusOperationCommandAttributes.Endpoint is not set.');
  if (!attrs.service) throw bad('ScheduleNexusOperationCommandAttributes.Service is not set.');
  if (!attrs.operation) throw bad('ScheduleNexusOperationCommandAttributes.Operation is not set.');
  if (!engine.nexus.byName(attrs.endpoint)) throw bad(`endpoint "${attrs.endpoint}" not found`);
}

export function validateCancelNexus(exec: Exec, attrs: any, pendingCancels: Set<number>): void {
  const id = Number(attrs?.scheduledEventId);
  const op = opsOf(exec)[id];
  const bad = (m: string) => new CommandRejection(C.WORKFLOW_TASK_FAILED_CAUSE_BAD_REQUEST_CANCEL_NEXUS_OPERATION_ATTRIBUTES, m);
  const buffered = exec.s.buffered.some((e) => e.attributes?.scheduledEventId === id);
  if (!op && !buffered) throw bad(`requested cancelation for a non-existing or already completed operation with scheduled event ID of ${id}`);
  if (op?.cancel || pendingCancels.has(id)) throw bad(`cancelation was already requested for an operation with scheduled event ID ${id}`);
  pendingCancels.add(id);
}

export function scheduleNexusOperation(engine: Engine, exec: Exec, attrs: any, completedEventId: number): void {
  const endpoint = engine.nexus.byName(attrs.endpoint)!;
  const requestId = randomUUID();
  const runTimeout = exec.s.runExpiration ? exec.s.runExpiration - engine.now() : 0;
  let scheduleToClose = ms(attrs.scheduleToCloseTimeout);
  if (runTimeout > 0) scheduleToClose = scheduleToClose ? Math.min(scheduleToClose, runTimeout) : runTimeout;
  const event = engine.append(exec, EventType.EVENT_TYPE_NEXUS_OPERATION_SCHEDULED, {
    endpoint: attrs.endpoint,
    service: attrs.service,
    operation: attrs.operation,
    input: attrs.input,
    scheduleToCloseTimeout: ts(scheduleToClose),
    nexusHeader: attrs.nexusHeader,
    workflowTaskCompletedEventId: completedEventId,
    requestId,
    endpointId: endpoint.id,
  });
  const op: NexusOperationState = {
    scheduledEventId: event.eventId,
    endpoint: attrs.endpoint,
    endpointId: endpoint.id,
    service: attrs.service,
    operation: attrs.operation,
    input: attrs.input,
    nexusHeader: attrs.nexusHeader,
    requestId,
    scheduleToCloseMs: scheduleToClose,
    scheduledTime: engine.now(),
    state: 'scheduled',
    attempt: 1,
    dispatch: ++exec.s.dispatchSeq,
  };
  opsOf(exec)[op.scheduledEventId] = op;
  if (scheduleToClose) engine.arm(exec, `nexus-timeout:${op.scheduledEventId}`, op.scheduledTime + scheduleToClose, () => timeOut(engine, exec, op.scheduledEventId));
  engine.afterCommit(() => dispatchStart(engine, exec, op.scheduledEventId));
}

export function requestCancelNexusOperation(engine: Engine, exec: Exec, attrs: any, completedEventId: number): void {
  const scheduledEventId = Number(attrs.scheduledEventId);
  const requested = engine.append(exec, EventType.EVENT_TYPE_NEXUS_OPERATION_CANCEL_REQUESTED, { scheduledEventId, workflowTaskCompletedEventId: completedEventId });
  const op = opsOf(exec)[scheduledEventId];
  if (!op) return; // completed meanwhile (buffered): the event is still written, as on the real server
  op.cancel = { requestedEventId: requested.eventId, state: 'waiting', attempt: 1, dispatch: 0 };
  if (op.state === 'started') scheduleCancelTask(engine, exec, op);
}

function target(engine: Engine, op: NexusOperationState): { namespace: string; taskQueue: string } | undefined {
  const endpoint = engine.nexus.byName(op.endpoint);
  const worker = endpoint?.spec?.target?.worker;
  return worker ? { namespace: worker.namespace, taskQueue: worker.taskQueue } : undefined;
}

function taskToken(exec: Exec, op: NexusOperationState, kind: 'start' | 'cancel', dispatch: number): Buffer {
  return encodeToken({ kind: 'nexus' as any, namespace: exec.s.namespace, workflowId: exec.s.workflowId, runId: exec.s.runId, id: `${kind}:${op.scheduledEventId}`, dispatch });
}

function callbackToken(exec: Exec, op: NexusOperationState): string {
  return Buffer.from(JSON.stringify({ ns: exec.s.namespace, wid: exec.s.workflowId, rid: exec.s.runId, op: op.scheduledEventId, req: op.requestId })).toString('base64url');
}

function requestHeader(engine: Engine, op: NexusOperationState): Record<string, string> {
  const header: Record<string, string> = { ...(op.nexusHeader ?? {}), 'request-timeout': `${NEXUS_TASK_TIMEOUT_MS}ms` };
  if (op.scheduleToCloseMs) header['operation-timeout'] = `${Math.max(0, op.scheduledTime + op.scheduleToCloseMs - engine.now())}ms`;
  return header;
}

function dispatchStart(engine: Engine, exec: Exec, scheduledEventId: number): void {
  const op = opsOf(exec)[scheduledEventId];
  if (!op || op.state !== 'scheduled' || !isOpen(exec.s.status)) return;
  const t = target(engine, op);
  if (!t) return failOperation(engine, exec, op, { message: `endpoint "${op.endpoint}" not found`, applicationFailureInfo: { nonRetryable: true } });
  const dispatch = op.dispatch;
  engine.matching.offer(t.namespace, 'nexus', t.taskQueue, {
    start: () => {
      const current = opsOf(exec)[scheduledEventId];
      if (!current || current.state !== 'scheduled' || current.dispatch !== dispatch || !isOpen(exec.s.status)) return null;
      engine.arm(exec, `nexus-task:${scheduledEventId}`, engine.now() + NEXUS_TASK_TIMEOUT_MS, () => attemptFailed(engine, exec, scheduledEventId, dispatch, undefined));
      return {
        taskToken: taskToken(exec, current, 'start', dispatch),
        request: {
          header: requestHeader(engine, current),
          scheduledTime: ts(current.scheduledTime),
          endpoint: current.endpoint,
          startOperation: {
            service: current.service,
            operation: current.operation,
            requestId: current.requestId,
            callback: SYSTEM_CALLBACK_URL,
            callbackHeader: { [CALLBACK_TOKEN_HEADER]: callbackToken(exec, current) },
            payload: current.input,
            links: [{ url: `temporal:///namespaces/${encodeURIComponent(exec.s.namespace)}/workflows/${encodeURIComponent(exec.s.workflowId)}/${encodeURIComponent(exec.s.runId)}/history?referenceType=EventReference&eventID=${current.scheduledEventId}&eventType=NexusOperationScheduled`, type: 'temporal.api.common.v1.Link.WorkflowEvent' }],
          },
        },
      };
    },
  });
}

function scheduleCancelTask(engine: Engine, exec: Exec, op: NexusOperationState): void {
  const c = op.cancel!;
  c.state = 'scheduled';
  c.dispatch = ++exec.s.dispatchSeq;
  const dispatch = c.dispatch;
  const scheduledEventId = op.scheduledEventId;
  engine.afterCommit(() => {
    const t = target(engine, op);
    if (!t) return;
    engine.matching.offer(t.namespace, 'nexus', t.taskQueue, {
      start: () => {
        const current = opsOf(exec)[scheduledEventId];
        if (!current?.cancel || current.cancel.state !== 'scheduled' || current.cancel.dispatch !== dispatch || !isOpen(exec.s.status)) return null;
        engine.arm(exec, `nexus-cancel-task:${scheduledEventId}`, engine.now() + NEXUS_TASK_TIMEOUT_MS, () => cancelAttemptFailed(engine, exec, scheduledEventId, dispatch, undefined));
        return {
          taskToken: taskToken(exec, current, 'cancel', dispatch),
          request: {
            header: requestHeader(engine, current),
            scheduledTime: ts(engine.now()),
            endpoint: current.endpoint,
            cancelOperation: { service: current.service, operation: current.operation, operationId: current.operationToken, operationToken: current.operationToken },
          },
        };
      },
    });
  });
}

/** The operation a Nexus task token names, or NOT_FOUND when it went stale. */
function taskOf(engine: Engine, token: Uint8Array): { exec: Exec; op: NexusOperationState; kind: 'start' | 'cancel'; dispatch: number } {
  const t = decodeToken(token);
  if ((t.kind as string) !== 'nexus') throw invalidArgument('task token is not a Nexus task token');
  const [kind, id] = t.id.split(':');
  const exec = engine.find(t.namespace, t.workflowId, t.runId);
  const op = exec && opsOf(exec)[id];
  const live = op && (kind === 'start' ? op.state === 'scheduled' && op.dispatch === t.dispatch : op.cancel?.state === 'scheduled' && op.cancel.dispatch === t.dispatch);
  if (!exec || !op || !isOpen(exec.s.status) || !live) throw notFound('Nexus task not found or already expired');
  return { exec, op, kind: kind as 'start' | 'cancel', dispatch: t.dispatch };
}

export function respondNexusTaskCompleted(engine: Engine, req: any): any {
  const { exec, op, kind } = taskOf(engine, req.taskToken);
  if (kind === 'cancel') {
    engine.disarm(exec, `nexus-cancel-task:${op.scheduledEventId}`);
    op.cancel!.state = 'done';
    engine.addEvents(exec, [{ eventType: EventType.EVENT_TYPE_NEXUS_OPERATION_CANCEL_REQUEST_COMPLETED, attributes: { requestedEventId: op.cancel!.requestedEventId, scheduledEventId: op.scheduledEventId } }]);
    engine.changed(exec);
    return {};
  }
  engine.disarm(exec, `nexus-task:${op.scheduledEventId}`);
  const start = req.response?.startOperation;
  if (!start) throw invalidArgument('Response.StartOperation is not set on request.');
  if (start.syncSuccess) {
    finishOperation(engine, exec, op, EventType.EVENT_TYPE_NEXUS_OPERATION_COMPLETED, { result: start.syncSuccess.payload });
  } else if (start.asyncSuccess) {
    op.state = 'started';
    op.operationToken = start.asyncSuccess.operationToken || start.asyncSuccess.operationId;
    engine.addEvents(exec, [{ eventType: EventType.EVENT_TYPE_NEXUS_OPERATION_STARTED, attributes: { scheduledEventId: op.scheduledEventId, operationId: op.operationToken, operationToken: op.operationToken, requestId: op.requestId } }]);
    if (op.cancel?.state === 'waiting') scheduleCancelTask(engine, exec, op);
    engine.changed(exec);
  } else if (start.operationError || start.failure) {
    const canceled = start.operationError ? start.operationError.operationState === 'canceled' : Boolean(start.failure?.canceledFailureInfo);
    const cause = start.failure ?? nexusFailureToTemporal(start.operationError.failure, canceled);
    if (canceled) finishOperation(engine, exec, op, EventType.EVENT_TYPE_NEXUS_OPERATION_CANCELED, { failure: operationFailure(op, cause, 'nexus operation completed unsuccessfully') });
    else failOperation(engine, exec, op, cause);
  } else {
    throw invalidArgument('Response.StartOperation has no outcome.');
  }
  return {};
}

export function respondNexusTaskFailed(engine: Engine, req: any): any {
  const { exec, op, kind, dispatch } = taskOf(engine, req.taskToken);
  const handlerFailure = req.failure ?? handlerErrorToFailure(req.error);
  if (kind === 'cancel') cancelAttemptFailed(engine, exec, op.scheduledEventId, dispatch, handlerFailure);
  else attemptFailed(engine, exec, op.scheduledEventId, dispatch, handlerFailure);
  return {};
}

function handlerErrorToFailure(error: any): any {
  return {
    message: error?.failure?.message ?? 'handler error',
    nexusHandlerFailureInfo: { type: error?.errorType ?? 'INTERNAL', retryBehavior: error?.retryBehavior ?? 0 },
  };
}

function nexusFailureToTemporal(f: any, canceled: boolean): any {
  return canceled ? { message: f?.message ?? 'operation canceled', canceledFailureInfo: {} } : { message: f?.message ?? 'operation failed', applicationFailureInfo: { nonRetryable: true } };
}

function retryable(failure: any): boolean {
  const info = failure?.nexusHandlerFailureInfo;
  if (!info) return true; // the task timed out
  if (info.retryBehavior === 1) return true;
  if (info.retryBehavior === 2) return false;
  return RETRYABLE_HANDLER_ERRORS.has(info.type);
}

function attemptFailed(engine: Engine, exec: Exec, scheduledEventId: number, dispatch: number, failure: any): void {
  const op = opsOf(exec)[scheduledEventId];
  if (!op || op.state !== 'scheduled' || op.dispatch !== dispatch || !isOpen(exec.s.status)) return;
  engine.disarm(exec, `nexus-task:${scheduledEventId}`);
  const expiration = op.scheduleToCloseMs ? op.scheduledTime + op.scheduleToCloseMs : 0;
  const decision = retryable(failure) ? nextRetry(NEXUS_RETRY_POLICY, op.attempt, undefined, engine.now(), expiration) : undefined;
  if (decision && 'delayMs' in decision) {
    op.state = 'backoff';
    op.attempt++;
    op.dispatch = ++exec.s.dispatchSeq;
    engine.arm(exec, `nexus-retry:${scheduledEventId}`, engine.now() + decision.delayMs, () => {
      if (opsOf(exec)[scheduledEventId] !== op || op.state !== 'backoff') return;
      op.state = 'scheduled';
      dispatchStart(engine, exec, scheduledEventId);
      engine.changed(exec);
    });
    engine.changed(exec);
    return;
  }
  failOperation(engine, exec, op, failure);
}

function cancelAttemptFailed(engine: Engine, exec: Exec, scheduledEventId: number, dispatch: number, failure: any): void {
  const op = opsOf(exec)[scheduledEventId];
  const c = op?.cancel;
  if (!op || !c || c.state !== 'scheduled' || c.dispatch !== dispatch || !isOpen(exec.s.status)) return;
  engine.disarm(exec, `nexus-cancel-task:${scheduledEventId}`);
  const decision = retryable(failure) ? nextRetry(NEXUS_RETRY_POLICY, c.attempt, undefined, engine.now(), 0) : undefined;
  if (decision && 'delayMs' in decision) {
    c.state = 'backoff';
    c.attempt++;
    engine.arm(exec, `nexus-cancel-retry:${scheduledEventId}`, engine.now() + decision.delayMs, () => {
      if (opsOf(exec)[scheduledEventId] !== op || c.state !== 'backoff') return;
      scheduleCancelTask(engine, exec, op);
      engine.changed(exec);
    });
    engine.changed(exec);
    return;
  }
  c.state = 'done';
  engine.addEvents(exec, [{ eventType: EventType.EVENT_TYPE_NEXUS_OPERATION_CANCEL_REQUEST_FAILED, attributes: { requestedEventId: c.requestedEventId, scheduledEventId, failure } }]);
  engine.changed(exec);
}

function operationFailure(op: NexusOperationState, cause: any, message: string): any {
  return {
    message,
    nexusOperationExecutionFailureInfo: { scheduledEventId: op.scheduledEventId, endpoint: op.endpoint, service: op.service, operation: op.operation, operationId: op.operationToken ?? '', operationToken: op.operationToken ?? '' },
    cause,
  };
}

function failOperation(engine: Engine, exec: Exec, op: NexusOperationState, cause: any): void {
  finishOperation(engine, exec, op, EventType.EVENT_TYPE_NEXUS_OPERATION_FAILED, { failure: operationFailure(op, cause, 'nexus operation completed unsuccessfully') });
}

function finishOperation(engine: Engine, exec: Exec, op: NexusOperationState, eventType: number, attributes: any): void {
  delete opsOf(exec)[op.scheduledEventId];
  for (const what of ['nexus-timeout', 'nexus-task', 'nexus-retry', 'nexus-cancel-task', 'nexus-cancel-retry']) engine.disarm(exec, `${what}:${op.scheduledEventId}`);
  engine.addEvents(exec, [{ eventType, attributes: { ...attributes, scheduledEventId: op.scheduledEventId, requestId: op.requestId } }]);
  engine.changed(exec);
}

function timeOut(engine: Engine, exec: Exec, scheduledEventId: number): void {
  const op = opsOf(exec)[scheduledEventId];
  if (!op || !isOpen(exec.s.status)) return;
  finishOperation(engine, exec, op, EventType.EVENT_TYPE_NEXUS_OPERATION_TIMED_OUT, {
    failure: operationFailure(op, { message: 'operation timed out', timeoutFailureInfo: { timeoutType: 2 /* SCHEDULE_TO_CLOSE */ } }, 'nexus operation completed unsuccessfully'),
  });
}

/** StartWorkflowExecution with completion callbacks (a Nexus handler starting its workflow): kept on the run. */
export function attachCompletionCallbacks(exec: Exec, req: any): void {
  const callbacks = (req.completionCallbacks ?? []).filter((c: any) => c?.nexus?.url);
  if (callbacks.length) (exec.s as any).completionCallbacks = callbacks;
}

/** A run closed: deliver its completion callbacks (continue-as-new hands them to the next run). */
export function deliverCompletionCallbacks(engine: Engine, exec: Exec): void {
  const callbacks: any[] | undefined = (exec.s as any).completionCallbacks;
  if (!callbacks?.length) return;
  const s = exec.s;
  if (s.status === WorkflowStatus.WORKFLOW_EXECUTION_STATUS_CONTINUED_AS_NEW) {
    const next = engine.find(s.namespace, s.workflowId);
    if (next && next !== exec) (next.s as any).completionCallbacks = callbacks;
    return;
  }
  const closing = engine.eventAt(exec, exec.log.length - 1) ?? {};
  for (const cb of callbacks) {
    if (cb.nexus.url !== SYSTEM_CALLBACK_URL) {
      console.error(`keurmerk-devserver: completion callback to ${cb.nexus.url} not delivered (only ${SYSTEM_CALLBACK_URL} is supported)`);
      continue;
    }
    const header: Record<string, string> = cb.nexus.header ?? {};
    const tokenKey = Object.keys(header).find((k) => k.toLowerCase() === CALLBACK_TOKEN_HEADER.toLowerCase());
    if (!tokenKey) continue;
    engine.afterCommit(() => completeFromCallback(engine, header[tokenKey], s.status, closing));
  }
}

function completeFromCallback(engine: Engine, token: string, runStatus: number, closing: any): void {
  let ref: any;
  try {
    ref = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
  } catch {
    return;
  }
  const exec = engine.find(ref.ns, ref.wid, ref.rid);
  const op = exec && opsOf(exec)[ref.op];
  if (!exec || !op || op.requestId !== ref.req || !isOpen(exec.s.status)) return;
  const W = WorkflowStatus;
  if (runStatus === W.WORKFLOW_EXECUTION_STATUS_COMPLETED) {
    const result = closing.workflowExecutionCompletedEventAttributes?.result?.payloads?.[0];
    finishOperation(engine, exec, op, EventType.EVENT_TYPE_NEXUS_OPERATION_COMPLETED, { result });
  } else if (runStatus === W.WORKFLOW_EXECUTION_STATUS_CANCELED) {
    finishOperation(engine, exec, op, EventType.EVENT_TYPE_NEXUS_OPERATION_CANCELED, {
      failure: operationFailure(op, { message: 'operation canceled', canceledFailureInfo: { details: closing.workflowExecutionCanceledEventAttributes?.details } }, 'nexus operation completed unsuccessfully'),
    });
  } else {
    const failure =
      closing.workflowExecutionFailedEventAttributes?.failure ??
      closing.workflowExecutionTimedOutEventAttributes?.failure ?? {
        message: runStatus === W.WORKFLOW_EXECUTION_STATUS_TERMINATED ? 'operation terminated' : 'operation timed out',
        ...(runStatus === W.WORKFLOW_EXECUTION_STATUS_TERMINATED ? { terminatedFailureInfo: {} } : { timeoutFailureInfo: {} }),
      };
    failOperation(engine, exec, op, failure);
  }
  engine.commit();
}
