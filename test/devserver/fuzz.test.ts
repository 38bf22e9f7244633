// Issue 16: nothing a client sends can take the devserver down. More than 1,000 generated malformed
// requests (list filters from the grammar with mutations, unicode edge cases, huge and empty fields,
// protobuf bytes that are no valid request, broken JSON) go to one devserver process over gRPC and
// HTTP, on 127.0.0.1 only. Each must be answered with a client error (InvalidArgument / 400 with a
// message, or NotFound for a well-formed id nobody started), never INTERNAL, UNKNOWN or a dropped
// connection; after each batch the process must still run and answer GetSystemInfo on both ports.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { spawn, type ChildProcess } from 'node:child_process';
import * as grpc from '@grpc/grpc-js';
import { temporal } from '@temporalio/proto';
import { freePorts } from '../helpers/ports';
import { DEVSERVER_BIN } from '../helpers/server';
import { EXTREME_QUERIES, UNICODE_EDGES, grammarQuery, mangledBytes, mutate, pick, rng, type Rand } from './fuzz-inputs';

const SEED = Number(process.env.FUZZ_SEED ?? 16);
const BATCH = 100;
const PER_CALL_DEADLINE_MS = 20_000;
const WS = '/temporal.api.workflowservice.v1.WorkflowService/';
const ws = temporal.api.workflowservice.v1;

interface Outcome {
  /** gRPC status code, or the HTTP status. */
  code: number;
  message: string;
}

let server: ChildProcess;
let stderr = '';
let grpcPort: number;
let httpPort: number;
let client: grpc.Client;

function callRaw(method: string, bytes: Buffer): Promise<Outcome> {
  return new Promise((resolve) => {
    client.makeUnaryRequest(
      WS + method,
      (b: Buffer) => b,
      (b: Buffer) => b,
      bytes,
      new grpc.Metadata(),
      { deadline: Date.now() + PER_CALL_DEADLINE_MS },
      (err: grpc.ServiceError | null) => resolve(err ? { code: err.code, message: err.details } : { code: 0, message: '' }),
    );
  });
}

type Encodable = { encode(message: any): { finish(): Uint8Array }; fromObject(o: any): any };
const bytesOf = (type: Encodable, value: object) => Buffer.from(type.encode(type.fromObject(value)).finish());

async function http(method: string, path: string, body?: string, headers: Record<string, string> = {}): Promise<Outcome> {
  try {
    const res = await fetch(`http://127.0.0.1:${httpPort}${path}`, {
      method,
      body,
      // The API takes JSON from its own origin (see the cross-origin tests); the fuzz test is that origin.
      headers: { 'content-type': 'application/json', origin: `http://127.0.0.1:${httpPort}`, ...headers },
      signal: AbortSignal.timeout(PER_CALL_DEADLINE_MS),
    });
    const text = await res.text();
    let message = '';
    try {
      message = JSON.parse(text).message ?? '';
    } catch {
      message = text;
    }
    return { code: res.status, message };
  } catch (error) {
    return { code: -1, message: `no answer: ${(error as Error).message}` };
  }
}

/** The server process is running and both ports answer. */
async function expectServing(label: string): Promise<void> {
  expect({ label, exitCode: server.exitCode, signal: server.signalCode }).toEqual({ label, exitCode: null, signal: null });
  const info = await callRaw('GetSystemInfo', Buffer.alloc(0));
  expect({ label, ...info }).toEqual({ label, code: 0, message: '' });
  const viaHttp = await http('GET', '/api/v1/system-info');
  expect({ label, code: viaHttp.code }).toEqual({ label, code: 200 });
}

const failures: string[] = [];

/** Record anything but a client error; the test fails at the end with every one listed. */
function judge(what: string, outcome: Outcome, allowed: number[]): void {
  const clientError = outcome.code !== 0 && outcome.code !== 200;
  if (!allowed.includes(outcome.code)) failures.push(`${what}: ${outcome.code} ${outcome.message.slice(0, 160)}`);
  else if (clientError && !outcome.message.trim()) failures.push(`${what}: ${outcome.code} without a message`);
}

async function runBatch(requests: (() => Promise<void>)[]): Promise<void> {
  const queue = [...requests];
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      for (let next = queue.shift(); next; next = queue.shift()) await next();
    }),
  );
}

// gRPC status codes a malformed request may get: OK (a mutation that is still valid), InvalidArgument,
// NotFound (a valid id nobody started), AlreadyExists, FailedPrecondition, ResourceExhausted (too big).
const G = grpc.status;
const GRPC_CLIENT_ERRORS = [G.OK, G.INVALID_ARGUMENT, G.NOT_FOUND, G.ALREADY_EXISTS, G.FAILED_PRECONDITION, G.RESOURCE_EXHAUSTED];
const HTTP_CLIENT_ERRORS = [200, 400, 404, 405, 409, 413];

