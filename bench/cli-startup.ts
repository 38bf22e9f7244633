// `npm run bench:cli [-- N]`: how long the admin command takes to start and answer (issue 14: a
// `status` "well under a second"). Starts the project devserver and the real worker (as the CLI tests
// do, test/cli/support.ts), records one application with the built command, then runs the launcher
// as a user does, `node client/bin/keurmerk.js`, N times per command line (default 15), in turns so
// that a change in the machine's load falls on every command alike:
//   node -e 0                the floor: node itself starting and exiting
//   keurmerk --help          no connection: what the command loads before it can do anything
//   keurmerk status <kvk>    a case that exists (the worker answers the query)
//   keurmerk status <kvk>    a KvK number without a case (the command asks the other schemes too)
// Prints wall time (median, p90) and its ratio to `node -e 0`, and from separate runs with a probe
// (bench/cli-startup-probe.js: the same command with a --require hook) the CPU time and the number of
// modules loaded. `--serve` only starts the server and the case and prints the environment to use, for
// profiling by hand (`node --cpu-prof client/bin/keurmerk.js status ...`).
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { KEURMERK_BIN, startCliEnv, type CliEnv } from '../test/cli/support';

const RUNS = Number(process.argv.find((a) => /^\d+$/.test(a)) ?? process.env.BENCH_CLI_RUNS ?? 15);
const PROBE = resolve(__dirname, 'cli-startup-probe.js');
const CASE_KVK = '31415926';
const NO_CASE_KVK = '27182818';

interface Scenario {
  name: string;
  args: string[];
  /** Exit code the command must end with (a wrong one means the figure measures something else). */
  code: number;
}

const SCENARIOS: Scenario[] = [
  { name: 'node -e 0', args: ['-e', '0'], code: 0 },
  { name: 'keurmerk --help', args: [KEURMERK_BIN, '--help'], code: 0 },
  { name: 'keurmerk status <case>', args: [KEURMERK_BIN, 'status', CASE_KVK], code: 0 },
  { name: 'keurmerk status <no case>', args: [KEURMERK_BIN, 'status', NO_CASE_KVK], code: 1 },
];

interface Run {
  ms: number;
  code: number | null;
  stderr: string;
}

function once(args: string[], env: NodeJS.ProcessEnv): Promise<Run> {
  return new Promise((done, fail) => {
    const t0 = performance.now();
    const child = spawn(process.execPath, args, { env, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr!.on('data', (d) => (stderr += d));
    child.on('error', fail);
    child.on('close', (code) => done({ ms: performance.now() - t0, code, stderr }));
  });
}

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] ?? NaN;
};

interface Probed {
  cpuMs: number;
  modules: number;
}

/** The same command line with the probe, which writes its CPU time and module count when the process exits. */
async function probed(scenario: Scenario, env: NodeJS.ProcessEnv, dir: string, i: number): Promise<Probed> {
  const file = join(dir, `probe-${SCENARIOS.indexOf(scenario)}-${i}.json`);
  const run = await once(['--require', PROBE, ...scenario.args], { ...env, KEURMERK_BENCH_PROBE: file });
  if (run.code !== scenario.code) throw new Error(`${scenario.name} exited ${run.code} (expected ${scenario.code}): ${run.stderr}`);
  return JSON.parse(readFileSync(file, 'utf8')) as Probed;
}

async function prepare(): Promise<CliEnv> {
  // The worker's lines would bury the figures.
  Runtime.install({ logger: new DefaultLogger('WARN') });
  const cli = await startCliEnv();
  const applied = await cli.keurmerk(
    'apply', '--kvk', CASE_KVK, '--company', 'Bakkerij De Bench', '--contact', 'Anna de Vries', '--email', 'anna@bench.example',
    '--accountmanager', 'wsp-017', '--establishment', 'Zoetermeer', '--active-since', '2019-05-01',
  );
  if (applied.code !== 0) throw new Error(`apply failed: ${applied.stderr}`);
  // The worker has taken the case up once its status answers.
  for (let i = 0; ; i++) {
    const status = await cli.keurmerk('status', CASE_KVK);
    if (status.code === 0 && !/As recorded by Temporal/.test(status.stdout)) break;
    if (i > 100) throw new Error(`the case does not answer: ${status.stderr}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  return cli;
}

async function main(): Promise<void> {
  const cli = await prepare();
  // NODE_EXTRA_CA_CERTS makes every node process read and parse that CA bundle as it starts (about
  // 110 ms of CPU on the machine this was measured on, even for `node -e 0`): a setting of the machine,
  // not a cost of the command, so the command runs without it, as on a machine without the setting.
  const env = { ...cli.vars };
  const extraCerts = env.NODE_EXTRA_CA_CERTS !== undefined;
  delete env.NODE_EXTRA_CA_CERTS;
  if (process.argv.includes('--serve')) {
    const keys = ['TEMPORAL_ADDRESS', 'TEMPORAL_NAMESPACE', 'TEMPORAL_TASK_QUEUE', 'KEURMERK_STATUS_WAIT'];
    console.log(`${keys.map((k) => `${k}=${env[k]}`).join(' ')} node client/bin/keurmerk.js status ${CASE_KVK}   (Ctrl-C stops the server)`);
    await new Promise<void>((stop) => process.once('SIGINT', () => stop()));
    await cli.teardown();
    return;
  }
  const dir = mkdtempSync(join(tmpdir(), 'keurmerk-bench-cli-'));
  const loadBefore = loadavg();
  const wall = new Map<Scenario, number[]>(SCENARIOS.map((s) => [s, []]));
  const probes = new Map<Scenario, Probed[]>(SCENARIOS.map((s) => [s, []]));
  try {
    // One untimed turn first: the disk cache and the command's own compile cache are as a user has them
    // after the first call.
    for (const s of SCENARIOS) await once(s.args, env);
    for (let i = 0; i < RUNS; i++) {
      for (const s of SCENARIOS) {
        const run = await once(s.args, env);
        if (run.code !== s.code) throw new Error(`${s.name} exited ${run.code} (expected ${s.code}): ${run.stderr}`);
        wall.get(s)!.push(run.ms);
        probes.get(s)!.push(await probed(s, env, dir, i));
      }
    }
  } finally {
    await cli.teardown();
    rmSync(dir, { recursive: true, force: true });
  }
  const loadAfter = loadavg();
  const floor = pct(wall.get(SCENARIOS[0]!)!, 50);
  const rows = SCENARIOS.map((s) => {
    const ms = wall.get(s)!;
    const p = probes.get(s)!;
    return {
      command: s.name,
      'median ms': Math.round(pct(ms, 50)),
      'p90 ms': Math.round(pct(ms, 90)),
      'x node -e 0': Number((pct(ms, 50) / floor).toFixed(1)),
      'CPU median ms': Math.round(pct(p.map((x) => x.cpuMs), 50)),
      modules: pct(p.map((x) => x.modules), 50),
    };
  });
  console.log(`runs: ${RUNS} per command; load average ${loadBefore.map((l) => l.toFixed(1)).join(' ')} before, ${loadAfter.map((l) => l.toFixed(1)).join(' ')} after; node ${process.version}; KEURMERK_COMPILE_CACHE=${env.KEURMERK_COMPILE_CACHE ?? '(default)'}${extraCerts ? '; NODE_EXTRA_CA_CERTS left out' : ''}`);
  console.table(rows);
}

main().catch((err) => {
  console.error(err);
  process.exit(2);
});
