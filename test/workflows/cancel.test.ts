// Cancelling a case (Temporal UI "Request Cancellation", `handle.cancel()`): the execution closes as
// Canceled, its timers are cancelled in the history, the case records it and moves to CANCELLED, and
// the accountmanager gets one email saying so. Before the fix a background loop's CancelledFailure
// was an unhandled rejection: the workflow task failed and was retried forever.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { CancelledFailure, WorkflowFailedError, type WorkflowHandle } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import { agendaQuery, membersMeetingWorkflowId, STAGES } from '../../workflows/definitions';
import { STAGE } from '../../workflows/search-attributes';
import { useKeurmerkEnv } from '../helpers/keurmerk-env';
import { DAY, nextKvk, seboApplication, startApplication, startHolder, status } from '../helpers/sebo-fixtures';
import { act } from '../helpers/sebo-steps';

const eventTypes = async (h: WorkflowHandle) =>
  ((await h.fetchHistory()).events ?? []).map((e) => temporal.api.enums.v1.EventType[e.eventType as number]);

describe('cancelling a case', () => {
  const t = useKeurmerkEnv();

  async function assertCancelled(h: WorkflowHandle, kvk: string, stageBefore: string): Promise<void> {
    await assert.rejects(h.result(), (err: unknown) => {
      assert.ok(err instanceof WorkflowFailedError, `expected WorkflowFailedError, got ${String(err)}`);
      assert.ok(err.cause instanceof CancelledFailure, `expected a CancelledFailure cause, got ${String(err.cause)}`);
      return true;
    });
    const description = await h.describe();
    assert.equal(description.status.name, 'CANCELLED');
    assert.equal(description.typedSearchAttributes.get(STAGE), STAGES.CANCELLED, 'operators can filter cancelled cases');

    const types = await eventTypes(h);
    assert.ok(types.includes('EVENT_TYPE_WORKFLOW_EXECUTION_CANCEL_REQUESTED'));
    assert.ok(types.includes('EVENT_TYPE_TIMER_CANCELED'), 'the pending deadline timer is cancelled');
    assert.equal(types.at(-1), 'EVENT_TYPE_WORKFLOW_EXECUTION_CANCELED');
    assert.ok(!types.includes('EVENT_TYPE_WORKFLOW_TASK_FAILED'), 'no workflow task failed on the way');

    const s = await status(t, h.workflowId);
    assert.equal(s.stage, STAGES.CANCELLED);
    assert.deepEqual(s.openDeadlines, []);
    assert.match(s.history.at(-1)!.what, new RegExp(`cancelled by an operator at stage ${stageBefore}`));

    const [mail] = await t.smtp.waitFor((m) => m.recipients.includes(`am.${kvk}@wsp.example`) && /zaak geannuleerd/.test(m.subject));
    assert.match(mail.text, new RegExp(`fase ${stageBefore}`));
  }

  it('an application waiting for its intake (SEBO-T1) ends as Canceled, cleanly, and the accountmanager is told', { timeout: 60_000 }, async () => {
    const kvk = nextKvk();
    const h = t.track(await startApplication(t, seboApplication(kvk, await t.now())));
    await t.smtp.waitFor((m) => m.recipients.includes(`am.${kvk}@wsp.example`) && /aanvraag ontvangen/.test(m.subject));
    assert.equal((await status(t, h.workflowId)).stage, STAGES.INTAKE);

    await h.cancel();
    await assertCancelled(h, kvk, STAGES.INTAKE);
  });

  it('SEBO-T2: an application on the members\' meeting agenda is taken off it when cancelled', { timeout: 60_000 }, async () => {
    const kvk = nextKvk();
    const h = t.track(await startApplication(t, seboApplication(kvk, await t.now())));
    await act(t, h, 'intakeRecorded');
    await t.smtp.waitFor((m) => m.recipients.includes(`am.${kvk}@wsp.example`) && /agenda|bijeenkomst/i.test(m.subject));
    const meeting = t.client.workflow.getHandle(membersMeetingWorkflowId('sebo'));
    const listed = async () => (await meeting.query(agendaQuery)).pending.some((i) => i.workflowId === h.workflowId);
    for (let i = 0; i < 100 && !(await listed()); i++) await new Promise((r) => setTimeout(r, 50));
    assert.ok(await listed(), 'on the agenda before the cancel');

    await h.cancel();
    await assertCancelled(h, kvk, STAGES.MEETING);
    assert.equal(await listed(), false, 'off the agenda after the cancel');
  });

  it('a registered holder (SEBO-T10..T13 loops running) ends as Canceled, cleanly, and the accountmanager is told', { timeout: 60_000 }, async () => {
    const kvk = nextKvk();
    const now = await t.now();
    const h = t.track(await startHolder(t, kvk, now, new Date(now.getTime() + 730 * DAY)));
    await t.smtp.waitFor((m) => m.recipients.includes(`houder.${kvk}@holder.example`) && /certificaat$/.test(m.subject));
    assert.equal((await status(t, h.workflowId)).stage, STAGES.REGISTERED);

    await h.cancel();
    await assertCancelled(h, kvk, STAGES.REGISTERED);
  });
});
