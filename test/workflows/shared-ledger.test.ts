// Issue 16: several workers share the exactly-once email ledger in PostgreSQL (KEURMERK_LEDGER_URL).
// Two real worker processes (the production createWorker, each with its own data folder) poll one
// task queue of a real-clock devserver and share one real PostgreSQL. The first worker to start
// sending an email is killed with SIGKILL while the SMTP server is receiving that email (after DATA,
// before the server's 250), so the email was claimed in the ledger and not delivered. Temporal times
// the attempt out and retries it on the other worker, which waits for the dead attempt's claim to
// end and sends it. Every email arrives exactly once.
import { afterAll, beforeAll, expect, it, jest } from '@jest/globals';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { WorkflowIdConflictPolicy } from '@temporalio/common';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { caseWorkflowId, WORKFLOW_TYPES, type ApplicationStart } from '../../workflows/definitions';
import { localEnv, uniqueTaskQueue } from '../helpers/server';
import { startSmtpCatcher, type SmtpCatcher } from '../helpers/smtp-catcher';
import { quietRuntime, workflowBundle } from '../helpers/keurmerk-env';
import { nextKvk, seboApplication } from '../helpers/sebo-fixtures';
import { postgresMissing, startPostgres, type TestPostgres } from '../helpers/postgres';
import { describeUnless } from '../helpers/skip';

jest.setTimeout(10 * 60_000);

const CASES = 6;

// In CI PostgreSQL must be there (.ci/run installs it): without it this suite fails instead of skipping.
describeUnless(process.env.CI === 'true' ? undefined : postgresMissing())('two workers on one PostgreSQL email ledger (issue 16)', () => {
  let env: TestWorkflowEnvironment;
  let smtp: SmtpCatcher;
  let postgres: TestPostgres;
  let dir: string;
  const workers = new Map<string, ChildProcess>();
  let killed: { worker: string; session: string } | undefined;

  beforeAll(async () => {
    quietRuntime();
    postgres = await startPostgres();
    env = await localEnv();
    dir = mkdtempSync(join(tmpdir(), 'keurmerk-shared-ledger-'));
    smtp = await startSmtpCatcher({
      // The first email any worker starts to transmit: kill that worker right there, mid-send.
      async onDataStart(session) {
        if (killed) return;
        const child = workers.get(session.client);
        if (!child) return;
        killed = { worker: session.client, session: session.id };
        child.kill('SIGKILL');
        await smtp.sessionClosed(session.id);
      },
    });
  }, 180_000);
  afterAll(async () => {
    for (const child of workers.values()) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await env?.teardown();
    await smtp?.close();
    await postgres?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('every email arrives exactly once when a worker is killed (kill -9) mid-send and the retry runs on the other worker', async () => {
    const taskQueue = uniqueTaskQueue('shared-ledger');
    const bundleFile = join(dir, 'workflow-bundle.js');
    writeFileSync(bundleFile, (await workflowBundle()).code);
    const start = (name: string) => {
      const data = join(dir, name);
      mkdirSync(data);
      const child = spawn(process.execPath, ['--import', 'tsx', resolve(__dirname, '../helpers/crash-worker.ts')], {
        env: {
          ...process.env,
          TEMPORAL_ADDRESS: env.address,
          TEMPORAL_TASK_QUEUE: taskQueue,
          // the EHLO name tells the SMTP server which worker is sending
          SMTP_URL: `${smtp.url}/?name=${name}`,
          KEURMERK_LEDGER_URL: postgres.url,
          KEURMERK_DATA_DIR: data, // a folder of its own: the ledger they share is PostgreSQL's
          WORKFLOW_BUNDLE_FILE: bundleFile,
        },
        stdio: ['ignore', 'pipe', 'ignore'],
      });
      workers.set(name, child);
      return new Promise<void>((ready, failed) => {
        child.stdout!.on('data', (chunk: Buffer) => chunk.toString().includes('ready') && ready());
        child.once('exit', (code, signal) => failed(new Error(`worker ${name} ended before it was ready (${code ?? signal})`)));
      });
    };
    await Promise.all([start('worker-a'), start('worker-b')]);

    const kvks = Array.from({ length: CASES }, () => nextKvk());
    for (const kvk of kvks) {
      const begin: ApplicationStart = { application: seboApplication(kvk, new Date()), accountmanagerCode: 'AM-001' };
      await env.client.workflow.start(WORKFLOW_TYPES.application, {
        taskQueue,
        workflowId: caseWorkflowId('sebo', kvk),
        workflowIdConflictPolicy: WorkflowIdConflictPolicy.FAIL,
        args: [begin],
      });
    }

    // One worker was killed while the SMTP server received an email from it.
    for (let i = 0; i < 600 && !killed; i++) await new Promise((r) => setTimeout(r, 100));
    expect(killed).toBeDefined();
    const dead = workers.get(killed!.worker)!;
    const survivor = killed!.worker === 'worker-a' ? 'worker-b' : 'worker-a';
    await new Promise((r) => (dead.exitCode !== null || dead.signalCode !== null ? r(undefined) : dead.once('exit', r)));
    expect(dead.signalCode).toBe('SIGKILL');

    // Every case's first email arrives to both its readers (the mailer sends them one after the other),
    // the interrupted one after the attempt's timeout (30 s) and its claim's lease (45 s).
    for (const kvk of kvks) await smtp.waitFor((m) => m.subject.includes(kvk) && /aanvraag ontvangen/.test(m.subject), 2, 240_000);
    // Then wait until nothing is claimed any more and the ledger and the SMTP server agree (bounded).
    let sent: { message_id: string }[] = [];
    for (let i = 0; i < 120; i++) {
      const claimed = await postgres.query(`SELECT 1 FROM keurmerk_sent_email WHERE state = 'claimed'`);
      sent = await postgres.query(`SELECT message_id FROM keurmerk_sent_email WHERE state = 'sent'`);
      if (claimed.length === 0 && sent.length === smtp.mails.length) break;
      await new Promise((r) => setTimeout(r, 1_000));
    }

    // exactly one first email per case and reader (one to the applicant, one to the accountmanager)
    const first = (kvk: string) => smtp.matching((m) => m.subject.includes(kvk) && /aanvraag ontvangen/.test(m.subject));
    expect(kvks.map((kvk) => first(kvk).map((m) => m.reader).sort())).toStrictEqual(kvks.map(() => ['accountmanager', 'applicant']));
    // no email twice (Message-IDs are derived from the activity identity)
    const ids = smtp.mails.map((m) => m.messageId);
    expect(ids.length).toBeGreaterThanOrEqual(CASES);
    expect(new Set(ids).size).toBe(ids.length);
    // every email the ledger calls sent arrived, and nothing arrived that it does not know
    expect(sent.map((r) => r.message_id).sort()).toStrictEqual([...ids].sort());
    // nothing was delivered from the killed worker's interrupted session; what it was sending (when
    // the server had read it in full) was delivered once, by the other worker
    expect(smtp.abandoned.length).toBeLessThanOrEqual(1);
    for (const lost of smtp.abandoned) {
      expect(lost.client).toBe(killed!.worker);
      expect(smtp.matching((m) => m.messageId === lost.messageId).map((m) => m.client)).toStrictEqual([survivor]);
    }
    // the survivor did the work after the kill
    expect(smtp.mails.some((m) => m.client === survivor)).toBe(true);
  });
});
