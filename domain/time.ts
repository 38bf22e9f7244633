// Calendar arithmetic for every deadline in the catalogue. Periods are ISO-8601 durations applied
// on the Europe/Amsterdam calendar by luxon, so "1 month" means a calendar month (31 January + 1 month
// = the last day of February) and a period that crosses a daylight-saving change keeps the wall-clock
// time. Deadlines are computed here and nowhere else; nothing is hand-counted in days.
import { DateTime, Duration } from 'luxon';

export const ZONE = 'Europe/Amsterdam';

/** An instant or calendar date: an ISO-8601 string (what crosses Temporal), a Date or a luxon DateTime. */
export type DateInput = string | Date | DateTime;

/**
 * Parsed strings, kept: a case compares and shifts the same few instants (its deadlines, its meeting,
 * now) many times in a run, and parsing ISO text in the zone is most of luxon's cost there (issue 14).
 * DateTime and Duration are immutable, so one parsed value may be handed to every caller. Bounded,
 * because a process (the admin command, a test) may parse any number of distinct strings.
 */
const MEMO_MAX = 4096;
const parsedInstants = new Map<string, DateTime>();
const parsedDurations = new Map<string, Duration | null>();

function remember<V>(memo: Map<string, V>, key: string, value: V): V {
  if (memo.size >= MEMO_MAX) memo.clear();
  memo.set(key, value);
  return value;
}

function parseInstant(text: string, zone: string): DateTime {
  const key = `${zone} ${text}`;
  return parsedInstants.get(key) ?? remember(parsedInstants, key, DateTime.fromISO(text, { zone }));
}

export function toDateTime(value: DateInput, zone: string = ZONE): DateTime {
  const dt =
    typeof value === 'string'
      ? parseInstant(value, zone)
      : value instanceof Date
        ? DateTime.fromJSDate(value, { zone })
        : value.setZone(zone);
  if (!dt.isValid) throw new RangeError(`expected an ISO-8601 date or date-time, got "${String(value)}"`);
  return dt;
}

/** Whole calendar units only (P1Y2M, P2W, P1DT12H): a fraction of a month has no calendar meaning. */
const ISO_DURATION = /^P(?!$)(\d+Y)?(\d+M)?(\d+W)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+S)?)?$/;

/** The duration an ISO text stands for, or null when it is not one of whole calendar units. */
function parseDuration(text: string): Duration | null {
  const known = parsedDurations.get(text);
  if (known !== undefined) return known;
  const d = ISO_DURATION.test(text) ? Duration.fromISO(text) : null;
  return remember(parsedDurations, text, d?.isValid ? d : null);
}

export function isIsoDuration(text: string): boolean {
  return parseDuration(text) !== null;
}

export function toDuration(iso: string): Duration {
  const d = parseDuration(iso);
  if (!d) throw new RangeError(`expected an ISO-8601 duration, got "${iso}"`);
  return d;
}

/** The ISO string of an instant in the scheme's zone, e.g. 2026-03-31T00:00:00.000+02:00. */
export function iso(dt: DateTime): string {
  return dt.toISO({ suppressMilliseconds: false }) as string;
}

/** `date` plus a calendar period (month ends clamp: 31 Jan + P1M = 28/29 Feb; 29 Feb + P2Y = 28 Feb). */
export function addPeriod(date: DateInput, isoDuration: string, zone: string = ZONE): string {
  return iso(plusPeriod(toDateTime(date, zone), isoDuration));
}

/** `date` minus a calendar period (e.g. expiry − P3M for a renewal reminder). */
export function subtractPeriod(date: DateInput, isoDuration: string, zone: string = ZONE): string {
  return iso(minusPeriod(toDateTime(date, zone), isoDuration));
}

export function plusPeriod(dt: DateTime, isoDuration: string): DateTime {
  return dt.plus(toDuration(isoDuration));
}

export function minusPeriod(dt: DateTime, isoDuration: string): DateTime {
  return dt.minus(toDuration(isoDuration));
}

/**
 * The last moment of a period "within P1M of `from`": the end (23:59:59.999) of the calendar day on
 * which from + period falls, in the scheme's zone. The last day of a period counts in full, the way
 * Dutch procedural periods are read ("binnen een maand na ontvangst").
 */
export function deadline(from: DateInput, isoDuration: string, zone: string = ZONE): string {
  return iso(plusPeriod(toDateTime(from, zone), isoDuration).endOf('day'));
}

/** True when `at` is on or before the deadline (the deadline moment itself still counts). */
export function isOnOrBefore(at: DateInput, limit: DateInput): boolean {
  return toDateTime(at).toMillis() <= toDateTime(limit).toMillis();
}

/** Milliseconds from `nowMs` until `at` (never negative): what a workflow passes to sleep(). */
export function msUntil(at: DateInput, nowMs: number): number {
  return Math.max(0, toDateTime(at).toMillis() - nowMs);
}

/** The calendar date (YYYY-MM-DD) of an instant in the scheme's zone. */
export function calendarDate(at: DateInput, zone: string = ZONE): string {
  return toDateTime(at, zone).toISODate() as string;
}

/** Start of a calendar day in the zone, as an ISO instant. */
export function startOfDay(date: DateInput, zone: string = ZONE): string {
  return iso(toDateTime(date, zone).startOf('day'));
}
