// Entry point of keurmerk-devserver (see cli.ts for the three ways it is started).
import { startGrpcServer } from './grpc';
import { startHttpApi } from './http';
import { parseArgs, UsageError, USAGE, type ServerOptions } from './cli';
import { Clock } from './clock';
import { Engine } from './engine/engine';
import { buildHandlers } from './engine/handlers';
import { VisibilityAdapter } from './engine/visibility-adapter';
import { openStore } from './store';
import { SearchAttributeRegistry } from './visibility';

/** How often the server checks that whoever started it is still there. */
const PARENT_POLL_MS = 500;

export function main(argv: string[]): void {
  let opts: ServerOptions;
  try {
    opts = parseArgs(argv);
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    console.error(err.message === 'usage' ? USAGE : `keurmerk-devserver: ${err.message}\n${USAGE}`);
    process.exit(err.message === 'usage' ? 0 : 2);
  }
  keepServingOnStrayErrors();
  run(opts).catch((err) => {
    console.error(`keurmerk-devserver: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  });
}

export async function run(opts: ServerOptions): Promise<{ engine: Engine; close(): Promise<void> }> {
  const clock = new Clock(opts.mode === 'time-skipping');
  const registry = new SearchAttributeRegistry(opts.searchAttributes);
  const store = opts.dbFilename ? openStore(opts.dbFilename) : undefined;
  const engine = new Engine(clock, store, new VisibilityAdapter(registry), opts.namespaces[0]);
  for (const ns of opts.namespaces.slice(1)) engine.addNamespace(ns);
  store?.load(engine);
  const handlers = buildHandlers(engine);
  const grpc = await startGrpcServer({ handlers, host: opts.ip, port: opts.port });
  const uiPort = opts.uiPort ?? (grpc.port + 1000 <= 65535 ? grpc.port + 1000 : 0);
  const http = opts.headless
    ? undefined
    : await startHttpApi({ handlers, host: opts.ip, port: uiPort, namespace: opts.namespaces[0] });
  watchParent();
  if (opts.mode === 'standalone') {
    const ui = http ? ` (ui http://${opts.ip}:${http.port})` : '';
    console.log(`keurmerk-devserver listening on ${opts.ip}:${grpc.port}${ui}`);
  }
  return {
    engine,
    close: async () => {
      await Promise.all([grpc.close(), http?.close()]);
      store?.close();
    },
  };
}

/**
 * The uncaught-exception policy: an error that escapes one request (a bug, or a library throwing
 * from a callback) is logged with its stack on stderr and the server keeps serving everyone else,
 * instead of one request ending the process for all. Errors inside a handler never get here: they
 * answer that request (INTERNAL at worst, see grpc.ts). Start-up errors still end the process
 * (run() rejects, main exits 1).
 */
function keepServingOnStrayErrors(): void {
  const report = (kind: string) => (err: unknown) => {
    console.error(`keurmerk-devserver: ${kind} (the server keeps serving):`, err);
  };
  process.on('uncaughtException', report('uncaught exception'));
  process.on('unhandledRejection', report('unhandled promise rejection'));
}

/** Exit when the parent process goes away (sdk-core kills ephemeral servers with SIGKILL, or not at all). */
function watchParent(): void {
  const parent = process.ppid;
  const timer = setInterval(() => {
    if (process.ppid !== parent) process.exit(0);
  }, PARENT_POLL_MS);
  timer.unref();
}
