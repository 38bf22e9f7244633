// "An email must not go out twice": the worker dies between SMTP accepting an email and Temporal
// hearing that the activity completed. The retry runs on a new worker and finds the email in the
// durable sent-ledger, so exactly one email arrives, and the case carries on.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { WorkflowIdConflictPolicy } from '@temporalio/common';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { openSentLedger } from '../../activities/email/sent-ledger';
import { loadConfig } from '../../worker/config';
import { caseWorkflowId, statusQuery, WORKFLOW_TYPES, type ApplicationStart } from '../../workflows/definitions';
import { timeSkippingEnv, uniqueTaskQueue } from '../helpers/server';
import { startSmtpCatcher, type SmtpCatcher } from '../helpers/smtp-catcher';
import { createTestWorker, quietRuntime, workflowBundle } from '../helpers/keurmerk-env';
import { nextKvk, seboApplication } from '../helpers/sebo-fixtures';

describe('worker crash after sending an email', () => {
  let env: TestWorkflowEnvironment;
  let smtp: SmtpCatcher;
  let dir: string;
  beforeAll(async () => {
    quietRuntime();
    env = await timeSkippingEnv();
    smtp = await startSmtpCatcher();
    dir = mkdtempSync(join(tmpdir(), 'keurmerk-crash-'));
  });
  afterAll(async () => {
    await env?.teardown();
    await smtp?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('exactly one email arrives when the worker is killed between sending and completing the activity', async () => {
    const taskQueue = uniqueTaskQueue('crash');
    const settings = {
      TEMPORAL_ADDRESS: env.address,
      TEMPORAL_TASK_QUEUE: taskQueue,
      SMTP_URL: smtp.url,
      KEURMERK_DATA_DIR: dir,
    };
    const bundleFile = join(dir, 'workflow-bundle.js');
    writeFileSync(bundleFile, (await workflowBundle()).code);
    const marker = join(dir, 'crashed');
    const child = spawn(process.execPath, ['--import', 'tsx', resolve(__dirname, '../helpers/crash-worker.ts')], {
      env: { ...process.env, ...settings, WORKFLOW_BUNDLE_FILE: bundleFile, CRASH_MARKER: marker },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    const exited = new Promise<NodeJS.Signals | null>((r) => child.once('exit', (_code, signal) => r(signal)));

    const kvk = nextKvk();
    const start: ApplicationStart = { application: seboApplication(kvk, new Date((await env.currentTimeMs()) as number)), accountmanagerCode: 'AM-001' };
    const handle = await env.client.workflow.start(WORKFLOW_TYPES.application, {
      taskQueue,
      workflowId: caseWorkflowId('sebo', kvk),
      workflowIdConflictPolicy: WorkflowIdConflictPolicy.FAIL,
      args: [start],
    });

    // the worker died by SIGKILL
    expect(await exited).toBe('SIGKILL');
    // it died right after the email was sent and recorded
    expect(existsSync(marker)).toBe(true);
    const key = readFileSync(marker, 'utf8');
    expect(key).toMatch(new RegExp(`^sebo-${kvk}/`));
    await smtp.waitFor((m) => m.subject.includes(kvk), 1);

    // A new worker on the same ledger takes over once Temporal times out the lost activity attempt.
    const config = loadConfig(settings);
    const keurmerk = await createTestWorker(env, config, smtp.url);
    await keurmerk.worker.runUntil(async () => {
      await env.sleep('1 minute'); // past the activity's start-to-close timeout (30 s): the retry runs here
      await handle.executeUpdate('intakeRecorded', { args: [{ at: new Date((await env.currentTimeMs()) as number).toISOString(), by: 'test' }] });
      // The mailer sends in order: the next email proves the retried activity completed.
      await smtp.waitFor((m) => m.subject.includes(kvk) && /op de agenda/.test(m.subject));
      expect((await handle.query(statusQuery)).stage).toBe('MEETING');
    });
    await keurmerk.close();

    // one email per reader (applicant, accountmanager), and exactly one each, not one per attempt
    const all = smtp.matching((m) => m.subject.includes(kvk) && /aanvraag ontvangen/.test(m.subject));
    expect(all.map((m) => m.reader).sort()).toStrictEqual(['accountmanager', 'applicant']);
    const received = all.filter((m) => m.reader === 'applicant');
    expect(received.length).toBe(1);
    const ledger = openSentLedger(dir);
    try {
      // the ledger holds the Message-ID that went out
      expect(ledger.find(key)?.messageId).toBe(received[0].messageId);
    } finally {
      ledger.close();
    }
  });
});
