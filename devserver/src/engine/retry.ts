// Retry policies as the real server applies them: defaults filled in (1 s initial interval,
// coefficient 2, maximum interval 100 × initial, unlimited attempts), exponential backoff capped by
// the maximum interval, a failure's own next-retry delay honoured, and no retry past the expiration.
import { ms, RetryState, ts } from './enums';

export function withRetryDefaults(policy: any): any {
  const initial = ms(policy?.initialInterval) || 1000;
  return {
    initialInterval: ts(initial),
    backoffCoefficient: policy?.backoffCoefficient || 2,
    maximumInterval: ts(ms(policy?.maximumInterval) || initial * 100),
    maximumAttempts: policy?.maximumAttempts || 0,
    nonRetryableErrorTypes: policy?.nonRetryableErrorTypes ?? [],
  };
}

export type RetryDecision = { delayMs: number } | { retryState: number };

export function nextRetry(policy: any, attempt: number, failure: any, now: number, expiration: number): RetryDecision {
  if (!policy) return { retryState: RetryState.RETRY_STATE_RETRY_POLICY_NOT_SET };
  const app = failure?.applicationFailureInfo;
  // A server failure marked non-retryable (an oversized result or heartbeat) ends the retries too.
  if (failure?.serverFailureInfo?.nonRetryable) return { retryState: RetryState.RETRY_STATE_NON_RETRYABLE_FAILURE };
  if (app?.nonRetryable || (app?.type && (policy.nonRetryableErrorTypes ?? []).includes(app.type))) {
    return { retryState: RetryState.RETRY_STATE_NON_RETRYABLE_FAILURE };
  }
  const max = policy.maximumAttempts ?? 0;
  if (max > 0 && attempt >= max) return { retryState: RetryState.RETRY_STATE_MAXIMUM_ATTEMPTS_REACHED };
  const initial = ms(policy.initialInterval) || 1000;
  const maxInterval = ms(policy.maximumInterval) || initial * 100;
  const computed = Math.min(initial * Math.pow(policy.backoffCoefficient || 2, attempt - 1), maxInterval);
  const delayMs = app?.nextRetryDelay ? ms(app.nextRetryDelay) : computed;
  if (expiration && now + delayMs >= expiration) return { retryState: RetryState.RETRY_STATE_TIMEOUT };
  return { delayMs };
}
