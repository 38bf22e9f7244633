// The order of listed executions. Without ORDER BY it is the real server's: running executions
// first, then by close time, newest first; ties by start time, newest first; then by run id.
// ORDER BY terms come before that default order, which stays as the tie-breaker, so that every
// order is total and a page token can say exactly where the next page starts.
import { IndexedValueType as T, typeName } from '../indexed-value-type';
import { attributeReader } from '../record-attributes';
import type { SearchAttributeRegistry } from '../registry';
import type { VisibilityRecord } from '../types';
import type { OrderTerm } from './ast';
import { compareScalars, resolveColumn } from './compile';
import { queryError } from './errors';

export type SortValue = string | number | null;

export interface SortKey {
  name: string;
  descending: boolean;
  /** Where unset values go: first for the default CloseTime key (running first), else last. */
  nullsFirst: boolean;
  read: (record: VisibilityRecord) => SortValue;
}

export function sortKeys(terms: OrderTerm[], registry: SearchAttributeRegistry): SortKey[] {
  const explicit = terms.map((term): SortKey => {
    const column = resolveColumn(term.column, registry);
    if (column.type === T.TEXT || column.type === T.KEYWORD_LIST) {
      throw queryError(`unable to sort by search attribute ${column.name} of type ${typeName(column.type)}`, column.position);
    }
    return key(column.name, term.descending, false, registry);
  });
  return [
    ...explicit,
    key('CloseTime', true, true, registry),
    key('StartTime', true, false, registry),
    key('RunId', false, false, registry),
  ];
}

function key(name: string, descending: boolean, nullsFirst: boolean, registry: SearchAttributeRegistry): SortKey {
  const readValues = attributeReader(name, registry);
  return {
    name,
    descending,
    nullsFirst,
    read: (record) => {
      const first = readValues(record)?.[0];
      return first === undefined ? null : typeof first === 'boolean' ? Number(first) : first;
    },
  };
}

export function compareSortValues(keys: SortKey[], a: SortValue[], b: SortValue[]): number {
  for (let i = 0; i < keys.length; i++) {
    const [x, y] = [a[i], b[i]];
    if (x === y) continue;
    if (x === null || y === null) return (x === null) === keys[i].nullsFirst ? -1 : 1;
    const order = compareScalars(x, y);
    if (order !== 0) return keys[i].descending ? -order : order;
  }
  return 0;
}
