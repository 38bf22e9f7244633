// The commands of RespondWorkflowTaskCompleted, turned into history events in order. Commands are
// validated first, so a bad command fails the workflow task and changes nothing else.
import { ActivityCommandError, requestCancelActivity, scheduleActivity } from './activities';
import { initiateChild, initiateExternal } from './children';
import { cancelWorkflow, completeWorkflow, failWorkflow } from './close';
import type { Engine, Exec } from './engine';
import { CommandType, EventType, isOpen, ms, WftFailedCause } from './enums';
import { continueAsNew } from './start';
import { cancelTimer, startTimer } from './timers';
import { applyProtocolMessage } from './updates';
import { mergeMemo, mergeSearchAttributes } from './attributes';
import { requestCancelNexusOperation, scheduleNexusOperation, validateCancelNexus, validateScheduleNexus } from './nexus';

export class CommandRejection extends Error {
  constructor(
    readonly failedCause: number,
    message: string,
  ) {
    super(message);
  }
}

export interface CompletionContext {
  completedEventId: number;
  identity: string;
  needWorkflowTask: boolean;
}

const C = CommandType;
const CAUSE = WftFailedCause;

export function validateCommands(engine: Engine, exec: Exec, commands: any[]): void {
  const timers = new Set(Object.keys(exec.s.timers));
  const nexusCancels = new Set<number>();
  for (const command of commands) {
    switch (command.commandType) {
      case C.COMMAND_TYPE_SCHEDULE_ACTIVITY_TASK: {
        const a = command.scheduleActivityTaskCommandAttributes ?? {};
        const bad = (m: string) => new CommandRejection(CAUSE.WORKFLOW_TASK_FAILED_CAUSE_BAD_SCHEDULE_ACTIVITY_ATTRIBUTES, m);
        if (!a.activityId) throw bad('ActivityId is not set on ScheduleActivityTaskCommand.');
        if (!a.activityType?.name) throw bad('ActivityType is not set on ScheduleActivityTaskCommand.');
        if (!ms(a.scheduleToCloseTimeout) && !ms(a.startToCloseTimeout)) {
          throw bad('A valid StartToClose or ScheduleToCloseTimeout is not set on ScheduleActivityTaskCommand.');
        }
        break;
      }
      case C.COMMAND_TYPE_START_TIMER: {
        const t = command.startTimerCommandAttributes ?? {};
        const bad = (m: string) => new CommandRejection(CAUSE.WORKFLOW_TASK_FAILED_CAUSE_BAD_START_TIMER_ATTRIBUTES, m);
        if (!t.timerId) throw bad('TimerId is not set on StartTimerCommand.');
        if (timers.has(t.timerId)) throw bad(`TimerId ${t.timerId} is already in use.`);
        if (ms(t.startToFireTimeout) <= 0) throw bad('A valid StartToFireTimeout is not set on StartTimerCommand.');
        timers.add(t.timerId);
        break;
      }
      case C.COMMAND_TYPE_UPSERT_WORKFLOW_SEARCH_ATTRIBUTES: {
        try {
          engine.visibility.validate(command.upsertWorkflowSearchAttributesCommandAttributes?.searchAttributes?.indexedFields);
        } catch (err) {
          throw new CommandRejection(CAUSE.WORKFLOW_TASK_FAILED_CAUSE_BAD_SEARCH_ATTRIBUTES, (err as Error).message);
        }
        break;
      }
      case C.COMMAND_TYPE_START_CHILD_WORKFLOW_EXECUTION: {
        const a = command.startChildWorkflowExecutionCommandAttributes ?? {};
        const bad = (m: string) => new CommandRejection(CAUSE.WORKFLOW_TASK_FAILED_CAUSE_BAD_START_CHILD_EXECUTION_ATTRIBUTES, m);
        if (!a.workflowId) throw bad('Required field WorkflowId is not set on StartChildWorkflowExecutionCommand.');
        if (!a.workflowType?.name) throw bad('Required field WorkflowType is not set on StartChildWorkflowExecutionCommand.');
        if (a.searchAttributes?.indexedFields) {
          try {
            engine.visibility.validate(a.searchAttributes.indexedFields);
          } catch (err) {
            throw bad((err as Error).message);
          }
        }
        break;
      }
      case C.COMMAND_TYPE_SCHEDULE_NEXUS_OPERATION:
        validateScheduleNexus(engine, command.scheduleNexusOperationCommandAttributes);
        break;
      case C.COMMAND_TYPE_REQUEST_CANCEL_NEXUS_OPERATION:
        validateCancelNexus(exec, command.requestCancelNexusOperationCommandAttributes, nexusCancels);
        break;
      default:
        break;
    }
  }
}

export function applyCommands(engine: Engine, exec: Exec, commands: any[], messages: any[], ctx: CompletionContext): void {
  const pending = new Map<string, any>(messages.map((m) => [m.id, m]));
  for (const command of commands) {
    if (!isOpen(exec.s.status)) break;
    if (command.commandType === C.COMMAND_TYPE_PROTOCOL_MESSAGE) {
      const id = command.protocolMessageCommandAttributes?.messageId;
      const message = pending.get(id);
      if (message) {
        pending.delete(id);
        applyProtocolMessage(engine, exec, message);
      }
      continue;
    }
    applyCommand(engine, exec, command, ctx);
  }
  for (const message of pending.values()) if (isOpen(exec.s.status)) applyProtocolMessage(engine, exec, message);
}

