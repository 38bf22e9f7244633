// Durability with --db-filename: the server is killed (TestWorkflowEnvironment teardown sends
// SIGKILL) while workflows wait on timers and signals, and a new server on the same file carries
// them to completion with their histories intact. Needs a server it can restart, so it is skipped
// when TEMPORAL_ADDRESS points at an existing one.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
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

describe('devserver persistence across a kill -9', { skip: !!process.env.TEMPORAL_ADDRESS }, () => {
  let dir: string;
  before(() => {
    Runtime.install({ logger: new DefaultLogger('WARN') });
    dir = mkdtempSync(join(tmpdir(), 'devserver-db-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

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
      assert.equal(await counter.query(totalQuery), 3);
      await assert.rejects(counter.executeUpdate(setTotalUpdate, { args: [-1] }), /Update failed/);
    });
    await first.teardown(); 

    const second = await localEnv({ dbFilename }); 
    try {
      const client = second.client;
      const worker2 = await newWorker(second);
      await worker2.runUntil(async () => {
        assert.equal(await client.workflow.getHandle(doneId).result(), 'kept');
        const counter = client.workflow.getHandle(counterId);
        await counter.signal(addSignal, 4);
        await counter.signal(finishSignal);
        assert.equal(await counter.result(), 7);
        const counterIds = (await counter.fetchHistory()).events!.map((e) => Number(e.eventId));
        assert.deepEqual(counterIds, counterIds.map((_, i) => i + 1)); 
        assert.equal(await client.workflow.getHandle(timerId).result(), 'hello Eva');
      });
      const history = await client.workflow.getHandle(timerId).fetchHistory();
      const ids = history.events!.map((e) => Number(e.eventId));
      assert.deepEqual(ids, ids.map((_, i) => i + 1));
      assert.ok(eventTypes(history).includes('TimerFired'));
    } finally {
      await second.teardown();
    }
  });
});
