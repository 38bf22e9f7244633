// Child processes of `npm start`: started with their output prefixed, stopped in reverse order.
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';

export interface Child {
  name: string;
  process: ChildProcess;
  stop(): Promise<void>;
}

/** Starts a child and resolves once a line of its output matches `ready` (or rejects if it exits). */
export function startChild(
  name: string,
  command: string,
  args: string[],
  opts: { env?: NodeJS.ProcessEnv; ready: RegExp; timeoutMs?: number; quiet?: boolean },
): Promise<Child> {
  const proc = spawn(command, args, { env: opts.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] });
  const child: Child = {
    name,
    process: proc,
    stop: () => stopProcess(proc),
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
