// Unit tests of the devserver's visibility module (devserver/src/visibility): the search attribute
// registry, the list filter language and the List/Count answers, over hand-made VisibilityRecords.
// Search attribute payloads are encoded by the real SDK's own encoder, so the values are exactly what
// a keurmerk worker upserts (typed API) or what the older untyped API sends (lists, no type).
// End-to-end List/Count through Client and Worker live in the engine's conformance tests.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { status } from '@grpc/grpc-js';
import { defineSearchAttributeKey, SearchAttributeType, TypedSearchAttributes } from '@temporalio/common';
import { encodeUnifiedSearchAttributes } from '@temporalio/common/lib/converter/payload-search-attributes';
import {
  countExecutions,
  encodeJsonPayload,
  IndexedValueType,
  listExecutions,
  parseSearchAttributeFlag,
  SearchAttributeRegistry,
  VisibilityRecord,
} from '../../devserver/src/visibility';
import { decode, encode, lookupType } from '../../devserver/src/proto';
import { RpcError } from '../../devserver/src/errors';

const STAGE = defineSearchAttributeKey('KeurmerkStage', SearchAttributeType.KEYWORD);
const SCHEME = defineSearchAttributeKey('KeurmerkScheme', SearchAttributeType.KEYWORD);
const COMPANY = defineSearchAttributeKey('KeurmerkCompanyName', SearchAttributeType.TEXT);
const DEADLINE = defineSearchAttributeKey('KeurmerkNextDeadline', SearchAttributeType.DATETIME);
const TAGS = defineSearchAttributeKey('Tags', SearchAttributeType.KEYWORD_LIST);
const SCORE = defineSearchAttributeKey('Score', SearchAttributeType.INT);
const RATIO = defineSearchAttributeKey('Ratio', SearchAttributeType.DOUBLE);
const ACTIVE = defineSearchAttributeKey('Active', SearchAttributeType.BOOL);

function registry(): SearchAttributeRegistry {
  return new SearchAttributeRegistry({
    KeurmerkStage: 'Keyword',
    KeurmerkScheme: 'Keyword',
    KeurmerkCompanyName: 'Text',
    KeurmerkNextDeadline: 'Datetime',
    Tags: 'KeywordList',
    Score: 'Int',
    Ratio: 'Double',
    Active: 'Bool',
  });
}

const at = (iso: string) => Date.parse(iso);
type Typed = ConstructorParameters<typeof TypedSearchAttributes>[0];

function record(workflowId: string, fields: Partial<VisibilityRecord>, typed: Typed = [], untyped?: Record<string, unknown[]>): VisibilityRecord {
  const indexedFields = encodeUnifiedSearchAttributes(untyped as any, new TypedSearchAttributes(typed));
  return {
    namespace: 'default',
    workflowId,
    runId: `run-${workflowId}`,
    workflowType: 'seboApplication',
    taskQueue: 'keurmerk',
    status: 1,
    startTime: 0,
    executionTime: 0,
    historyLength: 5,
    searchAttributes: { indexedFields },
    ...fields,
  };
}

// Five cases: two SEBO applications, a Werkpakt application with a child, and a terminated PSO case.
const RECORDS: VisibilityRecord[] = [
  record(
    'sebo-1',
    { startTime: at('2024-01-01T10:00:00Z'), executionTime: at('2024-01-01T10:00:00Z') },
    [
      { key: SCHEME, value: 'SEBO' },
      { key: STAGE, value: 'AUDIT_PLANNING' },
      { key: COMPANY, value: 'Bakkerij Één B.V.' },
      { key: DEADLINE, value: new Date('2024-03-01T00:00:00Z') },
      { key: TAGS, value: ['urgent', 'north'] },
      { key: SCORE, value: 7 },
      { key: RATIO, value: 0.5 },
      { key: ACTIVE, value: true },
    ],
  ),
  record(
    'sebo-2',
    {
      status: 2,
      startTime: at('2024-01-02T10:00:00Z'),
      executionTime: at('2024-01-02T10:00:00Z'),
      closeTime: at('2024-02-01T10:00:00Z'),
      historyLength: 40,
    },
    [
      { key: SCHEME, value: 'SEBO' },
      { key: STAGE, value: 'CERTIFIED' },
      { key: COMPANY, value: 'Groene Koffie Coöperatie' },
      { key: DEADLINE, value: new Date('2025-01-02T00:00:00Z') },
      { key: TAGS, value: ['north'] },
      { key: SCORE, value: -3 },
      { key: RATIO, value: 2.25 },
      { key: ACTIVE, value: false },
    ],
  ),
  record(
    'wp-1',
    {
      workflowType: 'werkpaktApplication',
      status: 3,
      startTime: at('2024-01-03T10:00:00Z'),
      executionTime: at('2024-01-03T10:00:00Z'),
      closeTime: at('2024-01-03T10:30:00Z'),
    },
    [{ key: SCHEME, value: 'WERKPAKT' }],
  ),
  // Upserted through the older untyped API: every value a list, no `type` metadata.
  record(
    'wp-2',
    {
      workflowType: 'werkpaktCheck',
      startTime: at('2024-01-04T10:00:00Z'),
      executionTime: at('2024-01-04T10:00:00Z'),
      parentExecution: { workflowId: 'wp-1', runId: 'run-wp-1' },
      rootExecution: { workflowId: 'wp-1', runId: 'run-wp-1' },
    },
    [],
    { KeurmerkScheme: ['WERKPAKT'], KeurmerkStage: ['INTAKE'] },
  ),
  record(
    'pso-1',
    {
      workflowType: 'psoObligation',
      taskQueue: 'pso',
      status: 5,
      startTime: at('2023-12-31T23:00:00Z'),
      executionTime: at('2023-12-31T23:00:00Z'),
      closeTime: at('2024-01-10T00:00:00Z'),
    },
    [{ key: SCHEME, value: 'PSO' }],
  ),
];

const REGISTRY = registry();

function ids(query: string, records = RECORDS, reg = REGISTRY): string[] {
  return listExecutions(records, { namespace: 'default', query }, reg).executions.map(
    (e) => (e.execution as { workflowId: string }).workflowId,
  );
}

/** Matching ids regardless of order, for the filter tests. */
function matching(query: string): string[] {
  return ids(query).sort();
}

function refusal(fn: () => unknown): RpcError {
  try {
    fn();
  } catch (error) {
    assert.ok(error instanceof RpcError, `expected an RpcError, got ${error}`);
    return error;
  }
  assert.fail('expected a refusal');
}

