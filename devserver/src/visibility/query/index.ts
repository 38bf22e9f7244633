// A list filter, parsed and checked against the search attributes, ready to select, order and group.
import type { SearchAttributeRegistry } from '../registry';
import type { VisibilityRecord } from '../types';
import { compileExpression } from './compile';
import { queryError } from './errors';
import { sortKeys, type SortKey } from './order';
import { parseQuery } from './parser';

export interface CompiledQuery {
  matches(record: VisibilityRecord): boolean;
  order: SortKey[];
  /** Set for `GROUP BY ExecutionStatus` (CountWorkflowExecutions only). */
  groupBy?: 'ExecutionStatus';
}

export function compileQuery(
  query: string | undefined | null,
  registry: SearchAttributeRegistry,
  purpose: 'list' | 'count',
  now: number = Date.now(),
): CompiledQuery {
  const parsed = parseQuery(query ?? '');
  const predicate = parsed.where ? compileExpression(parsed.where, registry, now) : () => true;
  const order = sortKeys(parsed.orderBy, registry);
  const compiled: CompiledQuery = { matches: (record) => predicate(record) === true, order };
  if (parsed.groupBy.length === 0) return compiled;
  const [first, second] = parsed.groupBy;
  if (purpose !== 'count') {
    throw queryError("operation is not supported: 'GROUP BY' clause is only supported by CountWorkflowExecutions", first.position);
  }
  if (second) throw queryError("operation is not supported: 'GROUP BY' clause supports only a single field", second.position);
  if (first.name !== 'ExecutionStatus') {
    if (registry.typeOf(first.name) === undefined) throw queryError(`search attribute ${first.name} is not defined`, first.position);
    throw queryError(`operation is not supported: 'GROUP BY' clause is not supported for search attribute ${first.name}`, first.position);
  }
  return { ...compiled, groupBy: 'ExecutionStatus' };
}

export { parseQuery };
export type { SortKey, SortValue } from "./order";
