// The devserver's Temporal HTTP API (issue 6) against a fake Handlers object: routes generated from
// the google.api.http annotations, proto3 canonical JSON both ways, errors with their HTTP status,
// the UI's settings, and the HTTP server with the UI's static files and SPA fallback.
import { afterEach, describe, expect, it } from '@jest/globals';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { get } from 'node:http';
import { join } from 'node:path';
import { status } from '@grpc/grpc-js';
import { RpcError, notFound, type Handlers } from '../../devserver/src/errors';
import { createGateway, type ApiRequest } from '../../devserver/src/http/gateway';
import { startHttpApi } from '../../devserver/src/http';
import { fromProtoJson, toProtoJson } from '../../devserver/src/http/protojson';
import { lookupType } from '../../devserver/src/proto';

const WS = 'temporal.api.workflowservice.v1.WorkflowService';
const OS = 'temporal.api.operatorservice.v1.OperatorService';

/** Handlers that record each request and answer with a canned response. */
function recording(responses: Record<string, unknown> = {}) {
  const calls: { method: string; request: any }[] = [];
  const handlers: Handlers = new Proxy(
    {},
    {
      get: (_, method: string) =>
        method in responses || method.startsWith(WS) || method.startsWith(OS)
          ? async (request: any) => {
              calls.push({ method, request });
              const answer = responses[method];
              if (answer instanceof Error) throw answer;
              return answer ?? {};
            }
          : undefined,
    },
  );
  return { handlers, calls };
}

function gatewayWith(responses: Record<string, unknown> = {}) {
  const { handlers, calls } = recording(responses);
  const gateway = createGateway({ handlers, namespace: 'default' });
  const call = (method: string, url: string, body?: unknown) =>
    gateway({ method, url, body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body) } as ApiRequest);
  return { gateway, calls, call };
}

function rawStatus(port: number, path: string): Promise<number> {
  return new Promise((resolve, reject) => {
    get({ host: '127.0.0.1', port, path }, (res) => {
      res.resume();
      resolve(res.statusCode!);
    }).on('error', reject);
  });
}

const payload = (value: unknown) => ({
  metadata: { encoding: Buffer.from('json/plain') },
  data: Buffer.from(JSON.stringify(value)),
});

describe('routes generated from the google.api.http annotations', () => {
  it('has one route per /api/v1 binding of WorkflowService and OperatorService, and no others', () => {
    const { gateway } = gatewayWith();
    // the gateway has a route for every Temporal UI API call
    expect(gateway.routes.length).toBeGreaterThanOrEqual(100);
    expect(gateway.routes.every((r) => r.template.startsWith('/api/v1/'))).toBeTruthy();
    const find = (verb: string, template: string) => gateway.routes.find((r) => r.verb === verb && r.template === template);
    expect(find('GET', '/api/v1/namespaces/{namespace}/workflows/{execution.workflow_id}/history')?.method).toBe(`${WS}.GetWorkflowExecutionHistory`);
    expect(find('POST', '/api/v1/namespaces/{namespace}/workflows/{execution.workflow_id}/query/{query.query_type}')?.method).toBe(`${WS}.QueryWorkflow`);
    expect(find('GET', '/api/v1/namespaces/{namespace}/search-attributes')?.method).toBe(`${OS}.ListSearchAttributes`);
    expect(find('POST', '/api/v1/namespaces/{namespace}/workflows/{workflow_execution.workflow_id}/cancel')?.body).toBe('*');
  });

  it('routes the calls the Temporal UI makes to their RPCs', async () => {
    const { call, calls } = gatewayWith();
    const expectations: [string, string, string][] = [
      ['GET', '/api/v1/namespaces', 'ListNamespaces'],
      ['GET', '/api/v1/cluster-info', 'GetClusterInfo'],
      ['GET', '/api/v1/system-info', 'GetSystemInfo'],
      ['GET', '/api/v1/namespaces/default/search-attributes', 'ListSearchAttributes'],
      ['GET', '/api/v1/namespaces/default/workflow-count?query=GROUP%20BY%20ExecutionStatus', 'CountWorkflowExecutions'],
      ['GET', '/api/v1/namespaces/default/workflows?query=KeurmerkStage%3D%22AUDIT%22', 'ListWorkflowExecutions'],
      ['GET', '/api/v1/namespaces/default/workflows/wf-1?execution.runId=r', 'DescribeWorkflowExecution'],
      ['GET', '/api/v1/namespaces/default/workflows/wf-1/history-reverse', 'GetWorkflowExecutionHistoryReverse'],
      ['GET', '/api/v1/namespaces/default/task-queues/q?taskQueueType=1', 'DescribeTaskQueue'],
      ['POST', '/api/v1/namespaces/default/workflows/wf-1/signal/approve', 'SignalWorkflowExecution'],
      ['POST', '/api/v1/namespaces/default/workflows/wf-1/terminate', 'TerminateWorkflowExecution'],
      ['POST', '/api/v1/namespaces/default/workflows/wf-1/update/decide', 'UpdateWorkflowExecution'],
    ];
    for (const [verb, url, method] of expectations) {
      const response = await call(verb, url, verb === 'POST' ? {} : undefined);
      // The route is in the compared object, so a failure names it and shows the body it got.
      expect({ verb, url, status: response.status, body: response.body }).toMatchObject({ verb, url, status: 200 });
      expect({ url, method: calls.at(-1)!.method }).toStrictEqual({ url, method: `${method.endsWith('SearchAttributes') ? OS : WS}.${method}` });
    }
    expect(calls[4].request.query).toBe('GROUP BY ExecutionStatus');
    expect(calls[8].request.taskQueue.name).toBe('q');
    expect(calls[8].request.taskQueueType).toBe(1);
    expect(calls[9].request.signalName).toBe('approve');
    expect(calls[11].request.request.input.name).toBe('decide');
  });

  it('decodes path variables once, keeping a slash inside a workflow id', async () => {
    const { call, calls } = gatewayWith();
    await call('GET', '/api/v1/namespaces/default/workflows/sebo%2F2026%2F17%20a/history');
    expect(calls[0].request.execution).toStrictEqual({ workflowId: 'sebo/2026/17 a' });
  });
});

