// Signals and cancellation requests from clients or other workflows: events the workflow sees in
// its next workflow task (buffered while a task runs).
import type { Engine, Exec } from './engine';
import { EventType } from './enums';

/** How many signal request ids a run remembers for de-duplication. */
const REMEMBERED_SIGNAL_REQUESTS = 100;

export interface SignalInput {
  requestId?: string;
  signalName: string;
  input?: any;
  identity?: string;
  header?: any;
  externalWorkflowExecution?: any;
  externalInitiatedEventId?: number;
}

export function recordSignal(engine: Engine, exec: Exec, signal: SignalInput): void {
  if (signal.requestId) {
    const seen = (exec.s.signalRequestIds ??= []);
    if (seen.includes(signal.requestId)) return;
    seen.push(signal.requestId);
    if (seen.length > REMEMBERED_SIGNAL_REQUESTS) seen.shift();
  }
  engine.addEvents(exec, [
    {
      eventType: EventType.EVENT_TYPE_WORKFLOW_EXECUTION_SIGNALED,
      attributes: {
        signalName: signal.signalName,
        input: signal.input,
        identity: signal.identity ?? '',
        header: signal.header,
        externalWorkflowExecution: signal.externalWorkflowExecution,
      },
    },
  ]);
}

export function recordCancelRequest(
  engine: Engine,
  exec: Exec,
  request: { reason?: string; identity?: string; externalInitiatedEventId?: number; externalWorkflowExecution?: any },
): void {
  if (exec.s.cancelRequested) return;
  exec.s.cancelRequested = true;
  engine.addEvents(exec, [
    {
      eventType: EventType.EVENT_TYPE_WORKFLOW_EXECUTION_CANCEL_REQUESTED,
      attributes: {
        cause: request.reason ?? '',
        identity: request.identity ?? '',
        externalInitiatedEventId: request.externalInitiatedEventId,
        externalWorkflowExecution: request.externalWorkflowExecution,
      },
    },
  ]);
}
