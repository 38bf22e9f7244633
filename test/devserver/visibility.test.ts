// Unit tests of the devserver's visibility module (devserver/src/visibility): the search attribute
// registry, the list filter language and the List/Count answers, over hand-made VisibilityRecords.
// Search attribute payloads are encoded by the real SDK's own encoder, so the values are exactly what
// a keurmerk worker upserts (typed API) or what the older untyped API sends (lists, no type).
// End-to-end List/Count through Client and Worker live in the engine's conformance tests.
import { describe, expect, it } from '@jest/globals';
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
    expect(error).toBeInstanceOf(RpcError);
    return error as RpcError;
  }
  throw new Error('expected a refusal');
}

function refusedQuery(query: string, purpose: 'list' | 'count' = 'list'): string {
  const error = refusal(() =>
    purpose === 'list' ? listExecutions(RECORDS, { query }, REGISTRY) : countExecutions(RECORDS, { query }, REGISTRY),
  );
  expect(error.code).toBe(status.INVALID_ARGUMENT);
  return error.message;
}

describe('list filter: comparison operators', () => {
  it('= and != on a built-in Keyword', () => {
    expect(matching(`WorkflowId = 'sebo-1'`)).toStrictEqual(['sebo-1']);
    expect(matching(`WorkflowType != 'seboApplication'`)).toStrictEqual(['pso-1', 'wp-1', 'wp-2']);
    expect(matching(`WorkflowType <> 'seboApplication'`)).toStrictEqual(['pso-1', 'wp-1', 'wp-2']);
    expect(matching(`TaskQueue = 'pso'`)).toStrictEqual(['pso-1']);
    expect(matching(`RunId = 'run-wp-2'`)).toStrictEqual(['wp-2']);
  });

  it('!= on a custom Keyword leaves out executions where it is unset (SQL three-valued logic)', () => {
    expect(matching(`KeurmerkStage != 'CERTIFIED'`)).toStrictEqual(['sebo-1', 'wp-2']);
    expect(matching(`NOT KeurmerkStage = 'CERTIFIED'`)).toStrictEqual(['sebo-1', 'wp-2']);
    expect(matching(`NOT KeurmerkStage = 'CERTIFIED' OR KeurmerkStage IS NULL`)).toStrictEqual(['pso-1', 'sebo-1', 'wp-1', 'wp-2']);
  });

  it('<, >, <=, >= on datetimes compare instants, whatever the offset written', () => {
    expect(matching(`StartTime < '2024-01-02T10:00:00Z'`)).toStrictEqual(['pso-1', 'sebo-1']);
    expect(matching(`StartTime <= '2024-01-02T10:00:00Z'`)).toStrictEqual(['pso-1', 'sebo-1', 'sebo-2']);
    // 11:00+01:00 is 10:00Z: the same instant as sebo-2's start.
    expect(matching(`StartTime >= '2024-01-02T11:00:00+01:00'`)).toStrictEqual(['sebo-2', 'wp-1', 'wp-2']);
    expect(matching(`StartTime > '2024-01-02T11:00:00.000000001+01:00'`)).toStrictEqual(['wp-1', 'wp-2']);
    expect(matching(`CloseTime > '2024-01-05T00:00:00Z'`)).toStrictEqual(['pso-1', 'sebo-2']);
  });

  it('<, >, <=, >= on Int, Double and Keyword', () => {
    expect(matching('Score > 0')).toStrictEqual(['sebo-1']);
    expect(matching('Score <= -3')).toStrictEqual(['sebo-2']);
    expect(matching('Score >= -3.5')).toStrictEqual(['sebo-1', 'sebo-2']);
    expect(matching('Ratio < 1')).toStrictEqual(['sebo-1']);
    expect(matching('Ratio >= 2.25')).toStrictEqual(['sebo-2']);
    expect(matching('HistoryLength > 10')).toStrictEqual(['sebo-2']);
    expect(matching(`WorkflowId < 'sebo'`)).toStrictEqual(['pso-1']);
  });

  it('IN and NOT IN', () => {
    expect(matching(`WorkflowId IN ('sebo-1', 'wp-1', 'nope')`)).toStrictEqual(['sebo-1', 'wp-1']);
    expect(matching(`ExecutionStatus NOT IN ('Running', 'Completed')`)).toStrictEqual(['pso-1', 'wp-1']);
    expect(matching(`Score IN (7, 8)`)).toStrictEqual(['sebo-1']);
    expect(matching(`KeurmerkStage NOT IN ('CERTIFIED')`)).toStrictEqual(['sebo-1', 'wp-2']);
  });

  it('BETWEEN x AND y is inclusive, NOT BETWEEN its complement', () => {
    const query = `StartTime BETWEEN '2024-01-01T10:00:00Z' AND '2024-01-03T10:00:00Z'`;
    expect(matching(query)).toStrictEqual(['sebo-1', 'sebo-2', 'wp-1']);
    expect(matching(query.replace('BETWEEN', 'NOT BETWEEN'))).toStrictEqual(['pso-1', 'wp-2']);
    expect(matching('Score BETWEEN -3 AND 0')).toStrictEqual(['sebo-2']);
    expect(matching(`WorkflowId BETWEEN 'sebo-1' AND 'sebo-9'`)).toStrictEqual(['sebo-1', 'sebo-2']);
  });

  it('STARTS_WITH and NOT STARTS_WITH', () => {
    expect(matching(`WorkflowId STARTS_WITH 'sebo-'`)).toStrictEqual(['sebo-1', 'sebo-2']);
    expect(matching(`WorkflowType NOT STARTS_WITH 'werkpakt'`)).toStrictEqual(['pso-1', 'sebo-1', 'sebo-2']);
    expect(matching(`KeurmerkStage STARTS_WITH 'AUDIT'`)).toStrictEqual(['sebo-1']);
  });

  it('IS NULL and IS NOT NULL, on built-in and custom attributes', () => {
    expect(matching('CloseTime IS NULL')).toStrictEqual(['sebo-1', 'wp-2']);
    expect(matching('CloseTime IS NOT NULL')).toStrictEqual(['pso-1', 'sebo-2', 'wp-1']);
    expect(matching('KeurmerkStage IS NULL')).toStrictEqual(['pso-1', 'wp-1']);
    expect(matching('ParentWorkflowId IS NOT NULL')).toStrictEqual(['wp-2']);
    expect(matching('TemporalNamespaceDivision IS NULL').length).toStrictEqual(5);
  });

  it('an empty query lists everything', () => {
    expect(ids('').length).toBe(5);
    expect(ids('   ').length).toBe(5);
  });
});

