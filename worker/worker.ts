// `node worker/worker.ts` (through tsx) or `npm run worker`: runs the keurmerk worker against
// TEMPORAL_ADDRESS until SIGINT/SIGTERM. Every setting comes from worker/config.ts.
import { loadConfig, ConfigError } from './config';
import { createWorker } from './create-worker';

async function main(): Promise<void> {
  // The email ledger holds who was mailed what: files for the owner only (0600, folders 0700).
  process.umask(0o077);
  const config = loadConfig();
  const { worker, close } = await createWorker(config);
  try {
    await worker.run();
  } finally {
    await close();
  }
}

if (require.main === module) {
  main().catch((err) => {
    console.error(err instanceof ConfigError ? err.message : err);
    process.exit(1);
  });
}
