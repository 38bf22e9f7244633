// The heart of the server: all workflow runs with their histories, and the primitives every feature
// builds on (append an event, buffer events during a workflow task, schedule a workflow task, close a
// run, arm a timer, commit). Feature modules (commands, activities, updates, ...) are functions over it.
import { randomUUID } from 'node:crypto';
import type { Clock, TimerHandle } from '../clock';
import { notFound } from '../errors';
import { encode, lookupType } from '../proto';
import { attributesField, EventType, isOpen, ts } from './enums';
import type { ExecutionState, UpdateState } from './state';
import { Matching } from './task-queues';
import type { Store } from './store-types';
import { enqueueWorkflowTask } from './workflow-tasks';
import { onExecutionClosed, terminateWorkflow } from './close';
import { LIMITS } from './limits';
import type { VisibilityAdapter } from './visibility-adapter';
import { nexusLocks, NexusEndpoints } from './nexus';
import { EventLog } from './encoded-history';

const HistoryEvent = lookupType('temporal.api.history.v1.HistoryEvent');

export interface PendingQuery {
  id: string;
  query: any;
  resolve(result: { answer?: any; failure?: any; errorMessage?: string }): void;
  dispatched: boolean;
}

/** A workflow run: its persistent state, its history and what only lives in memory. */
export interface Exec {
  s: ExecutionState;
  /** The history, each event encoded as temporal.api.history.v1.HistoryEvent (encoded-history.ts). */
  log: EventLog;
  /** Number of events already in the store. */
  storedEvents: number;
  historyWaiters: Set<() => void>;
  updateWaiters: Set<() => void>;
  queries: PendingQuery[];
  /**
   * Updates a validator rejected, kept in memory only and only for a while, so their callers still
   * get the outcome; like the real server, a rejection leaves nothing in the stored state.
   */
  recentRejections: Map<string, UpdateState>;
}

export interface NamespaceRecord {
  name: string;
  id: string;
  description?: string;
  retentionDays: number;
}

export class Engine {
  readonly executions = new Map<string, Exec>();
  /** namespace + workflowId → latest run id. */
  readonly current = new Map<string, string>();
  readonly open = new Set<Exec>();
  readonly matching = new Matching();
  readonly namespaces = new Map<string, NamespaceRecord>();
  /** Nexus endpoints (OperatorService), by id and name. */
  readonly nexus: NexusEndpoints = new NexusEndpoints(this);
  private timers = new Map<string, TimerHandle>();
  private dirty = new Set<Exec>();
  private afterCommitQueue: (() => void)[] = [];
  private afterCommitScheduled = false;

  constructor(
    readonly clock: Clock,
    readonly store: Store | undefined,
    readonly visibility: VisibilityAdapter,
    defaultNamespace: string,
  ) {
    this.addNamespace(defaultNamespace);
    clock.held = () => this.heldLocks();
    clock.heldAbove = (limit) => this.heldLocksAbove(limit);
    clock.afterFire = () => this.commit();
  }

  now(): number {
    return this.clock.now();
  }

  addNamespace(name: string, description?: string, retentionDays = 1): NamespaceRecord {
    const record = { name, id: randomUUID(), description, retentionDays };
    this.namespaces.set(name, record);
    return record;
  }

  requireNamespace(name: string | undefined): string {
    const ns = name || '';
    if (!this.namespaces.has(ns)) throw notFound(`Namespace ${ns} is not found.`);
    return ns;
  }

  key(namespace: string, workflowId: string, runId: string): string {
    return `${namespace}\u0000${workflowId}\u0000${runId}`;
  }

  /** The run, or the latest run of the workflow when runId is empty. */
  find(namespace: string, workflowId: string, runId?: string | null): Exec | undefined {
    const rid = runId || this.current.get(`${namespace}\u0000${workflowId}`);
    return rid ? this.executions.get(this.key(namespace, workflowId, rid)) : undefined;
  }