describe('list filter: AND, OR, NOT, parentheses and precedence', () => {
  it('AND binds tighter than OR', () => {
    // = sebo-1 OR (Failed AND SEBO): the second part matches nothing.
    expect(matching(`WorkflowId = 'sebo-1' OR ExecutionStatus = 'Failed' AND KeurmerkScheme = 'SEBO'`)).toStrictEqual(['sebo-1']);
    expect(matching(`(WorkflowId = 'sebo-1' OR ExecutionStatus = 'Failed') AND KeurmerkScheme = 'WERKPAKT'`)).toStrictEqual(['wp-1']);
  });

  it('NOT binds tighter than AND and applies to a parenthesised group', () => {
    expect(matching(`NOT KeurmerkScheme = 'SEBO' AND ExecutionStatus = 'Running'`)).toStrictEqual(['wp-2']);
    expect(matching(`NOT (KeurmerkScheme = 'SEBO' OR KeurmerkScheme = 'PSO')`)).toStrictEqual(['wp-1', 'wp-2']);
    expect(matching(`NOT NOT WorkflowId = 'wp-1'`)).toStrictEqual(['wp-1']);
  });

  it('nested parentheses', () => {
    expect(matching(`((KeurmerkScheme = 'SEBO') AND ((Score > 0) OR (Ratio > 2))) AND NOT (WorkflowId = 'sebo-2')`)).toStrictEqual(['sebo-1']);
  });

  it('keywords in any case, names as written', () => {
    expect(matching(`KeurmerkScheme = 'PSO' or workflowid_x is null and WorkflowId = 'x'`.replace('workflowid_x', 'CloseTime'))).toStrictEqual(['pso-1']);
    expect(matching(`WorkflowId in ('wp-1') AnD ExecutionStatus = 'Failed'`)).toStrictEqual(['wp-1']);
    expect(refusedQuery(`workflowid = 'wp-1'`)).toMatch(/search attribute workflowid is not defined at position 1/);
  });
});

describe('list filter: quoting', () => {
  it('strings in single or double quotes, names in backticks', () => {
    expect(matching(`WorkflowId = "sebo-1"`)).toStrictEqual(['sebo-1']);
    expect(matching('`WorkflowId` = "sebo-1"')).toStrictEqual(['sebo-1']);
    expect(matching('`KeurmerkStage`="AUDIT_PLANNING"')).toStrictEqual(['sebo-1']);
  });

  it('escaped and doubled quotes inside strings', () => {
    const quoted = [record("o'brien", {}, [], undefined), record('say "hi"', {}, [], undefined)];
    expect(ids(`WorkflowId = 'o\\'brien'`, quoted)).toStrictEqual(["o'brien"]);
    expect(ids(`WorkflowId = 'o''brien'`, quoted)).toStrictEqual(["o'brien"]);
    expect(ids(`WorkflowId = "o'brien"`, quoted)).toStrictEqual(["o'brien"]);
    expect(ids(`WorkflowId = "say ""hi"""`, quoted)).toStrictEqual(['say "hi"']);
    expect(ids(`WorkflowId = 'say "hi"'`, quoted)).toStrictEqual(['say "hi"']);
  });

  it('what the Temporal UI sends', () => {
    expect(matching('`ExecutionStatus`="Running" AND `KeurmerkStage`="AUDIT_PLANNING" AND `StartTime` > "2023-12-01T00:00:00.000Z"')).toStrictEqual(['sebo-1']);
    expect(matching('`WorkflowType`="werkpaktCheck"')).toStrictEqual(['wp-2']);
  });
});

