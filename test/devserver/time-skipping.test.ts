// Conformance of the devserver as the time-skipping test server (createTimeSkipping form): the
// virtual clock skips to the next timer or retry when no task is outstanding, the lock counter and
// sleeps behave like the official test server's, and a years-long case runs in moments.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { remindersQuery, stopUpdate } from './workflows';
import { CASE_ATTRIBUTE, eventTypes, startSuite, type Suite } from './suite';

const YEAR_MS = 365 * 86_400_000;

describe('devserver conformance (time skipping)', () => {
  let suite: Suite;
  const start = (type: string, args: unknown[]) =>
    suite.env.client.workflow.start(type, { args, taskQueue: suite.taskQueue, workflowId: `${type}-${randomUUID()}` });

  before(async () => {
    suite = await startSuite('time-skipping');
  });
  after(async () => {
    await suite?.stop();
  });

  it('completes a two-year timer at once, with workflow time advanced by two years', async () => {
    const handle = await start('sleeper', [2 * YEAR_MS]);
    const elapsed = await handle.result();
    assert.ok(elapsed >= 2 * YEAR_MS, `workflow saw ${elapsed} ms pass`);
    const types = eventTypes(await handle.fetchHistory());
    assert.ok(types.includes('TimerStarted') && types.includes('TimerFired'));
  });

  it('advances server time by env.sleep and reports it through GetCurrentTime', async () => {
    const before = await suite.env.currentTimeMs();
    await suite.env.sleep('3 hours');
    const after = await suite.env.currentTimeMs();
    assert.ok(after - before >= 3 * 3_600_000, `time moved ${after - before} ms`);
  });

  it('skips an activity retry backoff of hours', async () => {
    const handle = await start('retryingHourly', [2]);
    assert.equal(await handle.result(), 3);
  });

  it('runs a years-long case: yearly reminders, a query, an update and a search attribute', async () => {
    const caseId = `case-${randomUUID().slice(0, 8)}`;
    const handle = await start('yearlyReminder', [caseId]);
    assert.equal(await handle.query(remindersQuery), 0);
    await suite.env.sleep(2 * YEAR_MS + 86_400_000);
    assert.equal(await handle.query(remindersQuery), 2);
    assert.equal(await handle.executeUpdate(stopUpdate), 2);
    assert.equal(await handle.result(), 2);
    const description = await handle.describe();
    assert.deepEqual(description.searchAttributes[CASE_ATTRIBUTE], [caseId]);
    const types = eventTypes(await handle.fetchHistory());
    assert.equal(types.filter((t) => t === 'ActivityTaskCompleted').length, 2);
    assert.equal(types.filter((t) => t === 'WorkflowExecutionUpdateCompleted').length, 1);
  });

  it('starts locked: a timer waits until time skipping is unlocked', async () => {
    const testService = suite.env.connection.testService!;
    const handle = await start('sleeper', [86_400_000]);
    await new Promise((r) => setTimeout(r, 300));
    assert.equal((await handle.describe()).status.name, 'RUNNING');
    await testService.unlockTimeSkipping({});
    try {
      let status = 'RUNNING';
      for (let i = 0; i < 200 && status === 'RUNNING'; i++) {
        await new Promise((r) => setTimeout(r, 10));
        status = (await handle.describe()).status.name;
      }
      assert.equal(status, 'COMPLETED');
    } finally {
      await testService.lockTimeSkipping({});
    }
  });
});
