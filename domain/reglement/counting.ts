// How the reglement's periods are counted, in one place (docs/decisions/counting-reglement-periods.md).
// A period P counted from an event at `from` ends at the end of the calendar day on which from + P falls
// (Europe/Amsterdam): that day counts in full. So
//   "binnen P" / "ten hoogste P" / "maximaal P"  → allowed up to and including that end (time.deadline);
//   "na minimaal P" / "ten minste P na"           → allowed from the first instant after it (here).
// The two meet without a gap or an overlap, and a date shown to a person (which has no hours) means the
// same as the instant the case acts on: "vanaf 11 mei" is 11 May 00:00, never 10 May 15:00.
import { type DateInput, deadline, iso, toDateTime } from '../time';

/** The first instant at which at least `period` has passed since `from`, counted in whole calendar days. */
export function notBefore(from: DateInput, period: string, zone: string): string {
  return iso(toDateTime(deadline(from, period, zone), zone).plus({ milliseconds: 1 }));
}

/** True when `at` is on or after `notBefore(from, period)`. */
export function atLeastPassed(from: DateInput, period: string, at: DateInput, zone: string): boolean {
  return toDateTime(at, zone).toMillis() >= toDateTime(notBefore(from, period, zone), zone).toMillis();
}