  get(namespace: string, execution: { workflowId?: string; runId?: string } | undefined | null): Exec {
    const workflowId = execution?.workflowId ?? '';
    const exec = this.find(namespace, workflowId, execution?.runId);
    if (!exec) {
      throw notFound(
        execution?.runId
          ? `workflow execution not found for workflow ID "${workflowId}" and run ID "${execution.runId}"`
          : `workflow not found for ID: ${workflowId}`,
      );
    }
    return exec;
  }

  getOpen(namespace: string, execution: { workflowId?: string; runId?: string } | undefined | null): Exec {
    const exec = this.get(namespace, execution);
    if (!isOpen(exec.s.status)) throw notFound('workflow execution already completed');
    return exec;
  }

  register(exec: Exec): void {
    this.executions.set(this.key(exec.s.namespace, exec.s.workflowId, exec.s.runId), exec);
    this.current.set(`${exec.s.namespace}\u0000${exec.s.workflowId}`, exec.s.runId);
    if (isOpen(exec.s.status)) this.open.add(exec);
    this.touch(exec);
  }

  /** Forget a closed run and its history; the workflow id's current run falls back to its latest other run. */
  remove(exec: Exec): void {
    const s = exec.s;
    this.commit();
    this.executions.delete(this.key(s.namespace, s.workflowId, s.runId));
    this.open.delete(exec);
    this.dirty.delete(exec);
    this.store?.delete?.(exec);
    const idKey = `${s.namespace}\u0000${s.workflowId}`;
    if (this.current.get(idKey) !== s.runId) return;
    let latest: Exec | undefined;
    for (const other of this.executions.values()) {
      if (other.s.namespace === s.namespace && other.s.workflowId === s.workflowId && (!latest || other.s.startTime >= latest.s.startTime)) {
        latest = other;
      }
    }
    if (latest) this.current.set(idKey, latest.s.runId);
    else this.current.delete(idKey);
  }

  /** Append one event to the history now; returns it. */
  append(exec: Exec, eventType: number, attributes: any, time = this.now()): any {
    const eventId = exec.log.length + 1;
    if (attributes && attributes.startedEventId === -1) attributes.startedEventId = eventId - 1;
    if (eventType === EventType.EVENT_TYPE_CHILD_WORKFLOW_EXECUTION_STARTED) {
      exec.s.childStartedIds[attributes.initiatedEventId] = eventId;
      const child = exec.s.children[attributes.initiatedEventId];
      if (child) child.startedEventId = eventId;
    } else if (attributes && attributes.startedEventId === -2) {
      attributes.startedEventId = exec.s.childStartedIds[attributes.initiatedEventId] ?? 0;
    }
    const event = {
      eventId,
      eventTime: ts(time),
      eventType,
      taskId: eventId,
      [attributesField(eventType)]: attributes ?? {},
    };
    const bytes = encode(HistoryEvent, event);
    exec.log.push(bytes);
    exec.s.historySizeBytes += bytes.length;
    exec.s.stateTransitions++;
    this.touch(exec);
    return event;
  }

  /**
   * Events from outside the workflow (signal, timer fired, activity result, ...): written at once and
   * followed by a workflow task, or buffered while a workflow task runs (the worker would otherwise see
   * events between WorkflowTaskStarted and WorkflowTaskCompleted).
   */
  addEvents(exec: Exec, events: { eventType: number; attributes: any }[]): void {
    if (!isOpen(exec.s.status)) return;
    if (exec.s.wft) {
      // Something besides updates or a retry now needs the workflow: its task becomes a normal one.
      exec.s.wft.speculativeFrom = undefined;
      exec.s.wft.transient = undefined;
    }
    const time = this.now();
    if (exec.s.wft && exec.s.wft.startedEventId) {
      for (const e of events) exec.s.buffered.push({ ...e, time });
      this.touch(exec);
      return;
    }
    for (const e of events) this.append(exec, e.eventType, e.attributes, time);
    this.scheduleWorkflowTask(exec);
    this.changed(exec);
  }

