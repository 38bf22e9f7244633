// Turns a parsed list filter into a predicate over VisibilityRecords, checking every name, operator
// and value against the registry first, so a bad query is refused before anything is read.
// Truth is three-valued as in the real server's SQL visibility: a comparison with an unset attribute
// is unknown (so neither `X = 'a'` nor `X != 'a'` selects it), and only "true" selects a record.
// Text and KeywordList attributes are the exception, as there: they are matched through a full-text
// index, so `!=` and NOT IN do select records where the attribute is unset.
import { IndexedValueType as T, typeName } from '../indexed-value-type';
import { attributeReader, AttributeReader } from '../record-attributes';
import type { SearchAttributeRegistry } from '../registry';
import type { Scalar } from '../search-attribute-value';
import { textMatches, textTokens } from '../text-tokens';
import type { VisibilityRecord } from '../types';
import type { Column, Expression, Literal } from './ast';
import { queryError } from './errors';
import { literalValue, ResolvedColumn } from './literal';

export type Truth = boolean | null;
export type Predicate = (record: VisibilityRecord) => Truth;

type OperatorName = '=' | '!=' | '<' | '>' | '<=' | '>=' | 'IN' | 'NOT IN' | 'BETWEEN' | 'STARTS_WITH';

const ORDERING: OperatorName[] = ['=', '!=', '<', '>', '<=', '>=', 'IN', 'NOT IN'];
/** Operators per type, as the real server's query converter allows them. */
const OPERATORS: Record<number, OperatorName[]> = {
  [T.KEYWORD]: [...ORDERING, 'BETWEEN', 'STARTS_WITH'],
  [T.KEYWORD_LIST]: ['=', '!=', 'IN', 'NOT IN'],
  [T.TEXT]: ['=', '!='],
  [T.INT]: [...ORDERING, 'BETWEEN'],
  [T.DOUBLE]: [...ORDERING, 'BETWEEN'],
  [T.DATETIME]: [...ORDERING, 'BETWEEN'],
  [T.BOOL]: ORDERING,
};

export function resolveColumn(column: Column, registry: SearchAttributeRegistry): ResolvedColumn {
  const type = registry.typeOf(column.name);
  if (type === undefined) throw queryError(`search attribute ${column.name} is not defined`, column.position);
  return { name: column.name, type, position: column.position };
}

export function compileExpression(expression: Expression, registry: SearchAttributeRegistry, now: number): Predicate {
  switch (expression.kind) {
    case 'and':
      return and(compileExpression(expression.left, registry, now), compileExpression(expression.right, registry, now));
    case 'or':
      return or(compileExpression(expression.left, registry, now), compileExpression(expression.right, registry, now));
    case 'not': {
      const operand = compileExpression(expression.operand, registry, now);
      return (r) => not(operand(r));
    }
    case 'isNull': {
      const read = attributeReader(resolveColumn(expression.column, registry).name, registry);
      return (r) => (read(r) === null) !== expression.negated;
    }
    default:
      return compilePredicate(expression, registry, now);
  }
}

function compilePredicate(
  expression: Extract<Expression, { kind: 'compare' | 'in' | 'between' | 'startsWith' }>,
  registry: SearchAttributeRegistry,
  now: number,
): Predicate {
  const column = resolveColumn(expression.column, registry);
  const read = attributeReader(column.name, registry);
  const value = (literal: Literal) => literalValue(literal, column, now);
  switch (expression.kind) {
    case 'compare':
      allow(column, expression.operator);
      if (column.type === T.TEXT) return textEquals(read, column, value(expression.value), expression.value, expression.operator === '!=');
      if (column.type === T.KEYWORD_LIST) return listContains(read, [value(expression.value)], expression.operator === '!=');
      return scalarCompare(read, expression.operator, value(expression.value));
    case 'in': {
      allow(column, expression.negated ? 'NOT IN' : 'IN');
      const wanted = expression.values.map(value);
      if (column.type === T.KEYWORD_LIST) return listContains(read, wanted, expression.negated);
      return negateIf(expression.negated, anyValue(read, (v) => wanted.some((w) => compareScalars(v, w) === 0)));
    }
    case 'between': {
      allow(column, 'BETWEEN');
      const [from, to] = [value(expression.from), value(expression.to)];
      return negateIf(
        expression.negated,
        anyValue(read, (v) => compareScalars(v, from) >= 0 && compareScalars(v, to) <= 0),
      );
    }
    case 'startsWith': {
      allow(column, 'STARTS_WITH');
      const prefix = value(expression.value);
      return negateIf(expression.negated, anyValue(read, (v) => String(v).startsWith(String(prefix))));
    }
  }
}

