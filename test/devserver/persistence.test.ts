// Durability with --db-filename: the server is killed (TestWorkflowEnvironment teardown sends
// SIGKILL) while workflows wait on timers and signals, and a new server on the same file carries
// them to completion with their histories intact. Needs a server it can restart, so it is skipped
// when TEMPORAL_ADDRESS points at an existing one.
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { bundleWorkflowCode, DefaultLogger, Runtime, Worker } from '@temporalio/worker';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { localEnv, uniqueTaskQueue } from '../helpers/server';
import * as activities from './activities';
import { addSignal, finishSignal, setTotalUpdate, totalQuery } from './workflows';
import { eventTypes } from './suite';
import { describeUnless } from '../helpers/skip';

const external = process.env.TEMPORAL_ADDRESS ? `TEMPORAL_ADDRESS=${process.env.TEMPORAL_ADDRESS} is a server this test cannot kill and restart` : undefined;

describeUnless(external)('devserver persistence across a kill -9', () => {
  let dir: string;
  beforeAll(() => {
    Runtime.install({ logger: new DefaultLogger('WARN') });
    dir = mkdtempSync(join(tmpdir(), 'devserver-db-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('resumes timers, signals and activities after a restart on the same database', async () => {
    const dbFilename = join(dir, 'temporal.db');
    const taskQueue = uniqueTaskQueue('persist');
    const workflowBundle = await bundleWorkflowCode({ workflowsPath: require.resolve('./workflows'), logger: new DefaultLogger('WARN') });
    const newWorker = (env: TestWorkflowEnvironment) =>
      Worker.create({ connection: env.nativeConnection, taskQueue, workflowBundle, activities });

    const first = await localEnv({ dbFilename });
    const timerId = `timer-${randomUUID()}`;
    const counterId = `counter-${randomUUID()}`;
    const doneId = `done-${randomUUID()}`;
    const worker1 = await newWorker(first); 
    await worker1.runUntil(async () => {
      await first.client.workflow.execute('echo', { args: ['kept'], taskQueue, workflowId: doneId });
      await first.client.workflow.start('sleepThenGreet', { args: [1500, 'Eva'], taskQueue, workflowId: timerId });
      const counter = await first.client.workflow.start('counter', { args: [], taskQueue, workflowId: counterId });
      await counter.signal(addSignal, 3);
      expect(await counter.query(totalQuery)).toBe(3);
      await expect(counter.executeUpdate(setTotalUpdate, { args: [-1] })).rejects.toThrow(/Update failed/);
    });
    await first.teardown(); 

    const second = await localEnv({ dbFilename }); 
    try {
      const client = second.client;
      const worker2 = await newWorker(second);
      await worker2.runUntil(async () => {
        expect(await client.workflow.getHandle(doneId).result()).toBe('kept');
        const counter = client.workflow.getHandle(counterId);
        await counter.signal(addSignal, 4);
        await counter.signal(finishSignal);
        expect(await counter.result()).toBe(7);
        const counterIds = (await counter.fetchHistory()).events!.map((e) => Number(e.eventId));
        expect(counterIds).toStrictEqual(counterIds.map((_, i) => i + 1)); 
        expect(await client.workflow.getHandle(timerId).result()).toBe('hello Eva');
      });
      const history = await client.workflow.getHandle(timerId).fetchHistory();
      const ids = history.events!.map((e) => Number(e.eventId));
      expect(ids).toStrictEqual(ids.map((_, i) => i + 1));
      expect(eventTypes(history)).toContain('TimerFired');
    } finally {
      await second.teardown();
    }
  });
});
