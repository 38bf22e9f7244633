// Issue 2, durability: with --db-filename every accepted request is committed before it is
// acknowledged, so kill -9 of the server (or of the worker) at any point loses no workflow, timer or
// activity: after a restart every workflow completes exactly as without the crash.
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { Client, Connection } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import { DEVSERVER_BIN } from '../helpers/server';
import { freePorts } from '../helpers/ports';

const WORKER = resolve(__dirname, 'fixtures/crash-worker.ts');

function startAndWait(command: string, args: string[], ready: RegExp): Promise<ChildProcess> {
  const proc = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((ok, fail) => {
    const timer = setTimeout(() => fail(new Error(`${args[0]} not ready in 60 s`)), 60_000);
    const onLine = (line: string) => {
      if (ready.test(line)) {
        clearTimeout(timer);
        ok(proc);
      }
    };
    createInterface({ input: proc.stdout! }).on('line', onLine);
    createInterface({ input: proc.stderr! }).on('line', onLine);
    proc.once('exit', (code) => fail(new Error(`${args[0]} exited early with ${code}`)));
  });
}

function killHard(proc: ChildProcess): Promise<void> {
  return new Promise((ok) => {
    if (proc.exitCode !== null || proc.signalCode !== null) return ok();
    proc.once('exit', () => ok());
    proc.kill('SIGKILL');
  });
}

const delay = (ms: number) => new Promise((ok) => setTimeout(ok, ms));

describe('devserver durability (kill -9)', () => {

  jest.setTimeout(180_000);
  const dir = mkdtempSync(join(tmpdir(), 'keurmerk-crash-'));
  const children: ChildProcess[] = [];
  let port: number;
  let address: string;
  let connection: Connection;
  let client: Client;

  const startServer = async () => {
    const proc = await startAndWait(
      process.execPath,
      [DEVSERVER_BIN, '--port', String(port), '--ip', '127.0.0.1', '--headless', '--db-filename', join(dir, 'temporal.db')],
      /listening on/,
    );
    children.push(proc);
    return proc;
  };
  const startWorker = async (taskQueue: string) => {
    const proc = await startAndWait(process.execPath, ['--import', 'tsx', WORKER, address, taskQueue], /worker running/);
    children.push(proc);
    return proc;
  };

  beforeAll(async () => {
    [port] = await freePorts(1);
    address = `127.0.0.1:${port}`;
    await startServer();
    connection = await Connection.connect({ address });
    client = new Client({ connection });
  });

  afterAll(async () => {
    await connection?.close();
    await Promise.all(children.map(killHard));
    rmSync(dir, { recursive: true, force: true });
  });

  async function startWorkflows(taskQueue: string, count: number) {
    return Promise.all(
      Array.from({ length: count }, (_, n) =>
        client.workflow.start('timerThenActivity', { taskQueue, workflowId: `${taskQueue}-${n}`, args: [n] }),
      ),
    );
  }

  async function assertCompletedOnce(handles: Awaited<ReturnType<typeof startWorkflows>>) {
    const results = await Promise.all(handles.map((h) => h.result()));
    expect(results).toStrictEqual(handles.map((_, n) => n * 2));
    const T = temporal.api.enums.v1.EventType;
    for (const h of handles) {
      const history = await h.fetchHistory();
      const n = (t: number) => (history.events ?? []).filter((e) => e.eventType === t).length;
      // One timer fired, one activity completed, completed once; the id says which workflow differs.
      expect({ workflowId: h.workflowId, timersFired: n(T.EVENT_TYPE_TIMER_FIRED), activitiesCompleted: n(T.EVENT_TYPE_ACTIVITY_TASK_COMPLETED), completed: n(T.EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED) })
        .toStrictEqual({ workflowId: h.workflowId, timersFired: 1, activitiesCompleted: 1, completed: 1 });
      // contiguous event ids: nothing lost or doubled in the recorded history
      (history.events ?? []).forEach((e, i) => expect(Number(e.eventId)).toBe(i + 1));
    }
  }

  it('a server killed with timers and activities pending comes back with all of them, and every workflow completes', async () => {
    const taskQueue = 'crash-server';
    const worker = await startWorker(taskQueue);
    const handles = await startWorkflows(taskQueue, 8);
    await delay(1000); // timers are pending
    await killHard(children.find((c) => c.spawnargs.includes('--db-filename'))!);
    children.splice(0, 1);
    await startServer();
    await delay(2500); // activities are now running on the worker
    const server = children.find((c) => c.spawnargs.includes('--db-filename') && c.exitCode === null)!;
    await killHard(server);
    await startServer();
    await assertCompletedOnce(handles);
    await killHard(worker);
  });

  it('a worker killed while activities run is replaced and every workflow completes', async () => {
    const taskQueue = 'crash-worker';
    const first = await startWorker(taskQueue);
    const handles = await startWorkflows(taskQueue, 8);
    await delay(3000); // past the 2 s timers: activities are heartbeating on the first worker
    await killHard(first);
    await startWorker(taskQueue);
    await assertCompletedOnce(handles);
  });
});
