// The real server's request limits, with its defaults and its words (temporalio/temporal:
// common/dynamicconfig/constants.go for the numbers; chasm/lib/workflow/validator.go,
// service/frontend/errors.go, common/util.go and common/retrypolicy for the checks and messages).
// Sizes are protobuf encoding sizes and lengths are UTF-8 bytes, as Go's proto.Size and len() count.
import { invalidArgument } from '../errors';
import { lookupType } from '../proto';
import { CommandType, ms } from './enums';

export const LIMITS = {
  /** limit.blobSize.error: one payload blob (input, signal input, update arguments, details). */
  blobSizeBytes: 2 * 1024 * 1024,
  /** limit.memoSize.error */
  memoSizeBytes: 2 * 1024 * 1024,
  /** limit.maxIDLength: workflow id, type, task queue, signal name, request id, identity, ... */
  maxIdLength: 1000,
  /** limit.historySize.error: a running workflow past this is terminated. */
  historySizeBytes: 50 * 1024 * 1024,
  /** limit.historyCount.error */
  historyCount: 50 * 1024,
  /** The longest duration the server keeps (timestamp.ValidateAndCapProtoDuration): 100 years. */
  maxDurationSeconds: 100 * 365 * 24 * 3600,
} as const;

const PAYLOADS = lookupType('temporal.api.common.v1.Payloads');
const MEMO = lookupType('temporal.api.common.v1.Memo');

function encodedSize(type: ReturnType<typeof lookupType>, value: unknown): number {
  if (!value) return 0;
  return type.encode(type.fromObject(value as Record<string, unknown>)).finish().length;
}

/** Payloads larger than limit.blobSize.error: "Blob data size exceeds limit." */
export function checkBlobSize(payloads: unknown): void {
  if (encodedSize(PAYLOADS, payloads) > LIMITS.blobSizeBytes) throw invalidArgument('Blob data size exceeds limit.');
}

/** A memo larger than limit.memoSize.error: "Memo size exceeds limit." */
export function checkMemoSize(memo: unknown): void {
  if (encodedSize(MEMO, memo) > LIMITS.memoSizeBytes) throw invalidArgument('Memo size exceeds limit.');
}

/** An id longer than limit.maxIDLength; `name` as the real server writes it ("SignalName", "Identity"). */
export function checkIdLength(value: string | null | undefined, name: string): void {
  if (value && Buffer.byteLength(value) > LIMITS.maxIdLength) throw invalidArgument(`${name} length exceeds limit.`);
}

export function checkWorkflowId(workflowId: string | null | undefined): void {
  if (!workflowId) throw invalidArgument('WorkflowId is not set on request.');
  const length = Buffer.byteLength(workflowId);
  if (length > LIMITS.maxIdLength) {
    throw invalidArgument(`WorkflowId exceeds maximum allowed length (${length}/${LIMITS.maxIdLength})`);
  }
}

type Duration = { seconds?: number | string | null; nanos?: number | null } | null | undefined;

/** timestamp.ValidateAndCapProtoDuration: the reason a duration is refused, or undefined. */
function durationProblem(d: Duration): string | undefined {
  if (!d) return undefined;
  const seconds = Number(d.seconds ?? 0);
  const nanos = Number(d.nanos ?? 0);
  if ((seconds > 0 && nanos < 0) || (seconds < 0 && nanos > 0)) return 'duration has seconds and nanos with different signs';
  if (seconds < 0 || nanos < 0) return 'negative duration';
  return undefined;
}

/** Durations over 100 years are capped, as the real server does; negative ones are refused. */
export function checkDuration(d: Duration, message: string): void {
  const problem = durationProblem(d);
  if (problem) throw invalidArgument(`${message} cause: ${problem}`);
  if (d && Number(d.seconds ?? 0) > LIMITS.maxDurationSeconds) {
    d.seconds = LIMITS.maxDurationSeconds;
    d.nanos = 0;
  }
}

/** ValidateWorkflowTimeouts and ValidateWorkflowStartDelay of a start request. */
export function checkStartTimeouts(req: any): void {
  checkDuration(req.workflowExecutionTimeout, 'An invalid WorkflowExecutionTimeoutSeconds is set on request.');
  checkDuration(req.workflowRunTimeout, 'An invalid WorkflowRunTimeoutSeconds is set on request.');
  checkDuration(req.workflowTaskTimeout, 'An invalid WorkflowTaskTimeoutSeconds is set on request.');
  if (req.cronSchedule && req.workflowStartDelay) {
    throw invalidArgument('CronSchedule and WorkflowStartDelay may not be used together.');
  }
  checkDuration(req.workflowStartDelay, 'An invalid WorkflowStartDelaySeconds is set on request.');
}

