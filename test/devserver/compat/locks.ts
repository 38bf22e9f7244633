// The official time-skipping test server's lock counter, read from outside: UnlockTimeSkipping is
// accepted while the counter is above zero and refused (UNKNOWN, "Unbalanced lock and unlock calls")
// at zero (TestService.unlockTimeSkipping, SelfAdvancingTimerImpl.unlockTimeSkippingLockedInternal).
import { Connection, type ConnectionOptions } from '@temporalio/client';
import { InternalConnectionOptionsSymbol } from '@temporalio/client/lib/connection';
import type { TestWorkflowEnvironment } from '@temporalio/testing';

/**
 * The current lock count: unlocks until one is refused, then locks as often again. Only meaningful
 * while nothing at all is scheduled (no timer, no timeout): at zero time would skip to it. Uses a
 * connection of its own without the client's retry interceptor, which would retry the refusal
 * (UNKNOWN is retryable there) for many seconds; TestWorkflowEnvironment asks for the test service the
 * same way.
 */
export async function lockCount(env: TestWorkflowEnvironment): Promise<number> {
  const options = { address: env.address, interceptors: [], [InternalConnectionOptionsSymbol]: { supportsTestService: true } };
  const connection = await Connection.connect(options as ConnectionOptions);
  const testService = connection.testService!;
  try {
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
  } finally {
    await connection.close();
  }
}
