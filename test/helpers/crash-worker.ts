// A keurmerk worker in a child process that dies (SIGKILL, no cleanup) right after its first email
// was accepted by SMTP and written to the sent-ledger, before the activity completes: the worst
// moment for "exactly once". Used by test/workflows/crash.test.ts.
//   env: TEMPORAL_ADDRESS, TEMPORAL_TASK_QUEUE, SMTP_URL, KEURMERK_DATA_DIR, WORKFLOW_BUNDLE_FILE, CRASH_MARKER
import { readFileSync, writeFileSync } from 'node:fs';
import { loadConfig } from '../../worker/config';
import { createWorker } from '../../worker/create-worker';

async function main(): Promise<void> {
  const config = loadConfig(process.env);
  const marker = process.env.CRASH_MARKER!;
  const { worker } = await createWorker(config, {
    workflowBundle: { code: readFileSync(process.env.WORKFLOW_BUNDLE_FILE!, 'utf8') },
    afterSent(idempotencyKey) {
      writeFileSync(marker, idempotencyKey);
      process.kill(process.pid, 'SIGKILL');
    },
  });
  await worker.run();
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
