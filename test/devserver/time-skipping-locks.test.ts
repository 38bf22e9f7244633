// Time skipping while activities run, and the lock counter itself, as the official time-skipping
// test server (sdk-java temporal-test-server) behaves: an activity holds one lock from scheduling to
// its outcome, the test environment's sleep inside it releases one for its duration, so a timer of
// the workflow can fire while the activity "runs" for days. devserver/README.md has the whole table.
// Runs against the official test server with TEMPORAL_TEST_SERVER_PATH (test/helpers/server.ts).
import { describe, expect, it } from '@jest/globals';
import { useCompatServer } from './compat/setup';
import type { RaceOutcome } from './compat/workflows';

const DAY = 86_400_000;

describe('devserver compatibility: time skipping with running activities', () => {
  const compat = useCompatServer({ server: 'time-skipping', taskQueuePrefix: 'ts-locks' });

  const race = (timerMs: number, activityMs: number, id: string) =>
    compat.env.client.workflow.execute('timerRacesActivity', { args: [timerMs, activityMs], taskQueue: compat.taskQueue, workflowId: `${id}-${compat.taskQueue}` }) as Promise<RaceOutcome>;

  it('a one-day timer fires while an activity sleeps two days in server time (UnlockTimeSkippingWithSleep balances the activity lock)', async () => {
    const before = await compat.env.currentTimeMs();
    const outcome = await race(DAY, 2 * DAY, 'timer-wins');
    expect(outcome.winner).toBe('timer');
    expect(outcome.winnerAfterMs).toBeGreaterThanOrEqual(DAY);
    expect(outcome.winnerAfterMs).toBeLessThan(2 * DAY);
    expect(outcome.bothDoneAfterMs).toBeGreaterThanOrEqual(2 * DAY);
    expect((await compat.env.currentTimeMs()) - before).toBeGreaterThanOrEqual(2 * DAY);
  }, 120_000);

  it('an activity sleeping one day beats a two-day timer, and the workflow waits for the timer in skipped time', async () => {
    const outcome = await race(2 * DAY, DAY, 'activity-wins');
    expect(outcome.winner).toBe('activity');
    expect(outcome.winnerAfterMs).toBeGreaterThanOrEqual(DAY);
    expect(outcome.winnerAfterMs).toBeLessThan(2 * DAY);
    expect(outcome.bothDoneAfterMs).toBeGreaterThanOrEqual(2 * DAY);
  }, 120_000);

  it('an unlock without a matching lock is refused (UNKNOWN), and the counter stays usable afterwards', async () => {
    const testService = compat.env.connection.testService!;
    // The server starts with one lock, plus one while nothing is scheduled at all: two unlocks at most.
    let accepted = 0;
    let refused: any;
    for (let i = 0; i < 3 && !refused; i++) {
      try {
        await testService.unlockTimeSkipping({});
        accepted++;
      } catch (err) {
        refused = err;
      }
    }
    for (let i = 0; i < accepted; i++) await testService.lockTimeSkipping({});
    expect(accepted).toBeGreaterThanOrEqual(1);
    expect(refused?.code).toBe(2 /* UNKNOWN */);
    // Balanced again: a workflow result still skips a day.
    const outcome = await race(DAY, 2 * DAY, 'after-refusal');
    expect(outcome.winner).toBe('timer');
  }, 120_000);
});
