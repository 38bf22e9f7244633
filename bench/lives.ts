// npm run bench:lives [-- N]: N whole SEBO company lives side by side (default 5), each from application
// to lapse through the real SDK on the project's time-skipping devserver: apply, intake, members'
// meeting, documents, audit, report, grant (continue-as-new into the holder), then nobody acts, so the
// yearly conversations and the re-keuring are reminded and escalated until the keurmerk lapses
// (SEBO-T1..T6, T10..T13). Human actions are Updates recorded at the server's current time, as in the
// workflow tests. Prints lives/s, history events/s, peak RSS of the devserver and of this process
// (worker + client), and the rate at which the SDK replays the same histories without any server
// (Worker.runReplayHistories): live/replay says how much the server and the round trips add.
// Only SEBO has workflows on main; other schemes join the mix once they do.
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import nodemailer from 'nodemailer';
import { DefaultLogger, Runtime, Worker, bundleWorkflowCode } from '@temporalio/worker';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { WorkflowHandle } from '@temporalio/client';
import type { temporal } from '@temporalio/proto';
import { getScheme, nextMeeting } from '../domain';
import type * as defs from '../workflows/definitions';
import { loadConfig } from '../worker/config';
import { createWorker } from '../worker/create-worker';
import { timeSkippingEnv } from '../test/helpers/server';
import { allDocuments, seboApplication, DAY } from '../test/helpers/sebo-fixtures';
import { caseWorkflowId, WORKFLOW_TYPES, type ApplicationStart } from '../workflows/definitions';

const N = Number(process.argv[2] ?? process.env.BENCH_LIVES ?? 5);
const HOUR = 3600_000;
const sebo = getScheme('sebo');
const quietLogger = { log() {}, trace() {}, debug() {}, info() {}, warn: console.warn, error: console.error };

/** Peak resident set (VmHWM) of a process, in MiB, from /proc (Linux). */
function peakRssMiB(pid: number | 'self'): number {
  const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : NaN;
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

async function life(env: TestWorkflowEnvironment, taskQueue: string, i: number): Promise<string> {
  const kvk = String(20_000_000 + (process.pid % 1000) * 10_000 + i);
  const now = async () => new Date((await env.currentTimeMs()) as number);
  const advanceTo = async (at: Date) => {
    const ms = at.getTime() - (await now()).getTime();
    if (ms > 0) await env.sleep(ms);
  };
  const act = async (h: WorkflowHandle, name: keyof typeof defs.UPDATES, args: Record<string, unknown> = {}) =>
    h.executeUpdate(name, { args: [{ at: (await now()).toISOString(), by: 'bench', ...args }] });

  const start: ApplicationStart = { application: seboApplication(kvk, await now()), accountmanagerCode: 'AM-017' };
  const h = await env.client.workflow.start(WORKFLOW_TYPES.application, {
    taskQueue,
    workflowId: caseWorkflowId('sebo', kvk),
    args: [start],
  });
  await act(h, 'intakeRecorded');
  const meeting = nextMeeting(sebo, (await now()).toISOString())!;
  await advanceTo(new Date(new Date(meeting.startsAt).getTime() + HOUR));
  await act(h, 'meetingOutcome', { meetingDate: meeting.date, outcome: 'approved' });
  await act(h, 'documentsReceived', { documents: allDocuments(await now()) });
  const auditAt = new Date((await now()).getTime() + 7 * DAY);
  await act(h, 'auditPlanned', { auditAt: auditAt.toISOString() });
  await advanceTo(new Date(auditAt.getTime() + 3 * HOUR));
  await act(h, 'auditDone', { shortcomings: 'none' });
  await env.sleep(3 * DAY);
  await act(h, 'reportAndAdvice', { advice: 'positive' });
  await act(h, 'decision', { outcome: 'granted' });
  const result = (await h.result()) as { outcome?: string };
  if (result?.outcome !== 'lapsed') throw new Error(`life ${i} ended ${JSON.stringify(result)}, expected lapsed`);
  return h.workflowId;
}

/** Every run of a case (application, then the holder's runs after continue-as-new) with its history. */
async function histories(env: TestWorkflowEnvironment, workflowId: string) {
  const out: { workflowId: string; history: temporal.api.history.v1.IHistory }[] = [];
  for await (const wf of env.client.workflow.list({ query: `WorkflowId = '${workflowId}'` })) {
    out.push({ workflowId: `${workflowId}/${wf.runId}`, history: await env.client.workflow.getHandle(workflowId, wf.runId).fetchHistory() });
  }
  return out;
}

async function main(): Promise<void> {
  Runtime.install({ logger: new DefaultLogger('WARN') });
  const workflowBundle = await bundleWorkflowCode({ workflowsPath: resolve(__dirname, '../workflows'), logger: quietLogger });
  const env = await timeSkippingEnv();
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
  let serverPeak = NaN;
  try {
    const cpu0 = process.cpuUsage();
    const t0 = process.hrtime.bigint();
    const ids = await keurmerk.worker.runUntil(Promise.all(Array.from({ length: N }, (_, i) => life(env, taskQueue, i))));
    const liveSeconds = Number(process.hrtime.bigint() - t0) / 1e9;
    const cpu = process.cpuUsage(cpu0);
    if (serverPid) serverPeak = peakRssMiB(serverPid);

    const all = (await Promise.all(ids.map((id) => histories(env, id)))).flat();
    const events = all.reduce((sum, h) => sum + (h.history.events?.length ?? 0), 0);
    const r0 = process.hrtime.bigint();
    for await (const result of Worker.runReplayHistories({ workflowBundle }, all)) {
      if (result.error) throw result.error;
    }
    const replaySeconds = Number(process.hrtime.bigint() - r0) / 1e9;

    const liveRate = N / liveSeconds;
    const replayRate = N / replaySeconds;
    console.log(`\nlives benchmark: ${N} SEBO lives side by side (apply -> lapse), ${all.length} runs, ${events} history events`);
    console.log(`  live:    ${liveSeconds.toFixed(1)} s wall, ${liveRate.toFixed(3)} lives/s, ${(events / liveSeconds).toFixed(0)} events/s`);
    console.log(`           this process (worker + client) CPU ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s`);
    console.log(`  replay:  ${replaySeconds.toFixed(1)} s, ${replayRate.toFixed(3)} lives/s, ${(events / replaySeconds).toFixed(0)} events/s`);
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
