// node --import tsx bench/replay-runs.ts FILE [K]: replays the histories a lives run wrote
// (BENCH_DUMP=FILE npm run bench:lives) K times each, three rounds, and prints the wall and CPU time
// per workflow run: the worker's own cost of a run (module evaluation in the sandbox, activations)
// without any server, to compare workflow-code changes (issue 14).
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { temporal } from '@temporalio/proto';
import { DefaultLogger, Runtime, Worker, bundleWorkflowCode } from '@temporalio/worker';

const quietLogger = { log() {}, trace() {}, debug() {}, info() {}, warn: console.warn, error: console.error };

async function main(): Promise<void> {
  Runtime.install({ logger: new DefaultLogger('WARN') });
  const workflowBundle = await bundleWorkflowCode({ workflowsPath: resolve(__dirname, '../workflows'), logger: quietLogger });
  const dumped = JSON.parse(readFileSync(process.argv[2], 'utf8')) as { workflowId: string; history: Record<string, unknown> }[];
  const K = Number(process.argv[3] ?? 5);
  const histories = dumped.map((d) => ({ workflowId: d.workflowId, history: temporal.api.history.v1.History.fromObject(d.history) }));
  const events = histories.reduce((sum, h) => sum + (h.history.events?.length ?? 0), 0) * K;
  for (let round = 0; round < 3; round++) {
    const all = Array.from({ length: K }, (_, k) => histories.map((h) => ({ ...h, workflowId: `${h.workflowId}-${round}-${k}` }))).flat();
    const t0 = process.hrtime.bigint();
    const c0 = process.cpuUsage();
    for await (const result of Worker.runReplayHistories({ workflowBundle }, all)) if (result.error) throw result.error;
    const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
    const cpu = process.cpuUsage(c0);
    console.log(
      `round ${round}: ${all.length} runs, ${events} events in ${seconds.toFixed(2)} s: ${((seconds * 1000) / all.length).toFixed(1)} ms/run wall, ` +
        `${((cpu.user + cpu.system) / 1000 / all.length).toFixed(1)} ms/run CPU, ${(events / seconds).toFixed(0)} events/s`,
    );
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
