// What a command prints: aligned tables for people, JSON for scripts (`--json` on every read command).
import { DateTime } from 'luxon';

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

/** JSON for scripts: dates as ISO strings, two-space indent, trailing newline. */
export function json(value: unknown): string {
  return `${JSON.stringify(value, (_key, v: unknown) => (v instanceof Map ? Object.fromEntries(v) : v), 2)}\n`;
}

/**
 * A date or timestamp as a person reads it, in the scheme's time zone; date only at midnight and
 * at the end of a day (the domain's deadlines run to 23:59:59.999 of their last day).
 */
export function when(value: string | number | Date | undefined | null, zone: string): string | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  const dt =
    value instanceof Date
      ? DateTime.fromJSDate(value)
      : typeof value === 'number'
        ? DateTime.fromMillis(value)
        : DateTime.fromISO(value, { setZone: true });
  if (!dt.isValid) return String(value);
  const local = dt.setZone(zone);
  const midnight = local.hour === 0 && local.minute === 0 && local.second === 0;
  const endOfDay = local.hour === 23 && local.minute === 59 && local.second === 59 && local.millisecond === 999;
  return local.toFormat(midnight || endOfDay ? 'yyyy-MM-dd' : 'yyyy-MM-dd HH:mm');
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ');
}