describe('list filter: each attribute type', () => {
  it('Keyword also matches a value upserted as a list by the untyped API', () => {
    expect(matching(`KeurmerkScheme = 'WERKPAKT'`)).toStrictEqual(['wp-1', 'wp-2']);
    expect(matching(`KeurmerkStage = 'INTAKE'`)).toStrictEqual(['wp-2']);
  });

  it('Text matches when the value contains any token of the query, case and accents folded', () => {
    expect(matching(`KeurmerkCompanyName = 'bakkerij'`)).toStrictEqual(['sebo-1']);
    expect(matching(`KeurmerkCompanyName = 'een'`)).toStrictEqual(['sebo-1']);
    expect(matching(`KeurmerkCompanyName = 'COOPERATIE'`)).toStrictEqual(['sebo-2']);
    expect(matching(`KeurmerkCompanyName = 'koffie thee'`)).toStrictEqual(['sebo-2']);
    expect(matching(`KeurmerkCompanyName = 'bakkerij koffie'`)).toStrictEqual(['sebo-1', 'sebo-2']);
    // tokens, not substrings
    expect(matching(`KeurmerkCompanyName = 'bakker'`)).toStrictEqual([]);
  });

  it('Text != selects executions without the attribute too (it is a full-text index lookup)', () => {
    expect(matching(`KeurmerkCompanyName != 'bakkerij'`)).toStrictEqual(['pso-1', 'sebo-2', 'wp-1', 'wp-2']);
  });

  it('KeywordList = means "contains"; IN any of; NOT IN none of', () => {
    expect(matching(`Tags = 'north'`)).toStrictEqual(['sebo-1', 'sebo-2']);
    expect(matching(`Tags = 'urgent'`)).toStrictEqual(['sebo-1']);
    expect(matching(`Tags != 'urgent'`)).toStrictEqual(['pso-1', 'sebo-2', 'wp-1', 'wp-2']);
    expect(matching(`Tags IN ('urgent', 'south')`)).toStrictEqual(['sebo-1']);
    expect(matching(`Tags NOT IN ('north')`)).toStrictEqual(['pso-1', 'wp-1', 'wp-2']);
  });

  it('Bool with bare true and false', () => {
    expect(matching('Active = true')).toStrictEqual(['sebo-1']);
    expect(matching('Active = FALSE')).toStrictEqual(['sebo-2']);
    expect(matching('Active != true')).toStrictEqual(['sebo-2']);
  });

  it('Datetime custom attributes compare as instants; integers are Unix nanoseconds', () => {
    expect(matching(`KeurmerkNextDeadline < '2024-03-01T01:00:00+02:00'`)).toStrictEqual([]);
    expect(matching(`KeurmerkNextDeadline <= '2024-03-01T02:00:00+02:00'`)).toStrictEqual(['sebo-1']);
    expect(matching(`KeurmerkNextDeadline > '2024-06-01T00:00:00Z'`)).toStrictEqual(['sebo-2']);
    const nanos = BigInt(at('2024-03-01T00:00:00Z')) * 1_000_000n;
    expect(matching(`KeurmerkNextDeadline = ${nanos}`)).toStrictEqual(['sebo-1']);
  });

  it('NOW() with an optional offset, against the clock the engine passes (virtual under time skipping)', () => {
    const now = at('2024-01-04T12:00:00Z');
    const started = (query: string) =>
      listExecutions(RECORDS, { query }, REGISTRY, { now }).executions.map((e: any) => e.execution.workflowId).sort();
    expect(started(`StartTime > NOW() - 1d`)).toStrictEqual(['wp-2']);
    expect(started(`StartTime > now()-2d1h`)).toStrictEqual(['wp-1', 'wp-2']);
    expect(started(`StartTime > NOW() - 3d AND StartTime < NOW()`)).toStrictEqual(['sebo-2', 'wp-1', 'wp-2']);
    expect(started(`StartTime > NOW() - 1w`)).toStrictEqual(['pso-1', 'sebo-1', 'sebo-2', 'wp-1', 'wp-2']);
    expect(started(`KeurmerkNextDeadline BETWEEN NOW() AND NOW() + 9w`)).toStrictEqual(['sebo-1']);
    const error = refusal(() => listExecutions(RECORDS, { query: `StartTime > NOW() - 1y` }, REGISTRY, { now }));
    expect(error.message).toMatch(/invalid NOW\(\) duration "1y" .* at position 13/);
    expect(refusedQuery(`WorkflowId = NOW()`)).toMatch(/invalid value type for search attribute WorkflowId of type Keyword: NOW\(\)/);
  });

  it('ExecutionStatus by name, by enum name or by number', () => {
    expect(matching(`ExecutionStatus = 'Running'`)).toStrictEqual(['sebo-1', 'wp-2']);
    expect(matching(`ExecutionStatus = 'Completed'`)).toStrictEqual(['sebo-2']);
    expect(matching(`ExecutionStatus = 'Failed'`)).toStrictEqual(['wp-1']);
    expect(matching(`ExecutionStatus = 'Terminated'`)).toStrictEqual(['pso-1']);
    expect(matching(`ExecutionStatus IN ('Canceled', 'ContinuedAsNew', 'TimedOut')`)).toStrictEqual([]);
    expect(matching(`ExecutionStatus = 'WORKFLOW_EXECUTION_STATUS_TERMINATED'`)).toStrictEqual(['pso-1']);
    expect(matching('ExecutionStatus = 2')).toStrictEqual(['sebo-2']);
    expect(refusedQuery(`ExecutionStatus = 'running'`)).toMatch(/invalid ExecutionStatus value 'running'; expected one of Running, Completed, .* at position 19/);
  });

  it('ExecutionDuration in nanoseconds or as a duration text', () => {
    // wp-1 ran 30 minutes, pso-1 about 9 days, sebo-2 30 days.
    expect(matching(`ExecutionDuration < '1h'`)).toStrictEqual(['wp-1']);
    expect(matching(`ExecutionDuration > '240h'`)).toStrictEqual(['sebo-2']);
    expect(matching(`ExecutionDuration = '00:30:00'`)).toStrictEqual(['wp-1']);
    expect(matching(`ExecutionDuration = ${30 * 60 * 1e9}`)).toStrictEqual(['wp-1']);
  });

  it('parent and root executions; a top-level workflow is its own root', () => {
    expect(matching(`ParentWorkflowId = 'wp-1'`)).toStrictEqual(['wp-2']);
    expect(matching(`RootWorkflowId = 'wp-1'`)).toStrictEqual(['wp-1', 'wp-2']);
    expect(matching(`RootRunId = 'run-sebo-1'`)).toStrictEqual(['sebo-1']);
  });
});

