// What a run that closes still holds keeps time-skipping locked for good, as on the official
// time-skipping test server (sdk-java temporal-test-server): every update of a closed run is refused
// there (TestWorkflowMutableStateImpl.update: NOT_FOUND "Completed workflow"), so the outcome that
// would release the lock of its workflow task or activity never comes (sdk-java#1138). Continue-as-new
// closes a run too: an activity scheduled in the task that continues it as new is never run, and its
// lock stays. Each scenario reads the lock counter (compat/locks.ts) before and after; they leave their
// locks behind, so they use one server of their own and no long timers. devserver/README.md has the table.
// Runs against the official test server with TEMPORAL_TEST_SERVER_PATH (test/helpers/server.ts).
import { describe, expect, it } from '@jest/globals';
import type { WorkflowHandle } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import { uniqueTaskQueue } from '../helpers/server';
import { compatActivities } from './compat/activities';
import { lockCount } from './compat/locks';
import { useCompatServer } from './compat/setup';

const EventType = temporal.api.enums.v1.EventType;
type EventType = temporal.api.enums.v1.EventType;

/** Polls describe (at most 30 s) until `ready` holds for the run. */
async function until(handle: WorkflowHandle, ready: (raw: any) => boolean): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (!ready((await handle.describe()).raw)) {
    if (Date.now() > deadline) throw new Error(`${handle.workflowId} did not reach the expected state`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('devserver compatibility: locks of closed runs', () => {
  /** No worker polls this queue. */
  const nobodysQueue = uniqueTaskQueue('ts-nobody');
  const shouted: string[] = [];
  const compat = useCompatServer({
    server: 'time-skipping',
    taskQueuePrefix: 'ts-closed',
    activities(env) {
      const activities = compatActivities(env);
      return {
        ...activities,
        async shout(text: string) {
          shouted.push(text);
          return activities.shout(text);
        },
      };
    },
  });
  const locks = () => lockCount(compat.env);

  const id = (name: string) => `${name}-${compat.taskQueue}`;

  it('a run that awaits its activity before it completes gives back every lock it took', async () => {
    const before = await locks();
    expect(await compat.env.client.workflow.execute('shoutOn', { args: [compat.taskQueue, 'awaited'], taskQueue: compat.taskQueue, workflowId: id('awaited') })).toBe('AWAITED!');
    expect(await locks()).toBe(before);
  }, 120_000);

  it('continue-as-new in the task that schedules an activity: no worker ever runs that activity, and its lock stays taken', async () => {
    const before = await locks();
    const handle = await compat.env.client.workflow.start('handOverWithActivityInFlight', { args: [0, 'cas'], taskQueue: compat.taskQueue, workflowId: id('cas') });
    expect(await handle.result()).toBe('round 1');
    // The first run closed as continued-as-new with the activity scheduled and never started.
    const first = compat.env.client.workflow.getHandle(handle.workflowId, handle.firstExecutionRunId);
    const events = (await first.fetchHistory()).events ?? [];
    const count = (type: EventType) => events.filter((e) => e.eventType === type).length;
    expect(count(EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED)).toBe(1);
    expect(count(EventType.EVENT_TYPE_ACTIVITY_TASK_STARTED)).toBe(0);
    expect(count(EventType.EVENT_TYPE_WORKFLOW_EXECUTION_CONTINUED_AS_NEW)).toBe(1);
    expect((await first.describe()).status.name).toBe('CONTINUED_AS_NEW');
    // A later activity on the same queue runs; the abandoned one never did.
    expect(await compat.env.client.workflow.execute('shoutOn', { args: [compat.taskQueue, 'after'], taskQueue: compat.taskQueue, workflowId: id('after-cas') })).toBe('AFTER!');
    expect(shouted).not.toContain('abandoned cas');
    expect(await locks()).toBe(before + 1);
  }, 120_000);

  it('terminated while an activity is pending: that activity keeps its lock', async () => {
    const before = await locks();
    const handle = await compat.env.client.workflow.start('shoutOn', { args: [nobodysQueue, 'never taken'], taskQueue: compat.taskQueue, workflowId: id('terminated-activity') });
    await until(handle, (raw) => (raw.pendingActivities ?? []).length === 1 && !raw.pendingWorkflowTask);
    await handle.terminate('test');
    expect(await locks()).toBe(before + 1);
  }, 120_000);

  it('terminated while its workflow task is outstanding: that task keeps its lock', async () => {
    const before = await locks();
    // No worker polls this queue, so the first workflow task stays scheduled.
    const handle = await compat.env.client.workflow.start('shoutOn', { args: [nobodysQueue, 'x'], taskQueue: nobodysQueue, workflowId: id('terminated-task') });
    await until(handle, (raw) => !!raw.pendingWorkflowTask);
    await handle.terminate('test');
    expect(await locks()).toBe(before + 1);
  }, 120_000);

  it('an activity cancelled before any worker took it keeps its lock (processRequestCancelActivityTask)', async () => {
    const before = await locks();
    const outcome = await compat.env.client.workflow.execute('cancelActivityBeforeStart', { args: [nobodysQueue], taskQueue: compat.taskQueue, workflowId: id('cancelled-activity') });
    expect(outcome).toBe('cancelled');
    expect(shouted).not.toContain('never taken');
    expect(await locks()).toBe(before + 1);
  }, 120_000);
});
