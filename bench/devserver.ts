// npm run bench:devserver: workflows per second through the real SDK on the project's devserver, for
// (a) start -> complete, (b) one activity, (c) one timer of a day under time skipping, each beside the
// rate at which the SDK replays the same histories without any server (Worker.runReplayHistories).
// The ratio live/replay says how much the server adds: 1.0 would be a server that costs nothing.
// Set BENCH_WORKFLOWS (default 200) and BENCH_CONCURRENCY (default 20) to change the load.
import { resolve } from 'node:path';
import { DefaultLogger, Runtime, Worker, bundleWorkflowCode, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Client, WorkflowHandle } from '@temporalio/client';
import type { temporal } from '@temporalio/proto';
import * as activities from './devserver-activities';
import { DEVSERVER_BIN } from '../test/helpers/server';

const COUNT = Number(process.env.BENCH_WORKFLOWS ?? 200);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 20);

interface Row {
  scenario: string;
  live: number;
  replay: number;
}

async function runLoad(client: Client, taskQueue: string, workflowType: string): Promise<{ perSecond: number; handles: WorkflowHandle[] }> {
  const handles: WorkflowHandle[] = [];
  const started = process.hrtime.bigint();
  let next = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < COUNT) {
        const i = next++;
        const handle = await client.workflow.start(workflowType, { taskQueue, workflowId: `bench-${workflowType}-${i}-${process.pid}` });
        await handle.result();
        handles.push(handle);
      }
    }),
  );
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return { perSecond: COUNT / seconds, handles };
}

async function replayRate(bundle: WorkflowBundleWithSourceMap, handles: WorkflowHandle[]): Promise<number> {
  const histories: { workflowId: string; history: temporal.api.history.v1.IHistory }[] = [];
  for (const h of handles) histories.push({ workflowId: h.workflowId, history: await h.fetchHistory() });
  const started = process.hrtime.bigint();
  for await (const result of Worker.runReplayHistories({ workflowBundle: bundle }, histories)) {
    if (result.error) throw result.error;
  }
  return histories.length / (Number(process.hrtime.bigint() - started) / 1e9);
}

async function scenario(
  env: TestWorkflowEnvironment,
  bundle: WorkflowBundleWithSourceMap,
  name: string,
  workflowType: string,
): Promise<Row> {
  const taskQueue = `bench-${workflowType}`;
  const worker = await Worker.create({ connection: env.nativeConnection, taskQueue, workflowBundle: bundle, activities });
  const { perSecond, handles } = await worker.runUntil(async () => {
    await runLoad(env.client, taskQueue, workflowType); // warm-up: caches, JIT, connections
    return runLoad(env.client, taskQueue, workflowType);
  });
  return { scenario: name, live: perSecond, replay: await replayRate(bundle, handles) };
}

async function main(): Promise<void> {
  Runtime.install({ logger: new DefaultLogger('WARN') });
  const only = process.env.BENCH_ONLY; // a, b or c: run one scenario
  const path = process.env.TEMPORAL_TEST_SERVER_PATH ?? DEVSERVER_BIN;
  const bundle = await bundleWorkflowCode({ workflowsPath: resolve(__dirname, 'devserver-workflows.ts'), logger: quietLogger });
  const rows: Row[] = [];

  const local = await TestWorkflowEnvironment.createLocal({ server: { executable: { type: 'existing-path', path: process.env.TEMPORAL_CLI_PATH ?? path } } });
  try {
    if (!only || only === 'a') rows.push(await scenario(local, bundle, '(a) start -> complete', 'startComplete'));
    if (!only || only === 'b') rows.push(await scenario(local, bundle, '(b) one activity', 'oneActivity'));
  } finally {
    await local.teardown();
  }
  const skipping = await TestWorkflowEnvironment.createTimeSkipping({ server: { executable: { type: 'existing-path', path } } });
  try {
    if (!only || only === 'c') rows.push(await scenario(skipping, bundle, '(c) one 1-day timer, time skipping', 'oneTimer'));
  } finally {
    await skipping.teardown();
  }

  console.log(`\ndevserver benchmark: ${COUNT} workflows per scenario, ${CONCURRENCY} at a time, 2 cores shared by server, worker and client\n`);
  console.log(['scenario'.padEnd(38), 'live wf/s'.padStart(10), 'replay wf/s'.padStart(12), 'live/replay'.padStart(12)].join(''));
  for (const r of rows) {
    console.log([r.scenario.padEnd(38), r.live.toFixed(1).padStart(10), r.replay.toFixed(1).padStart(12), (r.live / r.replay).toFixed(2).padStart(12)].join(''));
  }
}

const quietLogger = { log() {}, trace() {}, debug() {}, info() {}, warn: console.warn, error: console.error };

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
