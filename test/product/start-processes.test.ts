// Issue 16: `npm start` shows no secret (a password in SMTP_URL is masked in the banner and in every
// line it prints), keeps its data for its owner only (folder 0700, files 0600), and a kill -9 of
// start.ts itself leaves no process of it behind (the worker and the devserver notice their parent died).
import { afterAll, describe, expect, it, jest } from '@jest/globals';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { alive, commandLine, descendants, freePorts } from '../../scripts/process-tree';
import { startSmtpCatcher, type SmtpCatcher } from '../helpers/smtp-catcher';
import { withoutPassword } from '../../worker/redact';

const ROOT = resolve(__dirname, '../..');

function modes(dir: string): { path: string; mode: string }[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    const st = statSync(path);
    const entry = { path, mode: (st.mode & 0o777).toString(8) };
    return st.isDirectory() ? [entry, ...modes(path)] : [entry];
  });
}

describe('npm start: secrets, file modes and orphans', () => {
  jest.setTimeout(600_000);
  const dataDir = mkdtempSync(join(tmpdir(), 'keurmerk-start-'));
  let proc: ChildProcess | undefined;
  let smtp: SmtpCatcher;
  afterAll(async () => {
    if (proc?.pid) {
      for (const pid of [...descendants(proc.pid), proc.pid]) {
        try {
          process.kill(pid, 'SIGKILL');
        } catch {
          // gone
        }
      }
    }
    await smtp?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('withoutPassword masks the password of any URL and leaves others as they are', () => {
    expect(withoutPassword('smtps://keurmerk:s3cr3t@smtp.example:465')).toBe('smtps://keurmerk:***@smtp.example:465');
    expect(withoutPassword('smtp://127.0.0.1:1025')).toBe('smtp://127.0.0.1:1025');
    expect(withoutPassword('smtps://a%40b:p%2Fw@smtp.example')).not.toMatch(/p%2Fw/);
    expect(withoutPassword('not a url //u:geheim@host')).toBe('not a url //u:***@host');
  });

  it('masks the SMTP password, keeps data 0600/0700, and a kill -9 of start.ts leaves no process behind', async () => {
    smtp = await startSmtpCatcher();
    const [temporalPort, uiPort] = await freePorts(2);
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      KEURMERK_DATA_DIR: dataDir,
      KEURMERK_TEMPORAL_PORT: String(temporalPort),
      KEURMERK_UI_PORT: String(uiPort),
      SMTP_URL: `smtp://keurmerk:Geheim-Wachtwoord-42@127.0.0.1:${smtp.port}`,
    };
    delete env.TEMPORAL_ADDRESS;
    // start.ts directly (as `npm start` runs it), so its pid is the one killed.
    proc = spawn(process.execPath, ['--import', 'tsx', 'scripts/start.ts'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let text = '';
    proc.stdout!.on('data', (d) => (text += d));
    proc.stderr!.on('data', (d) => (text += d));
    const until = Date.now() + 300_000;
    while (!/keurmerk is running[\s\S]*Stop: Ctrl-C/.test(text)) {
      if (proc.exitCode !== null) throw new Error(`npm start exited with ${proc.exitCode}:\n${text}`);
      if (Date.now() > until) throw new Error(`npm start printed no banner:\n${text}`);
      await new Promise((ok) => setTimeout(ok, 200));
    }
    expect(text).toMatch(new RegExp(`SMTP\\s+smtp://keurmerk:\\*\\*\\*@127\\.0\\.0\\.1:${smtp.port}`));
    expect(text).not.toContain('Geheim-Wachtwoord-42');

    const files = modes(dataDir);
    expect(files.map((f) => f.path)).toEqual(expect.arrayContaining([join(dataDir, 'temporal.db'), join(dataDir, 'email-ledger.db')]));
    expect((statSync(dataDir).mode & 0o777).toString(8)).toBe('700');
    const loose = files.filter((f) => f.mode !== (statSync(f.path).isDirectory() ? '700' : '600'));
    expect(loose).toEqual([]);

    const tree = descendants(proc.pid!);
    expect(tree.map(commandLine).join('\n')).toMatch(/worker\/worker\.ts/);
    expect(tree.map(commandLine).join('\n')).toMatch(/keurmerk-devserver/);
    process.kill(proc.pid!, 'SIGKILL');
    // The children poll their parent every 500 ms and stop; allow a loaded machine ample time.
    const deadline = Date.now() + 30_000;
    while (tree.some(alive) && Date.now() < deadline) await new Promise((ok) => setTimeout(ok, 200));
    expect(tree.filter(alive).map(commandLine)).toEqual([]);
    expect(text).not.toContain('Geheim-Wachtwoord-42');
  });
});