describe('list filter: refusals say what and where', () => {
  it('an unexpected token, with its position', () => {
    expect(refusedQuery(`WorkflowId = AND`)).toBe('invalid query: unexpected token "AND" at position 14, expected a value (a quoted string, a number, true or false)');
    expect(refusedQuery(`WorkflowId = 'a' 'b'`)).toMatch(/unexpected token "'b'" at position 18/);
    expect(refusedQuery(`WorkflowId = 'a' AND OR`)).toMatch(/unexpected token "OR" at position 22, expected a search attribute name/);
    expect(refusedQuery(`WorkflowId 'a'`)).toMatch(/unexpected token "'a'" at position 12, expected an operator/);
    expect(refusedQuery(`WorkflowId NOT = 'a'`)).toMatch(/unexpected token "=" at position 16, expected IN, BETWEEN or STARTS_WITH after NOT/);
    expect(refusedQuery(`StartTime BETWEEN '2024-01-01T00:00:00Z' OR '2024-01-02T00:00:00Z'`)).toMatch(/unexpected token "OR" at position 42, expected AND/);
    expect(refusedQuery(`WorkflowId IN 'a'`)).toMatch(/unexpected token "'a'" at position 15, expected a parenthesised list/);
    expect(refusedQuery(`WorkflowId IS 'a'`)).toMatch(/'IS' operator can only be used as 'IS NULL' or 'IS NOT NULL'/);
  });

  it('an unfinished query', () => {
    expect(refusedQuery(`(WorkflowId = 'a'`)).toBe('invalid query: unexpected end of query, expected AND, OR or a closing parenthesis at position 18');
    expect(refusedQuery(`WorkflowId =`)).toMatch(/unexpected end of query, expected a value .* at position 13/);
    expect(refusedQuery(`WorkflowId IN ('a',`)).toMatch(/unexpected end of query/);
    expect(refusedQuery(`WorkflowId = 'a')`)).toMatch(/unexpected token "\)" at position 17/);
  });

  it('bad characters and unterminated strings', () => {
    expect(refusedQuery(`WorkflowId = 'abc`)).toBe('invalid query: unterminated string starting with \' at position 14');
    expect(refusedQuery('`WorkflowId = 1')).toBe('invalid query: unterminated quoted name starting with ` at position 1');
    expect(refusedQuery(`WorkflowId == 'a'`)).toBe('invalid query: unexpected token "=" at position 13, expected a value (a quoted string, a number, true or false)');
    expect(refusedQuery(`WorkflowId = 'a' && Score = 1`)).toBe('invalid query: unexpected character "&" at position 18');
  });

  it('an unknown attribute, with its position', () => {
    expect(refusedQuery(`WorkflowId = 'a' AND Foo = 'b'`)).toBe('invalid query: search attribute Foo is not defined at position 22');
    expect(refusedQuery('`Foo Bar` IS NULL')).toMatch(/search attribute Foo Bar is not defined at position 1/);
  });

  it('a value of the wrong type, or a name where a value belongs', () => {
    expect(refusedQuery(`KeurmerkStage = 12`)).toBe("invalid query: invalid value type for search attribute KeurmerkStage of type Keyword: 12 (quote it: '12') at position 17");
    expect(refusedQuery(`Score = 'seven'`)).toMatch(/invalid value type for search attribute Score of type Int: 'seven' at position 9/);
    expect(refusedQuery(`Active = 'true'`)).toMatch(/of type Bool: 'true' \(write true or false without quotes\)/);
    expect(refusedQuery(`StartTime > '2024-01-01'`)).toMatch(/unable to parse datetime '2024-01-01' for search attribute StartTime .* at position 13/);
    expect(refusedQuery(`StartTime > '2024-02-30T00:00:00Z'`)).toMatch(/unable to parse datetime/);
    expect(refusedQuery(`WorkflowId = WorkflowType`)).toMatch(/column name on the right side of comparison expression \(did you forget to quote "WorkflowType"\?\) at position 14/);
    expect(refusedQuery(`ExecutionDuration > 'long'`)).toMatch(/invalid duration value for search attribute ExecutionDuration: 'long'/);
  });

  it('an operator the attribute type does not support', () => {
    expect(refusedQuery(`KeurmerkCompanyName STARTS_WITH 'B'`)).toMatch(/operator STARTS_WITH not supported for search attribute KeurmerkCompanyName of type Text \(supported: =, !=\) at position 1/);
    expect(refusedQuery(`KeurmerkCompanyName IN ('a')`)).toMatch(/operator IN not supported .* of type Text/);
    expect(refusedQuery(`Tags > 'a'`)).toMatch(/operator > not supported for search attribute Tags of type KeywordList/);
    expect(refusedQuery(`Score STARTS_WITH '1'`)).toMatch(/operator STARTS_WITH not supported .* of type Int/);
    expect(refusedQuery(`Active BETWEEN true AND false`)).toMatch(/cannot do range condition on search attribute Active of type Bool at position 1/);
    expect(refusedQuery(`Tags BETWEEN 'a' AND 'b'`)).toMatch(/cannot do range condition on search attribute Tags of type KeywordList/);
    expect(refusedQuery(`KeurmerkCompanyName = ' - '`)).toMatch(/no tokens found filtering on Text type search attribute KeurmerkCompanyName at position 23/);
  });

  it('what the real server does not support either', () => {
    expect(refusedQuery(`WorkflowId LIKE 'a%'`)).toMatch(/operation is not supported: 'LIKE'.* at position 12/);
    expect(refusedQuery(`WorkflowId = 'a' LIMIT 1`)).toMatch(/operation is not supported: 'LIMIT' clause at position 18/);
    expect(refusedQuery(`ORDER BY KeurmerkCompanyName`)).toMatch(/unable to sort by search attribute KeurmerkCompanyName of type Text at position 10/);
    expect(refusedQuery(`ORDER BY Tags DESC`)).toMatch(/unable to sort by search attribute Tags of type KeywordList/);
    expect(refusedQuery(`GROUP BY ExecutionStatus`)).toMatch(/'GROUP BY' clause is only supported by CountWorkflowExecutions at position 10/);
    expect(refusedQuery(`GROUP BY WorkflowType`, 'count')).toMatch(/'GROUP BY' clause is not supported for search attribute WorkflowType/);
    expect(refusedQuery(`GROUP BY ExecutionStatus, WorkflowType`, 'count')).toMatch(/supports only a single field at position 27/);
    expect(refusedQuery(`ORDER BY StartTime GROUP BY ExecutionStatus`, 'count')).toMatch(/GROUP BY must come before ORDER BY at position 20/);
  });

  it('a refused query changes nothing and every refusal is INVALID_ARGUMENT', () => {
    const before = JSON.stringify(REGISTRY.list());
    for (const query of ['(', ')', 'AND', `'x'`, 'NOT', 'WorkflowId', 'ORDER BY', 'ORDER StartTime']) {
      const message = refusedQuery(query);
      // query
      expect(message).toMatch(/^invalid query: .*position \d+/);
    }
    expect(JSON.stringify(REGISTRY.list())).toBe(before);
  });
});