describe('request JSON and query parameters', () => {
  it('reads query parameters in camelCase and snake_case, with bytes, bools and enum names', async () => {
    const { call, calls } = gatewayWith();
    const token = Buffer.from([0, 1, 250]).toString('base64');
    const response = await call(
      'GET',
      `/api/v1/namespaces/default/workflows/wf/history?execution.run_id=run-1&next_page_token=${encodeURIComponent(token)}` +
        '&waitNewEvent=true&maximumPageSize=5&historyEventFilterType=HISTORY_EVENT_FILTER_TYPE_CLOSE_EVENT',
    );
    expect(response.status).toBe(200);
    expect(calls[0].request).toStrictEqual({
      namespace: 'default',
      execution: { workflowId: 'wf', runId: 'run-1' },
      nextPageToken: Buffer.from([0, 1, 250]),
      waitNewEvent: true,
      maximumPageSize: 5,
      historyEventFilterType: 2,
    });
  });

  it('merges a body in either case with the path variables, which win', async () => {
    const { call, calls } = gatewayWith();
    await call('POST', '/api/v1/namespaces/default/workflows/case-7/query/status', {
      execution: { run_id: 'r-9', workflowId: 'ignored-by-path' },
      query: { query_type: 'ignored', queryArgs: { payloads: [{ metadata: { encoding: 'anNvbi9wbGFpbg==' }, data: 'MQ==' }] } },
      query_reject_condition: 'QUERY_REJECT_CONDITION_NOT_OPEN',
    });
    const request = calls[0].request;
    expect(request.execution).toStrictEqual({ workflowId: 'case-7', runId: 'r-9' });
    expect(request.query.queryType).toBe('status');
    expect(request.query.queryArgs.payloads[0].data).toStrictEqual(Buffer.from('1'));
    expect(request.queryRejectCondition).toBe(2);
    expect(request.namespace).toBe('default');
  });

  it('reads RFC 3339 timestamps, durations, int64 strings and short enum names', () => {
    const request = fromProtoJson(lookupType('temporal.api.workflowservice.v1.StartWorkflowExecutionRequest'), {
      workflowId: 'x',
      workflowRunTimeout: '1.5s',
      workflow_task_timeout: '10s',
      workflowStartDelay: { seconds: '3' },
      workflowIdReusePolicy: 'RejectDuplicate',
    });
    expect(request.workflowRunTimeout).toStrictEqual({ seconds: 1, nanos: 500_000_000 });
    expect(request.workflowTaskTimeout).toStrictEqual({ seconds: 10 });
    expect(request.workflowStartDelay).toStrictEqual({ seconds: 3 });
    expect(request.workflowIdReusePolicy).toBe(3);
    const event = fromProtoJson(lookupType('temporal.api.history.v1.HistoryEvent'), {
      eventId: '9007199254740991',
      eventTime: '2026-03-01T10:15:30.250+01:00',
    });
    expect(event.eventId).toBe(Number.MAX_SAFE_INTEGER);
    expect(event.eventTime).toStrictEqual({ seconds: Date.UTC(2026, 2, 1, 9, 15, 30) / 1000, nanos: 250_000_000 });
  });

  it('refuses a value of the wrong type with the field path, without calling the handler', async () => {
    const { call, calls } = gatewayWith();
    const cases: [string, string, unknown, RegExp][] = [
      ['GET', '/api/v1/namespaces/default/workflows/wf/history?maximumPageSize=ten', undefined, /maximumPageSize: expected an integer \(int32\), got "ten"/],
      ['GET', '/api/v1/namespaces/default/workflows/wf/history?waitNewEvent=maybe', undefined, /waitNewEvent: expected true or false/],
      ['GET', '/api/v1/namespaces/default/task-queues/q?taskQueueType=TASK_QUEUE_TYPE_LUNCH', undefined, /taskQueueType: expected a TaskQueueType name/],
      ['POST', '/api/v1/namespaces/default/workflows/wf/cancel', { workflow_execution: 'wf' }, /workflowExecution: expected a JSON object \(temporal\.api\.common\.v1\.WorkflowExecution\), got "wf"/],
      ['POST', '/api/v1/namespaces/default/workflows/wf', { workflowRunTimeout: '10 minutes' }, /workflowRunTimeout: expected a duration in seconds like "10s"/],
      ['POST', '/api/v1/namespaces/default/workflows/wf/signal/s', { input: { payloads: { data: 'x' } } }, /input\.payloads: expected a JSON array, got an object/],
      ['POST', '/api/v1/namespaces/default/workflows/wf/signal/s', '{"input": ', /request body is not valid JSON/],
      ['POST', '/api/v1/namespaces/default/workflows/wf/signal/s', [1, 2], /request body: expected a JSON object/],
    ];
    for (const [verb, url, body, message] of cases) {
      const response = await call(verb, url, body);
      // url
      expect(response.status).toBe(400);
      const error = response.body as { code: number; message: string };
      expect(error.code).toBe(status.INVALID_ARGUMENT);
      expect(error.message).toMatch(message);
    }
    expect(calls.length).toBe(0);
  });

  it('drops fields it does not know, as protojson with DiscardUnknown does', async () => {
    const { call, calls } = gatewayWith();
    const response = await call('POST', '/api/v1/namespaces/default/workflows/wf/cancel', { reason: 'done', fieldFromTheFuture: 1 });
    expect(response.status).toBe(200);
    expect(calls[0].request).toStrictEqual({ namespace: 'default', workflowExecution: { workflowId: 'wf' }, reason: 'done' });
  });
});

