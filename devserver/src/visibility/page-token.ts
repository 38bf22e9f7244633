// The opaque next-page token: the sort values of the last execution returned, plus the sort order
// they belong to. The next page starts right after that position (keyset paging), so executions
// started meanwhile neither shift nor repeat the following pages.
import { invalidArgument } from '../errors';
import type { SortKey, SortValue } from './query';

interface TokenBody {
  v: 1;
  order: string;
  after: SortValue[];
}

export function orderSignature(keys: SortKey[]): string {
  return keys.map((k) => `${k.name}:${k.descending ? 'desc' : 'asc'}`).join(',');
}

export function encodePageToken(keys: SortKey[], after: SortValue[]): Buffer {
  const body: TokenBody = { v: 1, order: orderSignature(keys), after };
  return Buffer.from(JSON.stringify(body));
}

/** The position to continue after, or undefined for the first page (no or empty token). */
export function decodePageToken(token: unknown, keys: SortKey[]): SortValue[] | undefined {
  if (token === undefined || token === null) return undefined;
  const bytes = typeof token === 'string' ? Buffer.from(token, 'base64') : token instanceof Uint8Array ? Buffer.from(token) : undefined;
  if (bytes === undefined) throw invalidArgument('invalid next page token');
  if (bytes.length === 0) return undefined;
  let body: Partial<TokenBody>;
  try {
    body = JSON.parse(bytes.toString('utf8'));
  } catch {
    throw invalidArgument('invalid next page token');
  }
  if (body?.v === 1 && typeof body.order === 'string' && body.order !== orderSignature(keys)) {
    throw invalidArgument('invalid next page token: it belongs to a query with another ORDER BY');
  }
  const valid =
    body?.v === 1 &&
    Array.isArray(body.after) &&
    body.after.length === keys.length &&
    body.after.every((v) => v === null || typeof v === 'string' || typeof v === 'number');
  if (!valid) throw invalidArgument('invalid next page token');
  return body.after as SortValue[];
}