function refusedQuery(query: string, purpose: 'list' | 'count' = 'list'): string {
  const error = refusal(() =>
    purpose === 'list' ? listExecutions(RECORDS, { query }, REGISTRY) : countExecutions(RECORDS, { query }, REGISTRY),
  );
  assert.equal(error.code, status.INVALID_ARGUMENT);
  return error.message;
}

describe('list filter: comparison operators', () => {
  it('= and != on a built-in Keyword', () => {
    assert.deepEqual(matching(`WorkflowId = 'sebo-1'`), ['sebo-1']);
    assert.deepEqual(matching(`WorkflowType != 'seboApplication'`), ['pso-1', 'wp-1', 'wp-2']);
    assert.deepEqual(matching(`WorkflowType <> 'seboApplication'`), ['pso-1', 'wp-1', 'wp-2']);
    assert.deepEqual(matching(`TaskQueue = 'pso'`), ['pso-1']);
    assert.deepEqual(matching(`RunId = 'run-wp-2'`), ['wp-2']);
  });

  it('!= on a custom Keyword leaves out executions where it is unset (SQL three-valued logic)', () => {
    assert.deepEqual(matching(`KeurmerkStage != 'CERTIFIED'`), ['sebo-1', 'wp-2']);
    assert.deepEqual(matching(`NOT KeurmerkStage = 'CERTIFIED'`), ['sebo-1', 'wp-2']);
    assert.deepEqual(matching(`NOT KeurmerkStage = 'CERTIFIED' OR KeurmerkStage IS NULL`), ['pso-1', 'sebo-1', 'wp-1', 'wp-2']);
  });

  it('<, >, <=, >= on datetimes compare instants, whatever the offset written', () => {
    assert.deepEqual(matching(`StartTime < '2024-01-02T10:00:00Z'`), ['pso-1', 'sebo-1']);
    assert.deepEqual(matching(`StartTime <= '2024-01-02T10:00:00Z'`), ['pso-1', 'sebo-1', 'sebo-2']);
    // 11:00+01:00 is 10:00Z: the same instant as sebo-2's start.
    assert.deepEqual(matching(`StartTime >= '2024-01-02T11:00:00+01:00'`), ['sebo-2', 'wp-1', 'wp-2']);
    assert.deepEqual(matching(`StartTime > '2024-01-02T11:00:00.000000001+01:00'`), ['wp-1', 'wp-2']);
    assert.deepEqual(matching(`CloseTime > '2024-01-05T00:00:00Z'`), ['pso-1', 'sebo-2']);
  });

  it('<, >, <=, >= on Int, Double and Keyword', () => {
    assert.deepEqual(matching('Score > 0'), ['sebo-1']);
    assert.deepEqual(matching('Score <= -3'), ['sebo-2']);
    assert.deepEqual(matching('Score >= -3.5'), ['sebo-1', 'sebo-2']);
    assert.deepEqual(matching('Ratio < 1'), ['sebo-1']);
    assert.deepEqual(matching('Ratio >= 2.25'), ['sebo-2']);
    assert.deepEqual(matching('HistoryLength > 10'), ['sebo-2']);
    assert.deepEqual(matching(`WorkflowId < 'sebo'`), ['pso-1']);
  });

  it('IN and NOT IN', () => {
    assert.deepEqual(matching(`WorkflowId IN ('sebo-1', 'wp-1', 'nope')`), ['sebo-1', 'wp-1']);
    assert.deepEqual(matching(`ExecutionStatus NOT IN ('Running', 'Completed')`), ['pso-1', 'wp-1']);
    assert.deepEqual(matching(`Score IN (7, 8)`), ['sebo-1']);
    assert.deepEqual(matching(`KeurmerkStage NOT IN ('CERTIFIED')`), ['sebo-1', 'wp-2']);
  });

  it('BETWEEN x AND y is inclusive, NOT BETWEEN its complement', () => {
    const query = `StartTime BETWEEN '2024-01-01T10:00:00Z' AND '2024-01-03T10:00:00Z'`;
    assert.deepEqual(matching(query), ['sebo-1', 'sebo-2', 'wp-1']);
    assert.deepEqual(matching(query.replace('BETWEEN', 'NOT BETWEEN')), ['pso-1', 'wp-2']);
    assert.deepEqual(matching('Score BETWEEN -3 AND 0'), ['sebo-2']);
    assert.deepEqual(matching(`WorkflowId BETWEEN 'sebo-1' AND 'sebo-9'`), ['sebo-1', 'sebo-2']);
  });

  it('STARTS_WITH and NOT STARTS_WITH', () => {
    assert.deepEqual(matching(`WorkflowId STARTS_WITH 'sebo-'`), ['sebo-1', 'sebo-2']);
    assert.deepEqual(matching(`WorkflowType NOT STARTS_WITH 'werkpakt'`), ['pso-1', 'sebo-1', 'sebo-2']);
    assert.deepEqual(matching(`KeurmerkStage STARTS_WITH 'AUDIT'`), ['sebo-1']);
  });

  it('IS NULL and IS NOT NULL, on built-in and custom attributes', () => {
    assert.deepEqual(matching('CloseTime IS NULL'), ['sebo-1', 'wp-2']);
    assert.deepEqual(matching('CloseTime IS NOT NULL'), ['pso-1', 'sebo-2', 'wp-1']);
    assert.deepEqual(matching('KeurmerkStage IS NULL'), ['pso-1', 'wp-1']);
    assert.deepEqual(matching('ParentWorkflowId IS NOT NULL'), ['wp-2']);
    assert.deepEqual(matching('TemporalNamespaceDivision IS NULL').length, 5);
  });

  it('an empty query lists everything', () => {
    assert.equal(ids('').length, 5);
    assert.equal(ids('   ').length, 5);
  });
});

describe('list filter: AND, OR, NOT, parentheses and precedence', () => {
  it('AND binds tighter than OR', () => {
    // = sebo-1 OR (Failed AND SEBO): the second part matches nothing.
    assert.deepEqual(matching(`WorkflowId = 'sebo-1' OR ExecutionStatus = 'Failed' AND KeurmerkScheme = 'SEBO'`), ['sebo-1']);
    assert.deepEqual(matching(`(WorkflowId = 'sebo-1' OR ExecutionStatus = 'Failed') AND KeurmerkScheme = 'WERKPAKT'`), ['wp-1']);
  });

  it('NOT binds tighter than AND and applies to a parenthesised group', () => {
    assert.deepEqual(matching(`NOT KeurmerkScheme = 'SEBO' AND ExecutionStatus = 'Running'`), ['wp-2']);
    assert.deepEqual(matching(`NOT (KeurmerkScheme = 'SEBO' OR KeurmerkScheme = 'PSO')`), ['wp-1', 'wp-2']);
    assert.deepEqual(matching(`NOT NOT WorkflowId = 'wp-1'`), ['wp-1']);
  });

  it('nested parentheses', () => {
    assert.deepEqual(
      matching(`((KeurmerkScheme = 'SEBO') AND ((Score > 0) OR (Ratio > 2))) AND NOT (WorkflowId = 'sebo-2')`),
      ['sebo-1'],
    );
  });

  it('keywords in any case, names as written', () => {
    assert.deepEqual(matching(`KeurmerkScheme = 'PSO' or workflowid_x is null and WorkflowId = 'x'`.replace('workflowid_x', 'CloseTime')), ['pso-1']);
    assert.deepEqual(matching(`WorkflowId in ('wp-1') AnD ExecutionStatus = 'Failed'`), ['wp-1']);
    assert.match(refusedQuery(`workflowid = 'wp-1'`), /search attribute workflowid is not defined at position 1/);
  });
});

