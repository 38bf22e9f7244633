// A remote codec server: the Temporal UI (whose settings carry the endpoint, Codec.Endpoint) posts the
// payloads it shows to <endpoint>/decode and gets them back decrypted, so operators can read a case
// while the Temporal server only stores ciphertext. Protocol, as the UI speaks it:
//   POST <endpoint>/encode | <endpoint>/decode   Content-Type: application/json   X-Namespace: <ns>
//   body and answer {"payloads":[{"metadata":{"encoding":"<base64>"},"data":"<base64>"}]}
// Anyone who can reach this server could decrypt, so it listens on 127.0.0.1 by default, answers
// browsers only from the configured origins (the UI), and serves only callers that present its token
// (configured, never defaulted): `Authorization: Bearer <token>` (scripts, a UI that passes a token), or
// the cookie `keurmerk-codec` that GET/POST /session sets in the operator's browser once, which the UI
// then sends along (its codec setting IncludeCredentials). See codec/README.md.
import { createHash, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Payload, PayloadCodec } from '@temporalio/common';
import { z } from 'zod';
import { PayloadDecryptionError } from './encryption-codec';

export const DEFAULT_CODEC_PORT = 8888;

export interface CodecServerOptions {
  codec: PayloadCodec;
  /** The secret every caller must present (at least 16 characters); there is no default. */
  token: string;
  /** 0 picks a free port; default 8888. */
  port?: number;
  /** Default 127.0.0.1: the server decrypts for whoever asks. */
  host?: string;
  /** Browser origins allowed to call (the Temporal UI), e.g. ["http://127.0.0.1:8233"]. Requests without an Origin header (curl, scripts) are always served. */
  corsOrigins?: string[];
  /** When set, the X-Namespace header must name one of these. */
  namespaces?: string[];
  /** Largest request body accepted; default 4 MiB (Temporal refuses payloads over 2 MiB anyway). */
  maxBodyBytes?: number;
}

export interface CodecServer {
  /** Base URL, the value for the UI's codec endpoint setting (TEMPORAL_CODEC_ENDPOINT). */
  url: string;
  port: number;
  close(): Promise<void>;
}

// Proto3 JSON bytes: standard or URL-safe base64.
const base64 = z.string().regex(/^[A-Za-z0-9+/_-]*={0,2}$/, 'expected base64');
const requestSchema = z.object({
  payloads: z.array(z.object({ metadata: z.record(z.string(), base64).nullish(), data: base64.nullish() })),
});

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export const TOKEN_COOKIE = 'keurmerk-codec';
export const MIN_TOKEN_LENGTH = 16;

export async function createCodecServer(options: CodecServerOptions): Promise<CodecServer> {
  if (typeof options.token !== 'string' || options.token.length < MIN_TOKEN_LENGTH) {
    throw new Error(`the codec server needs a token of at least ${MIN_TOKEN_LENGTH} characters (KEURMERK_CODEC_TOKEN); it has no default`);
  }
  const server = createServer((req, res) => {
    handle(options, req, res).catch((err: unknown) => {
      const status = err instanceof HttpError ? err.status : err instanceof PayloadDecryptionError ? 422 : 500;
      const message = err instanceof Error ? err.message : String(err);
      if (!res.headersSent) sendJson(res, status, { message });
      else res.destroy();
    });
  });
  await listen(server, options.port ?? DEFAULT_CODEC_PORT, options.host ?? '127.0.0.1');
  const { address, port } = server.address() as AddressInfo;
  return {
    url: `http://${address.includes(':') ? `[${address}]` : address}:${port}`,
    port,
    close: () => close(server),
  };
}

async function handle(options: CodecServerOptions, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const origin = req.headers.origin;
  if (origin !== undefined) {
    if (!options.corsOrigins?.includes(origin)) throw new HttpError(403, `origin ${origin} is not allowed to use this codec server`);
    res.setHeader('Access-Control-Allow-Origin', origin);
    res.setHeader('Access-Control-Allow-Credentials', 'true');
    res.setHeader('Vary', 'Origin');
  }
  const path = new URL(req.url ?? '/', 'http://codec').pathname.replace(/\/+$/, '');
  if (path === '/session') return session(options, req, res);
  const operation = operationOf(req.url ?? '/');
  if (!operation) throw new HttpError(404, `no such endpoint ${req.url}; expected POST .../encode or .../decode`);
  if (req.method === 'OPTIONS') return preflight(res);
  if (req.method !== 'POST') {
    res.setHeader('Allow', 'POST, OPTIONS');
    throw new HttpError(405, `${req.method} is not allowed; expected POST`);
  }
  checkToken(options.token, req);
  checkNamespace(options, req.headers['x-namespace']);
  const payloads = parseRequest(await readBody(req, options.maxBodyBytes ?? 4 * 1024 * 1024));
  const result = operation === 'encode' ? await options.codec.encode(payloads) : await options.codec.decode(payloads);
  sendJson(res, 200, { payloads: result.map(toJson) });
}

