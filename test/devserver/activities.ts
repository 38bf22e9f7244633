// Activities of the conformance suite.
import { ApplicationFailure, Context } from '@temporalio/activity';

export async function greet(name: string): Promise<string> {
  return `hello ${name}`;
}

/** Fails until the given attempt, then reports the attempt that succeeded. */
export async function flaky(failTimes: number): Promise<number> {
  const attempt = Context.current().info.attempt;
  if (attempt <= failTimes) throw new Error(`attempt ${attempt} fails on purpose`);
  return attempt;
}

export async function failing(): Promise<void> {
  throw ApplicationFailure.nonRetryable('activity gave up', 'GaveUp');
}

/** Heartbeats until cancelled (cancellation arrives through the heartbeat response). */
export async function slow(ms: number): Promise<void> {
  const ctx = Context.current();
  const until = Date.now() + ms;
  while (Date.now() < until) {
    ctx.heartbeat();
    await ctx.sleep(50);
  }
}

/** Sleeps without heartbeating on the first attempt (so its heartbeat timeout fires), then answers. */
export async function stallsOnce(ms: number): Promise<number> {
  const ctx = Context.current();
  if (ctx.info.attempt === 1) await ctx.sleep(ms);
  return ctx.info.attempt;
}

export async function sleepFor(ms: number): Promise<void> {
  await Context.current().sleep(ms);
}

/** A result of `size` characters (issue 16: over the blob size limit it becomes a failure). */
export async function bigString(size: number): Promise<string> {
  return 'y'.repeat(size);
}
