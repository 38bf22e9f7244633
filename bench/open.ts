// npm run bench:open [-- N]: N open applications (default 10,000) on one devserver with
// --db-filename, then what an operator does with them: the devserver's resident memory, a list filtered
// by a Keurmerk search attribute, a count with GROUP BY ExecutionStatus, the two HTTP API calls the
// UI's workflows page makes (its first page of 100 and the status counts), each the median of 20, and a restart (kill -9) on that database until it
// answers a list again. Targets (issue 14): RSS < 1 GiB, list and count < 100 ms, restart < 10 s.
// The cases are started by the real Client with the search attributes a case keeps (as the case
// engine upserts them at its first workflow task, workflows/case.ts) on a task queue no worker
// polls: they stay open with their first workflow task scheduled, which is the devserver's cost of
// holding them; the worker's cost of a case is the lives benchmark's (bench/lives.ts).
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { ensureSearchAttributes } from '../worker/search-attributes';
import { ACCOUNTMANAGER, CASE_KIND, KVK_NUMBER, NEXT_DEADLINE, SCHEME, STAGE } from '../workflows/search-attributes';
import { caseWorkflowId, WORKFLOW_TYPES, type ApplicationStart } from '../workflows/definitions';
import { seboApplication } from '../test/helpers/sebo-fixtures';
import { freePorts } from '../test/helpers/ports';

const N = Number(process.argv[2] ?? process.env.BENCH_OPEN ?? 10_000);
const BIN = resolve(__dirname, '../devserver/bin/keurmerk-devserver.js');
const SCHEMES = ['sebo', 'sebo-ambassadeur', 'werkpakt', 'mvs', 'pso'];
const STAGES = ['INTAKE', 'MEETING', 'AUDIT_PLANNING', 'DECISION', 'SCREENING'];
const TASK_QUEUE = 'bench-open-no-worker';

function rssMiB(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  const m = new RegExp(`${field}:\\s+(\\d+) kB`).exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : NaN;
}

function startServer(port: number, uiPort: number, db: string): ChildProcess {
  const child = spawn(process.execPath, [BIN, '--port', String(port), '--ui-port', String(uiPort), '--db-filename', db], { stdio: ['ignore', 'ignore', 'inherit'] });
  return child;
}

/** Connects once the server answers; returns the real time it took from `since`. */
async function connectWhenUp(address: string, since: number): Promise<{ connection: Connection; ms: number }> {
  for (let i = 0; i < 600; i++) {
    try {
      const connection = await Connection.connect({ address, connectTimeout: 1000 });
      await connection.workflowService.getSystemInfo({});
      return { connection, ms: performance.now() - since };
    } catch {
      await new Promise((r) => setTimeout(r, 20));
    }
  }
  throw new Error(`the devserver at ${address} did not answer within a minute`);
}

async function median(times: number, fn: () => Promise<unknown>): Promise<number> {
  const ms: number[] = [];
  for (let i = 0; i < times; i++) {
    const t0 = performance.now();
    await fn();
    ms.push(performance.now() - t0);
  }
  ms.sort((a, b) => a - b);
  return (ms[(times - 1) >> 1] + ms[times >> 1]) / 2;
}

