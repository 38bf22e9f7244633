// An address the SMTP server refuses for good (550 to RCPT TO) must not leave a case stuck: the email
// activity fails at once (non-retryable), the refusal is recorded on the case and told to the
// accountmanager, and the case's other emails and its next stage go on (SEBO-T1, SEBO-T2, SEBO-T3).
import { describe, expect, it } from '@jest/globals';
import { temporal } from '@temporalio/proto';
import { CI_EMAIL, useKeurmerkEnv } from '../helpers/keurmerk-env';
import { nextKvk, seboApplication, startApplication, status } from '../helpers/sebo-fixtures';
import { throughMeeting } from '../helpers/sebo-steps';

const refusedAddress = (a: string) => a.startsWith('kapot.') || a.startsWith('weg.');

describe('an email the SMTP server refuses for good', () => {
  const t = useKeurmerkEnv({ smtp: { rejectRecipient: refusedAddress } });

  it('SEBO-T1, SEBO-T2: the applicant\'s address refused (550): the accountmanager still gets every email, is told of each refusal, and the case reaches AUDIT_PLANNING', async () => {
    const kvk = nextKvk();
    const app = seboApplication(kvk, await t.now(), { contact: { name: 'Els de Bakker', email: `kapot.${kvk}@bakker.example` } });
    const am = app.accountmanager!.email;
    const h = t.track(await startApplication(t, app));

    const [received] = await t.smtp.waitFor((m) => m.recipients.includes(am) && /aanvraag ontvangen/.test(m.subject));
    expect(received.recipients).toEqual([am]); // the refused address is not among the envelope recipients
    const [told] = await t.smtp.waitFor((m) => m.recipients.includes(am) && /niet afgeleverd/.test(m.subject));
    expect(told.text).toContain(`kapot.${kvk}@bakker.example`);
    expect(told.text).toMatch(/aanvraag ontvangen/);
    expect(told.text).toMatch(/550/);

    await throughMeeting(t, h, 'approved');
    // The mailer sends in order: the forwarding email comes after every earlier one was tried.
    await t.smtp.waitFor((m) => m.recipients.includes(CI_EMAIL) && m.subject.includes(kvk) && /doorgestuurd/.test(m.subject));
    const s = await status(t, h.workflowId);
    expect(s.stage).toBe('AUDIT_PLANNING');
    const notDelivered = s.history.filter((e) => /not delivered/.test(e.what));
    // application-received, meeting-scheduled, meeting-approved: each recorded once
    expect(notDelivered.length).toBeGreaterThanOrEqual(3);
    expect(notDelivered.every((e) => e.what.includes(`kapot.${kvk}@bakker.example`))).toBe(true);
  });

  it('SEBO-T1, SEBO-T3: every recipient refused: the email fails at once (non-retryable, one attempt), is recorded, and the case goes on to the certifying institution', async () => {
    const kvk = nextKvk();
    const app = seboApplication(kvk, await t.now(), {
      contact: { name: 'Els de Bakker', email: `kapot.${kvk}@bakker.example` },
      accountmanager: { name: 'Ahmed Accountmanager', email: `weg.${kvk}@wsp.example` },
    });
    const h = t.track(await startApplication(t, app));
    await throughMeeting(t, h, 'approved');
    // The CI's address is fine: the forwarding email arrives although every earlier one was refused.
    await t.smtp.waitFor((m) => m.recipients.includes(CI_EMAIL) && m.subject.includes(kvk) && /doorgestuurd/.test(m.subject));

    const s = await status(t, h.workflowId);
    expect(s.stage).toBe('AUDIT_PLANNING');
    const entries = s.history.filter((e) => /not delivered/.test(e.what)).map((e) => e.what);
    expect(entries.some((w) => /aanvraag ontvangen/.test(w) && w.includes(`weg.${kvk}@wsp.example`))).toBe(true);
    // The notice about a refused email is itself refused: recorded, and never a notice about the notice.
    const aboutNotices = entries.filter((w) => /niet afgeleverd/.test(w));
    expect(aboutNotices.length).toBeGreaterThanOrEqual(1);
    expect(aboutNotices.length).toBeLessThanOrEqual(entries.length / 2);

    const { history } = await t.client.workflowService.getWorkflowExecutionHistory({ namespace: t.client.options.namespace, execution: { workflowId: h.workflowId } });
    const events = history?.events ?? [];
    const failed = events.filter((e) => e.activityTaskFailedEventAttributes);
    expect(failed.length).toBeGreaterThanOrEqual(1);
    for (const e of failed) {
      expect(e.activityTaskFailedEventAttributes!.retryState).toBe(temporal.api.enums.v1.RetryState.RETRY_STATE_NON_RETRYABLE_FAILURE);
      expect(e.activityTaskFailedEventAttributes!.failure?.applicationFailureInfo?.type).toBe('EmailUndeliverable');
    }
    const started = events.filter((e) => e.activityTaskStartedEventAttributes && e.activityTaskStartedEventAttributes.attempt! > 1);
    expect(started).toEqual([]); // no email was tried twice
  });
});