describe('list filter: quoting', () => {
  it('strings in single or double quotes, names in backticks', () => {
    assert.deepEqual(matching(`WorkflowId = "sebo-1"`), ['sebo-1']);
    assert.deepEqual(matching('`WorkflowId` = "sebo-1"'), ['sebo-1']);
    assert.deepEqual(matching('`KeurmerkStage`="AUDIT_PLANNING"'), ['sebo-1']);
  });

  it('escaped and doubled quotes inside strings', () => {
    const quoted = [record("o'brien", {}, [], undefined), record('say "hi"', {}, [], undefined)];
    assert.deepEqual(ids(`WorkflowId = 'o\\'brien'`, quoted), ["o'brien"]);
    assert.deepEqual(ids(`WorkflowId = 'o''brien'`, quoted), ["o'brien"]);
    assert.deepEqual(ids(`WorkflowId = "o'brien"`, quoted), ["o'brien"]);
    assert.deepEqual(ids(`WorkflowId = "say ""hi"""`, quoted), ['say "hi"']);
    assert.deepEqual(ids(`WorkflowId = 'say "hi"'`, quoted), ['say "hi"']);
  });

  it('what the Temporal UI sends', () => {
    assert.deepEqual(
      matching('`ExecutionStatus`="Running" AND `KeurmerkStage`="AUDIT_PLANNING" AND `StartTime` > "2023-12-01T00:00:00.000Z"'),
      ['sebo-1'],
    );
    assert.deepEqual(matching('`WorkflowType`="werkpaktCheck"'), ['wp-2']);
  });
});

describe('list filter: each attribute type', () => {
  it('Keyword also matches a value upserted as a list by the untyped API', () => {
    assert.deepEqual(matching(`KeurmerkScheme = 'WERKPAKT'`), ['wp-1', 'wp-2']);
    assert.deepEqual(matching(`KeurmerkStage = 'INTAKE'`), ['wp-2']);
  });

  it('Text matches when the value contains any token of the query, case and accents folded', () => {
    assert.deepEqual(matching(`KeurmerkCompanyName = 'bakkerij'`), ['sebo-1']);
    assert.deepEqual(matching(`KeurmerkCompanyName = 'een'`), ['sebo-1']);
    assert.deepEqual(matching(`KeurmerkCompanyName = 'COOPERATIE'`), ['sebo-2']);
    assert.deepEqual(matching(`KeurmerkCompanyName = 'koffie thee'`), ['sebo-2']);
    assert.deepEqual(matching(`KeurmerkCompanyName = 'bakkerij koffie'`), ['sebo-1', 'sebo-2']);
    assert.deepEqual(matching(`KeurmerkCompanyName = 'bakker'`), [], 'tokens, not substrings');
  });

  it('Text != selects executions without the attribute too (it is a full-text index lookup)', () => {
    assert.deepEqual(matching(`KeurmerkCompanyName != 'bakkerij'`), ['pso-1', 'sebo-2', 'wp-1', 'wp-2']);
  });

  it('KeywordList = means "contains"; IN any of; NOT IN none of', () => {
    assert.deepEqual(matching(`Tags = 'north'`), ['sebo-1', 'sebo-2']);
    assert.deepEqual(matching(`Tags = 'urgent'`), ['sebo-1']);
    assert.deepEqual(matching(`Tags != 'urgent'`), ['pso-1', 'sebo-2', 'wp-1', 'wp-2']);
    assert.deepEqual(matching(`Tags IN ('urgent', 'south')`), ['sebo-1']);
    assert.deepEqual(matching(`Tags NOT IN ('north')`), ['pso-1', 'wp-1', 'wp-2']);
  });

  it('Bool with bare true and false', () => {
    assert.deepEqual(matching('Active = true'), ['sebo-1']);
    assert.deepEqual(matching('Active = FALSE'), ['sebo-2']);
    assert.deepEqual(matching('Active != true'), ['sebo-2']);
  });

  it('Datetime custom attributes compare as instants; integers are Unix nanoseconds', () => {
    assert.deepEqual(matching(`KeurmerkNextDeadline < '2024-03-01T01:00:00+02:00'`), []);
    assert.deepEqual(matching(`KeurmerkNextDeadline <= '2024-03-01T02:00:00+02:00'`), ['sebo-1']);
    assert.deepEqual(matching(`KeurmerkNextDeadline > '2024-06-01T00:00:00Z'`), ['sebo-2']);
    const nanos = BigInt(at('2024-03-01T00:00:00Z')) * 1_000_000n;
    assert.deepEqual(matching(`KeurmerkNextDeadline = ${nanos}`), ['sebo-1']);
  });

  it('NOW() with an optional offset, against the clock the engine passes (virtual under time skipping)', () => {
    const now = at('2024-01-04T12:00:00Z');
    const started = (query: string) =>
      listExecutions(RECORDS, { query }, REGISTRY, { now }).executions.map((e: any) => e.execution.workflowId).sort();
    assert.deepEqual(started(`StartTime > NOW() - 1d`), ['wp-2']);
    assert.deepEqual(started(`StartTime > now()-2d1h`), ['wp-1', 'wp-2']);
    assert.deepEqual(started(`StartTime > NOW() - 3d AND StartTime < NOW()`), ['sebo-2', 'wp-1', 'wp-2']);
    assert.deepEqual(started(`StartTime > NOW() - 1w`), ['pso-1', 'sebo-1', 'sebo-2', 'wp-1', 'wp-2']);
    assert.deepEqual(started(`KeurmerkNextDeadline BETWEEN NOW() AND NOW() + 9w`), ['sebo-1']);
    const error = refusal(() => listExecutions(RECORDS, { query: `StartTime > NOW() - 1y` }, REGISTRY, { now }));
    assert.match(error.message, /invalid NOW\(\) duration "1y" .* at position 13/);
    assert.match(refusedQuery(`WorkflowId = NOW()`), /invalid value type for search attribute WorkflowId of type Keyword: NOW\(\)/);
  });

  it('ExecutionStatus by name, by enum name or by number', () => {
    assert.deepEqual(matching(`ExecutionStatus = 'Running'`), ['sebo-1', 'wp-2']);
    assert.deepEqual(matching(`ExecutionStatus = 'Completed'`), ['sebo-2']);
    assert.deepEqual(matching(`ExecutionStatus = 'Failed'`), ['wp-1']);
    assert.deepEqual(matching(`ExecutionStatus = 'Terminated'`), ['pso-1']);
    assert.deepEqual(matching(`ExecutionStatus IN ('Canceled', 'ContinuedAsNew', 'TimedOut')`), []);
    assert.deepEqual(matching(`ExecutionStatus = 'WORKFLOW_EXECUTION_STATUS_TERMINATED'`), ['pso-1']);
    assert.deepEqual(matching('ExecutionStatus = 2'), ['sebo-2']);
    assert.match(refusedQuery(`ExecutionStatus = 'running'`), /invalid ExecutionStatus value 'running'; expected one of Running, Completed, .* at position 19/);
  });

  it('ExecutionDuration in nanoseconds or as a duration text', () => {
    // wp-1 ran 30 minutes, pso-1 about 9 days, sebo-2 30 days.
    assert.deepEqual(matching(`ExecutionDuration < '1h'`), ['wp-1']);
    assert.deepEqual(matching(`ExecutionDuration > '240h'`), ['sebo-2']);
    assert.deepEqual(matching(`ExecutionDuration = '00:30:00'`), ['wp-1']);
    assert.deepEqual(matching(`ExecutionDuration = ${30 * 60 * 1e9}`), ['wp-1']);
  });

  it('parent and root executions; a top-level workflow is its own root', () => {
    assert.deepEqual(matching(`ParentWorkflowId = 'wp-1'`), ['wp-2']);
    assert.deepEqual(matching(`RootWorkflowId = 'wp-1'`), ['wp-1', 'wp-2']);
    assert.deepEqual(matching(`RootRunId = 'run-sebo-1'`), ['sebo-1']);
  });
});