function applyCommand(engine: Engine, exec: Exec, command: any, ctx: CompletionContext): void {
  const id = ctx.completedEventId;
  switch (command.commandType) {
    case C.COMMAND_TYPE_SCHEDULE_ACTIVITY_TASK:
      try {
        scheduleActivity(engine, exec, command.scheduleActivityTaskCommandAttributes, id);
      } catch (err) {
        if (!(err instanceof ActivityCommandError)) throw err;
      }
      return;
    case C.COMMAND_TYPE_REQUEST_CANCEL_ACTIVITY_TASK: {
      const scheduledEventId = command.requestCancelActivityTaskCommandAttributes?.scheduledEventId;
      try {
        if (requestCancelActivity(engine, exec, scheduledEventId, id)) ctx.needWorkflowTask = true;
      } catch (err) {
        if (!(err instanceof ActivityCommandError)) throw err;
      }
      return;
    }
    case C.COMMAND_TYPE_START_TIMER:
      return startTimer(engine, exec, command.startTimerCommandAttributes, id);
    case C.COMMAND_TYPE_CANCEL_TIMER:
      cancelTimer(engine, exec, command.cancelTimerCommandAttributes ?? {}, id, ctx.identity);
      return;
    case C.COMMAND_TYPE_RECORD_MARKER: {
      const a = command.recordMarkerCommandAttributes ?? {};
      engine.append(exec, EventType.EVENT_TYPE_MARKER_RECORDED, {
        markerName: a.markerName,
        details: a.details,
        header: a.header,
        failure: a.failure,
        workflowTaskCompletedEventId: id,
      });
      return;
    }
    case C.COMMAND_TYPE_UPSERT_WORKFLOW_SEARCH_ATTRIBUTES: {
      const searchAttributes = command.upsertWorkflowSearchAttributesCommandAttributes?.searchAttributes ?? {};
      engine.append(exec, EventType.EVENT_TYPE_UPSERT_WORKFLOW_SEARCH_ATTRIBUTES, {
        searchAttributes,
        workflowTaskCompletedEventId: id,
      });
      exec.s.searchAttributes = mergeSearchAttributes(exec.s.searchAttributes, searchAttributes);
      return;
    }
    case C.COMMAND_TYPE_MODIFY_WORKFLOW_PROPERTIES: {
      const upsertedMemo = command.modifyWorkflowPropertiesCommandAttributes?.upsertedMemo ?? {};
      engine.append(exec, EventType.EVENT_TYPE_WORKFLOW_PROPERTIES_MODIFIED, {
        upsertedMemo,
        workflowTaskCompletedEventId: id,
      });
      exec.s.memo = mergeMemo(exec.s.memo, upsertedMemo);
      return;
    }
    case C.COMMAND_TYPE_COMPLETE_WORKFLOW_EXECUTION:
      return completeWorkflow(engine, exec, command.completeWorkflowExecutionCommandAttributes ?? {}, id);
    case C.COMMAND_TYPE_FAIL_WORKFLOW_EXECUTION:
      return failWorkflow(engine, exec, command.failWorkflowExecutionCommandAttributes ?? {}, id);
    case C.COMMAND_TYPE_CANCEL_WORKFLOW_EXECUTION:
      return cancelWorkflow(engine, exec, command.cancelWorkflowExecutionCommandAttributes ?? {}, id);
    case C.COMMAND_TYPE_CONTINUE_AS_NEW_WORKFLOW_EXECUTION:
      return continueAsNew(engine, exec, command.continueAsNewWorkflowExecutionCommandAttributes ?? {}, id);
    case C.COMMAND_TYPE_START_CHILD_WORKFLOW_EXECUTION:
      return initiateChild(engine, exec, command.startChildWorkflowExecutionCommandAttributes ?? {}, id);
    case C.COMMAND_TYPE_SIGNAL_EXTERNAL_WORKFLOW_EXECUTION:
      return initiateExternal(engine, exec, 'signal', command.signalExternalWorkflowExecutionCommandAttributes ?? {}, id);
    case C.COMMAND_TYPE_REQUEST_CANCEL_EXTERNAL_WORKFLOW_EXECUTION:
      return initiateExternal(engine, exec, 'cancel', command.requestCancelExternalWorkflowExecutionCommandAttributes ?? {}, id);
    case C.COMMAND_TYPE_SCHEDULE_NEXUS_OPERATION:
      return scheduleNexusOperation(engine, exec, command.scheduleNexusOperationCommandAttributes, id);
    case C.COMMAND_TYPE_REQUEST_CANCEL_NEXUS_OPERATION:
      return requestCancelNexusOperation(engine, exec, command.requestCancelNexusOperationCommandAttributes, id);
    default:
      console.error(`keurmerk-devserver: ignoring unsupported command type ${command.commandType}`);
  }
}
