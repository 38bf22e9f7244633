// Cancelling a case (Temporal UI "Request Cancellation", `handle.cancel()`): the execution closes as
// Canceled, its timers are cancelled in the history, the case records it and moves to CANCELLED, and
// the accountmanager gets one email saying so. Before the fix a background loop's CancelledFailure
// was an unhandled rejection: the workflow task failed and was retried forever.
import { describe, expect, it } from '@jest/globals';
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
    const err = await h.result().then(
      () => {
        throw new Error('the cancelled case completed');
      },
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(WorkflowFailedError);
    expect((err as WorkflowFailedError).cause).toBeInstanceOf(CancelledFailure);
    const description = await h.describe();
    expect(description.status.name).toBe('CANCELLED');
    // operators can filter cancelled cases
    expect(description.typedSearchAttributes.get(STAGE)).toBe(STAGES.CANCELLED);

    const types = await eventTypes(h);
    expect(types).toContain('EVENT_TYPE_WORKFLOW_EXECUTION_CANCEL_REQUESTED');
    // the pending deadline timer is cancelled
    expect(types).toContain('EVENT_TYPE_TIMER_CANCELED');
    expect(types.at(-1)).toBe('EVENT_TYPE_WORKFLOW_EXECUTION_CANCELED');
    // no workflow task failed on the way
    expect(types).not.toContain('EVENT_TYPE_WORKFLOW_TASK_FAILED');

    const s = await status(t, h.workflowId);
    expect(s.stage).toBe(STAGES.CANCELLED);
    expect(s.openDeadlines).toStrictEqual([]);
    expect(s.history.at(-1)!.what).toMatch(new RegExp(`cancelled by an operator at stage ${stageBefore}`));

    const [mail] = await t.smtp.waitFor((m) => m.recipients.includes(`am.${kvk}@wsp.example`) && /zaak geannuleerd/.test(m.subject));
    expect(mail.text).toMatch(new RegExp(`fase ${stageBefore}`));
  }

  it('an application waiting for its intake (SEBO-T1) ends as Canceled, cleanly, and the accountmanager is told', async () => {
    const kvk = nextKvk();
    const h = t.track(await startApplication(t, seboApplication(kvk, await t.now())));
    await t.smtp.waitFor((m) => m.recipients.includes(`am.${kvk}@wsp.example`) && /aanvraag ontvangen/.test(m.subject));
    expect((await status(t, h.workflowId)).stage).toBe(STAGES.INTAKE);

    await h.cancel();
    await assertCancelled(h, kvk, STAGES.INTAKE);
  }, 60_000);

  it('SEBO-T2: an application on the members\' meeting agenda is taken off it when cancelled', async () => {
    const kvk = nextKvk();
    const h = t.track(await startApplication(t, seboApplication(kvk, await t.now())));
    await act(t, h, 'intakeRecorded');
    await t.smtp.waitFor((m) => m.recipients.includes(`am.${kvk}@wsp.example`) && /agenda|bijeenkomst/i.test(m.subject));
    const meeting = t.client.workflow.getHandle(membersMeetingWorkflowId('sebo'));
    const listed = async () => (await meeting.query(agendaQuery)).pending.some((i) => i.workflowId === h.workflowId);
    for (let i = 0; i < 100 && !(await listed()); i++) await new Promise((r) => setTimeout(r, 50));
    // on the agenda before the cancel
    expect(await listed()).toBe(true);

    await h.cancel();
    await assertCancelled(h, kvk, STAGES.MEETING);
    // off the agenda after the cancel
    expect(await listed()).toBe(false);
  }, 60_000);

  it('a registered holder (SEBO-T10..T13 loops running) ends as Canceled, cleanly, and the accountmanager is told', async () => {
    const kvk = nextKvk();
    const now = await t.now();
    const h = t.track(await startHolder(t, kvk, now, new Date(now.getTime() + 730 * DAY)));
    await t.smtp.waitFor((m) => m.recipients.includes(`houder.${kvk}@holder.example`) && /certificaat$/.test(m.subject));
    expect((await status(t, h.workflowId)).stage).toBe(STAGES.REGISTERED);

    await h.cancel();
    await assertCancelled(h, kvk, STAGES.REGISTERED);
  }, 60_000);
});