describe('response JSON', () => {
  it('writes int64 as strings, enum names, RFC 3339 times, durations and base64 payloads', async () => {
    const { call } = gatewayWith({
      [`${WS}.GetWorkflowExecutionHistory`]: {
        history: {
          events: [
            {
              eventId: 1,
              eventTime: { seconds: 1767258000, nanos: 5_000_000 },
              eventType: 1,
              workflowExecutionStartedEventAttributes: {
                workflowType: { name: 'seboApplication' },
                workflowRunTimeout: { seconds: 90, nanos: 0 },
                input: { payloads: [payload({ scheme: 'SEBO' })] },
                attempt: 1,
              },
            },
          ],
        },
        nextPageToken: Buffer.from([7, 7]),
      },
    });
    const response = await call('GET', '/api/v1/namespaces/default/workflows/wf/history');
    expect(response.status).toBe(200);
    expect(response.body).toStrictEqual({
      history: {
        events: [
          {
            eventId: '1',
            eventTime: '2026-01-01T09:00:00.005Z',
            eventType: 'EVENT_TYPE_WORKFLOW_EXECUTION_STARTED',
            workflowExecutionStartedEventAttributes: {
              workflowType: { name: 'seboApplication' },
              workflowRunTimeout: '90s',
              input: { payloads: [{ metadata: { encoding: 'anNvbi9wbGFpbg==' }, data: Buffer.from('{"scheme":"SEBO"}').toString('base64') }] },
              attempt: 1,
            },
          },
        ],
      },
      nextPageToken: 'Bwc=',
    });
  });

  it('round-trips a described workflow through JSON and back', () => {
    const type = lookupType('temporal.api.workflowservice.v1.DescribeWorkflowExecutionResponse');
    const internal = {
      workflowExecutionInfo: {
        execution: { workflowId: 'sebo-1', runId: 'r' },
        type: { name: 'seboApplication' },
        startTime: { seconds: 1767258000, nanos: 123_456_789 },
        status: 1,
        historyLength: 12,
        searchAttributes: { indexedFields: { KeurmerkStage: payload('AUDIT_PLANNING') } },
      },
      pendingActivities: [{ activityId: '3', state: 2, attempt: 2, lastHeartbeatTime: { seconds: 1767258001 } }],
    };
    const json = toProtoJson(type, internal) as any;
    expect(json.workflowExecutionInfo.startTime).toBe('2026-01-01T09:00:00.123456789Z');
    expect(json.workflowExecutionInfo.status).toBe('WORKFLOW_EXECUTION_STATUS_RUNNING');
    expect(json.workflowExecutionInfo.historyLength).toBe('12');
    expect(json.pendingActivities[0].state).toBe('PENDING_ACTIVITY_STATE_STARTED');
    expect(fromProtoJson(type, JSON.parse(JSON.stringify(json)))).toStrictEqual(internal);
  });
});

