// Generated malformed input for the devserver fuzz test (fuzz.test.ts): list filters from the
// visibility grammar with mutations, unicode edge cases, huge and empty fields, and protobuf bytes
// that are no valid request. Deterministic: one seeded generator, so a failure names its seed.

/** Mulberry32: a small seeded PRNG, enough to make every run send the same requests. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export type Rand = ReturnType<typeof rng>;
export const pick = <T>(rand: Rand, items: readonly T[]): T => items[Math.floor(rand() * items.length)];
const int = (rand: Rand, max: number) => Math.floor(rand() * max);

/** Text a client can send that is hard on a server: halves of pairs, controls, huge, empty. */
export const UNICODE_EDGES: readonly string[] = [
  '😀',
  '\ud83d', // half an emoji: its high surrogate
  '\ude00', // and its low one
  'a\ud800b',
  '\udc00\ud800',
  '\u0000',
  '\u202e', // right-to-left override
  '\ufeff', // byte order mark
  '\uffff',
  'e\u0301\u0301\u0301', // combining marks
  '𝕂𝕖𝕦𝕣𝕞𝕖𝕣𝕜',
  '👩‍👩‍👧‍👦',
  '%ED%A0%80',
  '%',
  '\\',
  "'",
  '"',
  '`',
  '\n\r\t',
  '',
  ' ',
  '😀'.repeat(3000),
  'x'.repeat(1001),
  'x'.repeat(70_000),
];

// ---------------------------------------------------------------------------------------------
// List filters: the grammar of devserver/src/visibility/README.md, then mutated

const ATTRIBUTES: readonly [string, 'keyword' | 'int' | 'datetime' | 'bool' | 'text' | 'list' | 'double' | 'status'][] = [
  ['WorkflowId', 'keyword'],
  ['WorkflowType', 'keyword'],
  ['RunId', 'keyword'],
  ['TaskQueue', 'keyword'],
  ['ExecutionStatus', 'status'],
  ['StartTime', 'datetime'],
  ['CloseTime', 'datetime'],
  ['HistoryLength', 'int'],
  ['ExecutionDuration', 'int'],
  ['FuzzKeyword', 'keyword'],
  ['FuzzText', 'text'],
  ['FuzzInt', 'int'],
  ['FuzzDouble', 'double'],
  ['FuzzBool', 'bool'],
  ['FuzzDatetime', 'datetime'],
  ['FuzzList', 'list'],
  ['NoSuchAttribute', 'keyword'],
];

function literal(rand: Rand, kind: string): string {
  switch (kind) {
    case 'int':
      return pick(rand, ['0', '-1', '42', '9223372036854775807', '99999999999999999999', '1e400', '0x10']);
    case 'double':
      return pick(rand, ['0.5', '-1e308', '1e309', 'NaN', '.5', '5.']);
    case 'bool':
      return pick(rand, ['true', 'false', 'TRUE', "'true'", '1']);
    case 'datetime':
      return pick(rand, ["'2026-03-29T02:30:00+01:00'", "'2026-13-01T00:00:00Z'", 'NOW()', 'NOW() - 1h30m', 'NOW()+2d', "'yesterday'", '1700000000000000000']);
    case 'status':
      return pick(rand, ["'Running'", "'Completed'", "'WORKFLOW_EXECUTION_STATUS_RUNNING'", '1', "'Sleeping'"]);
    default:
      return pick(rand, ["'abc'", '"a b"', "'it''s'", "'\\''", `'${pick(rand, UNICODE_EDGES.slice(0, 20))}'`, "''"]);
  }
}

function comparison(rand: Rand): string {
  const [name, kind] = pick(rand, ATTRIBUTES);
  const written = rand() < 0.1 ? `\`${name}\`` : name;
  switch (int(rand, 8)) {
    case 0:
      return `${written} ${pick(rand, ['=', '!=', '<>', '<', '>', '<=', '>='])} ${literal(rand, kind)}`;
    case 1:
      return `${written} ${rand() < 0.3 ? 'NOT ' : ''}IN (${Array.from({ length: 1 + int(rand, 3) }, () => literal(rand, kind)).join(', ')})`;
    case 2:
      return `${written} ${rand() < 0.3 ? 'NOT ' : ''}BETWEEN ${literal(rand, kind)} AND ${literal(rand, kind)}`;
    case 3:
      return `${written} STARTS_WITH ${literal(rand, kind)}`;
    case 4:
      return `${written} IS ${rand() < 0.5 ? 'NOT ' : ''}NULL`;
    case 5:
      return `${written} LIKE ${literal(rand, kind)}`;
    default:
      return `${written} = ${literal(rand, kind)}`;
  }
}

