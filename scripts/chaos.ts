// `npm run chaos`: fault injection against `npm start` (issue 16). Runs the embedded system on free
// ports with a fresh data folder, keeps starting applications and recording intakes (SEBO-T1) while it
// kill -9s a random process of the tree (start.ts with its in-process mail catcher, the devserver, the
// worker) at random moments, at least CHAOS_KILLS times (default 20), within a bounded time. start.ts
// restarts a dead devserver or worker itself; a dead start.ts is started again by this script. At the
// end it lets the system settle and prints:
//   cases lost               started (acknowledged) applications the server no longer knows
//   actions lost             intakes acknowledged by the case but missing from its history
//   duplicate emails         an email (same case, same subject, same reader) that arrived more than once
//   missing emails           an email a case's history says was sent that never arrived
//   tasks failing for ever   cases whose workflow task is still failing at the end (attempt > 3)
//   orphans after 5 s        processes of a killed start.ts still alive 5 s after the kill
// and exits 1 when any is not 0. Figures go in the README ("Fault injection").
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { WorkflowIdConflictPolicy } from '@temporalio/common';
import { sampleApplication } from './sample-application';
import { caseWorkflowId, statusQuery, WORKFLOW_TYPES, type CaseStatus } from '../workflows/definitions';
import { alive, commandLine, descendants, embeddedEnv, freePorts, killEach } from './process-tree';

const root = resolve(__dirname, '..');
const KILLS = Number(process.env.CHAOS_KILLS ?? 20);
const MAX_START_KILLS = Number(process.env.CHAOS_MAX_START_KILLS ?? 5);
const BUDGET_MS = Number(process.env.CHAOS_BUDGET_SECONDS ?? 900) * 1000;
const SETTLE_MS = 120_000;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const rand = (min: number, max: number) => min + Math.random() * (max - min);

interface System {
  proc: ChildProcess;
  log: string[];
}

