// `npm run bench:burst`: how fast `keurmerk status` answers while a burst of new cases is being
// handled (issue 16). Runs `npm start` on free ports with a fresh data folder, starts BURST_CASES
// (default 500) applications as fast as the server takes them (each sends its first email), and
// meanwhile asks the status of a random case every 250 ms through the built admin command's own path
// (the status query), and, side by side, runs the admin command `keurmerk status` as a user would.
// Prints the start rate, the query latency and the command's (median, p95, max, over 2 s, failures);
// every third command asks a case that settled before the burst (no workflow task of its own pending).
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { WorkflowIdConflictPolicy } from '@temporalio/common';
import { sampleApplication } from '../scripts/sample-application';
import { caseWorkflowId, statusQuery, WORKFLOW_TYPES } from '../workflows/definitions';
import { descendants, embeddedEnv, freePorts, killEach } from '../scripts/process-tree';
import { run } from '../client/main';

const root = resolve(__dirname, '..');
const CASES = Number(process.env.BURST_CASES ?? 500);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))] ?? NaN;

async function main(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'keurmerk-burst-'));
  const ports = await freePorts(4);
  const env = embeddedEnv(process.env, dataDir, { temporal: ports[0], ui: ports[1], smtp: ports[2], mailWeb: ports[3] });
  const proc = spawn(process.execPath, ['--import', 'tsx', join(root, 'scripts/start.ts')], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let text = '';
  proc.stdout!.on('data', (d) => (text += d));
  proc.stderr!.on('data', (d) => (text = (text + d).slice(-20_000)));
  while (!/keurmerk is running/.test(text)) {
    if (proc.exitCode !== null) throw new Error(text);
    await sleep(200);
  }
  const connection = await Connection.connect({ address: `127.0.0.1:${ports[0]}` });
  const client = new Client({ connection });
  const kvks = Array.from({ length: CASES }, (_, i) => String(40_000_000 + i));

  // A case that settled before the burst (its first steps done, no workflow task pending), as most
  // cases an accountmanager asks about are: its status needs no turn in the burst's backlog.
  const settled = '39999999';
  await client.workflow.start(WORKFLOW_TYPES.application, {
    taskQueue: 'keurmerk',
    workflowId: caseWorkflowId('sebo', settled),
    args: [sampleApplication(settled, 'Settled', 'Els')],
  });
  for (let i = 0; i < 600; i++) {
    const d = await client.workflow.getHandle(caseWorkflowId('sebo', settled)).describe();
    if (d.typedSearchAttributes.getAll().length > 0 && !d.raw.pendingWorkflowTask && !(d.raw.pendingActivities ?? []).length) break;
    await sleep(100);
  }

  const latencies: number[] = [];
  const failures: string[] = [];
  let burstDone = false;
  const started: string[] = [];
  const prober = (async () => {
    while (!burstDone || latencies.length + failures.length < 20) {
      const kvk = started[Math.floor(Math.random() * started.length)];
      if (kvk) {
        const t0 = Date.now();
        try {
          await client.withDeadline(Date.now() + 30_000, () => client.workflow.getHandle(caseWorkflowId('sebo', kvk)).query(statusQuery));
          latencies.push(Date.now() - t0);
        } catch (err) {
          const cause = (err as { cause?: { details?: string; message?: string } }).cause;
          failures.push(`${String((err as Error).message).slice(0, 80)}${cause ? `: ${String(cause.details ?? cause.message).slice(0, 120)}` : ''} (after ${Date.now() - t0} ms)`);
        }
      }
      await sleep(250);
    }
  })();

  // The admin command as an accountmanager runs it: `keurmerk status <kvk>` (a full answer from the
  // worker, or within 2 s what Temporal recorded plus why the rest is missing).
  const command: { ms: number; kind: 'full' | 'recorded' | 'failed'; err?: string }[] = [];
  const settledCommand: { ms: number; kind: 'full' | 'recorded' | 'failed' }[] = [];
  const commandEnv = { PATH: process.env.PATH, TEMPORAL_ADDRESS: `127.0.0.1:${ports[0]}` };
  const commandProber = (async () => {
    while (!burstDone || command.length < 20) {
      // Every third probe asks the settled case.
      const asksSettled = (command.length + settledCommand.length) % 3 === 2;
      const kvk = asksSettled ? settled : started[Math.floor(Math.random() * started.length)];
      if (kvk) {
        let out = '';
        let err = '';
        const t1 = Date.now();
        const code = await run(['node', 'keurmerk', 'status', kvk], { out: (t) => void (out += t), err: (t) => void (err += t) }, commandEnv);
        const ms = Date.now() - t1;
        const kind = code !== 0 ? 'failed' : /^As recorded by Temporal/.test(out) ? 'recorded' : 'full';
        if (asksSettled) settledCommand.push({ ms, kind });
        else command.push({ ms, kind, ...(code !== 0 || err ? { err: err.slice(0, 160) } : {}) });
      }
      await sleep(250);
    }
  })();

  const t0 = Date.now();
  await Promise.all(
    Array.from({ length: 20 }, async (_, lane) => {
      for (let i = lane; i < kvks.length; i += 20) {
        const kvk = kvks[i];
        const start = sampleApplication(kvk, 'Burst', 'Els');
        await client.workflow.start(WORKFLOW_TYPES.application, {
          taskQueue: 'keurmerk',
          workflowId: caseWorkflowId('sebo', kvk),
          workflowIdConflictPolicy: WorkflowIdConflictPolicy.FAIL,
          args: [start],
        });
        started.push(kvk);
      }
    }),
  );
  const startSeconds = (Date.now() - t0) / 1000;
  // Keep probing while the worker works through the burst's emails.
  await sleep(Number(process.env.BURST_PROBE_AFTER_SECONDS ?? 60) * 1000);
  burstDone = true;
  await prober;
  await commandProber;
  const commandMs = command.map((c) => c.ms);
  const over2s = latencies.filter((l) => l > 2000).length;
  console.log(
    JSON.stringify(
      {
        cases: CASES,
        'starts per second': Math.round(CASES / startSeconds),
        'status queries': latencies.length + failures.length,
        'status median ms': pct(latencies, 50),
        'status p95 ms': pct(latencies, 95),
        'status max ms': Math.max(...latencies),
        'status over 2 s': over2s,
        'status failed': failures.length,
        failures: [...new Set(failures)].slice(0, 3),
        'keurmerk status commands': command.length,
        'keurmerk status median ms': pct(commandMs, 50),
        'keurmerk status p95 ms': pct(commandMs, 95),
        'keurmerk status max ms': Math.max(...commandMs),
        'keurmerk status over 2 s': commandMs.filter((ms) => ms > 2000).length,
        'keurmerk status full answers': command.filter((c) => c.kind === 'full').length,
        'keurmerk status recorded-only answers': command.filter((c) => c.kind === 'recorded').length,
        'keurmerk status failed': command.filter((c) => c.kind === 'failed').length,
        'settled case: keurmerk status commands': settledCommand.length,
        'settled case: keurmerk status median ms': pct(settledCommand.map((c) => c.ms), 50),
        'settled case: keurmerk status p95 ms': pct(settledCommand.map((c) => c.ms), 95),
        'settled case: keurmerk status max ms': Math.max(...settledCommand.map((c) => c.ms)),
        'settled case: keurmerk status full answers': settledCommand.filter((c) => c.kind === 'full').length,
        'keurmerk status notes': [...new Set(command.map((c) => c.err?.replace(/\d+/g, 'N')).filter(Boolean))].slice(0, 3),
      },
      null,
      2,
    ),
  );
  // What the system said meanwhile (worker restarts, failing tasks), when a status went unanswered.
  if (failures.length || over2s) console.log(`last lines of npm start:\n${text.split('\n').slice(-40).join('\n')}`);
  await connection.close();
  const tree = descendants(proc.pid!);
  proc.kill('SIGINT');
  await new Promise((r) => proc.once('exit', r));
  await sleep(3000);
  killEach(tree);
  rmSync(dataDir, { recursive: true, force: true });
}

main().catch((err) => {
  console.error(err);
  process.exit(2);
});
