// `npm start`: the whole system on one machine with its embedded defaults, in one process tree.
//   devserver (persisted to ./data, with the Temporal UI)  ·  mail catcher (smtp-server, own page)  ·  worker
// With TEMPORAL_ADDRESS set no devserver is started and the given server is used; with SMTP_URL set
// no mail catcher is started. `npm start -- --demo` also starts example cases. Ctrl-C, SIGTERM and
// SIGHUP stop it all.
import { chmodSync, existsSync, mkdirSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { spawn } from 'node:child_process';
import { Command } from 'commander';
import { loadConfig, ConfigError } from '../worker/config';
import { ALL_SEARCH_ATTRIBUTES, searchAttributeFlag } from '../workflows/search-attributes';
import { embeddedSchema } from './embedded/settings';
import { startChild, stopProcess, type Child } from './embedded/processes';
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
  // Ctrl-C, a service manager's SIGTERM and a closed terminal's SIGHUP all stop the whole tree.
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, () => void stop(0));
  // `npm start` runs this under npm: when npm itself is killed (SIGTERM or SIGHUP to its pid only, or
  // kill -9), this process is re-parented; that too stops the tree instead of leaving it running.
  // npm runs scripts through `sh -c`, so npm is the parent's parent: a SIGHUP to npm alone (which npm
  // does not forward) ends npm but leaves the shell waiting; watching npm too catches that.
  const parent = process.ppid;
  const npm = process.env.npm_lifecycle_event ? parentOf(parent) : undefined;
  setInterval(() => {
    if (process.ppid !== parent || (npm !== undefined && !isAlive(npm))) void stop(0);
  }, 500).unref();
  const track = (child: Child) => void running.children.push(child);

  try {
    const host = embedded.KEURMERK_HOST;
    let uiUrl: string | undefined;
    if (!env.TEMPORAL_ADDRESS) {
      await buildUiIfNeeded(track);
      const args = [
        '--ip', host, '--port', String(embedded.KEURMERK_TEMPORAL_PORT), '--ui-port', String(embedded.KEURMERK_UI_PORT),
        '--namespace', userConfig.TEMPORAL_NAMESPACE, '--db-filename', resolve(dataDir, 'temporal.db'),
        ...ALL_SEARCH_ATTRIBUTES.flatMap((k) => ['--search-attribute', searchAttributeFlag(k)]),
      ];
      await startChild('devserver', process.execPath, ['--require', WATCHDOG, resolve(root, 'devserver/bin/keurmerk-devserver.js'), ...args], {
        ready: /listening on/,
        timeoutMs: 30_000,
        restart: true,
        onSpawn: track,
      });
      env.TEMPORAL_ADDRESS = `${host}:${embedded.KEURMERK_TEMPORAL_PORT}`;
      uiUrl = `http://${host}:${embedded.KEURMERK_UI_PORT}`;
    }
    if (!env.SMTP_URL) {
      running.mail = await startMailCatcher(host, embedded.KEURMERK_SMTP_PORT, embedded.KEURMERK_MAIL_WEB_PORT, dataDir);
      env.SMTP_URL = running.mail.smtpUrl;
    }
    await startChild('worker', process.execPath, ['--require', WATCHDOG, '--import', 'tsx', resolve(root, 'worker/worker.ts')], {
      env,
      ready: /Worker state changed.*RUNNING/,
      timeoutMs: 120_000,
      restart: true,
      onSpawn: track,
    });
    if (opts.demo) await startDemo(env, track);
    printBlock(env, uiUrl, running.mail, dataDir);
  } catch (err) {
    process.stderr.write(`keurmerk could not start: ${(err as Error).message}\n`);
    await stop(1);
  }
}

/** The parent pid of `pid` (Linux /proc); undefined where that cannot be read. */
function parentOf(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    return ppid > 1 ? ppid : undefined;
  } catch {
    return undefined;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
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

/** A one-off step (the UI build, the demo) as a child of this tree, so a stop meanwhile ends it too. */
function step(name: string, command: string, args: string[], env: NodeJS.ProcessEnv, track: (c: Child) => void): Promise<number> {
  return new Promise((resolveStep) => {
    const proc = spawn(command, args, { cwd: root, env, stdio: 'inherit' });
    const child: Child = { name, process: proc, stopping: false, stop: () => stopProcess(proc) };
    track(child);
    proc.once('exit', (code) => resolveStep(code ?? 1));
    proc.once('error', () => resolveStep(1));
  });
}

async function buildUiIfNeeded(track: (c: Child) => void): Promise<void> {
  // The UI is built on first start (it has its own dependencies); the build script shows one line
  // per stage instead of npm's fetch log, and returns at once when the build is current.
  if (!existsSync(resolve(root, 'ui/package.json'))) return;
  const status = await step('ui build', 'npm', ['run', '--silent', 'ui:build'], process.env, track);
  if (status !== 0) process.stderr.write('warning: the Temporal UI could not be built; the API still runs\n');
}

async function startDemo(env: NodeJS.ProcessEnv, track: (c: Child) => void): Promise<void> {
  const demo = resolve(root, 'scripts/embedded/demo.ts');
  const status = await step('demo', process.execPath, ['--import', 'tsx', demo], env, track);
  if (status !== 0) process.stderr.write('warning: the demo cases could not all be started\n');
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
    'Stop: Ctrl-C (or SIGTERM / SIGHUP)',
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
