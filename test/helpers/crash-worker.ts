// The production keurmerk worker (createWorker) in a child process of a test. With CRASH_MARKER set it
// dies (SIGKILL, no cleanup) right after its first email was accepted by SMTP and written to the
// sent-ledger, before the activity completes: the worst moment for "exactly once"
// (test/workflows/crash.test.ts). Without it, it just runs until killed (test/workflows/shared-ledger.test.ts
// kills it mid-send from outside). Prints "ready" once it polls.
//   env: TEMPORAL_ADDRESS, TEMPORAL_TASK_QUEUE, SMTP_URL, KEURMERK_DATA_DIR, KEURMERK_LEDGER_URL,
//        WORKFLOW_BUNDLE_FILE, CRASH_MARKER (optional)
import { readFileSync, writeFileSync } from 'node:fs';
import { loadConfig } from '../../worker/config';
import { createWorker } from '../../worker/create-worker';

async function main(): Promise<void> {
  const config = loadConfig(process.env);
  const marker = process.env.CRASH_MARKER;
  const { worker } = await createWorker(config, {
    workflowBundle: { code: readFileSync(process.env.WORKFLOW_BUNDLE_FILE!, 'utf8') },
    ...(marker
      ? {
          afterSent(idempotencyKey: string) {
            writeFileSync(marker, idempotencyKey);
            process.kill(process.pid, 'SIGKILL');
          },
        }
      : {}),
  });
  const running = worker.run();
  process.stdout.write('ready\n');
  await running;
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