function queryRequests(rand: Rand, count: number): (() => Promise<void>)[] {
  return Array.from({ length: count }, (_, i) => {
    const query = i < EXTREME_QUERIES.length ? EXTREME_QUERIES[i] : mutate(rand, grammarQuery(rand));
    const viaHttp = rand() < 0.4;
    const count = rand() < 0.3;
    return async () => {
      if (viaHttp) {
        const path = `/api/v1/namespaces/default/${count ? 'workflow-count' : 'workflows'}?query=${encodeURIComponent(query.replace(/[\ud800-\udfff]/g, (c, at, s: string) => (isPaired(s, at) ? c : '\ufffd')))}`;
        judge(`HTTP ${count ? 'count' : 'list'} ${JSON.stringify(query.slice(0, 60))}`, await http('GET', path), HTTP_CLIENT_ERRORS);
      } else {
        const type = count ? ws.CountWorkflowExecutionsRequest : ws.ListWorkflowExecutionsRequest;
        const outcome = await callRaw(count ? 'CountWorkflowExecutions' : 'ListWorkflowExecutions', bytesOf(type, { namespace: 'default', query, pageSize: 5 }));
        judge(`gRPC ${count ? 'count' : 'list'} ${JSON.stringify(query.slice(0, 60))}`, outcome, [G.OK, G.INVALID_ARGUMENT]);
      }
    };
  });
}

function isPaired(s: string, at: number): boolean {
  const c = s.charCodeAt(at);
  if (c >= 0xd800 && c <= 0xdbff) return at + 1 < s.length && s.charCodeAt(at + 1) >= 0xdc00 && s.charCodeAt(at + 1) <= 0xdfff;
  return at > 0 && s.charCodeAt(at - 1) >= 0xd800 && s.charCodeAt(at - 1) <= 0xdbff;
}

/** Ids and names from UNICODE_EDGES in every request that takes a workflow id. */
function idRequests(rand: Rand, count: number): (() => Promise<void>)[] {
  return Array.from({ length: count }, () => {
    const id = pick(rand, UNICODE_EDGES) + (rand() < 0.5 ? '' : pick(rand, UNICODE_EDGES));
    const execution = { workflowId: id };
    const shapes: [string, Encodable, object][] = [
      ['DescribeWorkflowExecution', ws.DescribeWorkflowExecutionRequest, { namespace: 'default', execution }],
      ['GetWorkflowExecutionHistory', ws.GetWorkflowExecutionHistoryRequest, { namespace: 'default', execution }],
      ['SignalWorkflowExecution', ws.SignalWorkflowExecutionRequest, { namespace: 'default', workflowExecution: execution, signalName: pick(rand, UNICODE_EDGES) }],
      ['TerminateWorkflowExecution', ws.TerminateWorkflowExecutionRequest, { namespace: 'default', workflowExecution: execution, reason: pick(rand, UNICODE_EDGES) }],
      ['RequestCancelWorkflowExecution', ws.RequestCancelWorkflowExecutionRequest, { namespace: 'default', workflowExecution: execution }],
      ['StartWorkflowExecution', ws.StartWorkflowExecutionRequest, { namespace: pick(rand, ['default', ...UNICODE_EDGES.slice(0, 6)]), workflowId: id, workflowType: { name: pick(rand, UNICODE_EDGES) }, taskQueue: { name: pick(rand, UNICODE_EDGES) }, identity: pick(rand, UNICODE_EDGES), requestId: pick(rand, UNICODE_EDGES) }],
      ['DescribeTaskQueue', ws.DescribeTaskQueueRequest, { namespace: 'default', taskQueue: { name: id } }],
    ];
    const [method, type, value] = pick(rand, shapes);
    const viaHttp = rand() < 0.3 && method === 'DescribeWorkflowExecution';
    return async () => {
      if (viaHttp) {
        const path = `/api/v1/namespaces/default/workflows/${encodeURIComponent(id.replace(/[\ud800-\udfff]/g, (c, at, s: string) => (isPaired(s, at) ? c : '\ufffd')))}`;
        judge(`HTTP describe ${JSON.stringify(id.slice(0, 40))}`, await http('GET', path), HTTP_CLIENT_ERRORS);
        return;
      }
      judge(`gRPC ${method} id ${JSON.stringify(id.slice(0, 40))}`, await callRaw(method, bytesOf(type, value)), GRPC_CLIENT_ERRORS);
    };
  });
}

