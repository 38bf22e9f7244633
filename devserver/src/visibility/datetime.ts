// Datetimes in visibility: RFC 3339 strings in search attribute payloads and in queries (Go's
// time.RFC3339Nano, what the real server parses), compared as instants. Instants are epoch
// milliseconds as numbers; the fraction keeps sub-millisecond digits (about 0.1 µs resolution today).
const RFC3339 =
  /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(?:([Zz])|([+-])(\d{2}):(\d{2}))$/;

/** Epoch milliseconds of an RFC 3339 timestamp, or undefined when the text is not one. */
export function parseRfc3339(text: string): number | undefined {
  const m = RFC3339.exec(text);
  if (!m) return undefined;
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  if (hour > 23 || minute > 59 || second > 59) return undefined;
  let ms = Date.UTC(year, month - 1, day, hour, minute, second);
  if (year < 100) ms = new Date(ms).setUTCFullYear(year);
  if (m[7]) ms += Number(`0.${m[7]}`) * 1000;
  if (!m[8]) {
    const [offsetHours, offsetMinutes] = [Number(m[10]), Number(m[11])];
    if (offsetHours > 23 || offsetMinutes > 59) return undefined;
    const offset = (offsetHours * 60 + offsetMinutes) * 60_000;
    ms -= m[9] === '+' ? offset : -offset;
  }
  return ms;
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** google.protobuf.Timestamp as a plain object (int64 seconds as a number). */
export function toTimestamp(ms: number): { seconds: number; nanos: number } {
  const seconds = Math.floor(ms / 1000);
  const nanos = Math.min(999_999_999, Math.round((ms - seconds * 1000) * 1e6));
  return { seconds, nanos };
}

/** google.protobuf.Duration as a plain object. */
export function toDuration(ms: number): { seconds: number; nanos: number } {
  return toTimestamp(Math.max(0, ms));
}
