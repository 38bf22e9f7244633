// domain/ runs unchanged inside the Temporal workflow sandbox: bundled by the real SDK, executed by a
// real Worker against the devserver, with the same results as outside; timers use its deadlines.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from '@temporalio/worker';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { timeSkippingEnv, uniqueTaskQueue } from '../helpers/server';
import { auditDeadline, getScheme, toDateTime } from '../../domain';
import { domainInSandbox } from './fixtures/sandbox-workflows';

const yamlText = readFileSync(join(__dirname, 'fixtures', 'own-scheme.yaml'), 'utf8');

describe('domain inside the workflow sandbox', () => {
  let env: TestWorkflowEnvironment;
  before(async () => {
    env = await timeSkippingEnv();
  });
  after(async () => {
    await env?.teardown();
  });

  it('SEBO-T4: computes the same results in the sandbox as outside, and a workflow sleeps until the audit deadline', async () => {
    const taskQueue = uniqueTaskQueue('domain');
    const worker = await Worker.create({
      connection: env.nativeConnection,
      taskQueue,
      workflowsPath: require.resolve('./fixtures/sandbox-workflows'),
    });
    await worker.runUntil(async () => {
      const inside = await env.client.workflow.execute(domainInSandbox, { args: [yamlText], taskQueue, workflowId: `domain-${taskQueue}` });
      assert.deepEqual(inside, JSON.parse(JSON.stringify(await domainInSandbox(yamlText))));
      assert.equal((inside as { own: string }).own, 'keurmerk-sociaal-ondernemen-voorbeeldstad');

      const slept = await env.client.workflow.execute('sleepUntilAuditDeadline', { taskQueue, workflowId: `sleep-${taskQueue}` });
      const { startedAt, deadline, wokeAt } = slept as { startedAt: string; deadline: string; wokeAt: string };
      assert.equal(deadline, auditDeadline(getScheme('sebo'), startedAt));
      assert.ok(toDateTime(wokeAt) >= toDateTime(deadline), `${wokeAt} is not before ${deadline}`);
      assert.ok(toDateTime(wokeAt).diff(toDateTime(startedAt), 'days').days >= 28);
    });
  });
});
