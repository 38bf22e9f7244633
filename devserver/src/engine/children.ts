// Child workflows and requests to other workflows (signal, cancel). The initiating event is written
// with the workflow task; the child start or the delivery happens right after the commit and is
// answered with its own event. A child's close is reported to its parent, and a closing parent
// applies each child's parent close policy.
import { RpcError } from '../errors';
import { status } from '@grpc/grpc-js';
import type { Engine, Exec } from './engine';
import {
  CancelExternalFailedCause,
  EventType,
  isOpen,
  ParentClosePolicy,
  SignalExternalFailedCause,
  StartChildFailedCause,
  WorkflowStatus,
} from './enums';
import { recordCancelRequest, recordSignal } from './signals';
import { terminateWorkflow } from './close';
import { startWorkflow } from './start';

export function initiateChild(engine: Engine, exec: Exec, attrs: any, completedEventId: number): void {
  const namespace = attrs.namespace || exec.s.namespace;
  const event = engine.append(exec, EventType.EVENT_TYPE_START_CHILD_WORKFLOW_EXECUTION_INITIATED, {
    namespace,
    workflowId: attrs.workflowId,
    workflowType: attrs.workflowType,
    taskQueue: { name: attrs.taskQueue?.name || exec.s.taskQueue, kind: 1 },
    input: attrs.input,
    workflowExecutionTimeout: attrs.workflowExecutionTimeout,
    workflowRunTimeout: attrs.workflowRunTimeout,
    workflowTaskTimeout: attrs.workflowTaskTimeout,
    parentClosePolicy: attrs.parentClosePolicy,
    control: attrs.control,
    workflowTaskCompletedEventId: completedEventId,
    workflowIdReusePolicy: attrs.workflowIdReusePolicy,
    retryPolicy: attrs.retryPolicy,
    cronSchedule: attrs.cronSchedule,
    header: attrs.header,
    memo: attrs.memo,
    searchAttributes: attrs.searchAttributes,
    priority: attrs.priority,
  });
  exec.s.children[event.eventId] = {
    initiatedEventId: event.eventId,
    namespace,
    workflowId: attrs.workflowId,
    workflowType: attrs.workflowType?.name ?? '',
    startedEventId: 0,
    parentClosePolicy: attrs.parentClosePolicy ?? 0,
    command: attrs,
    workflowTaskCompletedEventId: completedEventId,
  };
  engine.afterCommit(() => startChild(engine, exec, event.eventId));
}

function startChild(engine: Engine, exec: Exec, initiatedEventId: number): void {
  const child = exec.s.children[initiatedEventId];
  if (!child || child.runId || !isOpen(exec.s.status)) return;
  const attrs = child.command ?? {};
  try {
    const { exec: started } = startWorkflow(
      engine,
      child.namespace,
      {
        ...attrs,
        taskQueue: { name: attrs.taskQueue?.name || exec.s.taskQueue },
        requestId: `${exec.s.runId}/child/${initiatedEventId}`,
        identity: '',
      },
      {
        parent: { namespace: exec.s.namespace, workflowId: exec.s.workflowId, runId: exec.s.runId, initiatedEventId },
        root: exec.s.root,
      },
    );
    child.runId = started.s.runId;
    delete child.command;
    engine.addEvents(exec, [
      {
        eventType: EventType.EVENT_TYPE_CHILD_WORKFLOW_EXECUTION_STARTED,
        attributes: {
          namespace: child.namespace,
          initiatedEventId,
          workflowExecution: { workflowId: child.workflowId, runId: started.s.runId },
          workflowType: { name: child.workflowType },
          header: attrs.header,
        },
      },
    ]);
  } catch (err) {
    const exists = err instanceof RpcError && err.code === status.ALREADY_EXISTS;
    if (!exists) console.error('keurmerk-devserver: child workflow start failed', err);
    delete exec.s.children[initiatedEventId];
    engine.addEvents(exec, [
      {
        eventType: EventType.EVENT_TYPE_START_CHILD_WORKFLOW_EXECUTION_FAILED,
        attributes: {
          namespace: child.namespace,
          workflowId: child.workflowId,
          workflowType: { name: child.workflowType },
          cause: exists
            ? StartChildFailedCause.START_CHILD_WORKFLOW_EXECUTION_FAILED_CAUSE_WORKFLOW_ALREADY_EXISTS
            : StartChildFailedCause.START_CHILD_WORKFLOW_EXECUTION_FAILED_CAUSE_NAMESPACE_NOT_FOUND,
          control: attrs.control,
          initiatedEventId,
          workflowTaskCompletedEventId: child.workflowTaskCompletedEventId,
        },
      },
    ]);
  }
  engine.changed(exec);
}

