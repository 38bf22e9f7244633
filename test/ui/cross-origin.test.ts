// Issue 16: nothing on a web page can act on a case. A page on another origin (another port of
// 127.0.0.1) that the operator's browser opens tries to signal and terminate a workflow through the
// devserver's HTTP API, with a simple text/plain form POST, a no-cors fetch and a JSON fetch; each is
// refused with 403 (or never sent, after the failed CORS preflight) and the workflow's history is
// unchanged. A page of the devserver's own origin, sending the way the genuine Temporal UI does (POST
// with a string body, so text/plain, and its Caller-Type header), still works.
// Real Chromium (Debian's package) through playwright-core, as test/ui/browser.test.ts.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { Client, Connection } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import { crossOriginRefusal } from '../../devserver/src/http/same-origin';
import { freePorts } from '../helpers/ports';
import { DEVSERVER_BIN } from '../helpers/server';
import { CHROMIUM_ARGS, ensureChromium } from './system';

const LOCAL = { bindIp: '127.0.0.1' };
const EventType = temporal.api.enums.v1.EventType;

describe('issue 16: the HTTP API changes state only for requests from its own origin (rule)', () => {
  const own = { host: '127.0.0.1:8233' };
  it('lets curl-style JSON requests and the UI\'s same-origin text/plain POSTs through', () => {
    expect(crossOriginRefusal('POST', { ...own, 'content-type': 'application/json' }, LOCAL)).toBeUndefined();
    expect(crossOriginRefusal('POST', { ...own, 'content-type': 'application/json; charset=utf-8' }, LOCAL)).toBeUndefined();
    expect(crossOriginRefusal('POST', { ...own, 'content-type': 'text/plain;charset=UTF-8', 'sec-fetch-site': 'same-origin', origin: 'http://127.0.0.1:8233' }, LOCAL)).toBeUndefined();
    expect(crossOriginRefusal('POST', { host: 'localhost:8233', 'content-type': 'text/plain', origin: 'http://localhost:8233' }, LOCAL)).toBeUndefined();
    expect(crossOriginRefusal('GET', { ...own, 'sec-fetch-site': 'cross-site' }, LOCAL)).toBeUndefined();
  });

  it('refuses another origin, a cross-site fetch, a form content type without origin, and a foreign Host', () => {
    expect(crossOriginRefusal('POST', { ...own, 'content-type': 'text/plain', origin: 'http://127.0.0.1:9999' }, LOCAL)).toMatch(/Origin: http:\/\/127\.0\.0\.1:9999/);
    expect(crossOriginRefusal('POST', { ...own, 'content-type': 'application/json', origin: 'null' }, LOCAL)).toMatch(/Origin: null/);
    expect(crossOriginRefusal('POST', { ...own, 'content-type': 'application/json', 'sec-fetch-site': 'same-site' }, LOCAL)).toMatch(/Sec-Fetch-Site: same-site/);
    expect(crossOriginRefusal('DELETE', { ...own, 'sec-fetch-site': 'cross-site', origin: 'http://127.0.0.1:8233' }, LOCAL)).toMatch(/Sec-Fetch-Site: cross-site/);
    expect(crossOriginRefusal('POST', { ...own, 'content-type': 'application/x-www-form-urlencoded' }, LOCAL)).toMatch(/Content-Type: application\/json \(got "application\/x-www-form-urlencoded"\)/);
    expect(crossOriginRefusal('POST', { ...own }, LOCAL)).toMatch(/\(got none\)/);
    // DNS rebinding: evil.example re-pointed at 127.0.0.1 is same-origin to itself, but not this host.
    expect(crossOriginRefusal('POST', { host: 'evil.example:8233', origin: 'http://evil.example:8233', 'sec-fetch-site': 'same-origin' }, LOCAL)).toMatch(/Host "evil\.example:8233" is not this server/);
    expect(crossOriginRefusal('GET', { host: 'evil.example:8233' }, LOCAL)).toMatch(/is not this server/);
    // Bound to a network address, any Host may reach it; the Origin rules still hold.
    expect(crossOriginRefusal('GET', { host: 'devserver:8233' }, { bindIp: '0.0.0.0' })).toBeUndefined();
    expect(crossOriginRefusal('POST', { host: 'devserver:8233', origin: 'http://evil.example' }, { bindIp: '0.0.0.0' })).toMatch(/Origin/);
  });
});

const chromiumCheck = ensureChromium();
const missing = 'skip' in chromiumCheck ? chromiumCheck.skip : undefined;
if (missing && process.env.CI) throw new Error(`the cross-origin browser test needs Chromium in CI: ${missing}`);
if (missing) console.log(`cross-origin browser test skipped (outside CI only): ${missing}`);
const describeInBrowser = missing ? describe.skip : describe;

/** The attacker's page: a text/plain form POST into a hidden frame, a no-cors fetch and a JSON fetch. */
function attackerPage(api: string): string {
  return `<!doctype html><html><body>
<iframe name="sink" id="sink"></iframe>
<form id="form" method="POST" enctype="text/plain" target="sink" action="${api}/terminate">
  <input name='{"reason":"via browser","x":"' value='"}'>
</form>
<script>
  window.results = {};
  document.getElementById('sink').addEventListener('load', () => { window.results.form = 'loaded'; });
  document.getElementById('form').submit();
  fetch('${api}/signal/approve', { method: 'POST', mode: 'no-cors', headers: { 'Content-Type': 'text/plain' }, body: '{"signalName":"approve"}' })
    .then((r) => { window.results.noCors = r.type; }, (e) => { window.results.noCors = 'error ' + e.message; });
  fetch('${api}/signal/approve', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"signalName":"approve"}' })
    .then((r) => { window.results.json = r.status; }, (e) => { window.results.json = 'blocked'; });
</script></body></html>`;
}

