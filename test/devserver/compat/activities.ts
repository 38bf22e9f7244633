// Activities of the compatibility scenarios; they need the test environment, so they are built per test.
import { Context } from '@temporalio/activity';
import type { TestWorkflowEnvironment } from '@temporalio/testing';

export interface CompatActivities {
  sleepInServerTime(ms: number): Promise<void>;
  shout(text: string): Promise<string>;
  heartbeatUntilCancelled(): Promise<never>;
}

export function compatActivities(env: TestWorkflowEnvironment): CompatActivities {
  return {
    /** Waits `ms` of server time: in a time-skipping environment UnlockTimeSkippingWithSleep. */
    async sleepInServerTime(ms: number): Promise<void> {
      await env.sleep(ms);
    },
    async shout(text: string): Promise<string> {
      return `${text.toUpperCase()}!`;
    },
    /** Heartbeats every 100 ms until the server says it is cancelled (through the heartbeat response). */
    async heartbeatUntilCancelled(): Promise<never> {
      const ctx = Context.current();
      for (;;) {
        ctx.heartbeat();
        await ctx.sleep(100);
      }
    },
  };
}
