// Issue 16: the claim-then-send protocol of the email ledger, the same for the embedded SQLite file
// and the shared PostgreSQL ledger (KEURMERK_LEDGER_URL): a key is claimed before SMTP is asked, a
// live claim of another attempt makes a retry wait, a claim whose lease ran out (its attempt died) is
// taken over, a sent key is never sent again. PostgreSQL runs as a real throw-away cluster.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import nodemailer from 'nodemailer';
import { MockActivityEnvironment } from '@temporalio/testing';
import type { Client } from '@temporalio/client';
import { createActivities } from '../../activities';
import { openSentLedger, type SentLedger } from '../../activities/email/sent-ledger';
import { openPostgresLedger } from '../../activities/email/postgres-ledger';
import { EMAIL_BEING_SENT, EMAIL_CLAIM_LEASE_MS, messageIdFor, type EmailRequest, type EmailResult } from '../../activities/email/send-email';
import { ConfigError, loadConfig } from '../../worker/config';
import { describeUnless } from '../helpers/skip';
import { postgresMissing, startPostgres, type TestPostgres } from '../helpers/postgres';
import { startSmtpCatcher, type SmtpCatcher } from '../helpers/smtp-catcher';
import { thrownBy } from '../helpers/thrown';

/** What the promise rejects with; fails the test when it resolves. */
async function failureOf(fn: () => Promise<unknown>): Promise<any> {
  try {
    await fn();
  } catch (err) {
    return err;
  }
  throw new Error('expected a failure, it succeeded');
}

const FROM = 'keurmerk@zoetermeer.example';
const roles = { 'certifying-institution': 'audit@ci.example', municipality: 'keurmerk@zoetermeer.example' };
const claim = (idempotencyKey: string, owner: string, leaseMs = 60_000) => ({ idempotencyKey, messageId: messageIdFor(idempotencyKey, FROM), owner, leaseMs });
const request: EmailRequest = {
  template: 'step-reminder',
  to: ['els@bakker.example'],
  date: '2027-03-01T09:15:00.000Z',
  data: { aanhef: 'Els', regeling: 'SEBO-Keurmerk', bedrijf: 'Bakker', kvk: '12345678', actie: 'auditPlanned', termijn: '2027-03-04T23:59:59.999+01:00', regel: 'SEBO-T4' },
};