describeInBrowser('issue 16: a page on another origin cannot act on a case through the HTTP API (Chromium)', () => {
  let devserver: ChildProcess;
  let attacker: Server;
  let browser: Browser;
  let page: Page;
  let client: Client;
  let connection: Connection;
  let uiDir: string;
  let apiOrigin: string;
  let attackerOrigin: string;

  beforeAll(async () => {
    const [grpcPort, uiPort, attackerPort] = await freePorts(3);
    apiOrigin = `http://127.0.0.1:${uiPort}`;
    attackerOrigin = `http://127.0.0.1:${attackerPort}`;
    uiDir = mkdtempSync(join(tmpdir(), 'keurmerk-ui-'));
    writeFileSync(join(uiDir, 'index.html'), '<!doctype html><title>own origin</title>');
    devserver = spawn(process.execPath, [DEVSERVER_BIN, '--port', String(grpcPort), '--ui-port', String(uiPort)], {
      stdio: ['ignore', 'pipe', 'inherit'],
      env: { ...process.env, KEURMERK_UI_DIR: uiDir },
    });
    await new Promise<void>((resolve, reject) => {
      devserver.stdout!.on('data', (chunk: Buffer) => chunk.toString().includes('listening') && resolve());
      devserver.once('exit', (code) => reject(new Error(`devserver exited (${code})`)));
    });
    connection = await Connection.connect({ address: `127.0.0.1:${grpcPort}` });
    client = new Client({ connection });
    attacker = createServer((req, res) => {
      const workflowId = new URL(req.url ?? '/', attackerOrigin).searchParams.get('wf') ?? '';
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(attackerPage(`${apiOrigin}/api/v1/namespaces/default/workflows/${workflowId}`));
    });
    await new Promise<void>((resolve) => attacker.listen(attackerPort, '127.0.0.1', resolve));
    browser = await chromium.launch({ executablePath: 'path' in chromiumCheck ? chromiumCheck.path : undefined, args: CHROMIUM_ARGS });
    page = await browser.newPage();
    page.setDefaultTimeout(20_000);
  });

  afterAll(async () => {
    await browser?.close();
    await new Promise((resolve) => (attacker ? attacker.close(resolve) : resolve(undefined)));
    await connection?.close();
    devserver?.kill('SIGKILL');
    if (uiDir) rmSync(uiDir, { recursive: true, force: true });
  });

  /** A running workflow with no worker: a signal or a termination would show in its history at once. */
  async function startVictim(id: string) {
    const handle = await client.workflow.start('victim', { taskQueue: 'no-worker', workflowId: id });
    return handle;
  }

  async function eventTypes(id: string): Promise<string[]> {
    const history = await client.workflow.getHandle(id).fetchHistory();
    return (history.events ?? []).map((e) => EventType[e.eventType ?? 0]);
  }

  it('refuses the text/plain form POST and the no-cors fetch with 403, the JSON fetch never passes its preflight, and nothing changes', async () => {
    const id = `victim-${Date.now()}`;
    const handle = await startVictim(id);
    const before = await eventTypes(id);
    const apiStatuses: { method: string; url: string; status: number }[] = [];
    page.on('response', (response) => {
      if (response.url().startsWith(`${apiOrigin}/api/`)) apiStatuses.push({ method: response.request().method(), url: response.url(), status: response.status() });
    });
    await page.goto(`${attackerOrigin}/?wf=${id}`);
    await page.waitForFunction(() => {
      const r = (globalThis as any).results;
      return r && r.form && r.noCors && r.json;
    });
    const results = await page.evaluate(() => (globalThis as any).results);
    expect(results.json).toBe('blocked');
    expect(results.noCors).toBe('opaque');
    const posts = apiStatuses.filter((r) => r.method === 'POST');
    expect(posts.map((r) => [r.url.replace(apiOrigin, ''), r.status]).sort()).toEqual(
      [
        [`/api/v1/namespaces/default/workflows/${id}/signal/approve`, 403],
        [`/api/v1/namespaces/default/workflows/${id}/terminate`, 403],
      ].sort(),
    );
    expect((await handle.describe()).status.name).toBe('RUNNING');
    expect(await eventTypes(id)).toEqual(before);
    page.removeAllListeners('response');
  });

  it('still takes a POST from its own origin sent the way the genuine Temporal UI sends it (string body, Caller-Type header)', async () => {
    const id = `own-${Date.now()}`;
    await startVictim(id);
    await page.goto(`${apiOrigin}/`);
    const status = await page.evaluate(async (workflowId) => {
      const response = await fetch(`/api/v1/namespaces/default/workflows/${workflowId}/signal/approve`, {
        method: 'POST',
        credentials: 'include',
        headers: { 'Caller-Type': 'operator' },
        body: JSON.stringify({ signalName: 'approve' }),
      });
      return response.status;
    }, id);
    expect(status).toBe(200);
    const types = await eventTypes(id);
    expect(types).toContain('EVENT_TYPE_WORKFLOW_EXECUTION_SIGNALED');
  });
});
