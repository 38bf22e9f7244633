// npm run bench:lives [-- N]: N whole company lives side by side (default 5), mixed over every scheme
// with a workflow (SEBO, SEBO-ambassadeur, Werkpakt, MVS, PSO; bench/lives/scripts.ts), each from
// application to lapse through the real SDK on the project's time-skipping devserver: the scheme's
// steps as Updates, the grant, then nobody acts, so renewal reminders, escalations and warnings run
// until the keurmerk lapses. Prints lives/s, history events/s, peak RSS of the devserver and of this
// process (worker + client), and the rate at which the SDK replays the same histories without any
// server (Worker.runReplayHistories) in the same run: live/replay says how much the server and the
// round trips add. BENCH_CONCURRENCY caps how many lives are under way at once (default: all);
// BENCH_DUMP=file writes the histories as JSON (for bench/replay-runs.ts).
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import nodemailer from 'nodemailer';
import { Client } from '@temporalio/client';
import { DefaultLogger, Runtime, Worker, bundleWorkflowCode } from '@temporalio/worker';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { temporal } from '@temporalio/proto';
import { loadConfig } from '../worker/config';
import { createWorker } from '../worker/create-worker';
import { timeSkippingEnv } from '../test/helpers/server';
import { LIFE_SCHEMES, live, testService, type LifeContext } from './lives/scripts';

const N = Number(process.argv[2] ?? process.env.BENCH_LIVES ?? 5);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? N);
const quietLogger = { log() {}, trace() {}, debug() {}, info() {}, warn: console.warn, error: console.error };

/** Peak resident set (VmHWM) of a process, in MiB, from /proc (Linux). */
function peakRssMiB(pid: number | 'self'): number {
  const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : NaN;
}

/** CPU seconds (user + system) a process used so far, from /proc (Linux). */
function cpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/** The devserver the test environment spawned: a child process of this one running keurmerk-devserver. */
function devserverPid(): number | undefined {
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid !== process.pid) continue;
      if (readFileSync(`/proc/${entry}/cmdline`, 'utf8').includes('keurmerk-devserver')) return Number(entry);
    } catch {
      // the process ended meanwhile
    }
  }
  return undefined;
}

/** Every run of a case (continue-as-new makes several) with its history. */
async function histories(client: Client, workflowId: string) {
  const out: { workflowId: string; history: temporal.api.history.v1.IHistory }[] = [];
  for await (const wf of client.workflow.list({ query: `WorkflowId = '${workflowId}'` })) {
    out.push({ workflowId: `${workflowId}/${wf.runId}`, history: await client.workflow.getHandle(workflowId, wf.runId).fetchHistory() });
  }
  return out;
}

/**
 * Runs the lives, at most CONCURRENCY at once. Each life under way holds one time-skipping lock
 * (the server starts with one, which the first life takes over), so time only jumps when every life
 * is waiting and the worker has nothing outstanding.
 */
async function runLives(ctx: LifeContext, kvkBase: number): Promise<string[]> {
  const ids: string[] = [];
  let next = 0;
  const lane = async (first: boolean) => {
    let own = first;
    while (next < N) {
      const i = next++;
      if (!own) await testService(ctx.env).lockTimeSkipping({});
      own = false;
      ids.push(await live(ctx, LIFE_SCHEMES[i % LIFE_SCHEMES.length], String(kvkBase + i)));
    }
    // A lane that ran no life still holds its lock, which the lives would otherwise miss.
    if (own) await testService(ctx.env).unlockTimeSkipping({});
  };
  await Promise.all(Array.from({ length: Math.min(N, CONCURRENCY) }, (_, i) => lane(i === 0)));
  return ids;
}

