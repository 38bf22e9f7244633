// Child processes of `npm start`: started with their output prefixed, stopped in reverse order.
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';

export interface Child {
  name: string;
  process: ChildProcess;
  /** Set when `npm start` stops: an exit is then expected and not restarted. */
  stopping: boolean;
  stop(): Promise<void>;
}

/** A child that dies unexpectedly (a crash, kill -9) is started again after this pause. */
const RESTART_AFTER_MS = 1_000;

/** Starts a child and resolves once a line of its output matches `ready` (or rejects if it exits). */
export function startChild(
  name: string,
  command: string,
  args: string[],
  opts: { env?: NodeJS.ProcessEnv; ready: RegExp; timeoutMs?: number; quiet?: boolean; restart?: boolean; onSpawn?: (child: Child) => void },
): Promise<Child> {
  const proc = spawn(command, args, { env: opts.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] });
  const child: Child = {
    name,
    process: proc,
    stopping: false,
    stop: () => {
      child.stopping = true;
      return stopProcess(child.process);
    },
  };
  // Known to the caller before it is ready, so a stop during the start stops it too.
  opts.onSpawn?.(child);
  // Once ready, an unexpected exit starts the child again (the same Child object then holds the new process).
  const supervise = (p: ChildProcess) => {
    p.once('exit', (code, signal) => {
      if (child.stopping || !opts.restart) return;
      process.stderr.write(`[${name}] exited unexpectedly (${signal ?? `exit code ${code}`}); starting it again\n`);
      setTimeout(() => {
        if (child.stopping) return;
        startChild(name, command, args, { ...opts, restart: false, onSpawn: (next) => void (child.process = next.process) }).then(
          (next) => {
            child.process = next.process;
            supervise(next.process);
          },
          (err: Error) => {
            process.stderr.write(`[${name}] could not be started again: ${err.message}; retrying\n`);
            supervise(spawnFailed());
          },
        );
      }, RESTART_AFTER_MS);
    });
  };
  return new Promise((resolvePromise, reject) => {
    let ready = false;
    const timer = setTimeout(() => {
      if (!ready) {
        proc.kill('SIGKILL');
        reject(new Error(`${name} did not start within ${(opts.timeoutMs ?? 60_000) / 1000} s`));
      }
    }, opts.timeoutMs ?? 60_000);
    const onLine = (line: string) => {
      if (!opts.quiet || !ready) process.stderr.write(`[${name}] ${line}\n`);
      if (!ready && opts.ready.test(line)) {
        ready = true;
        clearTimeout(timer);
        supervise(proc);
        resolvePromise(child);
      }
    };
    createInterface({ input: proc.stdout! }).on('line', onLine);
    createInterface({ input: proc.stderr! }).on('line', onLine);
    proc.once('exit', (code, signal) => {
      clearTimeout(timer);
      if (!ready) reject(new Error(`${name} exited before it was ready (${signal ?? `exit code ${code}`})`));
    });
  });
}

/** A stand-in that "exits" at once, so a failed restart is retried by the same supervision. */
function spawnFailed(): ChildProcess {
  const p = spawn(process.execPath, ['-e', ''], { stdio: 'ignore' });
  return p;
}

export function stopProcess(proc: ChildProcess, graceMs = 10_000): Promise<void> {
  if (proc.exitCode !== null || proc.signalCode !== null) return Promise.resolve();
  return new Promise((resolvePromise) => {
    const force = setTimeout(() => proc.kill('SIGKILL'), graceMs);
    proc.once('exit', () => {
      clearTimeout(force);
      resolvePromise();
    });
    proc.kill('SIGINT');
  });
}
