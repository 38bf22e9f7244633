// The built UI (ui/build, a SvelteKit static site) from the API's own port. Unknown paths that look
// like pages get index.html, so a reload on /namespaces/default/workflows/x/y/history still works:
// the app's router takes over in the browser.
import { createReadStream, existsSync, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, normalize, resolve, sep } from 'node:path';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.gif': 'image/gif',
  '.ico': 'image/x-icon',
  '.mp4': 'video/mp4',
  '.webm': 'video/webm',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
};

/** ui/build next to the devserver package (devserver/{src,dist}/http -> ui/build), if built. */
export function defaultUiDir(): string | undefined {
  const dir = process.env.KEURMERK_UI_DIR || resolve(__dirname, '../../../ui/build');
  return existsSync(join(dir, 'index.html')) ? dir : undefined;
}

export function serveStatic(dir: string | undefined, req: IncomingMessage, res: ServerResponse): void {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, { allow: 'GET, HEAD', 'content-type': 'text/plain' }).end('method not allowed\n');
    return;
  }
  if (!dir) {
    res
      .writeHead(404, { 'content-type': 'text/plain; charset=utf-8' })
      .end('The Temporal UI is not built. Run `npm run ui:build`; the HTTP API is at /api/v1/.\n');
    return;
  }
  const file = resolveFile(dir, new URL(req.url ?? '/', 'http://ui').pathname);
  if (!file) {
    res.writeHead(404, { 'content-type': 'text/plain' }).end('not found\n');
    return;
  }
  const immutable = file.includes(`${sep}_app${sep}immutable${sep}`);
  res.writeHead(200, {
    'content-type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream',
    'content-length': statSync(file).size,
    'cache-control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
  });
  if (req.method === 'HEAD') res.end();
  else createReadStream(file).pipe(res);
}

function resolveFile(dir: string, pathname: string): string | undefined {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return undefined;
  }
  const root = resolve(dir);
  const candidate = normalize(join(root, decoded));
  if (candidate !== root && !candidate.startsWith(root + sep)) return undefined;
  for (const file of [candidate, `${candidate}.html`, join(candidate, 'index.html')]) {
    if (isFile(file)) return file;
  }
  // A missing asset stays a 404; anything else is a client-side route.
  if (decoded.startsWith('/_app/') || /\.(js|css|png|svg|ico|woff2?|map|json)$/.test(decoded)) return undefined;
  const index = join(root, 'index.html');
  return isFile(index) ? index : undefined;
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}
