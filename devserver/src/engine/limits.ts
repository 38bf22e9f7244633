// The real server's request limits, with its defaults and its words (temporalio/temporal:
// common/dynamicconfig/constants.go for the numbers; chasm/lib/workflow/validator.go,
// service/frontend/errors.go, common/util.go and common/retrypolicy for the checks and messages).
// Sizes are protobuf encoding sizes and lengths are UTF-8 bytes, as Go's proto.Size and len() count.
import { invalidArgument } from '../errors';
import { lookupType } from '../proto';
import { ms } from './enums';

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
