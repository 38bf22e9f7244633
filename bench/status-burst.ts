// `npm run bench:burst`: how fast `keurmerk status` answers while a burst of new cases is being
// handled (issue 16). Runs `npm start` on free ports with a fresh data folder, starts BURST_CASES
// (default 500) applications as fast as the server takes them (each sends its first email), and
// meanwhile asks the status of a random case every 250 ms through the built admin command's own path
// (the status query). Prints the start rate and the status latency (median, p95, max, over 2 s).
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { WorkflowIdConflictPolicy } from '@temporalio/common';
import { caseWorkflowId, statusQuery, WORKFLOW_TYPES, type ApplicationStart } from '../workflows/definitions';

const root = resolve(__dirname, '..');
const CASES = Number(process.env.BURST_CASES ?? 500);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => ok(port));
    });
    s.on('error', fail);
  });
}

function descendants(pid: number): number[] {
  let out: string;
  try {
    out = execFileSync('ps', ['-o', 'pid=', '--ppid', String(pid)], { encoding: 'utf8' });
  } catch {
    return [];
  }
  const kids = out.split('\n').map((s) => Number(s.trim())).filter(Boolean);
  return kids.flatMap((k) => [k, ...descendants(k)]);
}

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))] ?? NaN;

async function main(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'keurmerk-burst-'));
  const ports = [await freePort(), await freePort(), await freePort(), await freePort()];
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    KEURMERK_DATA_DIR: dataDir,
    KEURMERK_TEMPORAL_PORT: String(ports[0]),
    KEURMERK_UI_PORT: String(ports[1]),
    KEURMERK_SMTP_PORT: String(ports[2]),
    KEURMERK_MAIL_WEB_PORT: String(ports[3]),
  };
  delete env.TEMPORAL_ADDRESS;
  delete env.SMTP_URL;
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
          failures.push(String((err as Error).message).slice(0, 120));
        }
      }
      await sleep(250);
    }
  })();

  const t0 = Date.now();
  await Promise.all(
    Array.from({ length: 20 }, async (_, lane) => {
      for (let i = lane; i < kvks.length; i += 20) {
        const kvk = kvks[i];
        const start: ApplicationStart = {
          accountmanagerCode: 'AM-001',
          application: {
            schemeId: 'sebo',
            kind: 'first',
            submittedAt: new Date().toISOString(),
            company: { name: `Burst BV ${kvk}`, kvkNumber: kvk, establishments: ['Zoetermeer'], zzp: false, affiliation: 'none', activeSince: '2015-01-01' },
            contact: { name: 'Els', email: `els.${kvk}@burst.example` },
            accountmanager: { name: 'Ahmed', email: `am.${kvk}@burst.example` },
          },
        };
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
      },
      null,
      2,
    ),
  );
  await connection.close();
  const tree = descendants(proc.pid!);
  proc.kill('SIGINT');
  await new Promise((r) => proc.once('exit', r));
  await sleep(3000);
  for (const p of tree) {
    try {
      process.kill(p, 'SIGKILL');
    } catch {
      // gone
    }
  }
  rmSync(dataDir, { recursive: true, force: true });
}

main().catch((err) => {
  console.error(err);
  process.exit(2);
});
