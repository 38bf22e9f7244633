// The embedded system the browser test drives: the devserver as operators start it (standalone, with
// its UI port and keurmerk's search attributes), the production keurmerk worker, an SMTP catcher,
// and Chromium from Debian's package.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import nodemailer from 'nodemailer';
import { Client, Connection } from '@temporalio/client';
import { loadConfig } from '../../worker/config';
import { createWorker, type KeurmerkWorker } from '../../worker/create-worker';
import { ALL_SEARCH_ATTRIBUTES, searchAttributeFlag } from '../../workflows/search-attributes';
import { freePorts } from '../helpers/ports';
import { DEVSERVER_BIN, uniqueTaskQueue } from '../helpers/server';
import { workflowBundle } from '../helpers/keurmerk-env';
import { startSmtpCatcher, type SmtpCatcher } from '../helpers/smtp-catcher';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ROOT = resolve(__dirname, '../..');

/** Chromium's path, installing Debian's package when missing; a reason instead when that cannot work. */
export function ensureChromium(): { path: string } | { skip: string } {
  if (existsSync(CHROMIUM)) return { path: CHROMIUM };
  if (process.platform !== 'linux' || !existsSync('/usr/bin/apt-get')) {
    return { skip: `no Chromium at ${CHROMIUM} and no apt-get to install it (set CHROMIUM_PATH)` };
  }
  if (process.getuid?.() !== 0) return { skip: `no Chromium at ${CHROMIUM}; installing it needs root (apt-get install chromium)` };
  console.log('browser test: installing Debian chromium (apt-get update && apt-get install chromium) ...');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const update = spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
  const install = update.status === 0 && spawnSync('apt-get', ['install', '-y', '-qq', 'chromium'], { stdio: 'inherit', env });
  if (!install || install.status !== 0 || !existsSync(CHROMIUM)) {
    return { skip: 'Chromium could not be installed from Debian packages (apt-get failed; offline?)' };
  }
  return { path: CHROMIUM };
}

/** ui/build, built by `npm run ui:build` when missing or older than ui/src (skips when current). */
export function ensureUiBuilt(): string {
  const result = spawnSync(process.execPath, [join(ROOT, 'scripts/ui-build.mjs')], {
    cwd: ROOT,
    stdio: 'inherit',
    env: { ...process.env, UI_BUILD_QUIET: '1' },
  });
  if (result.status !== 0) throw new Error(`npm run ui:build failed (exit ${result.status})`);
  return join(ROOT, 'ui/build');
}

/** The flags notes/temporal-ui.md lists for Debian's chromium run as root in a container. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface UiSystem {
  address: string;
  uiUrl: string;
  client: Client;
  taskQueue: string;
  smtp: SmtpCatcher;
  stop(): Promise<void>;
}

export async function startUiSystem(uiDir: string): Promise<UiSystem> {
  const [grpcPort, uiPort] = await freePorts(2);
  const attributes = ALL_SEARCH_ATTRIBUTES.map((key) => `--search-attribute=${searchAttributeFlag(key)}`);
  const server = spawn(process.execPath, [DEVSERVER_BIN, '--port', String(grpcPort), '--ui-port', String(uiPort), ...attributes], {
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, KEURMERK_UI_DIR: uiDir },
  });
  const stops: Array<() => Promise<unknown> | unknown> = [() => stopProcess(server)];
  const stop = async () => {
    for (const fn of stops.reverse()) await fn();
  };
  try {
    await waitForLine(server, /listening on .*\(ui (http:\/\/\S+)\)/);
    const address = `127.0.0.1:${grpcPort}`;
    const smtp = await startSmtpCatcher();
    stops.push(() => smtp.close());
    const dataDir = mkdtempSync(join(tmpdir(), 'keurmerk-ui-test-'));
    stops.push(() => rmSync(dataDir, { recursive: true, force: true }));
    const taskQueue = uniqueTaskQueue('keurmerk-ui');
    const config = loadConfig({
      TEMPORAL_ADDRESS: address,
      SMTP_URL: smtp.url,
      KEURMERK_DATA_DIR: dataDir,
      TEMPORAL_TASK_QUEUE: taskQueue,
    });
    const connection = await Connection.connect({ address });
    stops.push(() => connection.close());
    const client = new Client({ connection });
    const keurmerk: KeurmerkWorker = await createWorker(config, {
      connection,
      client,
      transport: nodemailer.createTransport(smtp.url),
      workflowBundle: await workflowBundle(),
      taskQueue,
    });
    stops.push(() => keurmerk.close());
    const running = keurmerk.worker.run();
    stops.push(async () => {
      keurmerk.worker.shutdown();
      await running.catch(() => undefined);
    });
    return { address, uiUrl: `http://127.0.0.1:${uiPort}`, client, taskQueue, smtp, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}


function waitForLine(child: ChildProcess, pattern: RegExp, timeoutMs = 15_000): Promise<RegExpMatchArray> {
  return new Promise((resolve, reject) => {
    let seen = '';
    const timer = setTimeout(() => done(new Error(`devserver did not start within ${timeoutMs} ms; output: ${seen}`)), timeoutMs);
    const onData = (chunk: Buffer) => {
      seen += chunk.toString();
      const match = pattern.exec(seen);
      if (match) done(undefined, match);
    };
    const onExit = (code: number | null) => done(new Error(`devserver exited with ${code} before listening; output: ${seen}`));
    function done(error?: Error, match?: RegExpMatchArray) {
      clearTimeout(timer);
      child.stdout!.off('data', onData);
      child.off('exit', onExit);
      if (error) reject(error);
      else resolve(match!);
    }
    child.stdout!.on('data', onData);
    child.once('exit', onExit);
  });
}

function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
    setTimeout(() => child.kill('SIGKILL'), 3000).unref();
  });
}
