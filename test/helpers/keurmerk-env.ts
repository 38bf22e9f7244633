// One time-skipping devserver, one workflow bundle, one SMTP catcher and one real keurmerk worker per
// test file: what every workflow test shares. The worker is exactly the production one
// (createWorker), only its connections, SMTP transport and data directory come from the test.
import { mkdtempSync, rmSync } from 'node:fs';
import { afterAll, afterEach, beforeAll } from '@jest/globals';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import nodemailer from 'nodemailer';
import { bundleWorkflowCode, DefaultLogger, Runtime, type WorkflowBundle } from '@temporalio/worker';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Client, WorkflowHandle } from '@temporalio/client';
import { loadConfig, type Config } from '../../worker/config';
import { createWorker, type KeurmerkWorker } from '../../worker/create-worker';
import { timeSkippingEnv, uniqueTaskQueue } from './server';
import { startSmtpCatcher, type SmtpCatcher, type SmtpCatcherOptions } from './smtp-catcher';

let bundle: Promise<WorkflowBundle> | undefined;
/** The workflow bundle, built once per test process. */
export function workflowBundle(): Promise<WorkflowBundle> {
  bundle ??= bundleWorkflowCode({ workflowsPath: resolve(__dirname, '../../workflows'), logger: quietLogger });
  return bundle;
}

const quietLogger = {
  log() {},
  trace() {},
  debug() {},
  info() {},
  warn(message: string, meta?: unknown) {
    console.warn(message, meta ?? '');
  },
  error(message: string, meta?: unknown) {
    console.error(message, meta ?? '');
  },
};

export interface KeurmerkTestEnv {
  env: TestWorkflowEnvironment;
  client: Client;
  smtp: SmtpCatcher;
  config: Config;
  taskQueue: string;
  dataDir: string;
  keurmerk: KeurmerkWorker;
  /** Current server time (virtual in time-skipping mode). */
  now(): Promise<Date>;
  /** Terminates every case started through `track` (so finished tests leave no timers behind). */
  track<H extends { workflowId: string }>(handle: H): H;
  cleanup(): Promise<void>;
  stop(): Promise<void>;
}

export const CI_EMAIL = 'audit@ci.example';
export const MUNICIPALITY_EMAIL = 'keurmerk@zoetermeer.example';

let runtimeInstalled = false;
export function quietRuntime(): void {
  if (runtimeInstalled) return;
  runtimeInstalled = true;
  try {
    Runtime.install({ logger: new DefaultLogger('WARN') });
  } catch {
    // already installed by an earlier environment in this process
  }
}

/** The production worker (createWorker) on a test environment's connections, mailing to smtpUrl. */
export async function createTestWorker(env: TestWorkflowEnvironment, config: Config, smtpUrl: string): Promise<KeurmerkWorker> {
  return createWorker(config, {
    nativeConnection: env.nativeConnection,
    connection: env.connection,
    client: env.client,
    transport: nodemailer.createTransport(smtpUrl),
    workflowBundle: await workflowBundle(),
    taskQueue: config.TEMPORAL_TASK_QUEUE,
  });
}

export interface KeurmerkEnvOptions {
  /** How the SMTP catcher behaves (e.g. refuse some recipients with 550). */
  smtp?: SmtpCatcherOptions;
}

/**
 * Waits (at most 10 s of real time) until a run has no workflow task and no activity outstanding.
 * The official time-skipping test server never gives back the time-skipping lock that a run held
 * when it closed (its workflow task, its pending activities: sdk-java#1138), and neither does the
 * devserver; terminating a busy run would stop time for every later test in the file.
 */
async function untilQuiet(handle: WorkflowHandle): Promise<void> {
  const until = Date.now() + 10_000;
  while (Date.now() < until) {
    const d = await handle.describe().catch(() => undefined);
    if (!d || d.status.name !== 'RUNNING') return;
    if (!d.raw.pendingWorkflowTask && (d.raw.pendingActivities ?? []).length === 0) return;
    await new Promise((r) => setTimeout(r, 50));
  }
}

export async function startKeurmerkEnv(options: KeurmerkEnvOptions = {}): Promise<KeurmerkTestEnv> {
  quietRuntime();
  const env = await timeSkippingEnv();
  const smtp = await startSmtpCatcher(options.smtp);
  const dataDir = mkdtempSync(join(tmpdir(), 'keurmerk-test-'));
  const taskQueue = uniqueTaskQueue('keurmerk');
  const config = loadConfig({
    SMTP_URL: smtp.url,
    MAIL_FROM: 'keurmerk@zoetermeer.example',
    KEURMERK_DATA_DIR: dataDir,
    KEURMERK_CI_EMAIL: CI_EMAIL,
    KEURMERK_MUNICIPALITY_EMAIL: MUNICIPALITY_EMAIL,
    TEMPORAL_TASK_QUEUE: taskQueue,
  });
  const keurmerk = await createTestWorker(env, config, smtp.url);
  const running = keurmerk.worker.run();
  const tracked: string[] = [];
  return {
    track(handle) {
      tracked.push(handle.workflowId);
      return handle;
    },
    async cleanup() {
      for (const id of tracked.splice(0)) {
        const handle = env.client.workflow.getHandle(id);
        await untilQuiet(handle);
        await handle.terminate('test finished').catch(() => undefined);
      }
    },
    env,
    client: env.client,
    smtp,
    config,
    taskQueue,
    dataDir,
    keurmerk,
    async now() {
      return new Date((await env.currentTimeMs()) as number);
    },
    async stop() {
      keurmerk.worker.shutdown();
      await running.catch(() => undefined);
      await keurmerk.close();
      await env.teardown();
      await smtp.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * One keurmerk environment for a describe block: started before its tests, cleaned after each, stopped
 * at the end. The returned object forwards to the environment once the before hook has run.
 */
export function useKeurmerkEnv(options: KeurmerkEnvOptions = {}): KeurmerkTestEnv {
  let current: KeurmerkTestEnv | undefined;
  beforeAll(async () => {
    current = await startKeurmerkEnv(options);
  });
  afterEach(async () => {
    await current?.cleanup();
  });
  afterAll(async () => {
    await current?.stop();
  });
  return new Proxy({} as KeurmerkTestEnv, {
    get(_target, key) {
      if (!current) throw new Error('the keurmerk test environment is used before its before() hook ran');
      return current[key as keyof KeurmerkTestEnv];
    },
  });
}