/** Bytes that are no valid request, for the methods that answer at once. */
function byteRequests(rand: Rand, count: number): (() => Promise<void>)[] {
  const valid: [string, Buffer][] = [
    ['StartWorkflowExecution', bytesOf(ws.StartWorkflowExecutionRequest, { namespace: 'default', workflowId: 'fuzz', workflowType: { name: 't' }, taskQueue: { name: 'fuzz-q' }, requestId: 'r', workflowRunTimeout: { seconds: 5 }, input: { payloads: [{ metadata: { encoding: Buffer.from('json/plain') }, data: Buffer.from('1') }] } })],
    ['DescribeWorkflowExecution', bytesOf(ws.DescribeWorkflowExecutionRequest, { namespace: 'default', execution: { workflowId: 'fuzz' } })],
    ['ListWorkflowExecutions', bytesOf(ws.ListWorkflowExecutionsRequest, { namespace: 'default', query: "WorkflowId = 'fuzz'", pageSize: 3 })],
    ['SignalWorkflowExecution', bytesOf(ws.SignalWorkflowExecutionRequest, { namespace: 'default', workflowExecution: { workflowId: 'fuzz' }, signalName: 's' })],
    ['CountWorkflowExecutions', bytesOf(ws.CountWorkflowExecutionsRequest, { namespace: 'default', query: '' })],
    ['GetSearchAttributes', Buffer.alloc(0)],
  ];
  return Array.from({ length: count }, () => {
    const [method, bytes] = pick(rand, valid);
    const mangled = mangledBytes(rand, bytes);
    return async () => judge(`gRPC ${method} bytes ${mangled.toString('hex').slice(0, 40)}`, await callRaw(method, mangled), GRPC_CLIENT_ERRORS);
  });
}

/** Bodies, paths and parameters of the HTTP API that are wrong in every way. */
function httpRequests(rand: Rand, count: number): (() => Promise<void>)[] {
  const bodies = [
    '',
    '{',
    'null',
    '[]',
    '"text"',
    '{"workflowType":{"name":"t"},"taskQueue":{"name":"q"}}',
    '{"workflowType":{"name":"t"},"taskQueue":{"name":"\\ud800"}}',
    '{"__proto__":{"polluted":true},"workflowType":{"name":"t"},"taskQueue":{"name":"q"}}',
    '{"constructor":{"prototype":{"x":1}}}',
    '{"workflowType":"t"}',
    '{"workflowType":{"name":1}}',
    '{"workflowRunTimeout":"-5s","workflowType":{"name":"t"},"taskQueue":{"name":"q"}}',
    '{"workflowRunTimeout":"ten seconds"}',
    '{"memo":{"fields":{"__proto__":{"data":"AA=="}}}}',
    '{"input":{"payloads":[{"data":"not base64!"}]}}',
    '{"searchAttributes":{"indexedFields":{"FuzzInt":{"data":"bm90IGEgbnVtYmVy","metadata":{"encoding":"anNvbi9wbGFpbg=="}}}},"workflowType":{"name":"t"},"taskQueue":{"name":"q"}}',
    `{"identity":"${'x'.repeat(2000)}","workflowType":{"name":"t"},"taskQueue":{"name":"q"}}`,
    '{"a":'.repeat(2000) + '1' + '}'.repeat(2000),
  ];
  const paths = [
    '/api/v1/namespaces/default/workflows/fuzz-http',
    '/api/v1/namespaces/default/workflows/%ED%A0%80',
    '/api/v1/namespaces/%/workflows/x',
    '/api/v1/namespaces/default/workflows/fuzz-http/signal/s',
    '/api/v1/namespaces/default/workflows/fuzz-http/terminate',
    '/api/v1/namespaces/default/workflows?__proto__=1',
    '/api/v1/namespaces/default/workflows?constructor.prototype=1',
    '/api/v1/namespaces/default/workflows?prototype.x=1',
    '/api/v1/namespaces/default/workflows?pageSize=-1',
    '/api/v1/namespaces/default/workflows?pageSize=abc',
    '/api/v1/namespaces/default/workflows?query=%F0%9F%98',
    '/api/v1/namespaces/default/workflows?execution.workflow_id=x&execution=y',
    '/api/v1/namespaces/default/workflows/x/history?nextPageToken=%%%',
    '/api/v1/namespaces/default/workflows/x/history?nextPageToken=bm90IGEgdG9rZW4=',
    `/api/v1/namespaces/default/workflows/${'x'.repeat(5000)}`,
    '/api/v1/namespaces/default/workflows/..%2F..%2Fetc%2Fpasswd',
  ];
  return Array.from({ length: count }, () => {
    const path = pick(rand, paths);
    const method = pick(rand, ['GET', 'POST', 'POST', 'DELETE', 'PUT']);
    const body = method === 'POST' || method === 'PUT' ? pick(rand, bodies) : undefined;
    return async () => judge(`HTTP ${method} ${path.slice(0, 80)} ${JSON.stringify(body?.slice(0, 60) ?? '')}`, await http(method, path, body), HTTP_CLIENT_ERRORS);
  });
}