async function main(): Promise<void> {
  const started = Date.now();
  const dataDir = mkdtempSync(join(tmpdir(), 'keurmerk-chaos-'));
  const [temporalPort, uiPort, smtpPort, webPort] = await freePorts(4);
  const env = embeddedEnv(process.env, dataDir, { temporal: temporalPort, ui: uiPort, smtp: smtpPort, mailWeb: webPort });
  const address = `127.0.0.1:${temporalPort}`;
  const mailApi = `http://127.0.0.1:${webPort}/api/email`;

  let system: System | undefined;
  const startSystem = async (): Promise<System> => {
    const proc = spawn(process.execPath, ['--import', 'tsx', join(root, 'scripts/start.ts')], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
    const log: string[] = [];
    let ready = false;
    const onData = (d: Buffer) => {
      for (const line of d.toString().split('\n')) {
        if (line) log.push(line);
        if (/keurmerk is running/.test(line)) ready = true;
      }
      if (log.length > 2000) log.splice(0, log.length - 2000);
    };
    proc.stdout!.on('data', onData);
    proc.stderr!.on('data', onData);
    const until = Date.now() + 300_000;
    while (!ready) {
      if (proc.exitCode !== null) throw new Error(`npm start exited with ${proc.exitCode}:\n${log.slice(-30).join('\n')}`);
      if (Date.now() > until) throw new Error(`npm start did not come up:\n${log.slice(-30).join('\n')}`);
      await sleep(200);
    }
    return { proc, log };
  };

  console.log(`chaos: data in ${dataDir}; starting npm start ...`);
  system = await startSystem();
  const connection = await Connection.connect({ address });
  const client = new Client({ connection });

  // ---- the workload: applications and intakes, counted only when acknowledged
  const acknowledgedCases = new Set<string>();
  const acknowledgedIntakes = new Set<string>();
  let stopWorkload = false;
  let kvkCounter = 0;
  const workload = (async () => {
    while (!stopWorkload) {
      const kvk = String(30_000_000 + (process.pid % 1000) * 10_000 + kvkCounter++).padStart(8, '0');
      const start = sampleApplication(kvk, 'Chaos', 'Els de Bakker');
      try {
        await client.withDeadline(Date.now() + 10_000, () =>
          client.workflow.start(WORKFLOW_TYPES.application, {
            taskQueue: 'keurmerk',
            workflowId: caseWorkflowId('sebo', kvk),
            workflowIdConflictPolicy: WorkflowIdConflictPolicy.USE_EXISTING,
            args: [start],
          }),
        );
        acknowledgedCases.add(kvk);
      } catch {
        // not acknowledged: not counted (it may or may not exist)
      }
      // Record an intake on an earlier case that has none yet.
      const pending = [...acknowledgedCases].filter((k) => !acknowledgedIntakes.has(k));
      const target = pending[Math.floor(Math.random() * pending.length)];
      if (target) {
        try {
          await client.withDeadline(Date.now() + 15_000, () =>
            client.workflow.getHandle(caseWorkflowId('sebo', target)).executeUpdate('intakeRecorded', { args: [{ at: new Date().toISOString(), by: 'chaos' }] }),
          );
          acknowledgedIntakes.add(target);
        } catch (err) {
          // refused because it was already recorded (an earlier, unacknowledged attempt applied later): fine
          if (/not at INTAKE|case is at|already/i.test(String((err as { cause?: Error }).cause?.message ?? err))) acknowledgedIntakes.add(target);
        }
      }
      await sleep(rand(300, 1500));
    }
  })();

  // ---- the faults
  let kills = 0;
  let startKills = 0;
  let orphans = 0;
  const killed: Record<string, number> = { 'start.ts': 0, devserver: 0, worker: 0 };
  while (kills < KILLS && Date.now() - started < BUDGET_MS) {
    await sleep(rand(2_000, 9_000));
    const tree = descendants(system.proc.pid!);
    const devserver = tree.find((p) => /keurmerk-devserver/.test(commandLine(p)));
    const worker = tree.find((p) => /worker\/worker\.ts/.test(commandLine(p)));
    type Target = ['start.ts' | 'devserver' | 'worker', number | undefined];
    const choices: Target[] = [['devserver', devserver], ['worker', worker]];
    if (startKills < MAX_START_KILLS) choices.push(['start.ts', system.proc.pid]);
    const live = choices.filter(([, pid]) => pid);
    if (live.length === 0) continue;
    const [name, pid] = live[Math.floor(Math.random() * live.length)];
    process.kill(pid!, 'SIGKILL');
    kills++;
    killed[name]++;
    console.log(`chaos: kill -9 ${name} (pid ${pid}) [${kills}/${KILLS}]`);
    if (name === 'start.ts') {
      startKills++;
      await sleep(5_000);
      const left = tree.filter(alive);
      if (left.length) console.log(`chaos: ${left.length} orphan(s) 5 s after killing start.ts: ${left.map(commandLine).join(' | ')}`);
      orphans += left.length;
      killEach(left);
      system = await startSystem();
    }
  }
  stopWorkload = true;
  await workload;

  // ---- settle, then count
  console.log(`chaos: ${kills} kills in ${Math.round((Date.now() - started) / 1000)} s; letting the system settle ...`);
  interface Mail {
    subject: string;
    to: { address: string }[];
  }
  const settleUntil = Date.now() + SETTLE_MS;
  let mails: Mail[];
  let lost: number;
  let actionsLost: number;
  let missing: number;
  let duplicates: number;
  for (;;) {
    const statuses = new Map<string, CaseStatus | undefined>();
    for (const kvk of acknowledgedCases) {
      const status = await client
        .withDeadline(Date.now() + 10_000, () => client.workflow.getHandle(caseWorkflowId('sebo', kvk)).query(statusQuery))
        .catch(() => undefined);
      statuses.set(kvk, status);
    }
    mails = await fetch(mailApi).then((r) => r.json() as Promise<Mail[]>).catch(() => []);
    const count = (kvk: string, subject: RegExp) => mails.filter((m) => m.subject.includes(kvk) && subject.test(m.subject) && m.to.some((t) => t.address === `els.${kvk}@chaos.example`)).length;
    lost = 0;
    actionsLost = 0;
    missing = 0;
    duplicates = 0;
    for (const kvk of acknowledgedCases) {
      const s = statuses.get(kvk);
      if (!s) {
        const known = await client.workflow.getHandle(caseWorkflowId('sebo', kvk)).describe().then(() => true, () => false);
        if (!known) lost++;
        missing++;
        continue;
      }
      const intake = s.history.some((h) => /intake/i.test(h.what));
      if (acknowledgedIntakes.has(kvk) && !intake) actionsLost++;
      const received = count(kvk, /aanvraag ontvangen/);
      const agenda = count(kvk, /op de agenda/);
      duplicates += Math.max(0, received - 1) + Math.max(0, agenda - 1);
      if (received === 0) missing++;
      if (intake && s.stage === 'MEETING' && agenda === 0) missing++;
    }
    const answered = [...statuses.values()].every(Boolean);
    if ((answered && missing === 0 && lost === 0) || Date.now() > settleUntil) break;
    await sleep(3_000);
  }
  let failing = 0;
  for (const kvk of acknowledgedCases) {
    const d = await client.workflowService
      .describeWorkflowExecution({ namespace: 'default', execution: { workflowId: caseWorkflowId('sebo', kvk) } })
      .catch(() => undefined);
    if ((d?.pendingWorkflowTask?.attempt ?? 0) > 3) failing++;
  }

  // ---- stop, and look for processes left behind
  const tree = descendants(system.proc.pid!);
  system.proc.kill('SIGINT');
  await new Promise((r) => system!.proc.once('exit', r));
  await sleep(5_000);
  const leftAtEnd = tree.filter(alive);
  orphans += leftAtEnd.length;
  killEach(leftAtEnd);
  await connection.close();

  const figures = {
    kills,
    killed,
    seconds: Math.round((Date.now() - started) / 1000),
    cases: acknowledgedCases.size,
    intakes: acknowledgedIntakes.size,
    emails: mails.length,
    'cases lost': lost,
    'acknowledged actions lost': actionsLost,
    'duplicate emails': duplicates,
    'missing emails': missing,
    'workflow tasks failing for ever': failing,
    'orphaned processes after 5 s': orphans,
  };
  console.log(JSON.stringify(figures, null, 2));
  if (failing || missing) console.log(`last lines of npm start:\n${system.log.slice(-40).join('\n')}`);
  rmSync(dataDir, { recursive: true, force: true });
  const bad = lost + actionsLost + duplicates + missing + failing + orphans > 0 || kills < KILLS;
  process.exit(bad ? 1 : 0);
}

main().catch((err) => {
  console.error(err);
  process.exit(2);
});
