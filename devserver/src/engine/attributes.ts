// Memo and search attribute maps of a run. Upserting a null (or empty list) value removes the key,
// as on the real server.

function isEmptyPayload(payload: any): boolean {
  const data = payload?.data;
  if (!data || data.length === 0) return true;
  const text = Buffer.from(data).toString('utf8').trim();
  return text === 'null' || text === '[]';
}

function merge(current: Record<string, any> | undefined, upserted: Record<string, any> | undefined): Record<string, any> {
  const result: Record<string, any> = { ...(current ?? {}) };
  for (const [name, payload] of Object.entries(upserted ?? {})) {
    if (isEmptyPayload(payload)) delete result[name];
    else result[name] = payload;
  }
  return result;
}

export function mergeSearchAttributes(current: any, upserted: any): any {
  return { indexedFields: merge(current?.indexedFields, upserted?.indexedFields) };
}

export function mergeMemo(current: any, upserted: any): any {
  return { fields: merge(current?.fields, upserted?.fields) };
}
