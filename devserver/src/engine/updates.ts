// Workflow Updates: admitted by UpdateWorkflowExecution, delivered to the worker as protocol
// messages with the next workflow task, then rejected by a validator (no history), or accepted
// (WorkflowExecutionUpdateAccepted) and completed (WorkflowExecutionUpdateCompleted). Callers wait
// for the stage they asked for, or get the stage reached so far when the long poll ends.
import { invalidArgument, notFound } from '../errors';
import { decode, encode, lookupType } from '../proto';
import type { Engine, Exec } from './engine';
import { CommandType, EventType, isOpen, UpdateStage } from './enums';
import type { UpdateState } from './state';
import type { PollCall } from './task-queues';
import { LONG_POLL_MS } from './task-queues';
import { checkBlobSize, checkIdLength } from './limits';

const REQUEST = 'temporal.api.update.v1.Request';
const ACCEPTANCE = 'temporal.api.update.v1.Acceptance';
const REJECTION = 'temporal.api.update.v1.Rejection';
const RESPONSE = 'temporal.api.update.v1.Response';
const TYPE_URL_PREFIX = 'type.googleapis.com/';

/** A task only for updates, after a completed one and with nothing else pending, is speculative. */
export function scheduleUpdateTask(engine: Engine, exec: Exec): void {
  const speculative = !exec.s.wft && !exec.s.buffered.length && exec.s.lastCompletedWftStartedId > 0;
  engine.scheduleWorkflowTask(exec, 1, speculative);
}

/** The worker answered a speculative task with rejections only: nothing goes into history. */
export function isRejectionOnly(req: any): boolean {
  const commands: any[] = req.commands ?? [];
  const messages: any[] = req.messages ?? [];
  return (
    !req.forceCreateNewWorkflowTask &&
    messages.length > 0 &&
    commands.every((c) => c.commandType === CommandType.COMMAND_TYPE_PROTOCOL_MESSAGE) &&
    messages.every((m) => String(m.body?.type_url ?? '').endsWith(REJECTION))
  );
}

/** Protocol messages for every admitted update, to go out with the workflow task being started. */
export function deliverUpdates(exec: Exec): any[] {
  const messages: any[] = [];
  const sequencingEventId = exec.log.length - 1;
  for (const update of Object.values(exec.s.updates)) {
    if (update.stage !== 'admitted') continue;
    update.stage = 'delivered';
    messages.push({
      id: `${update.updateId}/request`,
      protocolInstanceId: update.updateId,
      eventId: sequencingEventId,
      body: { type_url: TYPE_URL_PREFIX + REQUEST, value: encode(lookupType(REQUEST), update.request) },
    });
  }
  return messages;
}

/** Updates the worker did not answer (task failed or timed out) go out again with the next task. */
export function undeliverUpdates(exec: Exec): void {
  for (const update of Object.values(exec.s.updates)) if (update.stage === 'delivered') update.stage = 'admitted';
}

export function hasUndeliveredUpdates(exec: Exec): boolean {
  return Object.values(exec.s.updates).some((u) => u.stage === 'admitted');
}

/** One protocol message of RespondWorkflowTaskCompleted. */
export function applyProtocolMessage(engine: Engine, exec: Exec, message: any): void {
  const typeUrl: string = message.body?.type_url ?? '';
  const typeName = typeUrl.slice(typeUrl.lastIndexOf('/') + 1);
  const update = exec.s.updates[message.protocolInstanceId];
  if (![ACCEPTANCE, REJECTION, RESPONSE].includes(typeName)) {
    console.error(`keurmerk-devserver: ignoring unsupported protocol message ${typeName}`);
    return;
  }
  // A message about an unknown update, or one that repeats a step already taken, changes nothing.
  if (!update || update.stage === 'completed') return;
  if (typeName !== RESPONSE && update.stage === 'accepted') return;
  if (typeName === RESPONSE && update.stage !== 'accepted') return;
  const body = decode(lookupType(typeName), message.body.value ?? Buffer.alloc(0));
  if (typeName === ACCEPTANCE) {
    const event = engine.append(exec, EventType.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_ACCEPTED, {
      protocolInstanceId: update.updateId,
      acceptedRequestMessageId: body.acceptedRequestMessageId,
      acceptedRequestSequencingEventId: body.acceptedRequestSequencingEventId,
      acceptedRequest: body.acceptedRequest ?? update.request,
    });
    update.stage = 'accepted';
    update.acceptedEventId = event.eventId;
    // The request is in the accepted event now; the stored state keeps only where to find it.
    delete update.request;
  } else if (typeName === REJECTION) {
    update.stage = 'completed';
    update.outcome = { failure: body.failure };
    rememberRejection(exec, update);
  } else {
    const event = engine.append(exec, EventType.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_COMPLETED, {
      meta: body.meta ?? { updateId: update.updateId },
      acceptedEventId: update.acceptedEventId,
      outcome: body.outcome,
    });
    update.stage = 'completed';
    // The outcome is read from the completed event when asked for (see outcomeOf).
    update.completedEventId = event.eventId;
  }
}