describe('devserver fuzz (issue 16): malformed requests over gRPC and HTTP', () => {
  beforeAll(async () => {
    [grpcPort, httpPort] = await freePorts(2);
    server = spawn(
      process.execPath,
      [
        DEVSERVER_BIN, '--ip', '127.0.0.1', '--port', String(grpcPort), '--ui-port', String(httpPort),
        '--search-attribute', 'FuzzKeyword=Keyword', '--search-attribute', 'FuzzText=Text', '--search-attribute', 'FuzzInt=Int',
        '--search-attribute', 'FuzzDouble=Double', '--search-attribute', 'FuzzBool=Bool', '--search-attribute', 'FuzzDatetime=Datetime',
        '--search-attribute', 'FuzzList=KeywordList', '--search-attribute', 'KeurmerkCompanyName=Keyword',
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    server.stderr!.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    await new Promise<void>((resolve, reject) => {
      server.stdout!.on('data', (chunk: Buffer) => {
        if (chunk.toString().includes('listening')) resolve();
      });
      server.once('exit', (code) => reject(new Error(`devserver exited (${code}) before listening: ${stderr}`)));
    });
    client = new grpc.Client(`127.0.0.1:${grpcPort}`, grpc.credentials.createInsecure(), {
      'grpc.max_send_message_length': 64 * 1024 * 1024,
      'grpc.max_receive_message_length': 64 * 1024 * 1024,
    });
    // One open workflow, so ids and queries also meet a real record.
    const started = await callRaw('StartWorkflowExecution', bytesOf(ws.StartWorkflowExecutionRequest, {
      namespace: 'default', workflowId: 'fuzz', workflowType: { name: 't' }, taskQueue: { name: 'fuzz-q' }, requestId: 'fuzz-start',
      searchAttributes: { indexedFields: { FuzzKeyword: { metadata: { encoding: Buffer.from('json/plain') }, data: Buffer.from('"a"') } } },
    }));
    expect(started).toEqual({ code: 0, message: '' });
  });

  afterAll(() => {
    client?.close();
    server?.kill('SIGKILL');
  });

  it('answers 1,200 malformed requests with client errors and keeps serving after every batch of 100', async () => {
    const rand = rng(SEED);
    const requests = [
      ...queryRequests(rand, 500),
      ...idRequests(rand, 250),
      ...byteRequests(rand, 250),
      ...httpRequests(rand, 200),
    ];
    // Interleave the kinds, so every batch mixes gRPC and HTTP.
    for (let i = requests.length - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1));
      [requests[i], requests[j]] = [requests[j], requests[i]];
    }
    expect(requests.length).toBeGreaterThanOrEqual(1000);
    for (let i = 0; i < requests.length; i += BATCH) {
      await runBatch(requests.slice(i, i + BATCH));
      await expectServing(`after request ${i + BATCH} (seed ${SEED})`);
    }
    expect(failures).toEqual([]);
    expect(stderr).not.toMatch(/uncaught exception|unhandled promise rejection/);
  }, 600_000);

  it('refuses the query that once ended the server (KeurmerkCompanyName = 😀) with the whole emoji in its message', async () => {
    const outcome = await callRaw('ListWorkflowExecutions', bytesOf(ws.ListWorkflowExecutionsRequest, { namespace: 'default', query: 'KeurmerkCompanyName = 😀' }));
    expect(outcome).toEqual({ code: G.INVALID_ARGUMENT, message: 'invalid query: unexpected character "😀" at position 23' });
    await expectServing('after the emoji query');
  });

  it('refuses a lone surrogate in a workflow id with InvalidArgument over gRPC and 400 over HTTP', async () => {
    // protobufjs writes a short string's lone surrogate as the 3 bytes ED A0 80: no UTF-8.
    const grpcOutcome = await callRaw('DescribeWorkflowExecution', bytesOf(ws.DescribeWorkflowExecutionRequest, { namespace: 'default', execution: { workflowId: 'a\ud800' } }));
    expect(grpcOutcome.code).toBe(G.INVALID_ARGUMENT);
    expect(grpcOutcome.message).toMatch(/not valid UTF-8/);
    const httpOutcome = await http('POST', '/api/v1/namespaces/default/workflows/ok-id', '{"workflowType":{"name":"t"},"taskQueue":{"name":"q"},"identity":"\\ud800"}');
    expect(httpOutcome.code).toBe(400);
    expect(httpOutcome.message).toMatch(/^identity: the string holds half of a UTF-16 surrogate pair/);
  });

  it('answers query parameters named __proto__ or constructor.prototype with 400 naming the parameter', async () => {
    for (const name of ['__proto__', 'constructor.prototype']) {
      const outcome = await http('GET', `/api/v1/namespaces/default/workflows?${name}=1`);
      expect(outcome).toEqual({ code: 400, message: `query parameter "${name}" names no field of ListWorkflowExecutionsRequest` });
    }
  });
});