describe('errors', () => {
  it('answers {code, message, details} with the HTTP status of the gRPC code', async () => {
    const failure = new RpcError(status.ALREADY_EXISTS, 'Workflow execution is already running', [
      { typeName: 'temporal.api.errordetails.v1.WorkflowExecutionAlreadyStartedFailure', value: { startRequestId: 'req', runId: 'r1' } },
    ]);
    const { call } = gatewayWith({
      [`${WS}.DescribeWorkflowExecution`]: notFound('workflow not found for ID: nope'),
      [`${WS}.StartWorkflowExecution`]: failure,
      [`${WS}.RequestCancelWorkflowExecution`]: new Error('disk on fire'),
    });
    const missing = await call('GET', '/api/v1/namespaces/default/workflows/nope');
    expect(missing.status).toBe(404);
    expect(missing.body).toStrictEqual({ code: status.NOT_FOUND, message: 'workflow not found for ID: nope', details: [] });
    const exists = await call('POST', '/api/v1/namespaces/default/workflows/wf', { workflowType: { name: 't' } });
    expect(exists.status).toBe(409);
    expect((exists.body as any).details).toStrictEqual([
      { '@type': 'type.googleapis.com/temporal.api.errordetails.v1.WorkflowExecutionAlreadyStartedFailure', startRequestId: 'req', runId: 'r1' },
    ]);
    const crash = await call('POST', '/api/v1/namespaces/default/workflows/wf/cancel', {});
    expect(crash.status).toBe(500);
    expect(crash.body).toStrictEqual({ code: status.INTERNAL, message: 'disk on fire', details: [] });
  });

  it('tells apart an unknown path, a wrong verb and an RPC the engine lacks', async () => {
    const gateway = createGateway({ handlers: {}, namespace: 'default' });
    const unknown = await gateway({ method: 'GET', url: '/api/v1/nothing/here' });
    expect(unknown.status).toBe(404);
    expect((unknown.body as any).message).toMatch(/no API route for GET \/api\/v1\/nothing\/here/);
    const verb = await gateway({ method: 'DELETE', url: '/api/v1/namespaces/default/workflows/wf/history' });
    expect(verb.status).toBe(405);
    expect((verb.body as any).message).toMatch(/use GET/);
    const missing = await gateway({ method: 'GET', url: '/api/v1/namespaces/default/schedules' });
    expect(missing.status).toBe(501);
    expect(missing.body).toStrictEqual({ code: status.UNIMPLEMENTED, message: 'unknown method ListSchedules', details: [] });
  });
});

