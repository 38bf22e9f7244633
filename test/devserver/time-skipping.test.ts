// Conformance of the devserver as the time-skipping test server (createTimeSkipping form): the
// virtual clock skips to the next timer or retry when no task is outstanding, the lock counter and
// sleeps behave like the official test server's, and a years-long case runs in moments.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { Worker } from '@temporalio/worker';
import * as activities from './activities';
import { remindersQuery, stopUpdate } from './workflows';
import { CASE_ATTRIBUTE, eventTypes, startSuite, type Suite } from './suite';

const YEAR_MS = 365 * 86_400_000;

describe('devserver conformance (time skipping)', () => {
  let suite: Suite;
  const start = (type: string, args: unknown[]) =>
    suite.env.client.workflow.start(type, { args, taskQueue: suite.taskQueue, workflowId: `${type}-${randomUUID()}` });

  beforeAll(async () => {
    suite = await startSuite('time-skipping');
  });
  afterAll(async () => {
    await suite?.stop();
  });

  it('completes a two-year timer at once, with workflow time advanced by two years', async () => {
    const handle = await start('sleeper', [2 * YEAR_MS]);
    const elapsed = await handle.result();
    // the workflow saw two years pass
    expect(elapsed).toBeGreaterThanOrEqual(2 * YEAR_MS);
    const types = eventTypes(await handle.fetchHistory());
    expect(types).toContain('TimerStarted');
    expect(types).toContain('TimerFired');
  });

  it('advances server time by env.sleep and reports it through GetCurrentTime', async () => {
    const before = await suite.env.currentTimeMs();
    await suite.env.sleep('3 hours');
    const after = await suite.env.currentTimeMs();
    // server time moved at least the three hours slept
    expect(after - before).toBeGreaterThanOrEqual(3 * 3_600_000);
  });

  it('skips an activity retry backoff of hours', async () => {
    const handle = await start('retryingHourly', [2]);
    expect(await handle.result()).toBe(3);
  });

  it('runs a years-long case: yearly reminders, a query, an update and a search attribute', async () => {
    const caseId = `case-${randomUUID().slice(0, 8)}`;
    const handle = await start('yearlyReminder', [caseId]);
    expect(await handle.query(remindersQuery)).toBe(0);
    await suite.env.sleep(2 * YEAR_MS + 86_400_000);
    expect(await handle.query(remindersQuery)).toBe(2);
    expect(await handle.executeUpdate(stopUpdate)).toBe(2);
    expect(await handle.result()).toBe(2);
    const description = await handle.describe();
    expect(description.searchAttributes[CASE_ATTRIBUTE]).toStrictEqual([caseId]);
    const types = eventTypes(await handle.fetchHistory());
    expect(types.filter((t) => t === 'ActivityTaskCompleted').length).toBe(2);
    expect(types.filter((t) => t === 'WorkflowExecutionUpdateCompleted').length).toBe(1);
  });

  it('starts locked: a timer waits until time skipping is unlocked', async () => {
    const testService = suite.env.connection.testService!;
    const handle = await start('sleeper', [86_400_000]);
    await new Promise((r) => setTimeout(r, 300));
    expect((await handle.describe()).status.name).toBe('RUNNING');
    await testService.unlockTimeSkipping({});
    try {
      let status = 'RUNNING';
      for (let i = 0; i < 200 && status === 'RUNNING'; i++) {
        await new Promise((r) => setTimeout(r, 10));
        status = (await handle.describe()).status.name;
      }
      expect(status).toBe('COMPLETED');
    } finally {
      await testService.lockTimeSkipping({});
    }
  });

  it('holds time still while an activity runs next to a one-day timer, through execute() and its relock', async () => {
    // The reported reproduction: a 2 s activity read as a day and 0.17 s. Nothing outstanding counts
    // while the activity runs; the day went by in the gap between the result and the client's relock.
    const t0 = await suite.env.currentTimeMs();
    const sleeping = await start('sleeper', [86_400_000]);
    await suite.env.client.workflow.execute('slowActivity', { args: [2000], taskQueue: suite.taskQueue, workflowId: `slowActivity-${randomUUID()}` });
    const elapsed = (await suite.env.currentTimeMs()) - t0;
    // server time moves in real time during a 2 s activity: no skip while it runs
    expect(elapsed).toBeGreaterThanOrEqual(2000);
    expect(elapsed).toBeLessThan(60_000);
    // the one-day timer has not fired
    expect((await sleeping.describe()).status.name).toBe('RUNNING');
    await sleeping.terminate('test finished');
  });

  it('holds time still while a workflow task waits on a queue nobody polls, and skips once only timers remain', async () => {
    // As the official test server: an outstanding task holds the clock however long it waits.
    const testService = suite.env.connection.testService!;
    const sleeping = await start('sleeper', [86_400_000]);
    while (!eventTypes(await sleeping.fetchHistory()).includes('TimerStarted')) await new Promise((r) => setTimeout(r, 20));
    const queue = `nobody-${randomUUID()}`;
    const orphan = await suite.env.client.workflow.start('echo', { args: ['x'], taskQueue: queue, workflowId: `orphan-${randomUUID()}` });
    const t0 = await suite.env.currentTimeMs();
    await testService.unlockTimeSkipping({});
    try {
      await new Promise((r) => setTimeout(r, 300));
    } finally {
      await testService.lockTimeSkipping({});
    }
    const elapsed = (await suite.env.currentTimeMs()) - t0;
    // no skip while a workflow task is outstanding
    expect(elapsed).toBeLessThan(60_000);
    expect((await sleeping.describe()).status.name).toBe('RUNNING');
    // A worker for that queue completes the task, which releases its lock. (Terminating the run instead
    // would leave the lock taken for good: the official test server releases a workflow task's lock only
    // when the task completes, fails or times out, none of which happens to a closed run's task.)
    const late = await Worker.create({ connection: suite.env.nativeConnection, taskQueue: queue, workflowsPath: require.resolve('./workflows'), activities });
    await late.runUntil(orphan.result());
    // with only the timer left, time skips to it
    expect((await sleeping.result())).toBeGreaterThanOrEqual(86_400_000);
  });
});