/** Constant-time comparison of what the caller presented with the token. */
function sameToken(presented: string | undefined, token: string): boolean {
  if (!presented) return false;
  const digest = (s: string) => createHash('sha256').update(s).digest();
  return timingSafeEqual(digest(presented), digest(token));
}

function presentedToken(req: IncomingMessage): { bearer?: string; cookie?: string } {
  const auth = req.headers.authorization;
  const bearer = auth?.match(/^Bearer\s+(\S+)\s*$/i)?.[1];
  const cookie = (req.headers.cookie ?? '')
    .split(';')
    .map((c) => c.trim().split('='))
    .find(([name]) => name === TOKEN_COOKIE)?.[1];
  return { bearer, cookie: cookie && decodeURIComponent(cookie) };
}

function checkToken(token: string, req: IncomingMessage): void {
  const { bearer, cookie } = presentedToken(req);
  if (sameToken(bearer, token) || sameToken(cookie, token)) return;
  throw new HttpError(
    401,
    bearer || cookie
      ? 'the codec token presented is wrong'
      : 'no codec token: send "Authorization: Bearer <KEURMERK_CODEC_TOKEN>", or open /session of this server in the browser once and enter it',
  );
}

/**
 * GET /session: a small form for the operator's browser; POST /session with the token (form field
 * `token`) sets it as an HttpOnly, SameSite=Strict cookie, which the UI's codec requests then carry.
 */
async function session(options: CodecServerOptions, req: IncomingMessage, res: ServerResponse): Promise<void> {
  if (req.method === 'GET') {
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' }).end(
      '<!doctype html><meta charset="utf-8"><title>keurmerk codec</title>' +
        '<form method="post" action="session"><label>Codec token (KEURMERK_CODEC_TOKEN) <input type="password" name="token" autofocus></label> <button>Use in this browser</button></form>',
    );
    return;
  }
  if (req.method !== 'POST') {
    res.setHeader('Allow', 'GET, POST');
    throw new HttpError(405, `${req.method} is not allowed; expected GET or POST`);
  }
  const form = new URLSearchParams(await readBody(req, 4096));
  const token = form.get('token') ?? '';
  if (!sameToken(token, options.token)) throw new HttpError(401, 'the codec token presented is wrong');
  res
    .writeHead(200, {
      'Content-Type': 'text/plain; charset=utf-8',
      'Set-Cookie': `${TOKEN_COOKIE}=${encodeURIComponent(token)}; HttpOnly; SameSite=Strict; Path=/; Max-Age=${12 * 3600}`,
      'Cache-Control': 'no-store',
    })
    .end('This browser may now decode payloads in the Temporal UI for 12 hours.\n');
}

function operationOf(url: string): 'encode' | 'decode' | undefined {
  const path = new URL(url, 'http://codec').pathname.replace(/\/+$/, '');
  if (path.endsWith('/encode')) return 'encode';
  if (path.endsWith('/decode')) return 'decode';
  return undefined;
}

function preflight(res: ServerResponse): void {
  res.setHeader('Access-Control-Allow-Methods', 'POST, OPTIONS');
  res.setHeader('Access-Control-Allow-Headers', 'Content-Type, X-Namespace, Authorization, Authorization-Extras');
  res.setHeader('Access-Control-Max-Age', '600');
  res.writeHead(204).end();
}

function checkNamespace(options: CodecServerOptions, header: string | string[] | undefined): void {
  if (!options.namespaces) return;
  const namespace = Array.isArray(header) ? header[0] : header;
  if (!namespace) throw new HttpError(400, `X-Namespace header missing; expected one of ${options.namespaces.join(', ')}`);
  if (!options.namespaces.includes(namespace)) throw new HttpError(403, `namespace ${namespace} is not served by this codec server`);
}

function parseRequest(body: string): Payload[] {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    throw new HttpError(400, 'request body is not JSON; expected {"payloads":[{"metadata":{...},"data":"<base64>"}]}');
  }
  const parsed = requestSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new HttpError(400, `invalid request body at ${['body', ...issue.path].join('.')}: ${issue.message}`);
  }
  return parsed.data.payloads.map(({ metadata, data }) => ({
    metadata: Object.fromEntries(Object.entries(metadata ?? {}).map(([key, value]) => [key, Buffer.from(value, 'base64')])),
    data: Buffer.from(data ?? '', 'base64'),
  }));
}

function toJson(payload: Payload): { metadata: Record<string, string>; data: string } {
  const bytes = (b: Uint8Array | null | undefined) => Buffer.from(b ?? new Uint8Array()).toString('base64');
  return {
    metadata: Object.fromEntries(Object.entries(payload.metadata ?? {}).map(([key, value]) => [key, bytes(value)])),
    data: bytes(payload.data),
  };
}

function readBody(req: IncomingMessage, limit: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        reject(new HttpError(413, `request body over ${limit} bytes`));
        req.resume();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'Content-Type': 'application/json' }).end(JSON.stringify(body));
}

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

function close(server: Server): Promise<void> {
  return new Promise((resolve, reject) => {
    server.close((err) => (err ? reject(err) : resolve()));
    server.closeAllConnections();
  });
}