describe('settings and long polls', () => {
  it('serves the UI settings: auth off, write actions on, version at least 2.23.0, codec when configured', async () => {
    const handlers: Handlers = { [`${WS}.RequestCancelWorkflowExecution`]: async () => ({}) };
    const gateway = createGateway({ handlers, namespace: 'keurmerk', codecEndpoint: 'http://localhost:8888' });
    const { status: code, body } = await gateway({ method: 'GET', url: '/api/v1/settings' });
    const settings = body as any;
    expect(code).toBe(200);
    expect(settings.Auth.Enabled).toBe(false);
    expect(settings.DefaultNamespace).toBe('keurmerk');
    expect(settings.Codec.Endpoint).toBe('http://localhost:8888');
    expect(settings.DisableWriteActions).toBe(false);
    expect(settings.WorkflowCancelDisabled).toBe(false);
    // reset is hidden when the engine has no ResetWorkflowExecution
    expect(settings.WorkflowResetDisabled).toBe(true);
    const [major, minor] = settings.Version.split('.').map(Number);
    // settings.Version
    expect(major > 2 || (major === 2 && minor >= 23)).toBeTruthy();
  });

  it('cancels the handler call when the client goes away', async () => {
    let cancelled = false;
    const handlers: Handlers = {
      [`${WS}.GetWorkflowExecutionHistory`]: (_request, call) =>
        new Promise((resolve) => call.onCancel(() => {
          cancelled = call.cancelled();
          resolve({});
        })),
    };
    const gateway = createGateway({ handlers, namespace: 'default' });
    const aborter = new AbortController();
    const pending = gateway({ method: 'GET', url: '/api/v1/namespaces/default/workflows/wf/history?waitNewEvent=true', signal: aborter.signal });
    aborter.abort();
    expect((await pending).status).toBe(200);
    expect(cancelled).toBe(true);
  });
});

describe('the HTTP server', () => {
  /** What a test started and must stop, undone after it, last first (whether it passed or not). */
  const cleanups: Array<() => unknown> = [];
  afterEach(async () => {
    while (cleanups.length) await cleanups.pop()!();
  });

  it('serves the API and the built UI on one port, with index.html for client-side routes', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'keurmerk-ui-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    mkdirSync(join(dir, '_app/immutable'), { recursive: true });
    writeFileSync(join(dir, 'index.html'), '<!doctype html><title>Temporal</title>');
    writeFileSync(join(dir, '_app/immutable/app.js'), 'export {}');
    const { handlers, calls } = recording();
    const server = await startHttpApi({ handlers, host: '127.0.0.1', port: 0, namespace: 'default', staticDir: dir });
    cleanups.push(() => server.close());
    const base = `http://127.0.0.1:${server.port}`;

    const page = await fetch(`${base}/namespaces/default/workflows/wf/run/history`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')!).toMatch(/text\/html/);
    expect(await page.text()).toMatch(/<title>Temporal<\/title>/);
    const asset = await fetch(`${base}/_app/immutable/app.js`);
    expect(asset.headers.get('content-type')!).toMatch(/javascript/);
    expect(asset.headers.get('cache-control')!).toMatch(/immutable/);
    expect((await fetch(`${base}/_app/immutable/missing.js`)).status).toBe(404);
    // fetch() would normalise the dots away; a raw request shows the traversal is refused.
    expect(await rawStatus(server.port, '/..%2f..%2f..%2fetc%2fpasswd')).toBe(404);

    const signal = await fetch(`${base}/api/v1/namespaces/default/workflows/wf/signal/go`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ workflowExecution: { runId: 'r' } }),
    });
    expect(signal.status).toBe(200);
    expect(await signal.json()).toStrictEqual({});
    expect(calls[0].request).toStrictEqual({ namespace: 'default', workflowExecution: { workflowId: 'wf', runId: 'r' }, signalName: 'go' });
    const settings = await fetch(`${base}/api/v1/settings`);
    expect(((await settings.json()) as any).Auth.Enabled).toBe(false);
  });

  it('finds the UI in $KEURMERK_UI_DIR when no folder is given, as main.ts starts it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'keurmerk-ui-env-'));
    writeFileSync(join(dir, 'index.html'), '<title>from env</title>');
    const saved = process.env.KEURMERK_UI_DIR;
    process.env.KEURMERK_UI_DIR = dir;
    cleanups.push(() => {
      if (saved === undefined) delete process.env.KEURMERK_UI_DIR;
      else process.env.KEURMERK_UI_DIR = saved;
      rmSync(dir, { recursive: true, force: true });
    });
    const server = await startHttpApi({ handlers: {}, host: '127.0.0.1', port: 0, namespace: 'default' });
    cleanups.push(() => server.close());
    const response = await fetch(`http://127.0.0.1:${server.port}/namespaces/default/workflows`);
    expect(await response.text()).toMatch(/from env/);
  });

  it('says how to build the UI when it is not built', async () => {
    const server = await startHttpApi({ handlers: {}, host: '127.0.0.1', port: 0, namespace: 'default', staticDir: '' });
    cleanups.push(() => server.close());
    const response = await fetch(`http://127.0.0.1:${server.port}/`);
    expect(response.status).toBe(404);
    expect(await response.text()).toMatch(/npm run ui:build/);
  });
});
