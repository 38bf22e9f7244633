// ListWorkflowExecutions, ScanWorkflowExecutions and CountWorkflowExecutions over the engine's
// records: filter, order, page and group, answering in the shapes of the real server's responses.
import { workflowExecutionInfo } from './execution-info';
import { decodePageToken, encodePageToken } from './page-token';
import { encodeJsonPayload } from './payload';
import { compileQuery, SortValue } from './query';
import { compareSortValues } from './query/order';
import { statusName } from './record-attributes';
import type { SearchAttributeRegistry } from './registry';
import type { VisibilityRecord } from './types';

export interface ListRequest {
  namespace?: string;
  pageSize?: number;
  nextPageToken?: Uint8Array | string | null;
  query?: string;
}

export interface CountRequest {
  namespace?: string;
  query?: string;
}

export interface VisibilityOptions {
  /** The server's current time (epoch ms) for NOW() in queries: the virtual clock under time skipping. */
  now?: number;
}

/** The real server's frontend.visibilityMaxPageSize default: also the size of an unsized page. */
export const MAX_PAGE_SIZE = 1000;

export function listExecutions(
  records: Iterable<VisibilityRecord>,
  request: ListRequest,
  registry: SearchAttributeRegistry,
  options: VisibilityOptions = {},
): { executions: Record<string, unknown>[]; nextPageToken: Buffer } {
  const query = compileQuery(request.query, registry, 'list', options.now);
  const after = decodePageToken(request.nextPageToken, query.order);
  const pageSize = !request.pageSize || request.pageSize <= 0 || request.pageSize > MAX_PAGE_SIZE ? MAX_PAGE_SIZE : request.pageSize;
  const rows: { record: VisibilityRecord; key: SortValue[] }[] = [];
  for (const record of records) {
    if (!inNamespace(record, request.namespace) || !query.matches(record)) continue;
    const key = query.order.map((k) => k.read(record));
    if (after && compareSortValues(query.order, key, after) <= 0) continue;
    rows.push({ record, key });
  }
  rows.sort((a, b) => compareSortValues(query.order, a.key, b.key));
  const page = rows.slice(0, pageSize);
  const more = rows.length > pageSize;
  return {
    executions: page.map((row) => workflowExecutionInfo(row.record, registry)),
    nextPageToken: more ? encodePageToken(query.order, page[page.length - 1].key) : Buffer.alloc(0),
  };
}

/** ScanWorkflowExecutions answers like List (the real server's SQL visibility does the same). */
export const scanExecutions = listExecutions;

export function countExecutions(
  records: Iterable<VisibilityRecord>,
  request: CountRequest,
  registry: SearchAttributeRegistry,
  options: VisibilityOptions = {},
): { count: number; groups?: { groupValues: ReturnType<typeof encodeJsonPayload>[]; count: number }[] } {
  const query = compileQuery(request.query, registry, 'count', options.now);
  const byStatus = new Map<number, number>();
  let count = 0;
  for (const record of records) {
    if (!inNamespace(record, request.namespace) || !query.matches(record)) continue;
    count++;
    byStatus.set(record.status, (byStatus.get(record.status) ?? 0) + 1);
  }
  if (!query.groupBy) return { count };
  const groups = [...byStatus]
    .sort(([a, countA], [b, countB]) => countB - countA || a - b)
    .map(([status, groupCount]) => ({ groupValues: [encodeJsonPayload(statusName(status), 'Keyword')], count: groupCount }));
  return { count, groups };
}

function inNamespace(record: VisibilityRecord, namespace: string | undefined): boolean {
  return !namespace || !record.namespace || record.namespace === namespace;
}