  flushBuffered(exec: Exec): boolean {
    const buffered = exec.s.buffered;
    if (!buffered.length) return false;
    exec.s.buffered = [];
    for (const e of buffered) this.append(exec, e.eventType, e.attributes, e.time);
    return true;
  }

  /** History as others may see and store it: without the events of a speculative workflow task. */
  visibleLength(exec: Exec): number {
    return exec.s.wft?.speculativeFrom ?? exec.log.length;
  }

  /** Event i (0-based) of the run's history, decoded; undefined past its end. */
  eventAt(exec: Exec, i: number): any {
    return i >= 0 && i < exec.log.length ? exec.log.decodeAt(i) : undefined;
  }

  /** Drop the hidden events of a speculative task answered with rejections only, or of a failed retry. */
  dropSpeculativeEvents(exec: Exec, length: number): void {
    exec.s.historySizeBytes -= exec.log.truncate(length);
  }

  /**
   * Schedule a workflow task unless one is already scheduled or running. `dispatch` false keeps it out
   * of matching: an eager start hands it out in the start response instead (eager-start.ts).
   */
  scheduleWorkflowTask(exec: Exec, attempt = 1, speculative = false, dispatch = true): void {
    if (!isOpen(exec.s.status) || exec.s.wft) return;
    if (exec.s.firstWftAt > this.now()) return;
    const before = exec.log.length;
    const transient = attempt > 1;
    const scheduled = this.append(exec, EventType.EVENT_TYPE_WORKFLOW_TASK_SCHEDULED, {
      taskQueue: { name: exec.s.taskQueue, kind: 1 },
      startToCloseTimeout: ts(exec.s.workflowTaskTimeoutMs),
      attempt,
    });
    exec.s.wft = {
      scheduledEventId: scheduled.eventId,
      startedEventId: 0,
      attempt,
      scheduledTime: this.now(),
      startedTime: 0,
      dispatch: ++exec.s.dispatchSeq,
      speculativeFrom: speculative || transient ? before : undefined,
      transient: transient || undefined,
    };
    if (dispatch) enqueueWorkflowTask(this, exec);
  }

  /** Close the run with its closing event already appended. */
  close(exec: Exec, status: number): void {
    // The official test server never releases what a run held when it closed (its workflow task when
    // terminated or timed out meanwhile, activities still pending, also those scheduled in the task
    // that continued it as new: sdk-java#1138): an update of a closed run is NOT_FOUND there
    // (TestWorkflowMutableStateImpl.update), so the outcome that would unlock never arrives and time
    // stops skipping for good. The same here (devserver/README.md, the lock table).
    if (this.clock.timeSkipping) this.clock.orphan(this.runLocks(exec));
    exec.s.status = status;
    exec.s.closeTime = this.now();
    exec.s.wft = undefined;
    exec.s.buffered = [];
    exec.log.compact();
    this.open.delete(exec);
    this.disarmAll(exec);
    onExecutionClosed(this, exec);
    this.changed(exec);
  }

  /** Wake long polls on this run's history and update outcomes; let time skipping re-evaluate. */
  changed(exec: Exec): void {
    this.touch(exec);
    for (const wake of [...exec.historyWaiters]) wake();
    for (const wake of [...exec.updateWaiters]) wake();
    this.clock.kick();
  }

  timerKey(exec: Exec, what: string): string {
    return `${this.key(exec.s.namespace, exec.s.workflowId, exec.s.runId)}\u0000${what}`;
  }

  /** (Re)arm the named timer of a run; an earlier one of the same name is cancelled. */
  arm(exec: Exec, what: string, at: number, fn: () => void): void {
    const key = this.timerKey(exec, what);
    this.timers.get(key)?.cancel();
    const handle = this.clock.at(at, () => {
      this.timers.delete(key);
      fn();
    });
    this.timers.set(key, handle);
  }