async function main(): Promise<void> {
  Runtime.install({ logger: new DefaultLogger('WARN') });
  const workflowBundle = await bundleWorkflowCode({ workflowsPath: resolve(__dirname, '../workflows'), logger: quietLogger });
  const env: TestWorkflowEnvironment = await timeSkippingEnv();
  const serverPid = devserverPid();
  const dataDir = mkdtempSync(join(tmpdir(), 'keurmerk-bench-'));
  const taskQueue = `bench-lives-${process.pid}`;
  const config = loadConfig({
    SMTP_URL: 'smtp://127.0.0.1:1',
    MAIL_FROM: 'keurmerk@zoetermeer.example',
    KEURMERK_DATA_DIR: dataDir,
    KEURMERK_CI_EMAIL: 'audit@ci.example',
    KEURMERK_MUNICIPALITY_EMAIL: 'keurmerk@zoetermeer.example',
    TEMPORAL_TASK_QUEUE: taskQueue,
  });
  // Emails are rendered and sent through nodemailer's JSON transport: no SMTP server in the measurement.
  const keurmerk = await createWorker(config, {
    nativeConnection: env.nativeConnection,
    connection: env.connection,
    client: env.client,
    transport: nodemailer.createTransport({ jsonTransport: true }),
    workflowBundle,
    taskQueue,
  });
  const plain = new Client({ connection: env.connection, namespace: 'default' });
  const ctx: LifeContext = { env, plain, taskQueue };
  let serverPeak = NaN;
  try {
    const load = loadavg();
    const cpu0 = process.cpuUsage();
    const serverCpu0 = serverPid ? cpuSeconds(serverPid) : NaN;
    const t0 = process.hrtime.bigint();
    const kvkBase = 20_000_000 + (process.pid % 1000) * 10_000;
    const ids = await keurmerk.worker.runUntil(runLives(ctx, kvkBase));
    const liveSeconds = Number(process.hrtime.bigint() - t0) / 1e9;
    const cpu = process.cpuUsage(cpu0);
    const serverCpu = serverPid ? cpuSeconds(serverPid) - serverCpu0 : NaN;
    if (serverPid) serverPeak = peakRssMiB(serverPid);

    const all = (await Promise.all(ids.map((id) => histories(plain, id)))).flat();
    if (process.env.BENCH_DUMP) writeFileSync(process.env.BENCH_DUMP, JSON.stringify(all.map((h) => ({ workflowId: h.workflowId, history: temporal.api.history.v1.History.toObject(temporal.api.history.v1.History.fromObject(h.history), { longs: String, bytes: String }) }))));
    const events = all.reduce((sum, h) => sum + (h.history.events?.length ?? 0), 0);
    const r0 = process.hrtime.bigint();
    for await (const result of Worker.runReplayHistories({ workflowBundle }, all)) {
      if (result.error) throw result.error;
    }
    const replaySeconds = Number(process.hrtime.bigint() - r0) / 1e9;

    const liveRate = N / liveSeconds;
    const replayRate = N / replaySeconds;
    const mix = LIFE_SCHEMES.map((s, k) => `${s} ${Math.floor(N / LIFE_SCHEMES.length) + (k < N % LIFE_SCHEMES.length ? 1 : 0)}`).join(', ');
    console.log(`\nlives benchmark: ${N} lives (${mix}), at most ${Math.min(N, CONCURRENCY)} at once, apply -> lapse; ${all.length} runs, ${events} history events`);
    console.log(`  load average at start ${load.map((l) => l.toFixed(2)).join(' ')} (${process.env.BENCH_NOTE ?? 'shared 2-core machine'})`);
    console.log(`  live:    ${liveSeconds.toFixed(2)} s wall, ${liveRate.toFixed(3)} lives/s, ${(events / liveSeconds).toFixed(0)} events/s`);
    console.log(`           CPU: worker + client ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s, devserver ${serverCpu.toFixed(1)} s`);
    console.log(`  replay:  ${replaySeconds.toFixed(2)} s, ${replayRate.toFixed(3)} lives/s, ${(events / replaySeconds).toFixed(0)} events/s`);
    console.log(`  live/replay ${(liveRate / replayRate).toFixed(3)}`);
    console.log(`  peak RSS: devserver ${serverPeak.toFixed(0)} MiB, worker + client ${peakRssMiB('self').toFixed(0)} MiB`);
  } finally {
    await keurmerk.close();
    await env.teardown();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