describe('list filter: refusals say what and where', () => {
  it('an unexpected token, with its position', () => {
    assert.equal(
      refusedQuery(`WorkflowId = AND`),
      'invalid query: unexpected token "AND" at position 14, expected a value (a quoted string, a number, true or false)',
    );
    assert.match(refusedQuery(`WorkflowId = 'a' 'b'`), /unexpected token "'b'" at position 18/);
    assert.match(refusedQuery(`WorkflowId = 'a' AND OR`), /unexpected token "OR" at position 22, expected a search attribute name/);
    assert.match(refusedQuery(`WorkflowId 'a'`), /unexpected token "'a'" at position 12, expected an operator/);
    assert.match(refusedQuery(`WorkflowId NOT = 'a'`), /unexpected token "=" at position 16, expected IN, BETWEEN or STARTS_WITH after NOT/);
    assert.match(refusedQuery(`StartTime BETWEEN '2024-01-01T00:00:00Z' OR '2024-01-02T00:00:00Z'`), /unexpected token "OR" at position 42, expected AND/);
    assert.match(refusedQuery(`WorkflowId IN 'a'`), /unexpected token "'a'" at position 15, expected a parenthesised list/);
    assert.match(refusedQuery(`WorkflowId IS 'a'`), /'IS' operator can only be used as 'IS NULL' or 'IS NOT NULL'/);
  });

  it('an unfinished query', () => {
    assert.equal(refusedQuery(`(WorkflowId = 'a'`), 'invalid query: unexpected end of query, expected AND, OR or a closing parenthesis at position 18');
    assert.match(refusedQuery(`WorkflowId =`), /unexpected end of query, expected a value .* at position 13/);
    assert.match(refusedQuery(`WorkflowId IN ('a',`), /unexpected end of query/);
    assert.match(refusedQuery(`WorkflowId = 'a')`), /unexpected token "\)" at position 17/);
  });

  it('bad characters and unterminated strings', () => {
    assert.equal(refusedQuery(`WorkflowId = 'abc`), 'invalid query: unterminated string starting with \' at position 14');
    assert.equal(refusedQuery('`WorkflowId = 1'), 'invalid query: unterminated quoted name starting with ` at position 1');
    assert.equal(refusedQuery(`WorkflowId == 'a'`), 'invalid query: unexpected token "=" at position 13, expected a value (a quoted string, a number, true or false)');
    assert.equal(refusedQuery(`WorkflowId = 'a' && Score = 1`), 'invalid query: unexpected character "&" at position 18');
  });

  it('an unknown attribute, with its position', () => {
    assert.equal(refusedQuery(`WorkflowId = 'a' AND Foo = 'b'`), 'invalid query: search attribute Foo is not defined at position 22');
    assert.match(refusedQuery('`Foo Bar` IS NULL'), /search attribute Foo Bar is not defined at position 1/);
  });

  it('a value of the wrong type, or a name where a value belongs', () => {
    assert.equal(
      refusedQuery(`KeurmerkStage = 12`),
      "invalid query: invalid value type for search attribute KeurmerkStage of type Keyword: 12 (quote it: '12') at position 17",
    );
    assert.match(refusedQuery(`Score = 'seven'`), /invalid value type for search attribute Score of type Int: 'seven' at position 9/);
    assert.match(refusedQuery(`Active = 'true'`), /of type Bool: 'true' \(write true or false without quotes\)/);
    assert.match(refusedQuery(`StartTime > '2024-01-01'`), /unable to parse datetime '2024-01-01' for search attribute StartTime .* at position 13/);
    assert.match(refusedQuery(`StartTime > '2024-02-30T00:00:00Z'`), /unable to parse datetime/);
    assert.match(refusedQuery(`WorkflowId = WorkflowType`), /column name on the right side of comparison expression \(did you forget to quote "WorkflowType"\?\) at position 14/);
    assert.match(refusedQuery(`ExecutionDuration > 'long'`), /invalid duration value for search attribute ExecutionDuration: 'long'/);
  });

  it('an operator the attribute type does not support', () => {
    assert.match(refusedQuery(`KeurmerkCompanyName STARTS_WITH 'B'`), /operator STARTS_WITH not supported for search attribute KeurmerkCompanyName of type Text \(supported: =, !=\) at position 1/);
    assert.match(refusedQuery(`KeurmerkCompanyName IN ('a')`), /operator IN not supported .* of type Text/);
    assert.match(refusedQuery(`Tags > 'a'`), /operator > not supported for search attribute Tags of type KeywordList/);
    assert.match(refusedQuery(`Score STARTS_WITH '1'`), /operator STARTS_WITH not supported .* of type Int/);
    assert.match(refusedQuery(`Active BETWEEN true AND false`), /cannot do range condition on search attribute Active of type Bool at position 1/);
    assert.match(refusedQuery(`Tags BETWEEN 'a' AND 'b'`), /cannot do range condition on search attribute Tags of type KeywordList/);
    assert.match(refusedQuery(`KeurmerkCompanyName = ' - '`), /no tokens found filtering on Text type search attribute KeurmerkCompanyName at position 23/);
  });

  it('what the real server does not support either', () => {
    assert.match(refusedQuery(`WorkflowId LIKE 'a%'`), /operation is not supported: 'LIKE'.* at position 12/);
    assert.match(refusedQuery(`WorkflowId = 'a' LIMIT 1`), /operation is not supported: 'LIMIT' clause at position 18/);
    assert.match(refusedQuery(`ORDER BY KeurmerkCompanyName`), /unable to sort by search attribute KeurmerkCompanyName of type Text at position 10/);
    assert.match(refusedQuery(`ORDER BY Tags DESC`), /unable to sort by search attribute Tags of type KeywordList/);
    assert.match(refusedQuery(`GROUP BY ExecutionStatus`), /'GROUP BY' clause is only supported by CountWorkflowExecutions at position 10/);
    assert.match(refusedQuery(`GROUP BY WorkflowType`, 'count'), /'GROUP BY' clause is not supported for search attribute WorkflowType/);
    assert.match(refusedQuery(`GROUP BY ExecutionStatus, WorkflowType`, 'count'), /supports only a single field at position 27/);
    assert.match(refusedQuery(`ORDER BY StartTime GROUP BY ExecutionStatus`, 'count'), /GROUP BY must come before ORDER BY at position 20/);
  });

  it('a refused query changes nothing and every refusal is INVALID_ARGUMENT', () => {
    const before = JSON.stringify(REGISTRY.list());
    for (const query of ['(', ')', 'AND', `'x'`, 'NOT', 'WorkflowId', 'ORDER BY', 'ORDER StartTime']) {
      const message = refusedQuery(query);
      assert.match(message, /^invalid query: .*position \d+/, query);
    }
    assert.equal(JSON.stringify(REGISTRY.list()), before);
  });
});

