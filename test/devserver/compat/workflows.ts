// Workflows of the compatibility scenarios (issue 15): the shapes Temporal's own documentation and
// samples use for time skipping with running activities, eager start and Nexus operations.
import { CancellationScope, condition, continueAsNew, createNexusServiceClient, isCancellation, proxyActivities, sleep, workflowInfo } from '@temporalio/workflow';
import type { CompatActivities } from './activities';
import { shoutService } from './nexus-service';

const { sleepInServerTime } = proxyActivities<CompatActivities>({ startToCloseTimeout: '30 days' });

export interface RaceOutcome {
  winner: 'timer' | 'activity';
  /** Workflow time from start until the winner was known, and until both were done. */
  winnerAfterMs: number;
  bothDoneAfterMs: number;
}

/**
 * A durable timer racing an activity that itself waits in server time (the test environment's
 * sleep, UnlockTimeSkippingWithSleep). The activity is awaited before the workflow returns: on the
 * official test server an activity still running when its workflow closes keeps time skipping
 * locked for good (sdk-java#1138), which is why Temporal's own test workflow of this shape does so.
 */
export async function timerRacesActivity(timerMs: number, activityMs: number): Promise<RaceOutcome> {
  const start = Date.now();
  const activity = sleepInServerTime(activityMs).then(() => 'activity' as const);
  const timer = sleep(timerMs).then(() => 'timer' as const);
  const winner = await Promise.race([timer, activity]);
  const winnerAfterMs = Date.now() - start;
  await Promise.all([timer, activity]);
  return { winner, winnerAfterMs, bothDoneAfterMs: Date.now() - start };
}

/** The first workflow task completes the workflow at once: enough to see an eager start. */
export async function answerAtOnce(input: string): Promise<{ input: string; attempt: number }> {
  return { input, attempt: workflowInfo().attempt };
}

/** Handler side of shoutLater: takes a timer's worth of time, so the operation is truly asynchronous. */
export async function shoutAfterATimer(input: string): Promise<string> {
  await sleep(200);
  return `${input.toUpperCase()}!`;
}

/** Handler side of waitForCancel: runs until cancelled, and then ends as cancelled. */
export async function waitUntilCancelled(_input: string): Promise<string> {
  await condition(() => false);
  return 'never';
}

/** Calls one operation of the shout service through the given endpoint and returns its result. */
export async function callShout(endpoint: string, operation: 'shoutNow' | 'shoutLater', input: string): Promise<string> {
  const client = createNexusServiceClient({ endpoint, service: shoutService });
  return await client.executeOperation(operation, input, { scheduleToCloseTimeout: '60s' });
}

/** Starts waitForCancel, cancels it once started, and reports how the operation ended. */
export async function cancelShout(endpoint: string, key: string): Promise<{ started: boolean; outcome: string }> {
  const client = createNexusServiceClient({ endpoint, service: shoutService });
  let started = false;
  try {
    await CancellationScope.cancellable(async () => {
      const handle = await client.startOperation('waitForCancel', key, { scheduleToCloseTimeout: '60s' });
      started = Boolean(handle.token);
      CancellationScope.current().cancel();
      await handle.result();
    });
    return { started, outcome: 'completed' };
  } catch (err) {
    return { started, outcome: isCancellation(err) ? 'cancelled' : `failed: ${(err as Error).message}` };
  }
}

/**
 * Round 0 schedules an activity and, in the same workflow task, continues as new (the activity is
 * not awaited); round 1 returns. The activity belongs to a closed run from then on.
 */
export async function handOverWithActivityInFlight(round: number, label: string): Promise<string> {
  if (round > 0) return `round ${round}`;
  const { shout } = proxyActivities<CompatActivities>({ startToCloseTimeout: '1 minute' });
  shout(`abandoned ${label}`).catch(() => undefined);
  return await continueAsNew<typeof handOverWithActivityInFlight>(round + 1, label);
}

/** Runs the shout activity on the given task queue and returns its answer (a queue no worker polls keeps it pending). */
export async function shoutOn(activityTaskQueue: string, text: string): Promise<string> {
  const { shout } = proxyActivities<CompatActivities>({ startToCloseTimeout: '1 minute', taskQueue: activityTaskQueue });
  return await shout(text);
}

/** Schedules an activity no worker takes, then cancels it in a later task; ends when it is cancelled. */
export async function cancelActivityBeforeStart(activityTaskQueue: string): Promise<string> {
  const { shout } = proxyActivities<CompatActivities>({ startToCloseTimeout: '1 minute', taskQueue: activityTaskQueue });
  try {
    await CancellationScope.cancellable(async () => {
      const pending = shout('never taken');
      await sleep(1);
      CancellationScope.current().cancel();
      await pending;
    });
    return 'completed';
  } catch (err) {
    return isCancellation(err) ? 'cancelled' : `failed: ${(err as Error).message}`;
  }
}
