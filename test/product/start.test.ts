// Issue 5: `npm start` on free ports runs the whole system (devserver persisted to the data folder,
// worker, mail catcher, UI); an application driven through the admin command sends its email into the
// mail catcher; Ctrl-C (SIGINT), SIGTERM and SIGHUP stop every process; a second start finds the case again.
import { afterAll, describe, expect, it, jest } from '@jest/globals';
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { alive, descendants, embeddedEnv, freePorts } from '../../scripts/process-tree';

const ROOT = resolve(__dirname, '../..');
const KEURMERK = join(ROOT, 'client/bin/keurmerk.js');

interface System {
  proc: ChildProcess;
  output: () => string;
  temporal: string;
  mailWeb: string;
  ui: string;
}

async function startSystem(env: NodeJS.ProcessEnv): Promise<System> {
  // Its own process group, like a shell job: Ctrl-C signals the whole group, not only npm.
  const proc = spawn('npm', ['start', '--silent'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let text = '';
  proc.stdout!.on('data', (d) => (text += d));
  proc.stderr!.on('data', (d) => (text += d));
  const deadline = Date.now() + 300_000; // the first start may install and build the UI
  while (!/keurmerk is running[\s\S]*Stop: Ctrl-C/.test(text)) {
    if (proc.exitCode !== null) throw new Error(`npm start exited with ${proc.exitCode}:\n${text}`);
    if (Date.now() > deadline) throw new Error(`npm start printed no addresses:\n${text}`);
    await new Promise((ok) => setTimeout(ok, 200));
  }
  const grab = (re: RegExp) => {
    const m = re.exec(text);
    if (!m) throw new Error(`not in the start block: ${re}\n${text}`);
    return m[1];
  };
  return {
    proc,
    output: () => text,
    temporal: grab(/^\s+Temporal\s+(\S+)/m),
    ui: grab(/^\s+Temporal UI\s+(\S+)/m),
    mailWeb: grab(/^\s+Mail catcher\s+(\S+)/m),
  };
}

/**
 * SIGINT to the process group, as Ctrl-C in a terminal does; or SIGTERM / SIGHUP to npm's pid alone, as
 * a service manager or a closed terminal may send it; resolves once npm start is gone.
 */
async function stopSystem(system: System, signal: 'SIGINT' | 'SIGTERM' | 'SIGHUP' = 'SIGINT'): Promise<{ exit: string; leftOver: number[] }> {
  const tree = descendants(system.proc.pid!);
  // npm start runs the devserver and the worker below it
  expect(tree.length).toBeGreaterThanOrEqual(3);
  const exited = new Promise<string>((ok) => system.proc.once('exit', (code, signal) => ok(signal ?? `code ${code}`)));
  process.kill(signal === 'SIGINT' ? -system.proc.pid! : system.proc.pid!, signal);
  const exit = await exited;
  // npm dies of the signal at once; keurmerk's own processes finish their shutdown (the worker drains)
  // in their own time, which a terminal would also wait for. Give them 30 s, then see who is left.
  const deadline = Date.now() + 30_000;
  while (tree.some(alive) && Date.now() < deadline) await new Promise((ok) => setTimeout(ok, 200));
  return { exit, leftOver: tree.filter(alive) };
}

function keurmerk(temporal: string, args: string[]): string {
  return execFileSync(process.execPath, [KEURMERK, ...args], {
    cwd: ROOT,
    env: { ...process.env, TEMPORAL_ADDRESS: temporal },
    encoding: 'utf8',
  });
}

async function emailsTo(mailWeb: string, address: string): Promise<{ subject: string }[]> {
  const res = await fetch(`${mailWeb}/api/email`);
  expect(res.status).toBe(200);
  const mails = (await res.json()) as { subject: string; to: { address: string }[] }[];
  return mails.filter((m) => m.to.some((t) => t.address === address));
}

describe('npm start (embedded default)', () => {

  jest.setTimeout(900_000);
  const dataDir = mkdtempSync(join(tmpdir(), 'keurmerk-start-'));
  const running: System[] = [];
  afterAll(() => {
    for (const s of running) {
      try {
        process.kill(-s.proc.pid!, 'SIGKILL');
      } catch {
        // already gone
      }
    }
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('runs everything, mails through the catcher, stops cleanly on Ctrl-C and keeps the case', async () => {
    const [temporalPort, uiPort, smtpPort, mailWebPort] = await freePorts(4);
    const env = embeddedEnv(process.env, dataDir, { temporal: temporalPort, ui: uiPort, smtp: smtpPort, mailWeb: mailWebPort });

    const first = await startSystem(env);
    running.push(first);
    expect(first.temporal).toBe(`127.0.0.1:${env.KEURMERK_TEMPORAL_PORT}`);
    const ui = await fetch(`${first.ui}/api/v1/settings`);
    // the Temporal HTTP API answers on the UI port
    expect(ui.status).toBe(200);

    const applied = keurmerk(first.temporal, [
      'apply', '--kvk', '87654321', '--company', 'Drukkerij Het Anker', '--contact', 'Piet Jansen',
      '--email', 'piet@hetanker.example', '--accountmanager', 'wsp-021', '--establishment', 'Zoetermeer',
      '--active-since', '2018-03-01',
    ]);
    expect(applied).toMatch(/sebo-87654321/);

    let mails: { subject: string }[] = [];
    for (let i = 0; i < 100 && mails.length === 0; i++) {
      mails = await emailsTo(first.mailWeb, 'piet@hetanker.example');
      if (!mails.length) await new Promise((ok) => setTimeout(ok, 200));
    }
    // exactly one email reached the applicant through the mail catcher
    expect(mails.length).toBe(1);
    expect(mails[0].subject).toMatch(/Drukkerij Het Anker/);

    const stopped = await stopSystem(first);
    // npm itself dies of the SIGINT, as in a terminal; what matters is that keurmerk shut down in order.
    // npm start ends on Ctrl-C
    expect(['SIGINT', 'code 0']).toContain(stopped.exit);
    expect(first.output()).toMatch(/stopping keurmerk/);
    // no process of npm start is left running
    expect(stopped.leftOver).toStrictEqual([]);

    const second = await startSystem(env);
    running.push(second);
    const status = JSON.parse(keurmerk(second.temporal, ['status', '87654321', '--json']));
    expect(status.stage).toBe('INTAKE');
    // mail survives a restart
    expect((await emailsTo(second.mailWeb, 'piet@hetanker.example')).length).toBe(1);
    // SIGTERM to npm alone (a service manager) stops the whole tree too, and frees the ports
    const again = await stopSystem(second, 'SIGTERM');
    expect(['SIGTERM', 'code 0', 'code 143']).toContain(again.exit);
    expect(again.leftOver).toStrictEqual([]);

    // and so does SIGHUP (the terminal closed); the third start finds the ports free
    const third = await startSystem(env);
    running.push(third);
    const hup = await stopSystem(third, 'SIGHUP');
    expect(['SIGHUP', 'code 0', 'code 129']).toContain(hup.exit);
    expect(hup.leftOver).toStrictEqual([]);
  });
});