describe('ListWorkflowExecutions: order', () => {
  it('by default as the real server: running first, then by close time, newest first', () => {
    assert.deepEqual(ids(''), ['wp-2', 'sebo-1', 'sebo-2', 'pso-1', 'wp-1']);
  });

  it('ties in close and start time are broken by run id', () => {
    const same = ['c', 'a', 'b'].map((id) => record(id, { startTime: 5 }));
    assert.deepEqual(ids('', same), ['a', 'b', 'c']);
  });

  it('ORDER BY StartTime, CloseTime and ExecutionTime, ASC or DESC', () => {
    assert.deepEqual(ids('ORDER BY StartTime'), ['pso-1', 'sebo-1', 'sebo-2', 'wp-1', 'wp-2']);
    assert.deepEqual(ids('ORDER BY StartTime ASC'), ['pso-1', 'sebo-1', 'sebo-2', 'wp-1', 'wp-2']);
    assert.deepEqual(ids('ORDER BY ExecutionTime DESC'), ['wp-2', 'wp-1', 'sebo-2', 'sebo-1', 'pso-1']);
    // Executions without a close time come last under an explicit order.
    assert.deepEqual(ids('ORDER BY CloseTime DESC'), ['sebo-2', 'pso-1', 'wp-1', 'wp-2', 'sebo-1']);
    assert.deepEqual(ids('ORDER BY CloseTime asc'), ['wp-1', 'pso-1', 'sebo-2', 'wp-2', 'sebo-1']);
  });

  it('ORDER BY after a filter, and on a custom attribute then a built-in one', () => {
    assert.deepEqual(ids(`KeurmerkScheme = 'SEBO' ORDER BY StartTime ASC`), ['sebo-1', 'sebo-2']);
    assert.deepEqual(ids(`ORDER BY KeurmerkScheme DESC, StartTime ASC`), ['wp-1', 'wp-2', 'sebo-1', 'sebo-2', 'pso-1']);
  });
});

describe('ListWorkflowExecutions: paging', () => {
  function allPages(records: VisibilityRecord[], pageSize: number, query = '') {
    const pages: string[][] = [];
    let nextPageToken: Buffer | undefined;
    do {
      const page = listExecutions(records, { query, pageSize, nextPageToken }, REGISTRY);
      pages.push(page.executions.map((e) => (e.execution as { workflowId: string }).workflowId));
      nextPageToken = page.nextPageToken.length ? page.nextPageToken : undefined;
    } while (nextPageToken);
    return pages;
  }

  it('pages of pageSize that together are the whole ordered list, the last without a token', () => {
    assert.deepEqual(allPages(RECORDS, 2), [['wp-2', 'sebo-1'], ['sebo-2', 'pso-1'], ['wp-1']]);
    assert.deepEqual(allPages(RECORDS, 5), [['wp-2', 'sebo-1', 'sebo-2', 'pso-1', 'wp-1']]);
    assert.deepEqual(allPages(RECORDS, 1, 'ORDER BY StartTime').flat(), ['pso-1', 'sebo-1', 'sebo-2', 'wp-1', 'wp-2']);
    assert.deepEqual(allPages(RECORDS, 2, `KeurmerkScheme = 'SEBO'`), [['sebo-1', 'sebo-2']]);
  });

  it('no page size means one page of at most 1000, as the real server', () => {
    const many = Array.from({ length: 1001 }, (_, i) => record(`wf-${String(i).padStart(4, '0')}`, { startTime: i }));
    const first = listExecutions(many, {}, REGISTRY);
    assert.equal(first.executions.length, 1000);
    assert.ok(first.nextPageToken.length > 0);
    const rest = listExecutions(many, { nextPageToken: first.nextPageToken, pageSize: 0 }, REGISTRY);
    assert.deepEqual(rest.executions.map((e) => (e.execution as { workflowId: string }).workflowId), ['wf-0000']);
    assert.equal(rest.nextPageToken.length, 0);
  });

  it('the token stays valid when executions start between pages: no repeats, nothing skipped', () => {
    const records = [...RECORDS];
    const first = listExecutions(records, { pageSize: 2 }, REGISTRY);
    assert.deepEqual(first.executions.map((e) => (e.execution as { workflowId: string }).workflowId), ['wp-2', 'sebo-1']);
    records.push(record('new-1', { startTime: at('2025-01-01T00:00:00Z') }));
    const second = listExecutions(records, { pageSize: 10, nextPageToken: first.nextPageToken }, REGISTRY);
    assert.deepEqual(second.executions.map((e) => (e.execution as { workflowId: string }).workflowId), ['sebo-2', 'pso-1', 'wp-1']);
    assert.equal(second.nextPageToken.length, 0);
  });

  it('a damaged token or one from another ORDER BY is refused', () => {
    const first = listExecutions(RECORDS, { pageSize: 2 }, REGISTRY);
    for (const nextPageToken of [Buffer.from('garbage'), Buffer.from('{"v":2}'), Buffer.from('[]')]) {
      const error = refusal(() => listExecutions(RECORDS, { pageSize: 2, nextPageToken }, REGISTRY));
      assert.equal(error.code, status.INVALID_ARGUMENT);
      assert.equal(error.message, 'invalid next page token');
    }
    const error = refusal(() =>
      listExecutions(RECORDS, { pageSize: 2, nextPageToken: first.nextPageToken, query: 'ORDER BY StartTime' }, REGISTRY),
    );
    assert.match(error.message, /another ORDER BY/);
  });
});

