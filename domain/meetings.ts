// SEBO-T2, SEBO-A1: the members' meeting (3 times a year) where holders decide on new applications.
// Dates come from a configured list or a rule ("second Tuesday of February, June and October");
// an application lands on the first meeting whose agenda is still open.
import { DateTime } from 'luxon';
import type { MeetingCalendar, SchemeDefinition } from './scheme';
import { type DateInput, iso, minusPeriod, toDateTime, ZONE } from './time';

export interface Meeting {
  /** Calendar date of the meeting, YYYY-MM-DD. */
  date: string;
  /** Start of the meeting (ISO instant in the scheme's zone). */
  startsAt: string;
  /** After this instant the agenda is closed; later items go to the next meeting. */
  agendaClosesAt: string;
}

function calendarOf(source: MeetingCalendar | SchemeDefinition): { calendar: MeetingCalendar; zone: string } {
  if ('schedule' in source) return { calendar: source, zone: ZONE };
  if (!source.meetings) throw new RangeError(`scheme "${source.id}" has no members' meeting`);
  return { calendar: source.meetings, zone: source.zone };
}

/** The nth (1..5, or -1 = last) ISO weekday of a month, or undefined when the month has no such day. */
export function nthWeekdayOfMonth(year: number, month: number, weekday: number, nth: number, zone = ZONE): DateTime | undefined {
  if (nth === -1) {
    const last = DateTime.fromObject({ year, month }, { zone }).endOf('month').startOf('day');
    return last.minus({ days: (last.weekday - weekday + 7) % 7 });
  }
  const first = DateTime.fromObject({ year, month, day: 1 }, { zone });
  const day = first.plus({ days: (weekday - first.weekday + 7) % 7 + (nth - 1) * 7 });
  return day.month === month ? day : undefined;
}

function toMeeting(day: DateTime, calendar: MeetingCalendar): Meeting {
  const [hour, minute] = calendar.time.split(':').map(Number);
  const startsAt = day.set({ hour, minute, second: 0, millisecond: 0 });
  return {
    date: day.toISODate() as string,
    startsAt: iso(startsAt),
    agendaClosesAt: iso(minusPeriod(startsAt, calendar.agendaCutOff)),
  };
}

/** Every meeting of a calendar year, in date order. */
export function meetingsInYear(source: MeetingCalendar | SchemeDefinition, year: number): Meeting[] {
  const { calendar, zone } = calendarOf(source);
  const schedule = calendar.schedule;
  const days =
    schedule.kind === 'dates'
      ? schedule.dates.filter((d) => d.startsWith(`${year}-`)).map((d) => DateTime.fromISO(d, { zone }))
      : [...new Set(schedule.months)]
          .sort((a, b) => a - b)
          .map((m) => nthWeekdayOfMonth(year, m, schedule.weekday, schedule.nth, zone))
          .filter((d): d is DateTime => d !== undefined);
  return days.map((d) => toMeeting(d, calendar));
}

/**
 * The meeting an item registered at `after` goes to: the first one whose agenda is still open at that
 * instant (agendaClosesAt ≥ after). With `{ ignoreCutOff: true }`, simply the first meeting starting
 * after `after`. Undefined when a list of configured dates has run out (the owner must add dates).
 */
export function nextMeeting(
  source: MeetingCalendar | SchemeDefinition,
  after: DateInput,
  options: { ignoreCutOff?: boolean } = {},
): Meeting | undefined {
  const { calendar, zone } = calendarOf(source);
  const at = toDateTime(after, zone).toMillis();
  const lastYear =
    calendar.schedule.kind === 'dates'
      ? Number(calendar.schedule.dates[calendar.schedule.dates.length - 1].slice(0, 4))
      : toDateTime(after, zone).year + 2;
  for (let year = toDateTime(after, zone).year; year <= lastYear; year++) {
    const found = meetingsInYear(source, year).find((m) =>
      options.ignoreCutOff ? toDateTime(m.startsAt).toMillis() > at : toDateTime(m.agendaClosesAt).toMillis() >= at,
    );
    if (found) return found;
  }
  return undefined;
}
