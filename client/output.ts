// What a command prints: aligned tables for people, JSON for scripts (`--json` on every read command).
import { DateTime, Duration } from 'luxon';

export interface Column<Row> {
  header: string;
  value: (row: Row) => string | undefined;
}

/** Rows as an aligned table with a header line; the last column is not padded. */
export function table<Row>(rows: Row[], columns: Column<Row>[]): string {
  const cells = rows.map((row) => columns.map((c) => oneLine(c.value(row) ?? '-')));
  const widths = columns.map((c, i) => Math.max(c.header.length, ...cells.map((r) => r[i]!.length)));
  const line = (values: string[]) =>
    values
      .map((v, i) => (i === values.length - 1 ? v : v.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  return [line(columns.map((c) => c.header.toUpperCase())), ...cells.map(line)].join('\n');
}

/** Label/value pairs, labels aligned, for one record such as a case's status. */
export function fields(pairs: [string, string | undefined][]): string {
  const shown = pairs.filter(([, value]) => value !== undefined && value !== '');
  const width = Math.max(0, ...shown.map(([label]) => label.length));
  return shown
    .map(([label, value]) => `${`${label}:`.padEnd(width + 1)}  ${value}`)
    .join('\n');
}

/** An instant as the domain and Temporal write it: a date-time with Z or an offset. */
const INSTANT = /\b\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2})/g;
const INSTANT_ONLY = new RegExp(`^${INSTANT.source}$`);
const PLAIN_DATE = /\b(\d{4})-(\d{2})-(\d{2})\b(?![T:\d])/g;
const DURATION = /\bP(?=\d|T\d)(?:\d+Y)?(?:\d+M)?(?:\d+W)?(?:\d+D)?(?:T(?:\d+H)?(?:\d+M)?(?:\d+S)?)?\b/g;

/**
 * JSON for scripts: two-space indent, trailing newline, and one offset convention: every instant in
 * the output is written in the display zone with its offset (2027-03-01T10:00:00.000+01:00), whether
 * the case recorded it with Z or an offset. Calendar dates (YYYY-MM-DD) stay as they are.
 */
export function json(value: unknown, zone?: string): string {
  return `${JSON.stringify(
    value,
    (_key, v: unknown) => {
      if (v instanceof Map) return Object.fromEntries(v);
      if (zone && typeof v === 'string' && INSTANT_ONLY.test(v)) return DateTime.fromISO(v, { setZone: true }).setZone(zone).toISO() ?? v;
      return v;
    },
    2,
  )}\n`;
}

/** A calendar date or instant as luxon reads it: a plain date is that day in `zone`, not UTC midnight. */
function parsed(value: string | number | Date, zone: string): DateTime {
  if (value instanceof Date) return DateTime.fromJSDate(value).setZone(zone);
  if (typeof value === 'number') return DateTime.fromMillis(value).setZone(zone);
  return DateTime.fromISO(value, { zone, setZone: false }).setZone(zone);
}

/**
 * A date or timestamp as a person reads it, in the display zone, in Dutch: `1 maart 2027`, or
 * `1 maart 2027 10:00` when the time matters; date only at midnight and at the end of a day (the
 * domain's deadlines run to 23:59:59.999 of their last day).
 */
export function when(value: string | number | Date | undefined | null, zone: string): string | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  const local = parsed(value, zone);
  if (!local.isValid) return String(value);
  const midnight = local.hour === 0 && local.minute === 0 && local.second === 0;
  const endOfDay = local.hour === 23 && local.minute === 59 && local.second === 59 && local.millisecond === 999;
  return local.setLocale('nl').toFormat(midnight || endOfDay ? 'd MMMM yyyy' : 'd MMMM yyyy HH:mm');
}

/** The calendar day (YYYY-MM-DD) of an instant in the display zone, for data such as the register. */
export function isoDay(value: string | undefined, zone: string): string | undefined {
  if (!value) return undefined;
  const local = parsed(value, zone);
  return local.isValid ? (local.toISODate() ?? undefined) : undefined;
}

const UNITS: [string, string, string][] = [
  ['years', 'jaar', 'jaar'],
  ['months', 'maand', 'maanden'],
  ['weeks', 'week', 'weken'],
  ['days', 'dag', 'dagen'],
  ['hours', 'uur', 'uur'],
  ['minutes', 'minuut', 'minuten'],
  ['seconds', 'seconde', 'seconden'],
];

/** An ISO-8601 period as a person says it: P6M → `6 maanden`, P1Y2M → `1 jaar en 2 maanden`. */
export function period(iso: string): string {
  const d = Duration.fromISO(iso);
  if (!d.isValid) return iso;
  const parts = UNITS.flatMap(([unit, one, many]) => {
    const n = d.get(unit as keyof Duration & 'years');
    return n ? [`${n} ${n === 1 ? one : many}`] : [];
  });
  if (parts.length === 0) return '0 dagen';
  return parts.length === 1 ? parts[0]! : `${parts.slice(0, -1).join(', ')} en ${parts.at(-1)}`;
}

/**
 * A message from a case (a refusal, a history line, an action's result) with its instants, calendar
 * dates and ISO periods written as people read them, in the display zone.
 */
export function humanized(text: string, zone: string): string {
  return text
    .replace(INSTANT, (m) => when(m, zone) ?? m)
    .replace(PLAIN_DATE, (m) => when(m, zone) ?? m)
    .replace(DURATION, (m) => period(m));
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ');
}