const CHILD_CLOSE_EVENTS: Record<number, [number, (closing: any) => any]> = {
  [WorkflowStatus.WORKFLOW_EXECUTION_STATUS_COMPLETED]: [
    EventType.EVENT_TYPE_CHILD_WORKFLOW_EXECUTION_COMPLETED,
    (e) => ({ result: e.workflowExecutionCompletedEventAttributes?.result }),
  ],
  [WorkflowStatus.WORKFLOW_EXECUTION_STATUS_FAILED]: [
    EventType.EVENT_TYPE_CHILD_WORKFLOW_EXECUTION_FAILED,
    (e) => ({
      failure: e.workflowExecutionFailedEventAttributes?.failure,
      retryState: e.workflowExecutionFailedEventAttributes?.retryState,
    }),
  ],
  [WorkflowStatus.WORKFLOW_EXECUTION_STATUS_CANCELED]: [
    EventType.EVENT_TYPE_CHILD_WORKFLOW_EXECUTION_CANCELED,
    (e) => ({ details: e.workflowExecutionCanceledEventAttributes?.details }),
  ],
  [WorkflowStatus.WORKFLOW_EXECUTION_STATUS_TERMINATED]: [EventType.EVENT_TYPE_CHILD_WORKFLOW_EXECUTION_TERMINATED, () => ({})],
  [WorkflowStatus.WORKFLOW_EXECUTION_STATUS_TIMED_OUT]: [
    EventType.EVENT_TYPE_CHILD_WORKFLOW_EXECUTION_TIMED_OUT,
    (e) => ({ retryState: e.workflowExecutionTimedOutEventAttributes?.retryState }),
  ],
};

/** The last run of a child closed: tell the parent. */
export function notifyParent(engine: Engine, exec: Exec): void {
  const p = exec.s.parent;
  if (!p) return;
  const closing = engine.eventAt(exec, exec.log.length - 1) ?? {};
  if (closing.workflowExecutionFailedEventAttributes?.newExecutionRunId) return;
  const spec = CHILD_CLOSE_EVENTS[exec.s.status];
  if (!spec) return;
  const parent = engine.find(p.namespace, p.workflowId, p.runId);
  if (!parent || !isOpen(parent.s.status) || !parent.s.children[p.initiatedEventId]) return;
  const child = parent.s.children[p.initiatedEventId];
  delete parent.s.children[p.initiatedEventId];
  engine.addEvents(parent, [
    {
      eventType: spec[0],
      attributes: {
        ...spec[1](closing),
        namespace: child.namespace,
        workflowExecution: { workflowId: exec.s.workflowId, runId: exec.s.runId },
        workflowType: { name: child.workflowType },
        initiatedEventId: p.initiatedEventId,
        startedEventId: -2,
      },
    },
  ]);
  engine.changed(parent);
}

/** Children of a closing parent are terminated, asked to cancel or abandoned, per their policy. */
export function applyParentClosePolicy(engine: Engine, exec: Exec): void {
  const children = Object.values(exec.s.children).filter((c) => c.runId);
  exec.s.children = {};
  for (const child of children) {
    const policy = child.parentClosePolicy || ParentClosePolicy.PARENT_CLOSE_POLICY_TERMINATE;
    if (policy === ParentClosePolicy.PARENT_CLOSE_POLICY_ABANDON) continue;
    engine.afterCommit(() => {
      const target = engine.find(child.namespace, child.workflowId);
      if (!target || !isOpen(target.s.status)) return;
      if (policy === ParentClosePolicy.PARENT_CLOSE_POLICY_REQUEST_CANCEL) {
        recordCancelRequest(engine, target, { reason: 'by parent close policy', identity: 'history-service' });
      } else {
        terminateWorkflow(engine, target, 'by parent close policy', undefined, 'history-service');
      }
      engine.changed(target);
    });
  }
}