/**
 * retrypolicy.Validate after EnsureDefaults: durations as the client wrote them (a default only
 * replaces zero), the rest from the policy with its defaults filled in (retry.ts).
 */
export function checkRetryPolicy(original: any, withDefaults: any): void {
  if (!original || withDefaults.maximumAttempts === 1) return;
  const initial = durationProblem(original.initialInterval);
  if (initial) throw invalidArgument(`invalid InitialInterval set on retry policy: ${initial}`);
  if ((withDefaults.backoffCoefficient ?? 0) < 1) throw invalidArgument('BackoffCoefficient cannot be less than 1 on retry policy.');
  const maximum = durationProblem(original.maximumInterval);
  if (maximum) throw invalidArgument(`invalid MaximumInterval set on retry policy: ${maximum}`);
  const maxMs = ms(withDefaults.maximumInterval);
  if (maxMs > 0 && maxMs < ms(withDefaults.initialInterval)) {
    throw invalidArgument('MaximumInterval cannot be less than InitialInterval on retry policy.');
  }
  if ((withDefaults.maximumAttempts ?? 0) < 0) throw invalidArgument('MaximumAttempts cannot be negative on retry policy.');
  for (const type of (withDefaults.nonRetryableErrorTypes ?? []) as string[]) {
    if (!type.startsWith(TIMEOUT_PREFIX)) continue;
    const value = type.slice(TIMEOUT_PREFIX.length);
    if (!TIMEOUT_TYPES.has(value)) throw invalidArgument(`Invalid timeout type value: ${value}.`);
  }
}

const TIMEOUT_PREFIX = 'TemporalTimeout:';
// enumspb.TimeoutTypeFromString takes the short and the full enum names.
const TIMEOUT_TYPES = new Set(['StartToClose', 'ScheduleToStart', 'ScheduleToClose', 'Heartbeat', 'TIMEOUT_TYPE_START_TO_CLOSE', 'TIMEOUT_TYPE_SCHEDULE_TO_START', 'TIMEOUT_TYPE_SCHEDULE_TO_CLOSE', 'TIMEOUT_TYPE_HEARTBEAT']);

// ---------------------------------------------------------------------------------------------
// What a worker sends: a command whose payloads exceed a limit terminates the workflow, as the real
// server's workflow_task_completed_handler.go does (WorkflowTaskFailed with the cause, then
// WorkflowExecutionTerminated "<cause>: <message>" by history-service). Causes and messages are the
// real server's, including its use of BAD_SCHEDULE_ACTIVITY_ATTRIBUTES for an oversized result.

const PAYLOAD = lookupType('temporal.api.common.v1.Payload');
const FAILURE = lookupType('temporal.api.failure.v1.Failure');

/** common.GetPayloadsMapSize / payloadsMapSize: the keys' bytes plus each value's encoding. */
function mapSize(map: Record<string, unknown> | null | undefined, type: ReturnType<typeof lookupType>): number {
  let size = 0;
  for (const [key, value] of Object.entries(map ?? {})) size += Buffer.byteLength(key) + encodedSize(type, value);
  return size;
}

interface CommandCheck {
  attributes: string;
  cause: string;
  checks: { size: (a: any) => number; limit: number; message: string }[];
}

const blob = (size: (a: any) => number, message: string) => ({ size, limit: LIMITS.blobSizeBytes, message });
const memo = (size: (a: any) => number, message: string) => ({ size, limit: LIMITS.memoSizeBytes, message });

