// domain/ runs unchanged inside the Temporal workflow sandbox: bundled by the real SDK, executed by a
// real Worker against the devserver, with the same results as outside; timers use its deadlines.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
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
  beforeAll(async () => {
    env = await timeSkippingEnv();
  });
  afterAll(async () => {
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
      expect(inside).toStrictEqual(JSON.parse(JSON.stringify(await domainInSandbox(yamlText))));
      expect((inside as { own: string }).own).toBe('keurmerk-sociaal-ondernemen-voorbeeldstad');

      const slept = await env.client.workflow.execute('sleepUntilAuditDeadline', { taskQueue, workflowId: `sleep-${taskQueue}` });
      const { startedAt, deadline, wokeAt } = slept as { startedAt: string; deadline: string; wokeAt: string };
      expect(deadline).toBe(auditDeadline(getScheme('sebo'), startedAt));
      // woke at or after the deadline, never before it
      expect(toDateTime(wokeAt).toMillis()).toBeGreaterThanOrEqual(toDateTime(deadline).toMillis());
      expect(toDateTime(wokeAt).diff(toDateTime(startedAt), 'days').days).toBeGreaterThanOrEqual(28);
    });
  });
});
