// The Temporal HTTP API as a function from request to response, with no server attached, so the
// whole translation (route, JSON both ways, errors) is testable with a fake Handlers object.
// The HTTP server in index.ts only moves bytes.
import { status } from '@grpc/grpc-js';
import { RpcError, invalidArgument, type Handlers } from '../errors';
import { fromProtoJson, prepareMessage, RESERVED_NAMES, setFieldPath, toInternal, toProtoJson } from './protojson';
import { quoteInput } from '../wire-text';
import { generateRoutes, matchRoute, type Route } from './routes';
import { uiSettings } from './settings';
import { errorResponse } from './status';

export interface ApiRequest {
  method: string;
  /** Path and query string, e.g. /api/v1/namespaces/default/workflows?query=... */
  url: string;
  /** Raw request body (JSON text); empty for GET. */
  body?: string;
  /** Aborted when the client goes away, which cancels long polls (history with waitNewEvent). */
  signal?: AbortSignal;
}

export interface ApiResponse {
  status: number;
  body: unknown;
}

export interface GatewayOptions {
  handlers: Handlers;
  namespace: string;
  codecEndpoint?: string;
}

export type Gateway = ((request: ApiRequest) => Promise<ApiResponse>) & { routes: Route[] };

export function createGateway(options: GatewayOptions): Gateway {
  const routes = generateRoutes();
  const gateway = async (request: ApiRequest): Promise<ApiResponse> => {
    try {
      return await dispatch(routes, options, request);
    } catch (error) {
      if (error instanceof RangeError && /call stack/.test(error.message)) {
        return errorResponse(invalidArgument('request body: the JSON nests too deeply'));
      }
      return errorResponse(error);
    }
  };
  return Object.assign(gateway, { routes });
}

async function dispatch(routes: Route[], options: GatewayOptions, request: ApiRequest): Promise<ApiResponse> {
  const url = new URL(request.url, 'http://gateway');
  const verb = request.method.toUpperCase();
  if (url.pathname === '/api/v1/settings' && verb === 'GET') {
    return { status: 200, body: uiSettings(options) };
  }
  for (const segment of url.pathname.split('/')) {
    try {
      decodeURIComponent(segment);
    } catch {
      throw invalidArgument(`URL path segment ${quoteInput(segment)} is not valid percent-encoded UTF-8`);
    }
  }
  const match = matchRoute(routes, verb, url.pathname);
  if ('error' in match) {
    if (match.error === 'method-not-allowed') {
      return {
        status: 405,
        body: { code: status.UNIMPLEMENTED, message: `${verb} is not allowed on ${url.pathname}; use ${match.allowed!.join(' or ')}`, details: [] },
      };
    }
    return { status: 404, body: { code: status.NOT_FOUND, message: `no API route for ${verb} ${url.pathname}`, details: [] } };
  }
  const { route, params } = match;
  const handler = options.handlers[route.method];
  if (!handler) throw new RpcError(status.UNIMPLEMENTED, `unknown method ${route.method.split('.').pop()}`);
  const message = requestMessage(route, params, url.searchParams, request.body);
  const response = await handler(message, callOf(request.signal));
  return { status: 200, body: toProtoJson(route.responseType, response ?? {}) };
}

/**
 * The request message: the JSON body when the route takes one ("*"), otherwise the query
 * parameters; path variables always win, as in grpc-gateway.
 */
export function requestMessage(route: Route, params: Record<string, string>, query: URLSearchParams, body?: string): any {
  const type = route.requestType;
  const prepared = route.body === '*' ? prepareMessage(type, parseBody(body), '') : {};
  if (route.body !== '*') {
    for (const [name, value] of query) {
      // Unknown parameters are ignored, as grpc-gateway does; a name that is a JavaScript object
      // property ("__proto__", "constructor.prototype") is refused, as it can never be a field.
      if (name.split('.').some((part) => RESERVED_NAMES.has(part))) {
        throw invalidArgument(`query parameter ${quoteInput(name)} names no field of ${type.name}`);
      }
      setFieldPath(type, prepared, name, value);
    }
  }
  for (const [name, value] of Object.entries(params)) {
    if (!setFieldPath(type, prepared, name, value)) {
      throw invalidArgument(`path variable ${name} names no field of ${type.name}`);
    }
  }
  return toInternal(type, prepared);
}

function parseBody(body: string | undefined): unknown {
  if (!body || body.trim() === '') return {};
  try {
    return JSON.parse(body);
  } catch (error) {
    throw invalidArgument(`request body is not valid JSON: ${(error as Error).message}`);
  }
}

function callOf(signal: AbortSignal | undefined) {
  return {
    cancelled: () => signal?.aborted ?? false,
    onCancel: (fn: () => void) => {
      if (!signal) return;
      if (signal.aborted) fn();
      else signal.addEventListener('abort', () => fn(), { once: true });
    },
  };
}

export { fromProtoJson };
