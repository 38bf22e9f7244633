// Process control shared by the scripts that run `npm start` as a whole (`npm run chaos`,
// `npm run bench:burst`) and the tests of `npm start`: free ports, the processes below a pid, whether
// a pid lives, what it runs, and the settings that put the embedded system on given ports.
import { execFileSync } from 'node:child_process';
import { createServer, type Server } from 'node:net';

/** `count` distinct free ports on 127.0.0.1 (all held open at once, so none is handed out twice). */
export async function freePorts(count: number): Promise<number[]> {
  const servers = await Promise.all(
    Array.from(
      { length: count },
      () =>
        new Promise<Server>((resolve, reject) => {
          const s = createServer();
          s.once('error', reject);
          s.listen(0, '127.0.0.1', () => resolve(s));
        }),
    ),
  );
  const ports = servers.map((s) => (s.address() as { port: number }).port);
  await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))));
  return ports;
}

/** Every process below pid (children, grandchildren, ...). */
export function descendants(pid: number): number[] {
  let out: string;
  try {
    out = execFileSync('ps', ['-o', 'pid=', '--ppid', String(pid)], { encoding: 'utf8' });
  } catch {
    return []; // ps exits 1 when there are none
  }
  const children = out.split('\n').map((s) => Number(s.trim())).filter(Boolean);
  return children.flatMap((c) => [c, ...descendants(c)]);
}

/** The command line of pid ('' when it is gone). */
export function commandLine(pid: number): string {
  try {
    return execFileSync('ps', ['-o', 'args=', '-p', String(pid)], { encoding: 'utf8' }).trim();
  } catch {
    return '';
  }
}

export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** SIGKILL each pid that still lives (by its own id, one at a time). */
export function killEach(pids: number[]): void {
  for (const pid of pids) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // gone already
    }
  }
}

export interface EmbeddedPorts {
  temporal: number;
  ui: number;
  smtp: number;
  mailWeb: number;
}

/** The environment of an `npm start` with its own data folder on the given ports: embedded devserver and mail catcher. */
export function embeddedEnv(base: NodeJS.ProcessEnv, dataDir: string, ports: EmbeddedPorts): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...base,
    KEURMERK_DATA_DIR: dataDir,
    KEURMERK_TEMPORAL_PORT: String(ports.temporal),
    KEURMERK_UI_PORT: String(ports.ui),
    KEURMERK_SMTP_PORT: String(ports.smtp),
    KEURMERK_MAIL_WEB_PORT: String(ports.mailWeb),
  };
  delete env.TEMPORAL_ADDRESS;
  delete env.SMTP_URL;
  return env;
}