/** The protocol, run against each ledger. */
function ledgerContract(name: string, open: () => Promise<SentLedger>) {
  describe(`${name}: claim before sending, mark sent after`, () => {
    let ledger: SentLedger;
    let smtp: SmtpCatcher;
    beforeAll(async () => {
      ledger = await open();
      smtp = await startSmtpCatcher();
    });
    afterAll(async () => {
      await ledger?.close();
      await smtp?.close();
    });
    const key = (k: string) => `${name}-case/run-1/${k}`;

    it('a new key is claimed; another attempt meanwhile finds it busy until the lease ends; the owner may claim it again', async () => {
      expect(await ledger.claim(claim(key('1'), 'attempt-a'))).toStrictEqual({ state: 'claimed' });
      const busy = await ledger.claim(claim(key('1'), 'attempt-b'));
      expect(busy.state).toBe('busy');
      // the claim stands for its lease (60 s here), not for ever
      const until = busy.state === 'busy' ? busy.until.getTime() : 0;
      expect(until).toBeGreaterThan(Date.now() + 30_000);
      expect(until).toBeLessThan(Date.now() + 90_000);
      expect(await ledger.claim(claim(key('1'), 'attempt-a'))).toStrictEqual({ state: 'claimed' });
      expect(await ledger.find(key('1'))).toBeUndefined();
    });

    it('a released claim (the attempt failed before SMTP accepted) is free at once; only its owner releases it', async () => {
      await ledger.claim(claim(key('2'), 'attempt-a'));
      await ledger.release(key('2'), 'attempt-b'); // not the owner: nothing changes
      expect((await ledger.claim(claim(key('2'), 'attempt-b'))).state).toBe('busy');
      await ledger.release(key('2'), 'attempt-a');
      expect(await ledger.claim(claim(key('2'), 'attempt-b'))).toStrictEqual({ state: 'claimed' });
    });

    it('a claim whose lease ran out (its attempt died mid-send) is taken over by the retry', async () => {
      expect((await ledger.claim(claim(key('3'), 'attempt-a', 300))).state).toBe('claimed');
      expect((await ledger.claim(claim(key('3'), 'attempt-b'))).state).toBe('busy');
      await new Promise((r) => setTimeout(r, 800));
      expect(await ledger.claim(claim(key('3'), 'attempt-b'))).toStrictEqual({ state: 'claimed' });
      // and now the first attempt, were it alive, is the one that waits
      expect((await ledger.claim(claim(key('3'), 'attempt-a'))).state).toBe('busy');
    });

    it('a sent key is sent for every attempt, also when a stale claim is released afterwards', async () => {
      await ledger.claim(claim(key('4'), 'attempt-a'));
      const record = { idempotencyKey: key('4'), messageId: messageIdFor(key('4'), FROM), acceptedAt: '2027-03-01T09:15:01.000Z', rejected: [{ address: 'x@y.example', reason: '550 no' }] };
      await ledger.markSent(record);
      await ledger.release(key('4'), 'attempt-a');
      for (const owner of ['attempt-a', 'attempt-b']) {
        const found = await ledger.claim(claim(key('4'), owner));
        expect(found.state).toBe('sent');
        expect(found.state === 'sent' && found.record.messageId).toBe(record.messageId);
        expect(found.state === 'sent' && found.record.rejected).toStrictEqual(record.rejected);
      }
      expect((await ledger.find(key('4')))?.messageId).toBe(record.messageId);
    });

    it('the email activity sends nothing while another attempt holds the claim, and retries when that claim ends', async () => {
      const activityId = `${name}-busy`;
      const idempotencyKey = `sebo-12345678/run-1/${activityId}`;
      await ledger.claim(claim(idempotencyKey, 'another-attempt'));
      const activities = createActivities({ client: {} as Client, transport: nodemailer.createTransport(smtp.url), ledger, from: FROM, roles });
      const env = new MockActivityEnvironment({ workflowExecution: { workflowId: 'sebo-12345678', runId: 'run-1' }, activityId });
      const failure = await failureOf(() => env.run(activities.sendEmail, request));
      expect(failure.type).toBe(EMAIL_BEING_SENT);
      // retryable, and the next try comes when the other attempt's claim ends
      expect(failure.nonRetryable).toBe(false);
      expect(failure.nextRetryDelay).toBeGreaterThan(30_000);
      expect(failure.nextRetryDelay).toBeLessThanOrEqual(EMAIL_CLAIM_LEASE_MS + 61_000);
      await new Promise((r) => setTimeout(r, 300));
      expect(smtp.mails.length).toBe(0);
      // the other attempt gives up (released): this one sends, once
      await ledger.release(idempotencyKey, 'another-attempt');
      expect(((await env.run(activities.sendEmail, request)) as EmailResult).alreadySent).toBe(false);
      expect(((await env.run(activities.sendEmail, request)) as EmailResult).alreadySent).toBe(true);
      await smtp.waitFor(() => true, 1);
      expect(smtp.mails.length).toBe(1);
    });

    it('a send that fails (SMTP unreachable) releases its claim, so the retry need not wait for the lease', async () => {
      const activityId = `${name}-unreachable`;
      const idempotencyKey = `sebo-12345678/run-1/${activityId}`;
      const closed = await startSmtpCatcher();
      const deadUrl = closed.url;
      await closed.close();
      const activities = createActivities({ client: {} as Client, transport: nodemailer.createTransport(deadUrl), ledger, from: FROM, roles });
      const env = new MockActivityEnvironment({ workflowExecution: { workflowId: 'sebo-12345678', runId: 'run-1' }, activityId });
      const failure = await failureOf(() => env.run(activities.sendEmail, request));
      expect(String(failure.message)).toMatch(/ECONNREFUSED|connect/i);
      expect(await ledger.claim(claim(idempotencyKey, 'the-retry'))).toStrictEqual({ state: 'claimed' });
    });
  });
}