  disarm(exec: Exec, what: string): void {
    const key = this.timerKey(exec, what);
    this.timers.get(key)?.cancel();
    this.timers.delete(key);
  }

  private disarmAll(exec: Exec): void {
    const prefix = this.timerKey(exec, '');
    for (const [key, handle] of this.timers) {
      if (key.startsWith(prefix)) {
        handle.cancel();
        this.timers.delete(key);
      }
    }
  }

  /** Time-skipping locks the outstanding work of all open runs holds (devserver/README.md, the table). */
  heldLocks(): number {
    let n = 0;
    for (const exec of this.open) n += this.runLocks(exec);
    return n;
  }

  /** Whether the open runs hold more than `limit` locks; stops at the first run that decides it. */
  heldLocksAbove(limit: number): boolean {
    let n = 0;
    for (const exec of this.open) {
      n += this.runLocks(exec);
      if (n > limit) return true;
    }
    return n > limit;
  }

  /**
   * The locks one run holds, as the official test server takes them (TestWorkflowMutableStateImpl):
   * its scheduled or running workflow task (scheduleWorkflowTask), each activity attempt from
   * scheduling to its outcome (processScheduleActivityTask; none while it waits for a retry), each
   * child until it started (processStartChildWorkflow), each signal to another workflow until it was
   * delivered (processSignalExternalWorkflowExecution; a cancel request takes none), each legacy query
   * task handed out (scheduleQueryWorkflowTask), and what the feature modules add (Nexus operations).
   */
  runLocks(exec: Exec): number {
    const s = exec.s;
    let n = s.wft ? 1 : 0;
    for (const id in s.activities) if (s.activities[id].state !== 'backoff') n++;
    for (const id in s.children) if (!s.children[id].runId) n++;
    for (const id in s.externals) if (s.externals[id].kind === 'signal') n++;
    for (const q of exec.queries) if (q.dispatched) n++;
    for (const extra of this.lockSources) n += extra(exec);
    return n;
  }

  /** Feature modules that hold time-skipping locks for a run (e.g. pending Nexus operations). */
  readonly lockSources: ((exec: Exec) => number)[] = [nexusLocks];

  touch(exec: Exec): void {
    this.dirty.add(exec);
  }

  /** Make every change durable (no-op without a store); called before any request is answered. */
  commit(): void {
    if (!this.dirty.size) return;
    for (const exec of [...this.dirty]) this.enforceHistoryLimits(exec);
    const dirty = [...this.dirty];
    this.dirty.clear();
    this.store?.save(dirty);
  }

  /**
   * A running workflow whose history grew past limit.historySize.error or limit.historyCount.error
   * is terminated, as the real server does on every change (workflow/context.go).
   */
  private enforceHistoryLimits(exec: Exec): void {
    if (!isOpen(exec.s.status)) return;
    const reason =
      exec.s.historySizeBytes > LIMITS.historySizeBytes
        ? 'Workflow history size exceeds limit.'
        : exec.log.length > LIMITS.historyCount
          ? 'Workflow history count exceeds limit.'
          : undefined;
    if (reason) terminateWorkflow(this, exec, reason, undefined, 'history-service');
  }

  /** Work that follows a committed change (start a child, signal another workflow). */
  afterCommit(fn: () => void): void {
    this.afterCommitQueue.push(fn);
    if (this.afterCommitScheduled) return;
    this.afterCommitScheduled = true;
    setImmediate(() => {
      this.afterCommitScheduled = false;
      const queue = this.afterCommitQueue;
      this.afterCommitQueue = [];
      for (const job of queue) {
        try {
          job();
        } catch (err) {
          console.error('keurmerk-devserver: follow-up task failed', err);
        }
      }
      this.commit();
    });
  }

  newExec(s: ExecutionState): Exec {
    return { s, log: new EventLog(), storedEvents: 0, historyWaiters: new Set(), updateWaiters: new Set(), queries: [], recentRejections: new Map() };
  }
}