function allow(column: ResolvedColumn, operator: OperatorName): void {
  if (OPERATORS[column.type]?.includes(operator)) return;
  if (operator === 'BETWEEN') {
    throw queryError(
      `cannot do range condition on search attribute ${column.name} of type ${typeName(column.type)}`,
      column.position,
    );
  }
  throw queryError(
    `operator ${operator} not supported for search attribute ${column.name} of type ${typeName(column.type)}` +
      ` (supported: ${OPERATORS[column.type]?.join(', ')})`,
    column.position,
  );
}

function textEquals(read: AttributeReader, column: ResolvedColumn, wanted: Scalar, literal: Literal, negated: boolean): Predicate {
  const tokens = textTokens(String(wanted));
  if (tokens.length === 0) {
    throw queryError(`no tokens found filtering on Text type search attribute ${column.name}`, literal.position);
  }
  return (r) => {
    const values = read(r);
    return (values !== null && textMatches(values.map(String), tokens)) !== negated;
  };
}

function listContains(read: AttributeReader, wanted: Scalar[], negated: boolean): Predicate {
  return (r) => {
    const values = read(r);
    return (values !== null && values.some((v) => wanted.includes(v))) !== negated;
  };
}

function scalarCompare(read: AttributeReader, operator: string, wanted: Scalar): Predicate {
  switch (operator) {
    case '=':
      return anyValue(read, (v) => compareScalars(v, wanted) === 0);
    case '!=':
      return negateIf(true, anyValue(read, (v) => compareScalars(v, wanted) === 0));
    case '<':
      return anyValue(read, (v) => compareScalars(v, wanted) < 0);
    case '>':
      return anyValue(read, (v) => compareScalars(v, wanted) > 0);
    case '<=':
      return anyValue(read, (v) => compareScalars(v, wanted) <= 0);
    default:
      return anyValue(read, (v) => compareScalars(v, wanted) >= 0);
  }
}

/** Unknown when the attribute is unset, else whether one of its values satisfies the test. */
function anyValue(read: AttributeReader, test: (value: Scalar) => boolean): Predicate {
  return (r) => {
    const values = read(r);
    return values === null ? null : values.some(test);
  };
}

function negateIf(negated: boolean, predicate: Predicate): Predicate {
  return negated ? (r) => not(predicate(r)) : predicate;
}

function not(truth: Truth): Truth {
  return truth === null ? null : !truth;
}

function and(left: Predicate, right: Predicate): Predicate {
  return (r) => {
    const a = left(r);
    if (a === false) return false;
    const b = right(r);
    if (b === false) return false;
    return a === null || b === null ? null : true;
  };
}

function or(left: Predicate, right: Predicate): Predicate {
  return (r) => {
    const a = left(r);
    if (a === true) return true;
    const b = right(r);
    if (b === true) return true;
    return a === null || b === null ? null : false;
  };
}

/** Numbers numerically, strings by code unit (as a binary collation), false before true. */
export function compareScalars(a: Scalar, b: Scalar): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'boolean' && typeof b === 'boolean') return Number(a) - Number(b);
  const [x, y] = [String(a), String(b)];
  return x < y ? -1 : x > y ? 1 : 0;
}
