// The devserver's Temporal HTTP API (issue 6) against a fake Handlers object: routes generated from
// the google.api.http annotations, proto3 canonical JSON both ways, errors with their HTTP status,
// the UI's settings, and the HTTP server with the UI's static files and SPA fallback.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
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
    assert.ok(gateway.routes.length >= 100, `only ${gateway.routes.length} routes`);
    assert.ok(gateway.routes.every((r) => r.template.startsWith('/api/v1/')));
    const find = (verb: string, template: string) => gateway.routes.find((r) => r.verb === verb && r.template === template);
    assert.equal(find('GET', '/api/v1/namespaces/{namespace}/workflows/{execution.workflow_id}/history')?.method, `${WS}.GetWorkflowExecutionHistory`);
    assert.equal(find('POST', '/api/v1/namespaces/{namespace}/workflows/{execution.workflow_id}/query/{query.query_type}')?.method, `${WS}.QueryWorkflow`);
    assert.equal(find('GET', '/api/v1/namespaces/{namespace}/search-attributes')?.method, `${OS}.ListSearchAttributes`);
    assert.equal(find('POST', '/api/v1/namespaces/{namespace}/workflows/{workflow_execution.workflow_id}/cancel')?.body, '*');
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
      assert.equal(response.status, 200, `${verb} ${url}: ${JSON.stringify(response.body)}`);
      assert.equal(calls.at(-1)!.method, `${method.endsWith('SearchAttributes') ? OS : WS}.${method}`, url);
    }
    assert.equal(calls[4].request.query, 'GROUP BY ExecutionStatus');
    assert.equal(calls[8].request.taskQueue.name, 'q');
    assert.equal(calls[8].request.taskQueueType, 1);
    assert.equal(calls[9].request.signalName, 'approve');
    assert.equal(calls[11].request.request.input.name, 'decide');
  });

  it('decodes path variables once, keeping a slash inside a workflow id', async () => {
    const { call, calls } = gatewayWith();
    await call('GET', '/api/v1/namespaces/default/workflows/sebo%2F2026%2F17%20a/history');
    assert.deepEqual(calls[0].request.execution, { workflowId: 'sebo/2026/17 a' });
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
    assert.equal(response.status, 200);
    assert.deepEqual(calls[0].request, {
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
    assert.deepEqual(request.execution, { workflowId: 'case-7', runId: 'r-9' });
    assert.equal(request.query.queryType, 'status');
    assert.deepEqual(request.query.queryArgs.payloads[0].data, Buffer.from('1'));
    assert.equal(request.queryRejectCondition, 2);
    assert.equal(request.namespace, 'default');
  });

  it('reads RFC 3339 timestamps, durations, int64 strings and short enum names', () => {
    const request = fromProtoJson(lookupType('temporal.api.workflowservice.v1.StartWorkflowExecutionRequest'), {
      workflowId: 'x',
      workflowRunTimeout: '1.5s',
      workflow_task_timeout: '10s',
      workflowStartDelay: { seconds: '3' },
      workflowIdReusePolicy: 'RejectDuplicate',
    });
    assert.deepEqual(request.workflowRunTimeout, { seconds: 1, nanos: 500_000_000 });
    assert.deepEqual(request.workflowTaskTimeout, { seconds: 10 });
    assert.deepEqual(request.workflowStartDelay, { seconds: 3 });
    assert.equal(request.workflowIdReusePolicy, 3);
    const event = fromProtoJson(lookupType('temporal.api.history.v1.HistoryEvent'), {
      eventId: '9007199254740991',
      eventTime: '2026-03-01T10:15:30.250+01:00',
    });
    assert.equal(event.eventId, Number.MAX_SAFE_INTEGER);
    assert.deepEqual(event.eventTime, { seconds: Date.UTC(2026, 2, 1, 9, 15, 30) / 1000, nanos: 250_000_000 });
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
      assert.equal(response.status, 400, url);
      const error = response.body as { code: number; message: string };
      assert.equal(error.code, status.INVALID_ARGUMENT);
      assert.match(error.message, message);
    }
    assert.equal(calls.length, 0);
  });

  it('drops fields it does not know, as protojson with DiscardUnknown does', async () => {
    const { call, calls } = gatewayWith();
    const response = await call('POST', '/api/v1/namespaces/default/workflows/wf/cancel', { reason: 'done', fieldFromTheFuture: 1 });
    assert.equal(response.status, 200);
    assert.deepEqual(calls[0].request, { namespace: 'default', workflowExecution: { workflowId: 'wf' }, reason: 'done' });
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
    assert.equal(response.status, 200);
    assert.deepEqual(response.body, {
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
    assert.equal(json.workflowExecutionInfo.startTime, '2026-01-01T09:00:00.123456789Z');
    assert.equal(json.workflowExecutionInfo.status, 'WORKFLOW_EXECUTION_STATUS_RUNNING');
    assert.equal(json.workflowExecutionInfo.historyLength, '12');
    assert.equal(json.pendingActivities[0].state, 'PENDING_ACTIVITY_STATE_STARTED');
    assert.deepEqual(fromProtoJson(type, JSON.parse(JSON.stringify(json))), internal);
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
    assert.equal(missing.status, 404);
    assert.deepEqual(missing.body, { code: status.NOT_FOUND, message: 'workflow not found for ID: nope', details: [] });
    const exists = await call('POST', '/api/v1/namespaces/default/workflows/wf', { workflowType: { name: 't' } });
    assert.equal(exists.status, 409);
    assert.deepEqual((exists.body as any).details, [
      { '@type': 'type.googleapis.com/temporal.api.errordetails.v1.WorkflowExecutionAlreadyStartedFailure', startRequestId: 'req', runId: 'r1' },
    ]);
    const crash = await call('POST', '/api/v1/namespaces/default/workflows/wf/cancel', {});
    assert.equal(crash.status, 500);
    assert.deepEqual(crash.body, { code: status.INTERNAL, message: 'disk on fire', details: [] });
  });

  it('tells apart an unknown path, a wrong verb and an RPC the engine lacks', async () => {
    const gateway = createGateway({ handlers: {}, namespace: 'default' });
    const unknown = await gateway({ method: 'GET', url: '/api/v1/nothing/here' });
    assert.equal(unknown.status, 404);
    assert.match((unknown.body as any).message, /no API route for GET \/api\/v1\/nothing\/here/);
    const verb = await gateway({ method: 'DELETE', url: '/api/v1/namespaces/default/workflows/wf/history' });
    assert.equal(verb.status, 405);
    assert.match((verb.body as any).message, /use GET/);
    const missing = await gateway({ method: 'GET', url: '/api/v1/namespaces/default/schedules' });
    assert.equal(missing.status, 501);
    assert.deepEqual(missing.body, { code: status.UNIMPLEMENTED, message: 'unknown method ListSchedules', details: [] });
  });
});

describe('settings and long polls', () => {
  it('serves the UI settings: auth off, write actions on, version at least 2.23.0, codec when configured', async () => {
    const handlers: Handlers = { [`${WS}.RequestCancelWorkflowExecution`]: async () => ({}) };
    const gateway = createGateway({ handlers, namespace: 'keurmerk', codecEndpoint: 'http://localhost:8888' });
    const { status: code, body } = await gateway({ method: 'GET', url: '/api/v1/settings' });
    const settings = body as any;
    assert.equal(code, 200);
    assert.equal(settings.Auth.Enabled, false);
    assert.equal(settings.DefaultNamespace, 'keurmerk');
    assert.equal(settings.Codec.Endpoint, 'http://localhost:8888');
    assert.equal(settings.DisableWriteActions, false);
    assert.equal(settings.WorkflowCancelDisabled, false);
    assert.equal(settings.WorkflowResetDisabled, true, 'reset is hidden when the engine has no ResetWorkflowExecution');
    const [major, minor] = settings.Version.split('.').map(Number);
    assert.ok(major > 2 || (major === 2 && minor >= 23), settings.Version);
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
    assert.equal((await pending).status, 200);
    assert.equal(cancelled, true);
  });
});

describe('the HTTP server', () => {
  it('serves the API and the built UI on one port, with index.html for client-side routes', async (t) => {
    const dir = mkdtempSync(join(tmpdir(), 'keurmerk-ui-'));
    t.after(() => rmSync(dir, { recursive: true, force: true }));
    mkdirSync(join(dir, '_app/immutable'), { recursive: true });
    writeFileSync(join(dir, 'index.html'), '<!doctype html><title>Temporal</title>');
    writeFileSync(join(dir, '_app/immutable/app.js'), 'export {}');
    const { handlers, calls } = recording();
    const server = await startHttpApi({ handlers, host: '127.0.0.1', port: 0, namespace: 'default', staticDir: dir });
    t.after(() => server.close());
    const base = `http://127.0.0.1:${server.port}`;

    const page = await fetch(`${base}/namespaces/default/workflows/wf/run/history`);
    assert.equal(page.status, 200);
    assert.match(page.headers.get('content-type')!, /text\/html/);
    assert.match(await page.text(), /<title>Temporal<\/title>/);
    const asset = await fetch(`${base}/_app/immutable/app.js`);
    assert.match(asset.headers.get('content-type')!, /javascript/);
    assert.match(asset.headers.get('cache-control')!, /immutable/);
    assert.equal((await fetch(`${base}/_app/immutable/missing.js`)).status, 404);
    // fetch() would normalise the dots away; a raw request shows the traversal is refused.
    assert.equal(await rawStatus(server.port, '/..%2f..%2f..%2fetc%2fpasswd'), 404);

    const signal = await fetch(`${base}/api/v1/namespaces/default/workflows/wf/signal/go`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ workflowExecution: { runId: 'r' } }),
    });
    assert.equal(signal.status, 200);
    assert.deepEqual(await signal.json(), {});
    assert.deepEqual(calls[0].request, { namespace: 'default', workflowExecution: { workflowId: 'wf', runId: 'r' }, signalName: 'go' });
    const settings = await fetch(`${base}/api/v1/settings`);
    assert.equal(((await settings.json()) as any).Auth.Enabled, false);
  });

  it('finds the UI in $KEURMERK_UI_DIR when no folder is given, as main.ts starts it', async (t) => {
    const dir = mkdtempSync(join(tmpdir(), 'keurmerk-ui-env-'));
    writeFileSync(join(dir, 'index.html'), '<title>from env</title>');
    const saved = process.env.KEURMERK_UI_DIR;
    process.env.KEURMERK_UI_DIR = dir;
    t.after(() => {
      if (saved === undefined) delete process.env.KEURMERK_UI_DIR;
      else process.env.KEURMERK_UI_DIR = saved;
      rmSync(dir, { recursive: true, force: true });
    });
    const server = await startHttpApi({ handlers: {}, host: '127.0.0.1', port: 0, namespace: 'default' });
    t.after(() => server.close());
    const response = await fetch(`http://127.0.0.1:${server.port}/namespaces/default/workflows`);
    assert.match(await response.text(), /from env/);
  });

  it('says how to build the UI when it is not built', async (t) => {
    const server = await startHttpApi({ handlers: {}, host: '127.0.0.1', port: 0, namespace: 'default', staticDir: '' });
    t.after(() => server.close());
    const response = await fetch(`http://127.0.0.1:${server.port}/`);
    assert.equal(response.status, 404);
    assert.match(await response.text(), /npm run ui:build/);
  });
});
