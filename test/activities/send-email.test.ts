// The email activity on its own, through a real SMTP server: exactly once per activity identity,
// the workflow's time as Date header, escaped HTML, role addresses, the SEBO-T10 certificate.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import nodemailer from 'nodemailer';
import { MockActivityEnvironment } from '@temporalio/testing';
import type { Client } from '@temporalio/client';
import { createActivities } from '../../activities';
import { openSentLedger, type SentLedger } from '../../activities/email/sent-ledger';
import { messageIdFor, type EmailRequest, type EmailResult } from '../../activities/email/send-email';
import { startSmtpCatcher, type SmtpCatcher } from '../helpers/smtp-catcher';

const FROM = 'keurmerk@zoetermeer.example';
const roles = { 'certifying-institution': 'audit@ci.example', municipality: 'keurmerk@zoetermeer.example' };

describe('sendEmail activity', () => {
  let smtp: SmtpCatcher;
  let dir: string;
  let ledger: SentLedger;
  const activities = () =>
    createActivities({ client: {} as Client, transport: nodemailer.createTransport(smtp.url), ledger, from: FROM, roles });
  const run = (activityId: string, req: EmailRequest, runId = 'run-1'): Promise<EmailResult> =>
    new MockActivityEnvironment({ workflowExecution: { workflowId: 'sebo-12345678', runId }, activityId }).run(activities().sendEmail, req) as Promise<EmailResult>;
  const request = (over: Partial<EmailRequest> = {}): EmailRequest => ({
    template: 'step-reminder',
    to: ['els@bakker.example', 'role:certifying-institution'],
    date: '2027-03-01T09:15:00.000Z',
    data: { aanhef: 'Els', regeling: 'SEBO-Keurmerk', bedrijf: 'Bakker & <Zn>', kvk: '12345678', actie: 'auditPlanned', termijn: '2027-03-04T23:59:59.999+01:00', regel: 'SEBO-T4' },
    ...over,
  });

  beforeAll(async () => {
    smtp = await startSmtpCatcher();
    dir = mkdtempSync(join(tmpdir(), 'keurmerk-email-'));
    ledger = openSentLedger(dir);
  });
  afterAll(async () => {
    ledger.close();
    await smtp.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('sends once per activity identity: a retry (same run + activity id) finds the sent-ledger, also after a restart', async () => {
    const first = await run('11', request());
    expect(first.alreadySent).toBe(false);
    const retry = await run('11', request());
    expect(retry).toStrictEqual({ messageId: first.messageId, alreadySent: true });
    const reopened = openSentLedger(dir); // a new worker process reads the same file
    try {
      expect(reopened.find('sebo-12345678/run-1/11')?.messageId).toBe(first.messageId);
    } finally {
      reopened.close();
    }
    await run('12', request()); // another activity: another email
    await new Promise((r) => setTimeout(r, 200));
    expect(smtp.matching((m) => m.messageId === first.messageId).length).toBe(1);
    expect(smtp.mails.length).toBe(2);
    // the Message-ID is derived from the key
    expect(first.messageId).toBe(messageIdFor('sebo-12345678/run-1/11', FROM));
  });

  it('dates the email with the workflow time, escapes values in HTML only, resolves role addresses', async () => {
    const result = await run('21', request());
    const [mail] = await smtp.waitFor((m) => m.messageId === result.messageId);
    expect(mail.date?.toISOString()).toBe('2027-03-01T09:15:00.000Z');
    expect(mail.recipients.sort()).toStrictEqual(['audit@ci.example', 'els@bakker.example']);
    expect(mail.subject).toMatch(/^Herinnering SEBO-Keurmerk Bakker & <Zn>: een afspraak maken voor de audit op locatie uiterlijk 4 maart 2027$/);
    // The rule id is in a header for logs and filters, not in the words (issue 13).
    expect(mail.rules).toStrictEqual(['SEBO-T4']);
    expect(mail.text).not.toContain('SEBO-T4');
    expect(mail.html).toMatch(/Bakker &amp; &lt;Zn&gt;/);
    expect(mail.html).not.toMatch(/<Zn>/);
    expect(mail.text).toMatch(/Bakker & <Zn>/);
  });

  it('SEBO-T10: attaches the PDF certificate rendered from the data', async () => {
    const result = await run(
      '31',
      request({
        template: 'notice',
        notice: 'certificate',
        data: { aanhef: 'Els', regeling: 'SEBO-Keurmerk', bedrijf: 'Bakker', kvk: '12345678', geldigVanaf: '2027-03-01', geldigTot: '2029-03-01' },
        certificate: {
          certificateNumber: 'SEBO-12345678-20270301',
          schemeName: 'SEBO-Keurmerk',
          companyName: 'Bakker',
          kvkNumber: '12345678',
          validFrom: '2027-03-01T00:00:00+01:00',
          validUntil: '2029-03-01T00:00:00+01:00',
          issuedAt: '2027-03-01T09:15:00.000Z',
        },
      }),
    );
    const [mail] = await smtp.waitFor((m) => m.messageId === result.messageId);
    expect(mail.text).toMatch(/van 1 maart 2027 tot en met 1 maart 2029/);
    expect(mail.attachments.length).toBe(1);
    expect(mail.attachments[0].filename).toBe('certificaat-SEBO-12345678-20270301.pdf');
    expect(mail.attachments[0].content.subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('refuses a malformed request before sending anything', async () => {
    const before = smtp.mails.length;
    await expect(run('41', request({ to: ['geen-adres'] }))).rejects.toThrow(/expected an email address/);
    await expect(run('42', request({ template: 'notice', notice: 'bestaat-niet' }))).rejects.toThrow(/unknown notice "bestaat-niet"/);
    expect(ledger.find('sebo-12345678/run-1/41')).toBeUndefined();
    await new Promise((r) => setTimeout(r, 200));
    expect(smtp.mails.length).toBe(before);
  });
});
