// The HTTP routes of the Temporal API, generated from the google.api.http annotations that
// @temporalio/proto keeps in each method's parsedOptions: the same table the real server's
// grpc-gateway is generated from, so a new RPC with an annotation gets its route for free.
import type * as protobuf from 'protobufjs';
import { SERVICES, lookupService } from '../proto';

export interface Route {
  /** GET, POST, DELETE, ... */
  verb: string;
  /** The template as annotated, e.g. /api/v1/namespaces/{namespace}/workflows/{execution.workflow_id}/history */
  template: string;
  segments: { literal?: string; variable?: string }[];
  /** "*" when the whole request message is the body; undefined for GET-style routes. */
  body?: string;
  /** Fully qualified method, the key in Handlers. */
  method: string;
  requestType: protobuf.Type;
  responseType: protobuf.Type;
}

export interface RouteMatch {
  route: Route;
  /** Path variables by their field path, already percent-decoded. */
  params: Record<string, string>;
}

interface HttpRule {
  get?: string;
  put?: string;
  post?: string;
  delete?: string;
  patch?: string;
  body?: string;
  additional_bindings?: HttpRule | HttpRule[];
}

const VERBS = ['get', 'put', 'post', 'delete', 'patch'] as const;
const API_PREFIX = '/api/v1/';

/** Every /api/v1 binding of WorkflowService and OperatorService. */
export function generateRoutes(serviceNames: string[] = [SERVICES.workflow, SERVICES.operator]): Route[] {
  const routes: Route[] = [];
  for (const serviceName of serviceNames) {
    const service = lookupService(serviceName);
    for (const method of service.methodsArray) {
      method.resolve();
      for (const rule of httpRules(method)) {
        const verb = VERBS.find((v) => rule[v]);
        if (!verb || !rule[verb]!.startsWith(API_PREFIX)) continue;
        routes.push({
          verb: verb.toUpperCase(),
          template: rule[verb]!,
          segments: parseTemplate(rule[verb]!),
          body: rule.body || undefined,
          method: `${serviceName}.${method.name}`,
          requestType: method.resolvedRequestType!,
          responseType: method.resolvedResponseType!,
        });
      }
    }
  }
  // Literal segments win over variables where two templates could both match a path.
  return routes.sort((a, b) => literalCount(b) - literalCount(a));
}

function httpRules(method: protobuf.Method): HttpRule[] {
  const option = (method.parsedOptions ?? []).find((o: Record<string, unknown>) => o['(google.api.http)']);
  if (!option) return [];
  const rule = option['(google.api.http)'] as HttpRule;
  const additional = rule.additional_bindings;
  return [rule, ...(Array.isArray(additional) ? additional : additional ? [additional] : [])];
}

function parseTemplate(template: string): Route['segments'] {
  return template
    .split('/')
    .slice(1)
    .map((segment) => {
      const variable = /^\{([a-z0-9_.]+)\}$/.exec(segment);
      return variable ? { variable: variable[1] } : { literal: segment };
    });
}

const literalCount = (route: Route) => route.segments.filter((s) => s.literal !== undefined).length;

export type MatchResult = RouteMatch | { error: 'not-found' | 'method-not-allowed'; allowed?: string[] };

/** The route for a request; path segments are split before decoding, so %2F stays inside an id. */
export function matchRoute(routes: Route[], verb: string, pathname: string): MatchResult {
  const parts = pathname.split('/').slice(1);
  const allowed: string[] = [];
  for (const route of routes) {
    const params = matchSegments(route, parts);
    if (!params) continue;
    if (route.verb === verb) return { route, params };
    allowed.push(route.verb);
  }
  return allowed.length ? { error: 'method-not-allowed', allowed } : { error: 'not-found' };
}

function matchSegments(route: Route, parts: string[]): Record<string, string> | undefined {
  if (route.segments.length !== parts.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < parts.length; i++) {
    const segment = route.segments[i];
    if (segment.literal !== undefined) {
      if (segment.literal !== parts[i]) return undefined;
    } else {
      if (parts[i] === '') return undefined;
      try {
        params[segment.variable!] = decodeURIComponent(parts[i]);
      } catch {
        return undefined;
      }
    }
  }
  return params;
}
