// Activities of the compatibility scenarios; they need the test environment, so they are built per test.
import type { TestWorkflowEnvironment } from '@temporalio/testing';

export interface CompatActivities {
  sleepInServerTime(ms: number): Promise<void>;
}

export function compatActivities(env: TestWorkflowEnvironment): CompatActivities {
  return {
    /** Waits `ms` of server time: in a time-skipping environment UnlockTimeSkippingWithSleep. */
    async sleepInServerTime(ms: number): Promise<void> {
      await env.sleep(ms);
    },
  };
}
