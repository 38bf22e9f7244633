// What the CLI tests share: a time-skipping devserver, a real keurmerk Worker with the real workflows and a real
// SMTP catcher, and the BUILT admin command run as a child process against them.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { AddressInfo } from 'node:net';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import nodemailer from 'nodemailer';
import { SMTPServer } from 'smtp-server';
import { loadConfig } from '../../worker/config';
import { createWorker, type KeurmerkWorker } from '../../worker/create-worker';
import { timeSkippingEnv, uniqueTaskQueue } from '../helpers/server';

export const KEURMERK_BIN = resolve(__dirname, '../../client/bin/keurmerk.js');
const BUILT_MAIN = resolve(__dirname, '../../dist/client/main.js');

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface CliEnv {
  env: TestWorkflowEnvironment;
  taskQueue: string;
  /** Recipients of every email the worker sent, in order. */
  mails: string[][];
  /** Runs `keurmerk ...args` as a child process against this environment. */
  keurmerk(...args: string[]): Promise<CliResult>;
  /** The environment the admin command runs with (server address, task queue, data folder). */
  vars: NodeJS.ProcessEnv;
  /** Like keurmerk, with extra or replaced environment variables. */
  keurmerkWithEnv(extraEnv: NodeJS.ProcessEnv, ...args: string[]): Promise<CliResult>;
  teardown(): Promise<void>;
}

/** The admin command as users run it: `node client/bin/keurmerk.js` on the compiled dist/. */
export function runBuilt(env: NodeJS.ProcessEnv, args: string[]): Promise<CliResult> {
  if (!existsSync(BUILT_MAIN)) throw new Error(`${BUILT_MAIN} is missing: run \`npm run build\` (npm test does)`);
  return new Promise((resolvePromise) => {
    execFile(process.execPath, [KEURMERK_BIN, ...args], { env, timeout: 60_000 }, (err, stdout, stderr) => {
      const code = err ? (typeof err.code === 'number' ? err.code : 1) : 0;
      resolvePromise({ code, stdout, stderr });
    });
  });
}

/** A real SMTP server on a free port that keeps the recipients of each message. */
async function smtpCatcher(mails: string[][]): Promise<{ port: number; close(): Promise<void> }> {
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      stream.resume();
      stream.on('end', () => {
        mails.push(session.envelope.rcptTo.map((r) => r.address));
        callback();
      });
    },
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', () => ok()));
  const port = (server.server.address() as AddressInfo).port;
  return { port, close: () => new Promise<void>((ok) => server.close(() => ok())) };
}

export interface CliEnvOptions {
  /** More settings for worker and admin command alike (e.g. KEURMERK_ENCRYPTION_KEYS). */
  vars?: NodeJS.ProcessEnv;
  /** More arguments for the devserver (e.g. --db-filename). */
  serverArgs?: string[];
}

export async function startCliEnv(options: CliEnvOptions = {}): Promise<CliEnv> {
  // Time skipping: a members' meeting months ahead passes in a moment (env.sleep); the worker
  // registers the Keurmerk* search attributes itself, as it does on a real server.
  const env = await timeSkippingEnv(options.serverArgs);
  const dataDir = mkdtempSync(join(tmpdir(), 'keurmerk-cli-'));
  const taskQueue = uniqueTaskQueue('cli');
  const mails: string[][] = [];
  const smtp = await smtpCatcher(mails);
  const childEnv: NodeJS.ProcessEnv = {
    ...process.env,
    TEMPORAL_ADDRESS: env.address,
    TEMPORAL_NAMESPACE: 'default',
    TEMPORAL_TASK_QUEUE: taskQueue,
    KEURMERK_DATA_DIR: dataDir,
    // The full answer even when the shared machine is slow (status shows only what Temporal recorded
    // after 1 s by default; test/cli/no-worker.test.ts tests that).
    KEURMERK_STATUS_WAIT: '60',
    ...options.vars,
  };
  const config = loadConfig({ ...childEnv, SMTP_URL: `smtp://127.0.0.1:${smtp.port}` });
  let keurmerkWorker: KeurmerkWorker | undefined;
  let running: Promise<void> | undefined;
  try {
    keurmerkWorker = await createWorker(config, {
      nativeConnection: env.nativeConnection,
      connection: env.connection,
      client: env.client,
      taskQueue,
      transport: nodemailer.createTransport({ host: '127.0.0.1', port: smtp.port, secure: false, ignoreTLS: true }),
    });
    running = keurmerkWorker.worker.run();
  } catch (err) {
    await smtp.close();
    await env.teardown();
    throw err;
  }
  return {
    env,
    taskQueue,
    mails,
    keurmerk: (...args) => runBuilt(childEnv, args),
    vars: childEnv,
    keurmerkWithEnv: (extraEnv, ...args) => runBuilt({ ...childEnv, ...extraEnv }, args),
    async teardown() {
      keurmerkWorker?.worker.shutdown();
      await running;
      await keurmerkWorker?.close();
      await smtp.close();
      await env.teardown();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
