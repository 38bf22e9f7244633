// A throw-away PostgreSQL for tests: a fresh cluster (initdb) in a temporary folder, started on a free
// port of 127.0.0.1 with password authentication, removed again by `stop()`. Uses Debian's
// postgresql package (`/usr/lib/postgresql/<version>/bin`); `.ci/run` installs it when it is missing.
// PostgreSQL refuses to run as root, so as root the server runs as the package's `postgres` user.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { freePorts } from './ports';

const PG_ROOT = '/usr/lib/postgresql';

/** The bin folder of the newest installed PostgreSQL, or undefined. */
export function postgresBinDir(): string | undefined {
  if (!existsSync(PG_ROOT)) return undefined;
  const versions = readdirSync(PG_ROOT)
    .filter((v) => /^\d+$/.test(v) && existsSync(join(PG_ROOT, v, 'bin', 'initdb')) && existsSync(join(PG_ROOT, v, 'bin', 'postgres')))
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] && join(PG_ROOT, versions[0], 'bin');
}

/** Why the PostgreSQL tests cannot run here (undefined when they can). */
export function postgresMissing(): string | undefined {
  if (!postgresBinDir()) return `PostgreSQL is not installed (no initdb/postgres under ${PG_ROOT}/<version>/bin; apt-get install postgresql)`;
  if (process.getuid?.() === 0 && spawnSync('id', ['-u', 'postgres']).status !== 0) return 'running as root and there is no postgres user to run PostgreSQL as';
  return undefined;
}

export interface TestPostgres {
  /** postgres://keurmerk:<password>@127.0.0.1:<port>/keurmerk_test */
  url: string;
  password: string;
  query<T extends pg.QueryResultRow = any>(sql: string, params?: unknown[]): Promise<T[]>;
  stop(): Promise<void>;
}

export async function startPostgres(): Promise<TestPostgres> {
  const bin = postgresBinDir();
  if (!bin) throw new Error(postgresMissing());
  const dir = mkdtempSync(join(tmpdir(), 'keurmerk-pg-'));
  const data = join(dir, 'data');
  const password = `pw-${Math.random().toString(36).slice(2, 12)}`;
  writeFileSync(join(dir, 'pwfile'), password);
  // As root: run initdb and postgres as the postgres user (setpriv execs, so the pid is postgres's own).
  const asRoot = process.getuid?.() === 0;
  const uid = asRoot ? Number(spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).stdout.trim()) : undefined;
  const gid = asRoot ? Number(spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).stdout.trim()) : undefined;
  if (asRoot) {
    chownSync(dir, uid!, gid!);
    chownSync(join(dir, 'pwfile'), uid!, gid!);
  }
  const wrap = (cmd: string, args: string[]): [string, string[]] =>
    asRoot ? ['setpriv', ['--reuid=postgres', '--regid=postgres', '--init-groups', '--', cmd, ...args]] : [cmd, args];
  const [initCmd, initArgs] = wrap(join(bin, 'initdb'), ['-D', data, '-U', 'keurmerk', '--auth=scram-sha-256', `--pwfile=${join(dir, 'pwfile')}`, '--no-sync', '-E', 'UTF8', '--locale=C']);
  const init = spawnSync(initCmd, initArgs, { encoding: 'utf8' });
  if (init.status !== 0) {
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`initdb failed (${init.status}): ${init.stderr || init.stdout}`);
  }
  const [port] = await freePorts(1);
  const [cmd, args] = wrap(join(bin, 'postgres'), ['-D', data, '-p', String(port), '-k', dir, '-c', 'listen_addresses=127.0.0.1', '-c', 'fsync=off']);
  const server: ChildProcess = spawn(cmd, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  server.stderr!.on('data', (c: Buffer) => (log = (log + c.toString()).slice(-4000)));
  const exited = new Promise<void>((resolve) => server.once('exit', () => resolve()));
  const admin = `postgres://keurmerk:${encodeURIComponent(password)}@127.0.0.1:${port}/postgres`;
  const until = Date.now() + 60_000;
  for (;;) {
    const client = new pg.Client({ connectionString: admin });
    try {
      await client.connect();
      await client.query('CREATE DATABASE keurmerk_test');
      await client.end();
      break;
    } catch (err) {
      await client.end().catch(() => undefined);
      if (server.exitCode !== null || Date.now() > until) {
        server.kill('SIGKILL');
        rmSync(dir, { recursive: true, force: true });
        throw new Error(`PostgreSQL did not start: ${(err as Error).message}\n${log}`, { cause: err });
      }
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  const url = `postgres://keurmerk:${encodeURIComponent(password)}@127.0.0.1:${port}/keurmerk_test`;
  const pool = new pg.Pool({ connectionString: url, max: 2 });
  pool.on('error', () => undefined);
  return {
    url,
    password,
    async query(sql, params) {
      return (await pool.query(sql, params as unknown[])).rows;
    },
    async stop() {
      await pool.end().catch(() => undefined);
      // SIGINT: PostgreSQL's fast shutdown (disconnects clients); SIGKILL if it takes too long.
      if (server.exitCode === null) {
        server.kill('SIGINT');
        const timer = setTimeout(() => server.kill('SIGKILL'), 15_000);
        await exited;
        clearTimeout(timer);
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
