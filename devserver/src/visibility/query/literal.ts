// Turning a literal of the query into a value of the attribute's type, or refusing it with the
// attribute, the type and the position. Datetimes become epoch milliseconds, ExecutionStatus a
// status name, ExecutionDuration nanoseconds.
import { parseRfc3339 } from '../datetime';
import { parseDurationNanos, parseRelativeDurationNanos } from '../duration';
import { IndexedValueType as T, typeName } from '../indexed-value-type';
import type { Scalar } from '../search-attribute-value';
import { WORKFLOW_EXECUTION_STATUS_NAMES } from '../system-attributes';
import type { Literal } from './ast';
import { queryError } from './errors';

export interface ResolvedColumn {
  name: string;
  type: number;
  position: number;
}

/** `now` is the server's current time in epoch milliseconds, for NOW() in Datetime comparisons. */
export function literalValue(literal: Literal, column: ResolvedColumn, now: number): Scalar {
  if (column.name === 'ExecutionStatus') return executionStatus(literal);
  if (column.name === 'ExecutionDuration') return executionDuration(literal);
  switch (column.type) {
    case T.KEYWORD:
    case T.KEYWORD_LIST:
    case T.TEXT:
      if (literal.kind === 'string') return literal.value;
      throw wrongType(literal, column, literal.kind === 'number' ? ` (quote it: '${literal.raw}')` : '');
    case T.INT:
    case T.DOUBLE:
      if (literal.kind === 'number') return literal.value;
      throw wrongType(literal, column);
    case T.BOOL:
      if (literal.kind === 'bool') return literal.value;
      throw wrongType(literal, column, ' (write true or false without quotes)');
    case T.DATETIME:
      return literal.kind === 'now' ? relativeTime(literal, now) : datetime(literal, column);
    default:
      throw queryError(`unknown search attribute type ${column.type} for ${column.name}`, column.position);
  }
}

function relativeTime(literal: Extract<Literal, { kind: 'now' }>, now: number): number {
  if (!literal.offset) return now;
  const nanos = parseRelativeDurationNanos(literal.offset.slice(1));
  if (nanos === undefined) {
    throw queryError(`invalid NOW() duration "${literal.offset.slice(1)}" (e.g. NOW() - 1h30m, units ns us ms s m h d w)`, literal.position);
  }
  return now + (literal.offset.startsWith('-') ? -nanos : nanos) / 1e6;
}

function datetime(literal: Literal, column: ResolvedColumn): number {
  if (literal.kind === 'number' && literal.isInteger) return literal.value / 1e6;
  if (literal.kind !== 'string') throw wrongType(literal, column);
  const ms = parseRfc3339(literal.value);
  if (ms === undefined) {
    throw queryError(
      `unable to parse datetime '${literal.value}' for search attribute ${column.name} (expected RFC 3339, e.g. 2024-01-31T12:00:00Z)`,
      literal.position,
    );
  }
  return ms;
}

function executionStatus(literal: Literal): string {
  if (literal.kind === 'number' && literal.isInteger && WORKFLOW_EXECUTION_STATUS_NAMES[literal.value]) {
    return WORKFLOW_EXECUTION_STATUS_NAMES[literal.value];
  }
  if (literal.kind === 'string') {
    const name = statusFromString(literal.value);
    if (name) return name;
  }
  throw queryError(
    `invalid ExecutionStatus value ${literalText(literal)}; expected one of ${WORKFLOW_EXECUTION_STATUS_NAMES.slice(1).join(', ')}`,
    literal.position,
  );
}

/** "Running" or the enum's own name "WORKFLOW_EXECUTION_STATUS_RUNNING", as Go's FromString accepts. */
function statusFromString(text: string): string | undefined {
  if (WORKFLOW_EXECUTION_STATUS_NAMES.includes(text) && text !== 'Unspecified') return text;
  const enumName = /^WORKFLOW_EXECUTION_STATUS_([A-Z_]+)$/.exec(text)?.[1];
  if (!enumName) return undefined;
  const pascal = enumName.toLowerCase().replace(/(^|_)([a-z])/g, (_, __, c: string) => c.toUpperCase());
  return WORKFLOW_EXECUTION_STATUS_NAMES.includes(pascal) && pascal !== 'Unspecified' ? pascal : undefined;
}

function executionDuration(literal: Literal): number {
  if (literal.kind === 'number' && literal.isInteger) return literal.value;
  const nanos = literal.kind === 'string' ? parseDurationNanos(literal.value) : undefined;
  if (nanos === undefined) {
    throw queryError(
      `invalid duration value for search attribute ExecutionDuration: ${literalText(literal)} (expected nanoseconds or e.g. '1h30m', '00:05:00')`,
      literal.position,
    );
  }
  return nanos;
}

function wrongType(literal: Literal, column: ResolvedColumn, hint = ''): Error {
  return queryError(
    `invalid value type for search attribute ${column.name} of type ${typeName(column.type)}: ${literalText(literal)}${hint}`,
    literal.position,
  );
}

function literalText(literal: Literal): string {
  if (literal.kind === 'string') return `'${literal.value}'`;
  if (literal.kind === 'number' || literal.kind === 'now') return literal.raw;
  return String(literal.value);
}