const COMMAND_CHECKS: Record<string, CommandCheck> = {
  COMMAND_TYPE_SCHEDULE_ACTIVITY_TASK: {
    attributes: 'scheduleActivityTaskCommandAttributes',
    cause: 'WORKFLOW_TASK_FAILED_CAUSE_BAD_SCHEDULE_ACTIVITY_ATTRIBUTES',
    checks: [blob((a) => encodedSize(PAYLOADS, a.input), 'ScheduleActivityTaskCommandAttributes.Input exceeds size limit.')],
  },
  COMMAND_TYPE_COMPLETE_WORKFLOW_EXECUTION: {
    attributes: 'completeWorkflowExecutionCommandAttributes',
    cause: 'WORKFLOW_TASK_FAILED_CAUSE_BAD_SCHEDULE_ACTIVITY_ATTRIBUTES',
    checks: [blob((a) => encodedSize(PAYLOADS, a.result), 'CompleteWorkflowExecutionCommandAttributes.Result exceeds size limit.')],
  },
  COMMAND_TYPE_FAIL_WORKFLOW_EXECUTION: {
    attributes: 'failWorkflowExecutionCommandAttributes',
    cause: 'WORKFLOW_TASK_FAILED_CAUSE_BAD_FAIL_WORKFLOW_EXECUTION_ATTRIBUTES',
    checks: [blob((a) => encodedSize(FAILURE, a.failure), 'FailWorkflowExecutionCommandAttributes.Failure exceeds size limit.')],
  },
  COMMAND_TYPE_RECORD_MARKER: {
    attributes: 'recordMarkerCommandAttributes',
    cause: 'WORKFLOW_TASK_FAILED_CAUSE_BAD_RECORD_MARKER_ATTRIBUTES',
    checks: [blob((a) => mapSize(a.details, PAYLOADS), 'RecordMarkerCommandAttributes.Details exceeds size limit.')],
  },
  COMMAND_TYPE_CONTINUE_AS_NEW_WORKFLOW_EXECUTION: {
    attributes: 'continueAsNewWorkflowExecutionCommandAttributes',
    cause: 'WORKFLOW_TASK_FAILED_CAUSE_BAD_CONTINUE_AS_NEW_ATTRIBUTES',
    checks: [
      blob((a) => encodedSize(PAYLOADS, a.input), 'ContinueAsNewWorkflowExecutionCommandAttributes. Input exceeds size limit.'),
      memo((a) => encodedSize(MEMO, a.memo), 'ContinueAsNewWorkflowExecutionCommandAttributes. Memo exceeds size limit.'),
    ],
  },
  COMMAND_TYPE_START_CHILD_WORKFLOW_EXECUTION: {
    attributes: 'startChildWorkflowExecutionCommandAttributes',
    cause: 'WORKFLOW_TASK_FAILED_CAUSE_BAD_START_CHILD_EXECUTION_ATTRIBUTES',
    checks: [
      blob((a) => encodedSize(PAYLOADS, a.input), 'StartChildWorkflowExecutionCommandAttributes. Input exceeds size limit.'),
      memo((a) => encodedSize(MEMO, a.memo), 'StartChildWorkflowExecutionCommandAttributes.Memo exceeds size limit.'),
    ],
  },
  COMMAND_TYPE_SIGNAL_EXTERNAL_WORKFLOW_EXECUTION: {
    attributes: 'signalExternalWorkflowExecutionCommandAttributes',
    cause: 'WORKFLOW_TASK_FAILED_CAUSE_BAD_SIGNAL_WORKFLOW_EXECUTION_ATTRIBUTES',
    checks: [blob((a) => encodedSize(PAYLOADS, a.input), 'SignalExternalWorkflowExecutionCommandAttributes.Input exceeds size limit.')],
  },
  COMMAND_TYPE_MODIFY_WORKFLOW_PROPERTIES: {
    attributes: 'modifyWorkflowPropertiesCommandAttributes',
    cause: 'WORKFLOW_TASK_FAILED_CAUSE_BAD_MODIFY_WORKFLOW_PROPERTIES_ATTRIBUTES',
    checks: [blob((a) => mapSize(a.upsertedMemo?.fields, PAYLOAD), 'ModifyWorkflowPropertiesCommandAttributes exceeds size limit.')],
  },
};

const COMMAND_TYPE_NAMES: Record<number, string> = Object.fromEntries(Object.entries(CommandType).map(([name, id]) => [id, name]));

/** The first command of a completion whose payloads are too large: its cause name and message. */
export function oversizedCommand(commands: any[]): { cause: string; message: string } | undefined {
  for (const command of commands) {
    const check = COMMAND_CHECKS[COMMAND_TYPE_NAMES[command.commandType] ?? ''];
    const attributes = check && command[check.attributes];
    if (!attributes) continue;
    for (const { size, limit, message } of check.checks) {
      if (size(attributes) > limit) return { cause: check.cause, message };
    }
  }
  return undefined;
}

/** Payloads over limit.blobSize.error (activity results and heartbeat details: recorded as failures). */
export function overBlobLimit(payloads: unknown): boolean {
  return encodedSize(PAYLOADS, payloads) > LIMITS.blobSizeBytes;
}

/** A failure over limit.blobSize.error is replaced by "Failure exceeds size limit." (frontend). */
export function overFailureLimit(failure: unknown): boolean {
  return encodedSize(FAILURE, failure) > LIMITS.blobSizeBytes;
}
