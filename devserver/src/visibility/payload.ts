// temporal.api.common.v1.Payload as plain objects (proto.ts: bytes as Buffers). Search attributes
// always travel as json/plain (the SDKs never pass them through a codec), a removal as binary/null
// or JSON null. Strings are tolerated where bytes are expected: metadata values as plain text, data as
// base64 (what protojson carries), so hand-written objects and JSON-decoded requests work alike.
export interface Payload {
  metadata?: Record<string, unknown> | null;
  data?: unknown;
}

export type DecodedPayload = { isNull: true } | { isNull: false; value: unknown };

export class PayloadDecodeError extends Error {}

export function bytesToText(bytes: unknown, stringIsBase64: boolean): string | undefined {
  if (bytes === undefined || bytes === null) return undefined;
  if (typeof bytes === 'string') return stringIsBase64 ? Buffer.from(bytes, 'base64').toString('utf8') : bytes;
  if (bytes instanceof Uint8Array) return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
  return undefined;
}

export function metadataText(payload: Payload, key: string): string | undefined {
  return bytesToText(payload.metadata?.[key], false);
}

/** The size of a payload's data in bytes, as the real server's size limits count it. */
export function dataSize(payload: Payload): number {
  const { data } = payload;
  if (data instanceof Uint8Array) return data.byteLength;
  if (typeof data === 'string') return Buffer.from(data, 'base64').byteLength;
  return 0;
}

export function decodePayload(payload: unknown): DecodedPayload {
  if (!payload || typeof payload !== 'object') throw new PayloadDecodeError('not a payload');
  const encoding = metadataText(payload as Payload, 'encoding');
  if (encoding === 'binary/null') return { isNull: true };
  if (encoding !== 'json/plain') {
    throw new PayloadDecodeError(`payload encoding ${encoding === undefined ? '(none)' : `"${encoding}"`} is not json/plain`);
  }
  const text = bytesToText((payload as Payload).data, true) ?? '';
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new PayloadDecodeError(`payload data is not JSON: ${text.slice(0, 40)}`);
  }
  return value === null ? { isNull: true } : { isNull: false, value };
}

/** A json/plain payload the way the real server encodes search attribute values (with `type`). */
export function encodeJsonPayload(value: unknown, type?: string): { metadata: Record<string, Buffer>; data: Buffer } {
  const metadata: Record<string, Buffer> = { encoding: Buffer.from('json/plain') };
  if (type) metadata.type = Buffer.from(type);
  return { metadata, data: Buffer.from(JSON.stringify(value)) };
}
