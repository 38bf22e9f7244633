// `npm start`: the whole system on one machine with its embedded defaults, in one process tree.
//   devserver (persisted to ./data, with the Temporal UI)  ·  mail catcher (MailDev)  ·  worker
// With TEMPORAL_ADDRESS set no devserver is started and the given server is used; with SMTP_URL set
// no mail catcher is started. `npm start -- --demo` also starts example cases. Ctrl-C stops it all.
import { chmodSync, existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { spawnSync } from 'node:child_process';
import { Command } from 'commander';
import { loadConfig, ConfigError } from '../worker/config';
import { ALL_SEARCH_ATTRIBUTES, searchAttributeFlag } from '../workflows/search-attributes';
import { embeddedSchema } from './embedded/settings';
import { startChild, type Child } from './embedded/processes';
import { startMailCatcher, type MailCatcher } from './embedded/mail-catcher';
import { withoutPassword } from '../worker/redact';

/** Preloaded into the worker and the devserver: they stop when this process dies, even by kill -9, from their first moment on. */
const WATCHDOG = resolve(__dirname, 'embedded/parent-watchdog.cjs');

const root = resolve(__dirname, '..');

interface Running {
  children: Child[];
  mail?: MailCatcher;
}

async function main(): Promise<void> {
  const opts = new Command('npm start')
    .description('run keurmerk with its embedded defaults (devserver, worker, mail catcher, Temporal UI)')
    .option('--demo', 'also start a handful of example cases at different stages')
    .parse(process.argv)
    .opts<{ demo?: boolean }>();

  const env = { ...process.env };
  const embedded = parseOrExit(() => embeddedSchema.parse(env));
  const userConfig = parseOrExit(() => loadConfig(env));
  const dataDir = resolve(root, userConfig.KEURMERK_DATA_DIR);
  // Cases, addresses and mail are personal data: everything this process tree creates is for its
  // owner only (files 0600, folders 0700), and so is what an older version left world-readable.
  process.umask(0o077);
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  ownerOnly(dataDir);

  const running: Running = { children: [] };
  const stop = once(async (code: number) => {
    process.stderr.write('\nstopping keurmerk ...\n');
    for (const child of running.children) child.stopping = true;
    for (const child of [...running.children].reverse()) await child.stop();
    await running.mail?.stop();
    process.exit(code);
  });
  process.on('SIGINT', () => void stop(0));
  process.on('SIGTERM', () => void stop(0));

  try {
    const host = embedded.KEURMERK_HOST;
    let uiUrl: string | undefined;
    if (!env.TEMPORAL_ADDRESS) {
      buildUiIfNeeded();
      const args = [
        '--ip', host, '--port', String(embedded.KEURMERK_TEMPORAL_PORT), '--ui-port', String(embedded.KEURMERK_UI_PORT),
        '--namespace', userConfig.TEMPORAL_NAMESPACE, '--db-filename', resolve(dataDir, 'temporal.db'),
        ...ALL_SEARCH_ATTRIBUTES.flatMap((k) => ['--search-attribute', searchAttributeFlag(k)]),
      ];
      running.children.push(
        await startChild('devserver', process.execPath, ['--require', WATCHDOG, resolve(root, 'devserver/bin/keurmerk-devserver.js'), ...args], {
          ready: /listening on/,
          timeoutMs: 30_000,
          restart: true,
        }),
      );
      env.TEMPORAL_ADDRESS = `${host}:${embedded.KEURMERK_TEMPORAL_PORT}`;
      uiUrl = `http://${host}:${embedded.KEURMERK_UI_PORT}`;
    }
    if (!env.SMTP_URL) {
      running.mail = await startMailCatcher(host, embedded.KEURMERK_SMTP_PORT, embedded.KEURMERK_MAIL_WEB_PORT, dataDir);
      env.SMTP_URL = running.mail.smtpUrl;
    }
    running.children.push(
      await startChild('worker', process.execPath, ['--require', WATCHDOG, '--import', 'tsx', resolve(root, 'worker/worker.ts')], {
        env,
        ready: /Worker state changed.*RUNNING/,
        timeoutMs: 120_000,
        restart: true,
      }),
    );
    if (opts.demo) await startDemo(env);
    printBlock(env, uiUrl, running.mail, dataDir);
  } catch (err) {
    process.stderr.write(`keurmerk could not start: ${(err as Error).message}\n`);
    await stop(1);
  }
}

function parseOrExit<T>(parse: () => T): T {
  try {
    return parse();
  } catch (err) {
    if (err instanceof ConfigError) process.stderr.write(`${err.message}\n`);
    else if (err && typeof err === 'object' && 'issues' in err) {
      for (const issue of (err as { issues: { path: PropertyKey[]; message: string }[] }).issues) {
        process.stderr.write(`invalid configuration: ${issue.path.join('.')}: ${issue.message}\n`);
      }
    } else throw err;
    process.exit(2);
  }
}

function buildUiIfNeeded(): void {
  // The UI is built on first start (it has its own dependencies); the build script shows progress and
  // returns at once when the build is current.
  if (!existsSync(resolve(root, 'ui/package.json'))) return;
  const result = spawnSync('npm', ['run', '--silent', 'ui:build'], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) process.stderr.write('warning: the Temporal UI could not be built; the API still runs\n');
}

async function startDemo(env: NodeJS.ProcessEnv): Promise<void> {
  const demo = resolve(root, 'scripts/embedded/demo.ts');
  const result = spawnSync(process.execPath, ['--import', 'tsx', demo], { cwd: root, env, stdio: 'inherit' });
  if (result.status !== 0) process.stderr.write('warning: the demo cases could not all be started\n');
}

function printBlock(env: NodeJS.ProcessEnv, uiUrl: string | undefined, mail: MailCatcher | undefined, dataDir: string): void {
  const lines = [
    '',
    'keurmerk is running',
    `  Temporal        ${env.TEMPORAL_ADDRESS} (namespace ${env.TEMPORAL_NAMESPACE ?? 'default'})`,
    uiUrl ? `  Temporal UI     ${uiUrl}` : undefined,
    mail ? `  Mail catcher    ${mail.webUrl}  (SMTP ${mail.smtpUrl})` : `  SMTP            ${withoutPassword(env.SMTP_URL ?? '')}`,
    `  Data            ${dataDir}`,
    '',
    'Next: npx keurmerk apply --help     (or: npx keurmerk list)',
    'Stop: Ctrl-C',
    '',
  ];
  process.stdout.write(lines.filter((l) => l !== undefined).join('\n') + '\n');
}

/** chmod 0700 for folders and 0600 for files under `dir` (the devserver's database, the ledger, the mail). */
function ownerOnly(dir: string): void {
  chmodSync(dir, 0o700);
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    const st = statSync(path);
    if (st.isDirectory()) ownerOnly(path);
    else if (st.isFile()) chmodSync(path, 0o600);
  }
}

function once<A extends unknown[]>(fn: (...args: A) => Promise<void>): (...args: A) => Promise<void> {
  let done: Promise<void> | undefined;
  return (...args) => (done ??= fn(...args));
}

main();