describe('ListWorkflowExecutions: the response', () => {
  it('WorkflowExecutionInfo fields, timestamps as {seconds, nanos}', () => {
    const withMemo = record('memo-1', {
      status: 2,
      startTime: 1_700_000_000_123,
      executionTime: 1_700_000_001_000,
      closeTime: 1_700_000_061_500,
      historyLength: 11,
      historySizeBytes: 2048,
      stateTransitionCount: 9,
      memo: { fields: { note: encodeJsonPayload('hello') } },
      parentExecution: { workflowId: 'p', runId: 'rp' },
      rootExecution: { workflowId: 'r', runId: 'rr' },
    }, [{ key: STAGE, value: 'INTAKE' }]);
    const [info] = listExecutions([withMemo], {}, REGISTRY).executions as any[];
    assert.deepEqual(info.execution, { workflowId: 'memo-1', runId: 'run-memo-1' });
    assert.deepEqual(info.type, { name: 'seboApplication' });
    assert.deepEqual(info.startTime, { seconds: 1_700_000_000, nanos: 123_000_000 });
    assert.deepEqual(info.executionTime, { seconds: 1_700_000_001, nanos: 0 });
    assert.deepEqual(info.closeTime, { seconds: 1_700_000_061, nanos: 500_000_000 });
    assert.deepEqual(info.executionDuration, { seconds: 60, nanos: 500_000_000 });
    assert.equal(info.status, 2);
    assert.equal(info.historyLength, 11);
    assert.equal(info.historySizeBytes, 2048);
    assert.equal(info.stateTransitionCount, 9);
    assert.equal(info.taskQueue, 'keurmerk');
    assert.deepEqual(info.parentExecution, { workflowId: 'p', runId: 'rp' });
    assert.deepEqual(info.rootExecution, { workflowId: 'r', runId: 'rr' });
    assert.equal(JSON.parse(Buffer.from(info.memo.fields.note.data).toString()), 'hello');
    assert.equal(JSON.parse(Buffer.from(info.searchAttributes.indexedFields.KeurmerkStage.data).toString()), 'INTAKE');
  });

  it('a running top-level execution has no close time and is its own root', () => {
    const [info] = listExecutions(RECORDS, { query: `WorkflowId = 'sebo-1'` }, REGISTRY).executions as any[];
    assert.equal(info.closeTime, undefined);
    assert.equal(info.executionDuration, undefined);
    assert.deepEqual(info.rootExecution, { workflowId: 'sebo-1', runId: 'run-sebo-1' });
  });

  it('search attributes carry their type in the payload metadata, also those upserted untyped', () => {
    const [info] = listExecutions(RECORDS, { query: `WorkflowId = 'wp-2'` }, REGISTRY).executions as any[];
    const scheme = info.searchAttributes.indexedFields.KeurmerkScheme;
    assert.equal(Buffer.from(scheme.metadata.type).toString(), 'Keyword');
    assert.equal(Buffer.from(scheme.metadata.encoding).toString(), 'json/plain');
    assert.deepEqual(JSON.parse(Buffer.from(scheme.data).toString()), ['WERKPAKT']);
  });

  it('encodes as a ListWorkflowExecutionsResponse and decodes back', () => {
    const response = listExecutions(RECORDS, { pageSize: 3 }, REGISTRY);
    const type = lookupType('temporal.api.workflowservice.v1.ListWorkflowExecutionsResponse');
    const decoded = decode(type, encode(type, response));
    assert.equal(decoded.executions.length, 3);
    assert.deepEqual(decoded.executions[0].execution, { workflowId: 'wp-2', runId: 'run-wp-2' });
    assert.deepEqual(decoded.executions[0].parentExecution, { workflowId: 'wp-1', runId: 'run-wp-1' });
    assert.deepEqual(decoded.executions[2].closeTime, { seconds: at('2024-02-01T10:00:00Z') / 1000 });
    assert.deepEqual(Buffer.from(decoded.nextPageToken), response.nextPageToken);
  });

  it('only executions of the requested namespace', () => {
    const other = record('elsewhere', { namespace: 'other' });
    assert.deepEqual(ids('', [...RECORDS, other]).includes('elsewhere'), false);
    assert.deepEqual(
      listExecutions([...RECORDS, other], { namespace: 'other' }, REGISTRY).executions.map((e: any) => e.execution.workflowId),
      ['elsewhere'],
    );
  });
});

describe('CountWorkflowExecutions', () => {
  it('counts what the query selects', () => {
    assert.deepEqual(countExecutions(RECORDS, { query: '' }, REGISTRY), { count: 5 });
    assert.deepEqual(countExecutions(RECORDS, { query: `KeurmerkScheme = 'SEBO'` }, REGISTRY), { count: 2 });
    assert.deepEqual(countExecutions(RECORDS, { query: `WorkflowId = 'none'` }, REGISTRY), { count: 0 });
  });

  it('GROUP BY ExecutionStatus: one group per status, the value a json/plain payload of its name', () => {
    const result = countExecutions(RECORDS, { query: 'GROUP BY ExecutionStatus' }, REGISTRY);
    assert.equal(result.count, 5);
    const groups = Object.fromEntries(
      result.groups!.map((g) => {
        const [value] = g.groupValues;
        assert.equal(value.metadata.encoding.toString(), 'json/plain');
        assert.equal(value.metadata.type.toString(), 'Keyword');
        return [JSON.parse(value.data.toString()), g.count];
      }),
    );
    assert.deepEqual(groups, { Running: 2, Completed: 1, Failed: 1, Terminated: 1 });
    assert.equal(result.groups![0].count, 2, 'largest group first');
  });

  it('GROUP BY after a filter, and the response encodes as CountWorkflowExecutionsResponse', () => {
    const result = countExecutions(RECORDS, { query: `KeurmerkScheme = 'WERKPAKT' GROUP BY ExecutionStatus` }, REGISTRY);
    const type = lookupType('temporal.api.workflowservice.v1.CountWorkflowExecutionsResponse');
    const decoded = decode(type, encode(type, result));
    assert.equal(decoded.count, 2);
    assert.deepEqual(
      decoded.groups.map((g: any) => [Buffer.from(g.groupValues[0].data).toString(), g.count]).sort(),
      [['"Failed"', 1], ['"Running"', 1]],
    );
  });
});

