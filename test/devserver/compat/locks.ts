// The official time-skipping test server's lock counter, read from outside: UnlockTimeSkipping is
// accepted while the counter is above zero and refused (UNKNOWN, "Unbalanced lock and unlock calls")
// at zero (TestService.unlockTimeSkipping, SelfAdvancingTimerImpl.unlockTimeSkipping).
import type { TestWorkflowEnvironment } from '@temporalio/testing';

type TestService = NonNullable<TestWorkflowEnvironment['connection']['testService']>;

/**
 * The current lock count: unlocks until one is refused, then locks as often again. Only meaningful
 * while nothing at all is scheduled (no timer, no timeout): at zero time would skip to it.
 */
export async function lockCount(testService: TestService): Promise<number> {
  let accepted = 0;
  for (let i = 0; i < 50; i++) {
    try {
      await testService.unlockTimeSkipping({});
      accepted++;
    } catch (err) {
      if ((err as { code?: number }).code !== 2 /* UNKNOWN */) throw err;
      break;
    }
  }
  for (let i = 0; i < accepted; i++) await testService.lockTimeSkipping({});
  return accepted;
}
