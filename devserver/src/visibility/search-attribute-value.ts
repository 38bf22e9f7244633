// Decoding one search attribute payload against its registered type, with the real server's
// tolerance: any scalar type may also hold a list of that type (the older untyped SDK API sends
// every value as a list), a KeywordList must be a list, and null or an empty list means "unset".
// Values come out as a list of scalars; Datetime values as epoch milliseconds.
import { parseRfc3339 } from './datetime';
import { IndexedValueType } from './indexed-value-type';
import { decodePayload } from './payload';

export type Scalar = string | number | boolean;
/** A decoded value: the list of its scalars, or null when unset. */
export type AttributeValues = Scalar[] | null;

export class InvalidValueError extends Error {
  constructor(readonly rawValue: unknown) {
    super('invalid search attribute value');
  }
}

export function decodeAttributeValue(payload: unknown, type: number): AttributeValues {
  const decoded = decodePayload(payload);
  if (decoded.isNull) return null;
  const raw = decoded.value;
  if (type === IndexedValueType.KEYWORD_LIST && !Array.isArray(raw)) throw new InvalidValueError(raw);
  const items = Array.isArray(raw) ? raw : [raw];
  if (items.length === 0) return null;
  return items.map((item) => {
    const scalar = decodeScalar(item, type);
    if (scalar === undefined) throw new InvalidValueError(raw);
    return scalar;
  });
}

function decodeScalar(item: unknown, type: number): Scalar | undefined {
  switch (type) {
    case IndexedValueType.KEYWORD:
    case IndexedValueType.TEXT:
    case IndexedValueType.KEYWORD_LIST:
      return typeof item === 'string' ? item : undefined;
    case IndexedValueType.INT:
      return typeof item === 'number' && Number.isInteger(item) ? item : undefined;
    case IndexedValueType.DOUBLE:
      return typeof item === 'number' && Number.isFinite(item) ? item : undefined;
    case IndexedValueType.BOOL:
      return typeof item === 'boolean' ? item : undefined;
    case IndexedValueType.DATETIME:
      return typeof item === 'string' ? parseRfc3339(item) : undefined;
    default:
      return undefined;
  }
}

/** Like Go's %v of a JSON-decoded value, for error messages: strings bare, lists as [a b]. */
export function formatRawValue(value: unknown): string {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return `[${value.map(formatRawValue).join(' ')}]`;
  return JSON.stringify(value) ?? String(value);
}
