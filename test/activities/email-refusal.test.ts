// The email activity when the SMTP server refuses for good (550): every recipient refused fails at once
// and non-retryable; some refused sends to the others once and reports the refused ones (also on a
// retry, from the sent-ledger); a request that can never be sent fails non-retryable too.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import nodemailer from 'nodemailer';
import { ApplicationFailure } from '@temporalio/common';
import { MockActivityEnvironment } from '@temporalio/testing';
import type { Client } from '@temporalio/client';
import { createActivities } from '../../activities';
import { openSentLedger, type LocalSentLedger } from '../../activities/email/sent-ledger';
import { EMAIL_UNDELIVERABLE, type EmailRequest, type EmailResult, type UndeliverableDetails } from '../../activities/email/send-email';
import { startSmtpCatcher, type SmtpCatcher } from '../helpers/smtp-catcher';

const FROM = 'keurmerk@zoetermeer.example';
const roles = { 'certifying-institution': 'audit@ci.example', municipality: 'keurmerk@zoetermeer.example' };

describe('sendEmail when the SMTP server refuses recipients', () => {
  let smtp: SmtpCatcher;
  let dir: string;
  let ledger: LocalSentLedger;
  const run = (activityId: string, req: EmailRequest): Promise<EmailResult> =>
    new MockActivityEnvironment({ workflowExecution: { workflowId: 'sebo-12345678', runId: 'run-1' }, activityId }).run(
      createActivities({ client: {} as Client, transport: nodemailer.createTransport(smtp.url), ledger, from: FROM, roles }).sendEmail,
      req,
    ) as Promise<EmailResult>;
  const request = (to: string[]): EmailRequest => ({
    template: 'notice',
    notice: 'application-received',
    to,
    date: '2027-03-01T09:15:00.000Z',
    data: { aanhef: 'Els', regeling: 'SEBO-Keurmerk', bedrijf: 'Bakker', kvk: '12345678' },
  });
  const failure = async (p: Promise<unknown>): Promise<ApplicationFailure> => {
    const err = await p.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(ApplicationFailure);
    return err as ApplicationFailure;
  };

  beforeAll(async () => {
    smtp = await startSmtpCatcher({ rejectRecipient: (a) => a.startsWith('weg@') });
    dir = mkdtempSync(join(tmpdir(), 'keurmerk-refusal-'));
    ledger = openSentLedger(dir);
  });
  afterAll(async () => {
    ledger.close();
    await smtp.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('SEBO-T1: the only recipient refused (550): non-retryable EmailUndeliverable naming the address in its details, not in its message; nothing recorded as sent', async () => {
    const f = await failure(run('1', request(['weg@bakker.example'])));
    expect(f.type).toBe(EMAIL_UNDELIVERABLE);
    expect(f.nonRetryable).toBe(true);
    expect(f.message).not.toContain('weg@bakker.example');
    const details = f.details?.[0] as UndeliverableDetails;
    expect(details.rejected.map((r) => r.address)).toEqual(['weg@bakker.example']);
    expect(details.rejected[0].reason).toMatch(/^550/);
    expect(details.subject).toMatch(/aanvraag ontvangen/);
    expect(ledger.find('sebo-12345678/run-1/1')).toBeUndefined();
  });

  it('SEBO-T1: one of two recipients refused: sent once to the other, the refused one reported, and reported again on a retry from the ledger', async () => {
    const first = await run('2', request(['els@bakker.example', 'weg@bakker.example']));
    expect(first.alreadySent).toBe(false);
    expect(first.rejected?.map((r) => r.address)).toEqual(['weg@bakker.example']);
    expect(first.subject).toMatch(/aanvraag ontvangen/);
    const retry = await run('2', request(['els@bakker.example', 'weg@bakker.example']));
    expect(retry.alreadySent).toBe(true);
    expect(retry.rejected?.map((r) => r.address)).toEqual(['weg@bakker.example']);
    const got = smtp.matching((m) => m.messageId === first.messageId);
    expect(got.map((m) => m.recipients)).toEqual([['els@bakker.example']]);
  });

  it('SEBO-T1: every recipient accepted: no refusal reported (the result is unchanged)', async () => {
    const ok = await run('3', request(['els@bakker.example']));
    expect(ok.rejected).toBeUndefined();
    expect(Object.keys(ok).sort()).toEqual(['alreadySent', 'messageId']);
  });

  it('SEBO-T1: a request that is wrong on every attempt (an address longer than RFC 5321 allows) fails at once, non-retryable', async () => {
    const f = await failure(run('4', request([`${'a'.repeat(100_000)}@bakker.example`])));
    expect(f.type).toBe(EMAIL_UNDELIVERABLE);
    expect(f.nonRetryable).toBe(true);
    expect(f.message.length).toBeLessThan(300);
  });
});
