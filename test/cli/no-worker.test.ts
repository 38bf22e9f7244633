// With no keurmerk worker running, an action and a status give up after KEURMERK_WORKER_WAIT seconds
// with a message that says what is wrong (no worker, Temporal is reachable) and whether the action may
// still be recorded later; a Ctrl-C during an action says the same (issue 16). SEBO-T1 is the action.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { spawn } from 'node:child_process';
import { WorkflowIdConflictPolicy } from '@temporalio/common';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { run } from '../../client/main';
import type { Io } from '../../client/session';
import { caseWorkflowId, WORKFLOW_TYPES, type ApplicationStart } from '../../workflows/definitions';
import { localEnv, uniqueTaskQueue } from '../helpers/server';
import { nextKvk, seboApplication } from '../helpers/sebo-fixtures';
import { quietRuntime } from '../helpers/keurmerk-env';
import { KEURMERK_BIN } from './support';

interface Ran {
  code: number;
  out: string;
  err: string;
}

describe('admin command with no worker running', () => {
  let env: TestWorkflowEnvironment;
  const taskQueue = uniqueTaskQueue('noworker');
  let settings: NodeJS.ProcessEnv;

  const keurmerkOn = async (queue: string, ...args: string[]): Promise<Ran> => {
    let out = '';
    let err = '';
    const io: Io = { out: (t) => void (out += `${t}\n`), err: (t) => void (err += `${t}\n`) };
    const code = await run(['node', 'keurmerk', ...args], io, { ...settings, TEMPORAL_TASK_QUEUE: queue });
    return { code, out, err };
  };
  const keurmerk = (...args: string[]) => keurmerkOn(taskQueue, ...args);
  const startCase = async (queue = taskQueue): Promise<string> => {
    const kvk = nextKvk();
    const start: ApplicationStart = { application: seboApplication(kvk, new Date()), accountmanagerCode: 'AM-017' };
    await env.client.workflow.start(WORKFLOW_TYPES.application, {
      taskQueue: queue,
      workflowId: caseWorkflowId('sebo', kvk),
      workflowIdConflictPolicy: WorkflowIdConflictPolicy.FAIL,
      args: [start],
    });
    return kvk;
  };

  beforeAll(async () => {
    quietRuntime();
    env = await localEnv();
    settings = { PATH: process.env.PATH, TEMPORAL_ADDRESS: env.address, TEMPORAL_TASK_QUEUE: taskQueue, KEURMERK_WORKER_WAIT: '3' };
  });
  afterAll(async () => {
    await env?.teardown();
  });

  it('SEBO-T1: an action gives up after the wait, says no worker is running and that the action may still be recorded later; nothing is recorded meanwhile', async () => {
    const kvk = await startCase();
    const r = await keurmerk('intake', kvk, '--notes', 'kennismaking');
    expect(r.code).toBe(1);
    expect(r.out).toBe('');
    expect(r.err).toMatch(new RegExp(`^error: no answer for KvK ${kvk} within 3 s: no keurmerk worker is running`));
    expect(r.err).toContain(`task queue "${taskQueue}"`);
    expect(r.err).toMatch(/NOT recorded yet; it may still be recorded when a worker takes up the case/);
    expect(r.err).not.toMatch(/cannot reach Temporal|Update|gRPC|DEADLINE/);
    const { workflowExecutionInfo } = await env.client.workflowService.describeWorkflowExecution({
      namespace: 'default',
      execution: { workflowId: caseWorkflowId('sebo', kvk) },
    });
    expect(Number(workflowExecutionInfo?.historyLength)).toBeLessThanOrEqual(3); // no task ran: nothing recorded
  });

  it('SEBO-T1: status with no worker answers at once with what Temporal recorded, says the worker is missing and Temporal is reachable, not that Temporal is unreachable', async () => {
    const kvk = await startCase();
    const r = await keurmerk('status', kvk);
    expect(r.code).toBe(1);
    // what the server knows, before the worker ever took the case up
    expect(r.out).toMatch(/^As recorded by Temporal \(the worker has not answered yet/);
    expect(r.out).toMatch(new RegExp(`case: +sebo-${kvk}`));
    expect(r.out).toMatch(/stage: +not recorded yet \(the worker has not taken up the case since it started/);
    // it does not wait KEURMERK_WORKER_WAIT (3 s here) to say so
    expect(r.err).toMatch(new RegExp(`^error: no answer for KvK ${kvk} within 1 s: no keurmerk worker is running`));
    expect(r.err).toContain(`task queue "${taskQueue}"`);
    expect(r.err).toMatch(/Temporal itself is reachable/);
    expect(r.err).not.toMatch(/cannot reach Temporal|gRPC|DEADLINE|Failed to query/);
  });

  it("SEBO-T1: status with a busy worker (it holds the case's workflow task) answers with what Temporal recorded and says the worker is busy, exit 0", async () => {
    const queue = uniqueTaskQueue('busy');
    const kvk = await startCase(queue);
    // A worker that takes the case's workflow task and does not finish it: polling, and busy.
    const task = await env.client.workflowService.pollWorkflowTaskQueue({ namespace: 'default', taskQueue: { name: queue }, identity: 'busy-worker' });
    expect(task.workflowExecution?.workflowId).toBe(caseWorkflowId('sebo', kvk));
    const r = await keurmerkOn(queue, 'status', kvk);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^As recorded by Temporal/);
    expect(r.out).toMatch(new RegExp(`case: +sebo-${kvk}`));
    expect(r.err).toMatch(new RegExp(`^note: the keurmerk worker is running but busy \\(it polls task queue "${queue}" and did not answer within 1 s\\)`));
    expect(r.err).toMatch(/Temporal itself is reachable\. The open deadlines and the history follow when the worker answers/);
    expect(r.err).not.toMatch(/cannot reach Temporal|no keurmerk worker is running|gRPC|DEADLINE|Failed to query/);
    // --json says the same, marked partial
    const j = await keurmerkOn(queue, 'status', kvk, '--json');
    expect(j.code).toBe(0);
    const parsed = JSON.parse(j.out);
    expect(parsed).toMatchObject({ workflowId: caseWorkflowId('sebo', kvk), partial: true, worker: 'busy', status: 'RUNNING' });
  });

  it('SEBO-T1: Ctrl-C during an action says it may still be recorded later, and exits 130', async () => {
    const kvk = await startCase();
    const child = spawn(
      process.execPath,
      [KEURMERK_BIN, 'intake', kvk], // the built command, as users run it (npm test builds it first)
      { env: { ...settings, KEURMERK_WORKER_WAIT: '120' }, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
    // Interrupt once the Update is on its way: the case's history then holds nothing new, but the command is waiting.
    await new Promise((r) => setTimeout(r, 6_000));
    child.kill('SIGINT');
    expect(await exited).toBe(130);
    expect(err).toMatch(new RegExp(`interrupted while waiting for the worker: the \`intake\` for KvK ${kvk} was already handed to Temporal and may still be recorded`));
  });
});