async function main(): Promise<void> {
  // BENCH_OPEN_KEEP=dir keeps the database there (to profile a restart on it).
  const keep = process.env.BENCH_OPEN_KEEP;
  const dir = keep ?? mkdtempSync(join(tmpdir(), 'keurmerk-bench-open-'));
  const db = join(dir, 'devserver.db');
  const [port, uiPort] = await freePorts(2);
  const address = `127.0.0.1:${port}`;
  let server = startServer(port, uiPort, db);
  try {
    const load = loadavg();
    let { connection } = await connectWhenUp(address, performance.now());
    await ensureSearchAttributes(connection, 'default');
    let client = new Client({ connection });
    const t0 = performance.now();
    const base = 30_000_000 + (process.pid % 1000) * 10_000;
    let next = 0;
    const now = new Date();
    const starter = async () => {
      while (next < N) {
        const i = next++;
        const schemeId = SCHEMES[i % SCHEMES.length];
        const kvk = String(base + i);
        const application = { ...seboApplication(kvk, now), schemeId };
        const start: ApplicationStart = { application, accountmanagerCode: `AM-${String(i % 40).padStart(3, '0')}` };
        await client.workflow.start(WORKFLOW_TYPES.application, {
          taskQueue: TASK_QUEUE,
          workflowId: caseWorkflowId(schemeId, kvk),
          args: [start],
          // As cases keep it (workflows/case.ts): the company name in the memo, not a search attribute.
          memo: { companyName: application.company.name },
          typedSearchAttributes: [
            { key: SCHEME, value: schemeId },
            { key: CASE_KIND, value: 'application' },
            { key: STAGE, value: STAGES[(i >> 3) % STAGES.length] },
            { key: KVK_NUMBER, value: kvk },
            { key: ACCOUNTMANAGER, value: start.accountmanagerCode },
            { key: NEXT_DEADLINE, value: new Date(now.getTime() + (i % 90) * 86_400_000) },
          ],
        });
      }
    };
    await Promise.all(Array.from({ length: 16 }, starter));
    const startSeconds = (performance.now() - t0) / 1000;
    const pid = server.pid!;
    const rss = rssMiB(pid, 'VmRSS');
    const peak = rssMiB(pid, 'VmHWM');

    const service = connection.workflowService;
    const filter = "KeurmerkScheme = 'werkpakt' AND KeurmerkStage = 'DECISION'";
    let listed = 0;
    const list = await median(20, async () => {
      const page = await service.listWorkflowExecutions({ namespace: 'default', query: filter, pageSize: 100 });
      listed = page.executions.length;
    });
    let counted = '';
    const count = await median(20, async () => {
      const answer = await service.countWorkflowExecutions({ namespace: 'default', query: "KeurmerkScheme = 'werkpakt' GROUP BY ExecutionStatus" });
      counted = String(answer.count);
    });
    const ui = `http://127.0.0.1:${uiPort}/api/v1/namespaces/default`;
    let uiRows = 0;
    const uiList = await median(20, async () => {
      const res = await fetch(`${ui}/workflows?pageSize=100&nextPageToken=`);
      const body = (await res.json()) as { executions?: unknown[] };
      if (!res.ok) throw new Error(`UI list answered ${res.status}`);
      uiRows = body.executions?.length ?? 0;
    });
    const uiCount = await median(20, async () => {
      const res = await fetch(`${ui}/workflow-count?query=${encodeURIComponent('GROUP BY ExecutionStatus')}`);
      if (!res.ok) throw new Error(`UI count answered ${res.status}`);
      await res.json();
    });

    // Restart on the same database after kill -9: until it answers, and until it lists again.
    await connection.close();
    server.kill('SIGKILL');
    await new Promise((r) => server.once('exit', r));
    const r0 = performance.now();
    server = startServer(port, uiPort, db);
    const up = await connectWhenUp(address, r0);
    connection = up.connection;
    client = new Client({ connection });
    const again = await connection.workflowService.listWorkflowExecutions({ namespace: 'default', query: filter, pageSize: 100 });
    const restartMs = performance.now() - r0;
    const after = await connection.workflowService.countWorkflowExecutions({ namespace: 'default', query: "ExecutionStatus = 'Running'" });

    console.log(`\nopen cases benchmark: ${N} open applications (${SCHEMES.join(', ')}) on a devserver with --db-filename`);
    console.log(`  load average at start ${load.map((l) => l.toFixed(2)).join(' ')} (${process.env.BENCH_NOTE ?? 'shared 2-core machine'})`);
    console.log(`  started in ${startSeconds.toFixed(1)} s (${(N / startSeconds).toFixed(0)}/s); database ${(statSync(db).size / 2 ** 20).toFixed(0)} MiB`);
    console.log(`  devserver RSS ${rss.toFixed(0)} MiB (peak ${peak.toFixed(0)} MiB)                       target < 1024 MiB`);
    console.log(`  list ${filter}, first 100: ${list.toFixed(1)} ms median of 20 (${listed} rows)   target < 100 ms`);
    console.log(`  count KeurmerkScheme = 'werkpakt' GROUP BY ExecutionStatus: ${count.toFixed(1)} ms (${counted})   target < 100 ms`);
    console.log(`  UI workflows page (fetchPaginatedWorkflows, 100 a page): GET /workflows ${uiList.toFixed(1)} ms (${uiRows} rows), GET /workflow-count GROUP BY ExecutionStatus ${uiCount.toFixed(1)} ms`);
    console.log(`  restart after kill -9: answering in ${up.ms.toFixed(0)} ms, listing in ${restartMs.toFixed(0)} ms (${again.executions.length} rows; ${after.count} running)   target < 10,000 ms`);
    await connection.close();
  } finally {
    server.kill('SIGKILL');
    if (!keep) rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
