// Time skipping with several results awaited at once (Promise.all over handles), the way application
// tests wait for many cases: every unlock of the TypeScript SDK's result() must count, or the first
// result to relock would stop time for the others and they would wait forever.
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { Worker } from '@temporalio/worker';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { timeSkippingEnv, uniqueTaskQueue } from '../helpers/server';
import * as activities from '../../bench/devserver-activities';

describe('time skipping with concurrent results', () => {

  jest.setTimeout(120_000);
  let env: TestWorkflowEnvironment;
  beforeAll(async () => {
    env = await timeSkippingEnv();
  });
  afterAll(async () => {
    await env?.teardown();
  });

  it('completes 30 one-day timers awaited ten at a time, in virtual time', async () => {
    const taskQueue = uniqueTaskQueue('ts-concurrent');
    const worker = await Worker.create({
      connection: env.nativeConnection,
      taskQueue,
      workflowsPath: require.resolve('../../bench/devserver-workflows'),
      activities,
    });
    const startedAt = await env.currentTimeMs();
    let done = 0;
    await worker.runUntil(async () => {
      let next = 0;
      await Promise.all(
        Array.from({ length: 10 }, async () => {
          while (next < 30) {
            const i = next++;
            const handle = await env.client.workflow.start('oneTimer', { taskQueue, workflowId: `${taskQueue}-${i}` });
            await handle.result();
            done++;
          }
        }),
      );
    });
    expect(done).toBe(30);
    const skipped = (await env.currentTimeMs()) - startedAt;
    // the virtual clock moved at least a day
    expect(skipped).toBeGreaterThanOrEqual(24 * 3600_000);
  });
});