export function initiateExternal(engine: Engine, exec: Exec, kind: 'signal' | 'cancel', attrs: any, completedEventId: number): void {
  const namespace = attrs.namespace || exec.s.namespace;
  const target = kind === 'signal' ? attrs.execution : { workflowId: attrs.workflowId, runId: attrs.runId };
  const event =
    kind === 'signal'
      ? engine.append(exec, EventType.EVENT_TYPE_SIGNAL_EXTERNAL_WORKFLOW_EXECUTION_INITIATED, {
          workflowTaskCompletedEventId: completedEventId,
          namespace,
          workflowExecution: target,
          signalName: attrs.signalName,
          input: attrs.input,
          control: attrs.control,
          childWorkflowOnly: attrs.childWorkflowOnly,
          header: attrs.header,
        })
      : engine.append(exec, EventType.EVENT_TYPE_REQUEST_CANCEL_EXTERNAL_WORKFLOW_EXECUTION_INITIATED, {
          workflowTaskCompletedEventId: completedEventId,
          namespace,
          workflowExecution: target,
          control: attrs.control,
          childWorkflowOnly: attrs.childWorkflowOnly,
          reason: attrs.reason,
        });
  exec.s.externals[event.eventId] = {
    initiatedEventId: event.eventId,
    kind,
    attributes: { ...attrs, namespace, target },
    workflowTaskCompletedEventId: completedEventId,
  };
  engine.afterCommit(() => deliverExternal(engine, exec, event.eventId));
}

function deliverExternal(engine: Engine, exec: Exec, initiatedEventId: number): void {
  const request = exec.s.externals[initiatedEventId];
  if (!request || !isOpen(exec.s.status)) return;
  delete exec.s.externals[initiatedEventId];
  const { namespace, target } = request.attributes;
  const targetExec = engine.find(namespace, target?.workflowId ?? '', target?.runId);
  const found = targetExec && isOpen(targetExec.s.status);
  const self = { workflowId: exec.s.workflowId, runId: exec.s.runId };
  const common = { namespace, workflowExecution: target, initiatedEventId, control: request.attributes.control };
  if (request.kind === 'signal') {
    if (found) {
      recordSignal(engine, targetExec, {
        signalName: request.attributes.signalName,
        input: request.attributes.input,
        header: request.attributes.header,
        identity: '',
        externalWorkflowExecution: self,
      });
      engine.changed(targetExec);
    }
    engine.addEvents(exec, [
      found
        ? { eventType: EventType.EVENT_TYPE_EXTERNAL_WORKFLOW_EXECUTION_SIGNALED, attributes: common }
        : {
            eventType: EventType.EVENT_TYPE_SIGNAL_EXTERNAL_WORKFLOW_EXECUTION_FAILED,
            attributes: {
              ...common,
              cause: SignalExternalFailedCause.SIGNAL_EXTERNAL_WORKFLOW_EXECUTION_FAILED_CAUSE_EXTERNAL_WORKFLOW_EXECUTION_NOT_FOUND,
              workflowTaskCompletedEventId: request.workflowTaskCompletedEventId,
            },
          },
    ]);
  } else {
    if (found) {
      recordCancelRequest(engine, targetExec, {
        reason: request.attributes.reason,
        externalInitiatedEventId: initiatedEventId,
        externalWorkflowExecution: self,
      });
      engine.changed(targetExec);
    }
    engine.addEvents(exec, [
      found
        ? {
            eventType: EventType.EVENT_TYPE_EXTERNAL_WORKFLOW_EXECUTION_CANCEL_REQUESTED,
            attributes: { namespace, workflowExecution: target, initiatedEventId },
          }
        : {
            eventType: EventType.EVENT_TYPE_REQUEST_CANCEL_EXTERNAL_WORKFLOW_EXECUTION_FAILED,
            attributes: {
              ...common,
              cause: CancelExternalFailedCause.CANCEL_EXTERNAL_WORKFLOW_EXECUTION_FAILED_CAUSE_EXTERNAL_WORKFLOW_EXECUTION_NOT_FOUND,
              workflowTaskCompletedEventId: request.workflowTaskCompletedEventId,
            },
          },
    ]);
  }
  engine.changed(exec);
}

/** After a restart: children not yet started and requests not yet delivered are carried out. */
export function recoverChildrenAndExternals(engine: Engine, exec: Exec): void {
  for (const child of Object.values(exec.s.children)) {
    if (!child.runId) engine.afterCommit(() => startChild(engine, exec, child.initiatedEventId));
  }
  for (const request of Object.values(exec.s.externals)) {
    engine.afterCommit(() => deliverExternal(engine, exec, request.initiatedEventId));
  }
}
