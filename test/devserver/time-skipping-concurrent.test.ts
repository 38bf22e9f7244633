// Time skipping with several results awaited at once (Promise.all over handles), the way application
// tests wait for many cases: every unlock of the TypeScript SDK's result() must count, or the first
// result to relock would stop time for the others and they would wait forever.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Worker } from '@temporalio/worker';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { timeSkippingEnv, uniqueTaskQueue } from '../helpers/server';
import * as activities from '../../bench/devserver-activities';

describe('time skipping with concurrent results', { timeout: 120_000 }, () => {
  let env: TestWorkflowEnvironment;
  before(async () => {
    env = await timeSkippingEnv();
  });
  after(async () => {
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
    assert.equal(done, 30);
    const skipped = (await env.currentTimeMs()) - startedAt;
    assert.ok(skipped >= 24 * 3600_000, `virtual clock moved ${skipped} ms, expected at least a day`);
  });
});
