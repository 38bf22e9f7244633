// Workflows of the compatibility scenarios (issue 15): the shapes Temporal's own documentation and
// samples use for time skipping with running activities, eager start and Nexus operations.
import { proxyActivities, sleep, workflowInfo } from '@temporalio/workflow';
import type { CompatActivities } from './activities';

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