describe('ListWorkflowExecutions: order', () => {
  it('by default as the real server: running first, then by close time, newest first', () => {
    expect(ids('')).toStrictEqual(['wp-2', 'sebo-1', 'sebo-2', 'pso-1', 'wp-1']);
  });

  it('ties in close and start time are broken by run id', () => {
    const same = ['c', 'a', 'b'].map((id) => record(id, { startTime: 5 }));
    expect(ids('', same)).toStrictEqual(['a', 'b', 'c']);
  });

  it('ORDER BY StartTime, CloseTime and ExecutionTime, ASC or DESC', () => {
    expect(ids('ORDER BY StartTime')).toStrictEqual(['pso-1', 'sebo-1', 'sebo-2', 'wp-1', 'wp-2']);
    expect(ids('ORDER BY StartTime ASC')).toStrictEqual(['pso-1', 'sebo-1', 'sebo-2', 'wp-1', 'wp-2']);
    expect(ids('ORDER BY ExecutionTime DESC')).toStrictEqual(['wp-2', 'wp-1', 'sebo-2', 'sebo-1', 'pso-1']);
    // Executions without a close time come last under an explicit order.
    expect(ids('ORDER BY CloseTime DESC')).toStrictEqual(['sebo-2', 'pso-1', 'wp-1', 'wp-2', 'sebo-1']);
    expect(ids('ORDER BY CloseTime asc')).toStrictEqual(['wp-1', 'pso-1', 'sebo-2', 'wp-2', 'sebo-1']);
  });

  it('ORDER BY after a filter, and on a custom attribute then a built-in one', () => {
    expect(ids(`KeurmerkScheme = 'SEBO' ORDER BY StartTime ASC`)).toStrictEqual(['sebo-1', 'sebo-2']);
    expect(ids(`ORDER BY KeurmerkScheme DESC, StartTime ASC`)).toStrictEqual(['wp-1', 'wp-2', 'sebo-1', 'sebo-2', 'pso-1']);
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
    expect(allPages(RECORDS, 2)).toStrictEqual([['wp-2', 'sebo-1'], ['sebo-2', 'pso-1'], ['wp-1']]);
    expect(allPages(RECORDS, 5)).toStrictEqual([['wp-2', 'sebo-1', 'sebo-2', 'pso-1', 'wp-1']]);
    expect(allPages(RECORDS, 1, 'ORDER BY StartTime').flat()).toStrictEqual(['pso-1', 'sebo-1', 'sebo-2', 'wp-1', 'wp-2']);
    expect(allPages(RECORDS, 2, `KeurmerkScheme = 'SEBO'`)).toStrictEqual([['sebo-1', 'sebo-2']]);
  });

  it('no page size means one page of at most 1000, as the real server', () => {
    const many = Array.from({ length: 1001 }, (_, i) => record(`wf-${String(i).padStart(4, '0')}`, { startTime: i }));
    const first = listExecutions(many, {}, REGISTRY);
    expect(first.executions.length).toBe(1000);
    expect(first.nextPageToken.length).toBeGreaterThan(0);
    const rest = listExecutions(many, { nextPageToken: first.nextPageToken, pageSize: 0 }, REGISTRY);
    expect(rest.executions.map((e) => (e.execution as { workflowId: string }).workflowId)).toStrictEqual(['wf-0000']);
    expect(rest.nextPageToken.length).toBe(0);
  });

  it('the token stays valid when executions start between pages: no repeats, nothing skipped', () => {
    const records = [...RECORDS];
    const first = listExecutions(records, { pageSize: 2 }, REGISTRY);
    expect(first.executions.map((e) => (e.execution as { workflowId: string }).workflowId)).toStrictEqual(['wp-2', 'sebo-1']);
    records.push(record('new-1', { startTime: at('2025-01-01T00:00:00Z') }));
    const second = listExecutions(records, { pageSize: 10, nextPageToken: first.nextPageToken }, REGISTRY);
    expect(second.executions.map((e) => (e.execution as { workflowId: string }).workflowId)).toStrictEqual(['sebo-2', 'pso-1', 'wp-1']);
    expect(second.nextPageToken.length).toBe(0);
  });

  it('a damaged token or one from another ORDER BY is refused', () => {
    const first = listExecutions(RECORDS, { pageSize: 2 }, REGISTRY);
    for (const nextPageToken of [Buffer.from('garbage'), Buffer.from('{"v":2}'), Buffer.from('[]')]) {
      const error = refusal(() => listExecutions(RECORDS, { pageSize: 2, nextPageToken }, REGISTRY));
      expect(error.code).toBe(status.INVALID_ARGUMENT);
      expect(error.message).toBe('invalid next page token');
    }
    const error = refusal(() =>
      listExecutions(RECORDS, { pageSize: 2, nextPageToken: first.nextPageToken, query: 'ORDER BY StartTime' }, REGISTRY),
    );
    expect(error.message).toMatch(/another ORDER BY/);
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
    expect(info.execution).toStrictEqual({ workflowId: 'memo-1', runId: 'run-memo-1' });
    expect(info.type).toStrictEqual({ name: 'seboApplication' });
    expect(info.startTime).toStrictEqual({ seconds: 1_700_000_000, nanos: 123_000_000 });
    expect(info.executionTime).toStrictEqual({ seconds: 1_700_000_001, nanos: 0 });
    expect(info.closeTime).toStrictEqual({ seconds: 1_700_000_061, nanos: 500_000_000 });
    expect(info.executionDuration).toStrictEqual({ seconds: 60, nanos: 500_000_000 });
    expect(info.status).toBe(2);
    expect(info.historyLength).toBe(11);
    expect(info.historySizeBytes).toBe(2048);
    expect(info.stateTransitionCount).toBe(9);
    expect(info.taskQueue).toBe('keurmerk');
    expect(info.parentExecution).toStrictEqual({ workflowId: 'p', runId: 'rp' });
    expect(info.rootExecution).toStrictEqual({ workflowId: 'r', runId: 'rr' });
    expect(JSON.parse(Buffer.from(info.memo.fields.note.data).toString())).toBe('hello');
    expect(JSON.parse(Buffer.from(info.searchAttributes.indexedFields.KeurmerkStage.data).toString())).toBe('INTAKE');
  });

  it('a running top-level execution has no close time and is its own root', () => {
    const [info] = listExecutions(RECORDS, { query: `WorkflowId = 'sebo-1'` }, REGISTRY).executions as any[];
    expect(info.closeTime).toBeUndefined();
    expect(info.executionDuration).toBeUndefined();
    expect(info.rootExecution).toStrictEqual({ workflowId: 'sebo-1', runId: 'run-sebo-1' });
  });

  it('search attributes carry their type in the payload metadata, also those upserted untyped', () => {
    const [info] = listExecutions(RECORDS, { query: `WorkflowId = 'wp-2'` }, REGISTRY).executions as any[];
    const scheme = info.searchAttributes.indexedFields.KeurmerkScheme;
    expect(Buffer.from(scheme.metadata.type).toString()).toBe('Keyword');
    expect(Buffer.from(scheme.metadata.encoding).toString()).toBe('json/plain');
    expect(JSON.parse(Buffer.from(scheme.data).toString())).toStrictEqual(['WERKPAKT']);
  });

  it('encodes as a ListWorkflowExecutionsResponse and decodes back', () => {
    const response = listExecutions(RECORDS, { pageSize: 3 }, REGISTRY);
    const type = lookupType('temporal.api.workflowservice.v1.ListWorkflowExecutionsResponse');
    const decoded = decode(type, encode(type, response));
    expect(decoded.executions.length).toBe(3);
    expect(decoded.executions[0].execution).toStrictEqual({ workflowId: 'wp-2', runId: 'run-wp-2' });
    expect(decoded.executions[0].parentExecution).toStrictEqual({ workflowId: 'wp-1', runId: 'run-wp-1' });
    expect(decoded.executions[2].closeTime).toStrictEqual({ seconds: at('2024-02-01T10:00:00Z') / 1000 });
    expect(Buffer.from(decoded.nextPageToken)).toStrictEqual(response.nextPageToken);
  });

  it('only executions of the requested namespace', () => {
    const other = record('elsewhere', { namespace: 'other' });
    expect(ids('', [...RECORDS, other]).includes('elsewhere')).toStrictEqual(false);
    expect(listExecutions([...RECORDS, other], { namespace: 'other' }, REGISTRY).executions.map((e: any) => e.execution.workflowId)).toStrictEqual(['elsewhere']);
  });
});

