// The devserver's HTTP port (--ui-port, default gRPC port + 1000 like the official dev server):
// the Temporal HTTP API under /api/v1/ and the genuine Temporal UI's static files on one origin.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Handlers } from '../errors';
import { createGateway, type Gateway } from './gateway';
import { defaultUiDir, serveStatic } from './static-files';
import { statusMessage } from '../wire-text';
import { crossOriginRefusal, type OriginCheck } from './same-origin';

export { createGateway } from './gateway';
export { defaultUiDir } from './static-files';

export interface HttpApiOptions {
  handlers: Handlers;
  host: string;
  port: number;
  /** Namespace shown as the UI's default. */
  namespace: string;
  /**
   * Folder of the built UI (static files). Undefined: $KEURMERK_UI_DIR or ui/build when built;
   * empty string: API only.
   */
  staticDir?: string;
  /** Remote codec endpoint the UI decodes payloads with; default $TEMPORAL_CODEC_ENDPOINT. */
  codecEndpoint?: string;
}

/** Request bodies above this are refused (the gRPC default message limit is 4 MiB). */
const MAX_BODY_BYTES = 4 * 1024 * 1024;
const MAX_HEADER_BYTES = 1024 * 1024;

export async function startHttpApi(opts: HttpApiOptions): Promise<{ port: number; close(): Promise<void> }> {
  const gateway = createGateway({
    handlers: opts.handlers,
    namespace: opts.namespace,
    codecEndpoint: opts.codecEndpoint ?? process.env.TEMPORAL_CODEC_ENDPOINT,
  });
  const staticDir = opts.staticDir === undefined ? defaultUiDir() : opts.staticDir || undefined;
  // Go's net/http allows 1 MiB of request line and headers (the real server's HTTP API); Node only 16 KiB,
  // which would refuse long list filters in a GET with a bare 431.
  const server = createServer({ maxHeaderSize: MAX_HEADER_BYTES }, (req, res) => {
    if (req.url?.startsWith('/api/')) {
      serveApi(gateway, req, res, { bindIp: opts.host }).catch((error) => {
        console.error('keurmerk-devserver: HTTP API request failed', error);
        send(res, 500, { code: 13, message: statusMessage(`the answer could not be sent: ${(error as Error).message}`), details: [] });
      });
    }
    else serveStatic(staticDir, req, res);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        // Long polls (history with waitNewEvent) would otherwise hold close() for a minute.
        server.closeAllConnections();
      }),
  };
}

async function serveApi(gateway: Gateway, req: IncomingMessage, res: ServerResponse, check: OriginCheck): Promise<void> {
  const refusal = crossOriginRefusal(req.method ?? 'GET', req.headers, check);
  if (refusal) {
    // Refused before the body is read or anything is dispatched: nothing changes.
    send(res, 403, { code: 7 /* PERMISSION_DENIED */, message: refusal, details: [] });
    req.resume();
    return;
  }
  const aborter = new AbortController();
  res.on('close', () => {
    if (!res.writableFinished) aborter.abort();
  });
  let body: string;
  try {
    body = await readBody(req);
  } catch (error) {
    send(res, 413, { code: 8, message: (error as Error).message, details: [] });
    return;
  }
  const response = await gateway({ method: req.method ?? 'GET', url: req.url ?? '/', body, signal: aborter.signal });
  send(res, response.status, response.body);
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new Error(`request body larger than ${MAX_BODY_BYTES} bytes`));
        req.destroy();
      } else chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function send(res: ServerResponse, status: number, body: unknown): void {
  if (res.destroyed) return;
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text),
    'cache-control': 'no-store',
  });
  res.end(text);
}
