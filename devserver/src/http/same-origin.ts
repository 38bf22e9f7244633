// Only the UI itself may change state through the HTTP API. The API has no login (like the official
// dev server), so any web page the operator's browser opens could otherwise POST to
// http://127.0.0.1:<ui port>/api/v1/... and signal, update or terminate a case: a form with
// enctype="text/plain" or a no-cors fetch is a "simple" request that the browser sends without asking.
//
// The rule, for every method but GET, HEAD and OPTIONS:
//   - Sec-Fetch-Site, when the browser sends it, must be "same-origin";
//   - Origin, when sent, must be this server's own origin (http://<Host>);
//   - and the request must either carry one of those two proofs of coming from the UI's own pages, or
//     be application/json (which a page on another origin cannot send without a CORS preflight, and the
//     API answers no preflight).
// The genuine Temporal UI sends its POSTs from its own origin with a text/plain body (fetch with a
// string body and no Content-Type) and Sec-Fetch-Site: same-origin, so it passes; curl and scripts
// pass with Content-Type: application/json.
// For every method, the Host must name this machine when the server listens on a loopback address:
// a page on evil.example whose name was re-pointed at 127.0.0.1 (DNS rebinding) is same-origin to
// itself, but its Host header still says evil.example.
import type { IncomingHttpHeaders } from 'node:http';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
const LOOPBACK_HOST = /^(localhost|127(?:\.\d{1,3}){3}|\[::1\])$/i;

export interface OriginCheck {
  /** The address the HTTP server is bound to (--ip). */
  bindIp: string;
}

/** Why the request is refused, or undefined when it may go ahead. */
export function crossOriginRefusal(method: string, headers: IncomingHttpHeaders, check: OriginCheck): string | undefined {
  const host = headers.host ?? '';
  if (!hostAllowed(host, check.bindIp)) {
    return `Host "${host.slice(0, 100)}" is not this server; the HTTP API answers only requests addressed to ${check.bindIp} or localhost`;
  }
  if (SAFE_METHODS.has(method.toUpperCase())) return undefined;
  const fetchSite = single(headers['sec-fetch-site']);
  if (fetchSite !== undefined && fetchSite !== 'same-origin') {
    return `cross-origin request refused (Sec-Fetch-Site: ${fetchSite}): only the Temporal UI served by this server may change workflows through the HTTP API`;
  }
  const origin = single(headers.origin);
  const ownOrigin = `http://${host}`;
  if (origin !== undefined && origin.toLowerCase() !== ownOrigin.toLowerCase()) {
    return `cross-origin request refused (Origin: ${origin.slice(0, 100)}): only the Temporal UI served by this server (${ownOrigin}) may change workflows through the HTTP API`;
  }
  if (fetchSite === 'same-origin' || origin !== undefined) return undefined;
  const contentType = (single(headers['content-type']) ?? '').split(';')[0].trim().toLowerCase();
  if (contentType !== 'application/json') {
    return `request refused: a request that changes state must be sent with Content-Type: application/json (got ${contentType ? `"${contentType.slice(0, 100)}"` : 'none'})`;
  }
  return undefined;
}

function hostAllowed(host: string, bindIp: string): boolean {
  if (bindIp !== '127.0.0.1' && bindIp !== 'localhost' && bindIp !== '::1' && !bindIp.startsWith('127.')) {
    // Listening on a network address (e.g. 0.0.0.0 in a container) is the operator's choice of who
    // may reach it; the Origin rules above still apply.
    return true;
  }
  const name = host.replace(/:\d+$/, '');
  return LOOPBACK_HOST.test(name) || name === bindIp || name === `[${bindIp}]`;
}

function single(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
