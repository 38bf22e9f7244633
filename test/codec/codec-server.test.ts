// The codec server the Temporal UI calls to show decrypted payloads to operators (SEBO-R5: it decrypts
// only for the UI's origin, the served namespace, and callers without a browser origin).
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { defaultPayloadConverter } from '@temporalio/common';
import { createCodecServer, type CodecServer } from '../../codec/codec-server';
import { EncryptionCodec } from '../../codec/encryption-codec';
import { generateKey } from '../../codec/keys';
import { startCodecServerFromEnv } from '../../codec/serve';

const UI = 'http://127.0.0.1:8233';
const TOKEN = 'een-geheim-van-de-beheerder-42';
const AUTH = { Authorization: `Bearer ${TOKEN}` };
const application = { kvk: '12345678', email: 'jan.devries@bakkerij.example' };
const b64 = (s: string) => Buffer.from(s).toString('base64');

type PayloadJson = { metadata: Record<string, string>; data: string };

describe('codec server', () => {
  const codec = EncryptionCodec.fromSetting(`k1:${generateKey()}`);
  let server: CodecServer;
  beforeAll(async () => {
    server = await createCodecServer({ codec, token: TOKEN, port: 0, corsOrigins: [UI], namespaces: ['default'] });
  });
  afterAll(async () => {
    await server?.close();
  });

  function post(path: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
    return fetch(`${server.url}${path}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Namespace': 'default', ...AUTH, ...headers },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
  }

  async function encryptedJson(): Promise<PayloadJson> {
    const [payload] = await codec.encode([defaultPayloadConverter.toPayload(application)]);
    return {
      metadata: Object.fromEntries(Object.entries(payload.metadata!).map(([k, v]) => [k, Buffer.from(v).toString('base64')])),
      data: Buffer.from(payload.data!).toString('base64'),
    };
  }

  it('decodes what the UI posts, base64 metadata and data as in proto3 JSON', async () => {
    const res = await post('/decode', { payloads: [await encryptedJson()] }, { Origin: UI });
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBe(UI);
    expect(res.headers.get('access-control-allow-credentials')).toBe('true');
    const { payloads } = (await res.json()) as { payloads: PayloadJson[] };
    expect(payloads.length).toBe(1);
    expect(Buffer.from(payloads[0].metadata.encoding, 'base64').toString()).toBe('json/plain');
    expect(JSON.parse(Buffer.from(payloads[0].data, 'base64').toString())).toStrictEqual(application);
  });

  it('encodes (the UI encodes signal and update input) so that /decode reverses it, also under a path prefix', async () => {
    const plain = { metadata: { encoding: b64('json/plain') }, data: b64(JSON.stringify(application)) };
    const encoded = (await (await post('/keurmerk/encode', { payloads: [plain] })).json()) as { payloads: PayloadJson[] };
    expect(Buffer.from(encoded.payloads[0].metadata.encoding, 'base64').toString()).toBe('binary/encrypted');
    expect(Buffer.from(encoded.payloads[0].data, 'base64').toString()).not.toContain('devries');
    const decoded = (await (await post('/keurmerk/decode', encoded)).json()) as { payloads: PayloadJson[] };
    expect(decoded.payloads).toStrictEqual([plain]);
  });

  it('passes plain payloads through /decode', async () => {
    const plain = { metadata: { encoding: b64('json/plain') }, data: b64('"hallo"') };
    const res = await post('/decode', { payloads: [plain] });
    expect(await res.json()).toStrictEqual({ payloads: [plain] });
  });

  it('answers the CORS preflight of the UI origin with credentials allowed', async () => {
    const res = await fetch(`${server.url}/decode`, {
      method: 'OPTIONS',
      headers: { Origin: UI, 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'content-type,x-namespace' },
    });
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe(UI);
    expect(res.headers.get('access-control-allow-credentials')).toBe('true');
    expect(res.headers.get('access-control-allow-headers') ?? '').toMatch(/X-Namespace/);
    expect(res.headers.get('access-control-allow-methods') ?? '').toMatch(/POST/);
  });

  it('refuses another origin without decrypting', async () => {
    const res = await post('/decode', { payloads: [await encryptedJson()] }, { Origin: 'http://evil.example' });
    expect(res.status).toBe(403);
    expect(res.headers.get('access-control-allow-origin')).toBe(null);
    expect(((await res.json()) as { message: string }).message).toMatch(/origin http:\/\/evil.example is not allowed/);
  });

  it('refuses another namespace and a missing X-Namespace', async () => {
    const other = await post('/decode', { payloads: [] }, { 'X-Namespace': 'gemeente-b' });
    expect(other.status).toBe(403);
    expect(((await other.json()) as { message: string }).message).toMatch(/namespace gemeente-b is not served/);
    const missing = await fetch(`${server.url}/decode`, { method: 'POST', headers: AUTH, body: '{"payloads":[]}' });
    expect(missing.status).toBe(400);
    expect(((await missing.json()) as { message: string }).message).toMatch(/X-Namespace header missing; expected one of default/);
  });

  it('refuses bad bodies with the place and the expectation', async () => {
    const notJson = await post('/decode', '{payloads');
    expect(notJson.status).toBe(400);
    expect(((await notJson.json()) as { message: string }).message).toMatch(/request body is not JSON/);
    const badData = await post('/decode', { payloads: [{ metadata: {}, data: 'no base64!' }] });
    expect(badData.status).toBe(400);
    expect(((await badData.json()) as { message: string }).message).toMatch(/invalid request body at body\.payloads\.0\.data: expected base64/);
    const noList = await post('/decode', { payload: [] });
    expect(((await noList.json()) as { message: string }).message).toMatch(/body\.payloads/);
  });

  it('answers 422 naming the key when a payload cannot be decrypted', async () => {
    const [foreign] = await EncryptionCodec.fromSetting(`k9:${generateKey()}`).encode([defaultPayloadConverter.toPayload(application)]);
    const body = {
      payloads: [
        {
          metadata: Object.fromEntries(Object.entries(foreign.metadata!).map(([k, v]) => [k, Buffer.from(v).toString('base64')])),
          data: Buffer.from(foreign.data!).toString('base64'),
        },
      ],
    };
    const res = await post('/decode', body);
    expect(res.status).toBe(422);
    expect(((await res.json()) as { message: string }).message).toMatch(/encryption key "k9" is unknown/);
  });

  it('SEBO-R5: refuses without the token, with a wrong one, and decrypts nothing then (401), from a script or the UI origin', async () => {
    const body = { payloads: [await encryptedJson()] };
    const attempts: Record<string, string>[] = [{ Authorization: '' }, { Authorization: 'Bearer fout-token-fout-token' }, { Authorization: `Basic ${TOKEN}` }, { Authorization: '', Origin: UI }];
    for (const headers of attempts) {
      const res = await post('/decode', body, headers);
      expect(res.status).toBe(401);
      const text = await res.text();
      expect(text).not.toContain('devries');
      expect(JSON.parse(text).message).toMatch(/codec token/);
    }
    const encode = await post('/encode', { payloads: [] }, { Authorization: '' });
    expect(encode.status).toBe(401);
  });

  it('SEBO-R5: the browser gets the token once through /session as an HttpOnly SameSite=Strict cookie, which then decodes', async () => {
    const form = await fetch(`${server.url}/session`);
    expect(form.status).toBe(200);
    expect(await form.text()).toMatch(/<form method="post"/);
    const wrong = await fetch(`${server.url}/session`, { method: 'POST', body: new URLSearchParams({ token: 'niet-het-goede-token' }) });
    expect(wrong.status).toBe(401);
    expect(wrong.headers.get('set-cookie')).toBe(null);
    const ok = await fetch(`${server.url}/session`, { method: 'POST', body: new URLSearchParams({ token: TOKEN }) });
    expect(ok.status).toBe(200);
    const cookie = ok.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/^keurmerk-codec=[^;]+; HttpOnly; SameSite=Strict; Path=\//);
    const decoded = await post('/decode', { payloads: [await encryptedJson()] }, { Authorization: '', Origin: UI, Cookie: cookie.split(';')[0] });
    expect(decoded.status).toBe(200);
    const bad = await post('/decode', { payloads: [] }, { Authorization: '', Cookie: 'keurmerk-codec=fout-fout-fout-fout' });
    expect(bad.status).toBe(401);
  });

  it('has no default token: creating the server without one (or a short one) fails', async () => {
    await expect(createCodecServer({ codec, port: 0 } as never)).rejects.toThrow(/needs a token of at least 16 characters/);
    await expect(createCodecServer({ codec, token: 'kort', port: 0 })).rejects.toThrow(/at least 16/);
  });

  it('answers 404 for other paths and 405 for other methods', async () => {
    expect((await fetch(`${server.url}/`, { method: 'POST' })).status).toBe(404);
    const get = await fetch(`${server.url}/decode`);
    expect(get.status).toBe(405);
    expect(get.headers.get('allow')).toBe('POST, OPTIONS');
  });

  it('refuses a body over the limit', async () => {
    const small = await createCodecServer({ codec, token: TOKEN, port: 0, maxBodyBytes: 100 });
    try {
      const res = await fetch(`${small.url}/decode`, { method: 'POST', headers: AUTH, body: JSON.stringify({ payloads: [{ data: b64('x'.repeat(200)) }] }) });
      expect(res.status).toBe(413);
    } finally {
      await small.close();
    }
  });
});

describe('startCodecServerFromEnv', () => {
  it('SEBO-R5: starts from KEURMERK_ENCRYPTION_KEYS and the codec settings, listening on 127.0.0.1 only when no host is set', async () => {
    const server = await startCodecServerFromEnv({
      KEURMERK_ENCRYPTION_KEYS: `k1:${generateKey()}`,
      KEURMERK_CODEC_PORT: '0',
      KEURMERK_CODEC_TOKEN: TOKEN,
      KEURMERK_CODEC_CORS_ORIGINS: 'http://ui.gemeente.example',
      TEMPORAL_NAMESPACE: 'keurmerk',
    });
    try {
      // issue 16: the address it listens on, not only the one it prints
      expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const res = await fetch(`${server.url}/decode`, {
        method: 'POST',
        headers: { Origin: 'http://ui.gemeente.example', 'X-Namespace': 'keurmerk', ...AUTH },
        body: '{"payloads":[]}',
      });
      expect(res.status).toBe(200);
    } finally {
      await server.close();
    }
  });

  it('refuses to start without keys or with a bad origin, naming the setting', async () => {
    await expect(startCodecServerFromEnv({ KEURMERK_CODEC_PORT: '0' })).rejects.toThrow(/KEURMERK_ENCRYPTION_KEYS: required/);
    await expect(startCodecServerFromEnv({ KEURMERK_ENCRYPTION_KEYS: `k1:${generateKey()}`, KEURMERK_CODEC_PORT: '0' })).rejects.toThrow(/KEURMERK_CODEC_TOKEN: required/);
    await expect(startCodecServerFromEnv({ KEURMERK_ENCRYPTION_KEYS: `k1:${generateKey()}`, KEURMERK_CODEC_TOKEN: TOKEN, KEURMERK_CODEC_CORS_ORIGINS: 'ui.example' })).rejects.toThrow(/KEURMERK_CODEC_CORS_ORIGINS\.0: expected an origin/);
  });
});