/** How many rejected updates a run remembers in memory for their callers (see Exec.recentRejections). */
const REMEMBERED_REJECTIONS = 100;

function rememberRejection(exec: Exec, update: UpdateState): void {
  delete exec.s.updates[update.updateId];
  exec.recentRejections.delete(update.updateId);
  exec.recentRejections.set(update.updateId, update);
  if (exec.recentRejections.size > REMEMBERED_REJECTIONS) {
    exec.recentRejections.delete(exec.recentRejections.keys().next().value!);
  }
}

function findUpdate(exec: Exec, updateId: string): UpdateState | undefined {
  return exec.s.updates[updateId] ?? exec.recentRejections.get(updateId);
}

function outcomeOf(exec: Exec, update: UpdateState): any {
  if (update.outcome) return update.outcome;
  const event = update.completedEventId ? exec.log.decodeAt(update.completedEventId - 1) : undefined;
  return event?.workflowExecutionUpdateCompletedEventAttributes?.outcome;
}

function stageNumber(update: UpdateState): number {
  if (update.stage === 'completed') return UpdateStage.UPDATE_WORKFLOW_EXECUTION_LIFECYCLE_STAGE_COMPLETED;
  if (update.stage === 'accepted') return UpdateStage.UPDATE_WORKFLOW_EXECUTION_LIFECYCLE_STAGE_ACCEPTED;
  return UpdateStage.UPDATE_WORKFLOW_EXECUTION_LIFECYCLE_STAGE_ADMITTED;
}

export async function updateWorkflowExecution(engine: Engine, namespace: string, req: any, call: PollCall): Promise<any> {
  const updateId: string = req.request?.meta?.updateId || '';
  const name: string = req.request?.input?.name || '';
  if (!updateId) throw invalidArgument('request.meta.updateId is required');
  if (!name) throw invalidArgument('request.input.name (the update name) is required');
  checkIdLength(updateId, 'UpdateId');
  checkIdLength(req.request?.meta?.identity, 'Identity');
  checkBlobSize(req.request?.input?.args);
  const exec = engine.get(namespace, req.workflowExecution);
  if (req.firstExecutionRunId && req.firstExecutionRunId !== exec.s.firstRunId) {
    throw notFound(`workflow execution with first run ID ${req.firstExecutionRunId} not found`);
  }
  let update = findUpdate(exec, updateId);
  if (!update) {
    if (!isOpen(exec.s.status)) throw notFound('workflow execution already completed');
    update = { updateId, request: req.request, stage: 'admitted' };
    exec.s.updates[updateId] = update;
    scheduleUpdateTask(engine, exec);
    engine.changed(exec);
  }
  const wanted = req.waitPolicy?.lifecycleStage || UpdateStage.UPDATE_WORKFLOW_EXECUTION_LIFECYCLE_STAGE_ACCEPTED;
  return waitForStage(engine, exec, updateId, wanted, call);
}

export async function pollWorkflowExecutionUpdate(engine: Engine, namespace: string, req: any, call: PollCall): Promise<any> {
  const ref = req.updateRef ?? {};
  const exec = engine.get(namespace, ref.workflowExecution);
  if (!findUpdate(exec, ref.updateId)) throw notFound(`update ${ref.updateId} not found`);
  const wanted = req.waitPolicy?.lifecycleStage || UpdateStage.UPDATE_WORKFLOW_EXECUTION_LIFECYCLE_STAGE_ACCEPTED;
  return waitForStage(engine, exec, ref.updateId, wanted, call);
}

function waitForStage(engine: Engine, exec: Exec, updateId: string, wanted: number, call: PollCall): Promise<any> {
  return new Promise((resolve, reject) => {
    const budget = call.deadline ? Math.max(0, call.deadline - Date.now() - 1000) : LONG_POLL_MS;
    const finish = (final: boolean) => {
      const update = findUpdate(exec, updateId);
      if (!update) return reject(notFound(`update ${updateId} not found`));
      const reached = stageNumber(update);
      const closedWithoutOutcome = !isOpen(exec.s.status) && update.stage !== 'completed';
      if (closedWithoutOutcome) {
        cleanup();
        return reject(notFound('workflow execution already completed'));
      }
      if (reached < wanted && !final && !call.cancelled()) return;
      // Reached, or the long poll ended: the client asks again with the same update id.
      cleanup();
      resolve(response(exec, update));
    };
    const wake = () => finish(false);
    const cleanup = () => {
      exec.updateWaiters.delete(wake);
      clearTimeout(timer);
    };
    const timer = setTimeout(() => finish(true), Math.min(LONG_POLL_MS, budget));
    exec.updateWaiters.add(wake);
    call.onCancel(() => finish(true));
    finish(false);
  });
}

function response(exec: Exec, update: UpdateState): any {
  return {
    updateRef: { workflowExecution: { workflowId: exec.s.workflowId, runId: exec.s.runId }, updateId: update.updateId },
    stage: stageNumber(update),
    outcome: update.stage === 'completed' ? outcomeOf(exec, update) : undefined,
  };
}