describe('SearchAttributeRegistry', () => {
  it('lists built-in and custom attributes as ListSearchAttributesResponse, which encodes', () => {
    const list = REGISTRY.list();
    assert.equal(list.customAttributes.KeurmerkStage, IndexedValueType.KEYWORD);
    assert.equal(list.customAttributes.KeurmerkCompanyName, IndexedValueType.TEXT);
    assert.equal(list.customAttributes.KeurmerkNextDeadline, IndexedValueType.DATETIME);
    assert.equal(list.customAttributes.Tags, IndexedValueType.KEYWORD_LIST);
    assert.equal(list.customAttributes.WorkflowId, undefined);
    for (const [name, type] of Object.entries({
      WorkflowId: 2, WorkflowType: 2, ExecutionStatus: 2, StartTime: 6, CloseTime: 6, ExecutionTime: 6,
      TaskQueue: 2, RunId: 2, HistoryLength: 3, BuildIds: 7, TemporalChangeVersion: 7, ParentWorkflowId: 2,
    })) {
      assert.equal(list.systemAttributes[name], type, name);
    }
    assert.deepEqual(list.storageSchema, {});
    const type = lookupType('temporal.api.operatorservice.v1.ListSearchAttributesResponse');
    assert.deepEqual(decode(type, encode(type, list)).customAttributes, list.customAttributes);
  });

  it('keys() is the GetSearchAttributesResponse map of every attribute', () => {
    const keys = REGISTRY.keys();
    assert.equal(keys.WorkflowId, 2);
    assert.equal(keys.KeurmerkStage, 2);
    assert.equal(keys.Score, 3);
    assert.equal(keys.Ratio, 4);
    assert.equal(keys.Active, 5);
  });

  it('add by type name or enum number; re-adding with the same type changes nothing', () => {
    const reg = new SearchAttributeRegistry();
    assert.equal(reg.add('Colour', 'keyword'), true);
    assert.equal(reg.add('Weight', IndexedValueType.DOUBLE), true);
    assert.equal(reg.add('Flag', 'INDEXED_VALUE_TYPE_BOOL'), true);
    assert.equal(reg.add('Colour', 'Keyword'), false);
    assert.deepEqual(reg.custom(), { Colour: 2, Flag: 5, Weight: 4 });
  });

  it('refuses a name clash with another type as ALREADY_EXISTS, and reserved names', () => {
    const reg = new SearchAttributeRegistry({ Colour: 'Keyword' });
    const clash = refusal(() => reg.add('Colour', 'Int'));
    assert.equal(clash.code, status.ALREADY_EXISTS);
    assert.equal(clash.message, 'Search attribute Colour already exists with type Keyword; it cannot be added again as Int.');
    for (const name of ['WorkflowId', 'ExecutionStatus', 'BuildIds', 'TemporalFoo', 'NamespaceId']) {
      const reserved = refusal(() => reg.add(name, 'Keyword'));
      assert.equal(reserved.code, status.INVALID_ARGUMENT);
      assert.equal(reserved.message, `Search attribute ${name} is reserved by system.`);
    }
    assert.deepEqual(reg.custom(), { Colour: 2 });
  });

  it('refuses unknown types and bad names', () => {
    const reg = new SearchAttributeRegistry();
    assert.match(refusal(() => reg.add('X', 'Float')).message, /^Unknown search attribute type: Float\. Expected one of Text, Keyword, Int, Double, Bool, Datetime, KeywordList\.$/);
    assert.match(refusal(() => reg.add('X', 0)).message, /Unknown search attribute type: 0/);
    assert.match(refusal(() => reg.add('X', 8)).message, /Unknown search attribute type: 8/);
    assert.match(refusal(() => reg.add('', 'Int')).message, /name is empty/);
    assert.match(refusal(() => reg.add('Two words', 'Int')).message, /may not contain white space/);
  });

  it('adding several is all or nothing; the real server SQL limits per type apply', () => {
    const reg = new SearchAttributeRegistry({ T1: 'Text', T2: 'Text' });
    const error = refusal(() => reg.addAll({ K1: 'Keyword', T3: 'Text', T4: 'Text' }));
    assert.equal(error.code, status.INVALID_ARGUMENT);
    assert.equal(error.message, 'Unable to create search attributes: cannot have more than 3 search attribute of type Text.');
    assert.deepEqual(Object.keys(reg.custom()), ['T1', 'T2']);
    assert.deepEqual(reg.addAll({ K1: 'Keyword', T3: 'Text' }), ['K1', 'T3']);
    const unlimited = new SearchAttributeRegistry({}, { limits: false });
    unlimited.addAll({ A: 'Text', B: 'Text', C: 'Text', D: 'Text' });
    assert.equal(Object.keys(unlimited.custom()).length, 4);
  });

  it('remove: a custom attribute goes, a built-in one is refused, an unknown one is skipped', () => {
    const reg = registry();
    assert.equal(reg.remove('Score'), true);
    assert.equal(reg.remove('Score'), false);
    assert.equal(reg.typeOf('Score'), undefined);
    const error = refusal(() => reg.removeAll(['Ratio', 'WorkflowId']));
    assert.equal(error.code, status.INVALID_ARGUMENT);
    assert.equal(error.message, 'Unable to remove non-custom search attributes: WorkflowId.');
    assert.equal(reg.typeOf('Ratio'), IndexedValueType.DOUBLE, 'nothing removed when one name is refused');
    // A query on a removed attribute is refused, and its stored values are no longer read.
    assert.match(refusal(() => listExecutions(RECORDS, { query: 'Score > 0' }, reg)).message, /search attribute Score is not defined/);
    reg.add('Score', 'Keyword');
    assert.deepEqual(ids('Score IS NULL', RECORDS, reg).length, 5, 'old Int values do not fit the new Keyword type');
  });

  it('validateUpsert decodes what the SDK sends; null or an empty list removes', () => {
    const fields = encodeUnifiedSearchAttributes(
      { Tags: ['a', 'b'], Score: [] } as any,
      new TypedSearchAttributes([
        { key: STAGE, value: 'INTAKE' },
        { key: DEADLINE, value: new Date('2024-05-01T12:00:00.250Z') },
        { key: RATIO, value: 1.5 },
        { key: ACTIVE, value: false },
      ]),
    );
    assert.deepEqual(REGISTRY.validateUpsert(fields), {
      Tags: ['a', 'b'],
      Score: null,
      KeurmerkStage: ['INTAKE'],
      KeurmerkNextDeadline: [at('2024-05-01T12:00:00.250Z')],
      Ratio: [1.5],
      Active: [false],
    });
    const removal = encodeUnifiedSearchAttributes(undefined, [{ key: STAGE, value: null }] as any);
    assert.deepEqual(REGISTRY.validateUpsert(removal), { KeurmerkStage: null });
    assert.deepEqual(REGISTRY.validateUpsert({ KeurmerkStage: { metadata: { encoding: Buffer.from('binary/null') } } }), { KeurmerkStage: null });
    assert.deepEqual(REGISTRY.validateUpsert(undefined), {});
    assert.deepEqual(REGISTRY.validateUpsert({ BuildIds: encodeJsonPayload(['b1']) }), { BuildIds: ['b1'] });
  });

  it('validateUpsert refuses an unknown attribute, a built-in one and a value of the wrong type', () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ Foo: encodeJsonPayload('x') }, 'search attribute Foo is not defined'],
      [{ WorkflowId: encodeJsonPayload('x') }, "WorkflowId attribute can't be set in SearchAttributes"],
      [{ KeurmerkStage: encodeJsonPayload(12) }, 'invalid value for search attribute KeurmerkStage of type Keyword: 12'],
      [{ KeurmerkStage: encodeJsonPayload(['a', 3]) }, 'invalid value for search attribute KeurmerkStage of type Keyword: [a 3]'],
      [{ Tags: encodeJsonPayload('single') }, 'invalid value for search attribute Tags of type KeywordList: single'],
      [{ Score: encodeJsonPayload(1.5) }, 'invalid value for search attribute Score of type Int: 1.5'],
      [{ Ratio: encodeJsonPayload('1.5') }, 'invalid value for search attribute Ratio of type Double: 1.5'],
      [{ Active: encodeJsonPayload('yes') }, 'invalid value for search attribute Active of type Bool: yes'],
      [{ KeurmerkNextDeadline: encodeJsonPayload('tomorrow') }, 'invalid value for search attribute KeurmerkNextDeadline of type Datetime: tomorrow'],
      [{ KeurmerkNextDeadline: encodeJsonPayload({ at: 1 }) }, 'invalid value for search attribute KeurmerkNextDeadline of type Datetime: {"at":1}'],
      [
        { KeurmerkStage: { metadata: { encoding: Buffer.from('binary/encrypted') }, data: Buffer.from('x') } },
        'invalid value for search attribute KeurmerkStage of type Keyword: (payload encoding "binary/encrypted" is not json/plain)',
      ],
      [
        { KeurmerkStage: { metadata: { encoding: Buffer.from('json/plain') }, data: Buffer.from('{oops') } },
        'invalid value for search attribute KeurmerkStage of type Keyword: (payload data is not JSON: {oops)',
      ],
      [{ KeurmerkStage: encodeJsonPayload('x'.repeat(3000)) }, 'search attribute KeurmerkStage value of size 3002 exceeds size limit 2048'],
    ];
    for (const [fields, message] of cases) {
      const error = refusal(() => REGISTRY.validateUpsert(fields));
      assert.equal(error.code, status.INVALID_ARGUMENT);
      assert.equal(error.message, message);
    }
  });

  it('applyUpsert replaces upserted attributes, drops removed ones and keeps the rest', () => {
    const current = encodeUnifiedSearchAttributes(undefined, new TypedSearchAttributes([
      { key: STAGE, value: 'INTAKE' },
      { key: SCHEME, value: 'SEBO' },
      { key: SCORE, value: 1 },
    ]));
    const upsert = encodeUnifiedSearchAttributes(undefined, [
      { key: STAGE, value: 'AUDIT_PLANNING' },
      { key: SCORE, value: null },
      { key: TAGS, value: ['x'] },
    ] as any);
    const merged = REGISTRY.applyUpsert(current, upsert);
    assert.deepEqual(Object.keys(merged).sort(), ['KeurmerkScheme', 'KeurmerkStage', 'Tags']);
    assert.equal(merged.KeurmerkStage, upsert.KeurmerkStage);
    assert.equal(merged.KeurmerkScheme, current.KeurmerkScheme);
    assert.deepEqual(Object.keys(current).sort(), ['KeurmerkScheme', 'KeurmerkStage', 'Score'], 'input untouched');
    const record = { ...RECORDS[0], searchAttributes: { indexedFields: merged } };
    assert.deepEqual(ids(`KeurmerkStage = 'AUDIT_PLANNING' AND Score IS NULL AND Tags = 'x'`, [record]), ['sebo-1']);
    assert.throws(() => REGISTRY.applyUpsert(current, { Nope: encodeJsonPayload(1) }), /search attribute Nope is not defined/);
  });

  it('accepts payload bytes as base64 strings, as protojson carries them', () => {
    const payload = { metadata: { encoding: 'json/plain' }, data: Buffer.from('"AUDIT"').toString('base64') };
    assert.deepEqual(REGISTRY.validateUpsert({ KeurmerkStage: payload }), { KeurmerkStage: ['AUDIT'] });
  });
});

describe('parseSearchAttributeFlag', () => {
  it('reads Name=Type with the type in any case', () => {
    assert.deepEqual(parseSearchAttributeFlag('KeurmerkStage=Keyword'), { name: 'KeurmerkStage', type: 2 });
    assert.deepEqual(parseSearchAttributeFlag('Tags=keywordlist'), { name: 'Tags', type: 7 });
    assert.deepEqual(parseSearchAttributeFlag(' Due = Datetime '), { name: 'Due', type: 6 });
  });

  it('explains what is wrong', () => {
    assert.throws(() => parseSearchAttributeFlag('KeurmerkStage'), /--search-attribute "KeurmerkStage": expected Name=Type, e\.g\. KeurmerkStage=Keyword/);
    assert.throws(() => parseSearchAttributeFlag('=Keyword'), /expected Name=Type/);
    assert.throws(
      () => parseSearchAttributeFlag('Stage=String'),
      /--search-attribute "Stage=String": unknown type "String"; expected one of Text, Keyword, Int, Double, Bool, Datetime, KeywordList/,
    );
  });
});