describe('CountWorkflowExecutions', () => {
  it('counts what the query selects', () => {
    expect(countExecutions(RECORDS, { query: '' }, REGISTRY)).toStrictEqual({ count: 5 });
    expect(countExecutions(RECORDS, { query: `KeurmerkScheme = 'SEBO'` }, REGISTRY)).toStrictEqual({ count: 2 });
    expect(countExecutions(RECORDS, { query: `WorkflowId = 'none'` }, REGISTRY)).toStrictEqual({ count: 0 });
  });

  it('GROUP BY ExecutionStatus: one group per status, the value a json/plain payload of its name', () => {
    const result = countExecutions(RECORDS, { query: 'GROUP BY ExecutionStatus' }, REGISTRY);
    expect(result.count).toBe(5);
    const groups = Object.fromEntries(
      result.groups!.map((g) => {
        const [value] = g.groupValues;
        expect(value.metadata.encoding.toString()).toBe('json/plain');
        expect(value.metadata.type.toString()).toBe('Keyword');
        return [JSON.parse(value.data.toString()), g.count];
      }),
    );
    expect(groups).toStrictEqual({ Running: 2, Completed: 1, Failed: 1, Terminated: 1 });
    // largest group first
    expect(result.groups![0].count).toBe(2);
  });

  it('GROUP BY after a filter, and the response encodes as CountWorkflowExecutionsResponse', () => {
    const result = countExecutions(RECORDS, { query: `KeurmerkScheme = 'WERKPAKT' GROUP BY ExecutionStatus` }, REGISTRY);
    const type = lookupType('temporal.api.workflowservice.v1.CountWorkflowExecutionsResponse');
    const decoded = decode(type, encode(type, result));
    expect(decoded.count).toBe(2);
    expect(decoded.groups.map((g: any) => [Buffer.from(g.groupValues[0].data).toString(), g.count]).sort()).toStrictEqual([['"Failed"', 1], ['"Running"', 1]]);
  });
});