describe('embedded email ledger (SQLite)', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'keurmerk-ledger-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  ledgerContract('sqlite', async () => openSentLedger(dir));
});

// In CI PostgreSQL must be there (.ci/run installs it): without it this suite fails instead of skipping.
describeUnless(process.env.CI === 'true' ? undefined : postgresMissing())('shared email ledger (PostgreSQL, issue 16)', () => {
  let postgres: TestPostgres;
  beforeAll(async () => {
    postgres = await startPostgres();
  }, 120_000);
  afterAll(async () => {
    await postgres?.stop();
  });
  ledgerContract('postgres', () => openPostgresLedger(postgres.url));

  it('two attempts claiming the same key at the same moment: exactly one may send', async () => {
    const ledgers = await Promise.all([openPostgresLedger(postgres.url), openPostgresLedger(postgres.url)]);
    try {
      const results = await Promise.all(
        Array.from({ length: 12 }, (_, i) => ledgers[i % 2].claim(claim('race/run-1/1', `attempt-${i}`))),
      );
      expect(results.filter((r) => r.state === 'claimed').length).toBe(1);
      expect(results.filter((r) => r.state === 'busy').length).toBe(11);
    } finally {
      await Promise.all(ledgers.map((l) => l.close()));
    }
  });

  it('creates its database when the server has none yet (docker-compose), and its table once for many workers', async () => {
    // Several rounds: workers racing on CREATE DATABASE and CREATE TABLE collide only sometimes.
    for (let round = 0; round < 5; round++) {
      const url = postgres.url.replace(/\/keurmerk_test$/, `/keurmerk_fresh_${round}`);
      const ledgers = await Promise.all([1, 2, 3, 4].map(() => openPostgresLedger(url)));
      try {
        expect(await ledgers[0].claim(claim('fresh/run-1/1', 'a'))).toStrictEqual({ state: 'claimed' });
        expect((await ledgers[3].claim(claim('fresh/run-1/1', 'b'))).state).toBe('busy');
      } finally {
        await Promise.all(ledgers.map((l) => l.close()));
      }
    }
  });

  it('a wrong password stops the start with the ledger named and the password masked', async () => {
    const wrong = postgres.url.replace(encodeURIComponent(postgres.password), 'not-the-password');
    const err = await failureOf(() => openPostgresLedger(wrong));
    expect(err.message).toMatch(/^email ledger postgres:\/\/keurmerk:\*\*\*@127\.0\.0\.1:\d+\/keurmerk_test: /);
    expect(err.message).toMatch(/password authentication failed/);
    expect(err.message).not.toMatch(/not-the-password/);
  });
});

describe('KEURMERK_LEDGER_URL setting', () => {
  it('accepts a PostgreSQL URL and leaves the embedded ledger the default', () => {
    expect(loadConfig({}).KEURMERK_LEDGER_URL).toBeUndefined();
    expect(loadConfig({ KEURMERK_LEDGER_URL: 'postgres://keurmerk:geheim@db:5432/keurmerk' }).KEURMERK_LEDGER_URL).toBe('postgres://keurmerk:geheim@db:5432/keurmerk');
    expect(loadConfig({ KEURMERK_LEDGER_URL: 'postgresql://db/keurmerk?sslmode=require' }).KEURMERK_LEDGER_URL).toBe('postgresql://db/keurmerk?sslmode=require');
  });

  it('refuses anything else, naming the setting and what is expected, without echoing the value', () => {
    for (const value of ['mysql://u:geheim@db/keurmerk', 'postgres://u:geheim@db', 'postgres://u:geheim@db/keurmerk extra', 'db:5432']) {
      const err = thrownBy(() => loadConfig({ KEURMERK_LEDGER_URL: value }), ConfigError);
      expect(err.message).toMatch(/KEURMERK_LEDGER_URL: expected postgres:\/\/user:password@host:5432\/database/);
      expect(err.message).not.toMatch(/geheim/);
    }
  });
});