function expression(rand: Rand, depth: number): string {
  if (depth > 3 || rand() < 0.4) return comparison(rand);
  switch (int(rand, 3)) {
    case 0:
      return `${expression(rand, depth + 1)} ${pick(rand, ['AND', 'OR', 'and', 'Or'])} ${expression(rand, depth + 1)}`;
    case 1:
      return `NOT ${expression(rand, depth + 1)}`;
    default:
      return `(${expression(rand, depth + 1)})`;
  }
}

/** A query the grammar allows (it may still be refused: types, operators, unknown attributes). */
export function grammarQuery(rand: Rand): string {
  let query = expression(rand, 0);
  if (rand() < 0.2) query += ` ORDER BY ${pick(rand, ATTRIBUTES)[0]} ${pick(rand, ['ASC', 'DESC', ''])}`;
  if (rand() < 0.1) query += ' GROUP BY ExecutionStatus';
  return query;
}

const NOISE = ['(', ')', "'", '"', '`', ',', '=', '!', '<', '>', 'AND', 'NOT', 'IN', 'BETWEEN', 'ORDER BY', '\\', '-', '+', 'NOW(', ';', '--', '/*', '*', ...UNICODE_EDGES.slice(0, 14)];

/** The query with one to three mutations: characters cut, inserted, repeated, halved, or truncated. */
export function mutate(rand: Rand, query: string): string {
  let text = query;
  for (let n = 1 + int(rand, 3); n > 0; n--) {
    const at = int(rand, text.length + 1);
    switch (int(rand, 6)) {
      case 0:
        text = text.slice(0, at) + text.slice(at + 1 + int(rand, 4));
        break;
      case 1:
        text = text.slice(0, at) + pick(rand, NOISE) + text.slice(at);
        break;
      case 2:
        text = text.slice(0, at) + text.slice(at, at + 8).repeat(2 + int(rand, 4)) + text.slice(at);
        break;
      case 3:
        text = text.slice(0, at); // cut anywhere, also in the middle of a surrogate pair
        break;
      case 4:
        text = text.slice(0, at) + pick(rand, ['\ud83d', '\ude00', '\u0000']) + text.slice(at);
        break;
      default:
        text = text.toLowerCase();
    }
  }
  return text;
}

/** Queries no grammar would produce: huge, deeply nested, empty-ish. */
export const EXTREME_QUERIES: readonly string[] = [
  '',
  ' ',
  '(',
  ')',
  '('.repeat(5000) + "WorkflowId = 'a'" + ')'.repeat(5000),
  'NOT '.repeat(5000) + "WorkflowId = 'a'",
  Array.from({ length: 3000 }, (_, i) => `WorkflowId = 'w${i}'`).join(' OR '),
  `WorkflowId IN (${Array.from({ length: 5000 }, (_, i) => `'w${i}'`).join(',')})`,
  `WorkflowId = '${'x'.repeat(200_000)}'`,
  "WorkflowId = 'unterminated",
  'WorkflowId = 😀',
  'KeurmerkCompanyName = 😀',
  '`` = 1',
  '`WorkflowId',
  'ORDER BY',
  'GROUP BY ExecutionStatus',
  "WorkflowId = 'a' ORDER BY",
  "WorkflowId = 'a' LIMIT 1",
  'SELECT * FROM executions',
  "WorkflowId = 'a'; DROP TABLE executions",
];

// ---------------------------------------------------------------------------------------------
// Protobuf bytes

/** Random bytes, truncations and bit flips of a valid encoding. */
export function mangledBytes(rand: Rand, valid: Buffer): Buffer {
  switch (int(rand, 5)) {
    case 0:
      return Buffer.from(Array.from({ length: int(rand, 64) }, () => int(rand, 256)));
    case 1:
      return valid.subarray(0, int(rand, valid.length));
    case 2: {
      const copy = Buffer.from(valid);
      for (let n = 1 + int(rand, 4); n > 0 && copy.length; n--) copy[int(rand, copy.length)] ^= 1 << int(rand, 8);
      return copy;
    }
    case 3:
      // A field header announcing far more bytes than follow.
      return Buffer.concat([valid, Buffer.from([0x0a, 0xff, 0xff, 0xff, 0x0f, 0x41])]);
    default:
      // A string field holding bytes that are no UTF-8 (a lone surrogate as CESU-8, an overlong '/', 0xff).
      return Buffer.concat([valid, Buffer.from([0x12, 3]), Buffer.from(pick(rand, [[0xed, 0xa0, 0x80], [0xc0, 0xaf, 0x41], [0xff, 0xfe, 0x41]]))]);
  }
}