describe('SearchAttributeRegistry', () => {
  it('lists built-in and custom attributes as ListSearchAttributesResponse, which encodes', () => {
    const list = REGISTRY.list();
    expect(list.customAttributes.KeurmerkStage).toBe(IndexedValueType.KEYWORD);
    expect(list.customAttributes.KeurmerkCompanyName).toBe(IndexedValueType.TEXT);
    expect(list.customAttributes.KeurmerkNextDeadline).toBe(IndexedValueType.DATETIME);
    expect(list.customAttributes.Tags).toBe(IndexedValueType.KEYWORD_LIST);
    expect(list.customAttributes.WorkflowId).toBeUndefined();
    for (const [name, type] of Object.entries({
      WorkflowId: 2, WorkflowType: 2, ExecutionStatus: 2, StartTime: 6, CloseTime: 6, ExecutionTime: 6,
      TaskQueue: 2, RunId: 2, HistoryLength: 3, BuildIds: 7, TemporalChangeVersion: 7, ParentWorkflowId: 2,
    })) {
      // name
      expect(list.systemAttributes[name]).toBe(type);
    }
    expect(list.storageSchema).toStrictEqual({});
    const type = lookupType('temporal.api.operatorservice.v1.ListSearchAttributesResponse');
    expect(decode(type, encode(type, list)).customAttributes).toStrictEqual(list.customAttributes);
  });

  it('keys() is the GetSearchAttributesResponse map of every attribute', () => {
    const keys = REGISTRY.keys();
    expect(keys.WorkflowId).toBe(2);
    expect(keys.KeurmerkStage).toBe(2);
    expect(keys.Score).toBe(3);
    expect(keys.Ratio).toBe(4);
    expect(keys.Active).toBe(5);
  });

  it('add by type name or enum number; re-adding with the same type changes nothing', () => {
    const reg = new SearchAttributeRegistry();
    expect(reg.add('Colour', 'keyword')).toBe(true);
    expect(reg.add('Weight', IndexedValueType.DOUBLE)).toBe(true);
    expect(reg.add('Flag', 'INDEXED_VALUE_TYPE_BOOL')).toBe(true);
    expect(reg.add('Colour', 'Keyword')).toBe(false);
    expect(reg.custom()).toStrictEqual({ Colour: 2, Flag: 5, Weight: 4 });
  });

  it('refuses a name clash with another type as ALREADY_EXISTS, and reserved names', () => {
    const reg = new SearchAttributeRegistry({ Colour: 'Keyword' });
    const clash = refusal(() => reg.add('Colour', 'Int'));
    expect(clash.code).toBe(status.ALREADY_EXISTS);
    expect(clash.message).toBe('Search attribute Colour already exists with type Keyword; it cannot be added again as Int.');
    for (const name of ['WorkflowId', 'ExecutionStatus', 'BuildIds', 'TemporalFoo', 'NamespaceId']) {
      const reserved = refusal(() => reg.add(name, 'Keyword'));
      expect(reserved.code).toBe(status.INVALID_ARGUMENT);
      expect(reserved.message).toBe(`Search attribute ${name} is reserved by system.`);
    }
    expect(reg.custom()).toStrictEqual({ Colour: 2 });
  });

  it('refuses unknown types and bad names', () => {
    const reg = new SearchAttributeRegistry();
    expect(refusal(() => reg.add('X', 'Float')).message).toMatch(/^Unknown search attribute type: Float\. Expected one of Text, Keyword, Int, Double, Bool, Datetime, KeywordList\.$/);
    expect(refusal(() => reg.add('X', 0)).message).toMatch(/Unknown search attribute type: 0/);
    expect(refusal(() => reg.add('X', 8)).message).toMatch(/Unknown search attribute type: 8/);
    expect(refusal(() => reg.add('', 'Int')).message).toMatch(/name is empty/);
    expect(refusal(() => reg.add('Two words', 'Int')).message).toMatch(/may not contain white space/);
  });

  it('adding several is all or nothing; the real server SQL limits per type apply', () => {
    const reg = new SearchAttributeRegistry({ T1: 'Text', T2: 'Text' });
    const error = refusal(() => reg.addAll({ K1: 'Keyword', T3: 'Text', T4: 'Text' }));
    expect(error.code).toBe(status.INVALID_ARGUMENT);
    expect(error.message).toBe('Unable to create search attributes: cannot have more than 3 search attribute of type Text.');
    expect(Object.keys(reg.custom())).toStrictEqual(['T1', 'T2']);
    expect(reg.addAll({ K1: 'Keyword', T3: 'Text' })).toStrictEqual(['K1', 'T3']);
    const unlimited = new SearchAttributeRegistry({}, { limits: false });
    unlimited.addAll({ A: 'Text', B: 'Text', C: 'Text', D: 'Text' });
    expect(Object.keys(unlimited.custom()).length).toBe(4);
  });

  it('remove: a custom attribute goes, a built-in one is refused, an unknown one is skipped', () => {
    const reg = registry();
    expect(reg.remove('Score')).toBe(true);
    expect(reg.remove('Score')).toBe(false);
    expect(reg.typeOf('Score')).toBeUndefined();
    const error = refusal(() => reg.removeAll(['Ratio', 'WorkflowId']));
    expect(error.code).toBe(status.INVALID_ARGUMENT);
    expect(error.message).toBe('Unable to remove non-custom search attributes: WorkflowId.');
    // nothing removed when one name is refused
    expect(reg.typeOf('Ratio')).toBe(IndexedValueType.DOUBLE);
    // A query on a removed attribute is refused, and its stored values are no longer read.
    expect(refusal(() => listExecutions(RECORDS, { query: 'Score > 0' }, reg)).message).toMatch(/search attribute Score is not defined/);
    reg.add('Score', 'Keyword');
    // old Int values do not fit the new Keyword type
    expect(ids('Score IS NULL', RECORDS, reg).length).toStrictEqual(5);
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
    expect(REGISTRY.validateUpsert(fields)).toStrictEqual({
      Tags: ['a', 'b'],
      Score: null,
      KeurmerkStage: ['INTAKE'],
      KeurmerkNextDeadline: [at('2024-05-01T12:00:00.250Z')],
      Ratio: [1.5],
      Active: [false],
    });
    const removal = encodeUnifiedSearchAttributes(undefined, [{ key: STAGE, value: null }] as any);
    expect(REGISTRY.validateUpsert(removal)).toStrictEqual({ KeurmerkStage: null });
    expect(REGISTRY.validateUpsert({ KeurmerkStage: { metadata: { encoding: Buffer.from('binary/null') } } })).toStrictEqual({ KeurmerkStage: null });
    expect(REGISTRY.validateUpsert(undefined)).toStrictEqual({});
    expect(REGISTRY.validateUpsert({ BuildIds: encodeJsonPayload(['b1']) })).toStrictEqual({ BuildIds: ['b1'] });
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
      expect(error.code).toBe(status.INVALID_ARGUMENT);
      expect(error.message).toBe(message);
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
    expect(Object.keys(merged).sort()).toStrictEqual(['KeurmerkScheme', 'KeurmerkStage', 'Tags']);
    expect(merged.KeurmerkStage).toBe(upsert.KeurmerkStage);
    expect(merged.KeurmerkScheme).toBe(current.KeurmerkScheme);
    // input untouched
    expect(Object.keys(current).sort()).toStrictEqual(['KeurmerkScheme', 'KeurmerkStage', 'Score']);
    const record = { ...RECORDS[0], searchAttributes: { indexedFields: merged } };
    expect(ids(`KeurmerkStage = 'AUDIT_PLANNING' AND Score IS NULL AND Tags = 'x'`, [record])).toStrictEqual(['sebo-1']);
    expect(() => REGISTRY.applyUpsert(current, { Nope: encodeJsonPayload(1) })).toThrow(/search attribute Nope is not defined/);
  });

  it('accepts payload bytes as base64 strings, as protojson carries them', () => {
    const payload = { metadata: { encoding: 'json/plain' }, data: Buffer.from('"AUDIT"').toString('base64') };
    expect(REGISTRY.validateUpsert({ KeurmerkStage: payload })).toStrictEqual({ KeurmerkStage: ['AUDIT'] });
  });
});

describe('parseSearchAttributeFlag', () => {
  it('reads Name=Type with the type in any case', () => {
    expect(parseSearchAttributeFlag('KeurmerkStage=Keyword')).toStrictEqual({ name: 'KeurmerkStage', type: 2 });
    expect(parseSearchAttributeFlag('Tags=keywordlist')).toStrictEqual({ name: 'Tags', type: 7 });
    expect(parseSearchAttributeFlag(' Due = Datetime ')).toStrictEqual({ name: 'Due', type: 6 });
  });

  it('explains what is wrong', () => {
    expect(() => parseSearchAttributeFlag('KeurmerkStage')).toThrow(/--search-attribute "KeurmerkStage": expected Name=Type, e\.g\. KeurmerkStage=Keyword/);
    expect(() => parseSearchAttributeFlag('=Keyword')).toThrow(/expected Name=Type/);
    expect(() => parseSearchAttributeFlag('Stage=String')).toThrow(/--search-attribute "Stage=String": unknown type "String"; expected one of Text, Keyword, Int, Double, Bool, Datetime, KeywordList/);
  });
});
