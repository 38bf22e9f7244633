import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Worker } from '@temporalio/worker';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { timeSkippingEnv, uniqueTaskQueue } from '../helpers/server';
import * as activities from './activities';

describe('smoke', () => {
  let env: TestWorkflowEnvironment;
  before(async () => {
    env = await timeSkippingEnv();
  });
  after(async () => {
    await env?.teardown();
  });
  it('runs echo', async () => {
    const taskQueue = uniqueTaskQueue();
    const worker = await Worker.create({
      connection: env.nativeConnection,
      taskQueue,
      workflowsPath: require.resolve('./workflows'),
      activities,
    });
    await worker.runUntil(async () => {
      const r = await env.client.workflow.execute('echo', { args: ['hi'], taskQueue, workflowId: 'echo-1' });
      assert.equal(r, 'hi');
      const g = await env.client.workflow.execute('greeter', { args: ['bob'], taskQueue, workflowId: 'g-1' });
      assert.equal(g, 'hello bob');
      const s = await env.client.workflow.execute('sleeper', { args: [2 * 365 * 86400_000], taskQueue, workflowId: 's-1' });
      assert.ok(s >= 2 * 365 * 86400_000);
    });
  });
});
