// SEBO-T10, SEBO-T13: one rule for "valid until", everywhere a person reads it (certificate, emails,
// register, status). A validity runs from `validFrom` up to, not including, `expiresAt` (the instant the
// case lapses: 00:00 of the day two years after the decision day). The last day on which the keurmerk
// may be used is therefore the day before `expiresAt`: the certificate says "geldig tot en met" that
// day, never the expiry date itself (which would be two years and a day).
import { type DateInput, toDateTime } from '../time';

/** YYYY-MM-DD of the last calendar day the keurmerk is valid (the day before the lapse instant). */
export function lastValidDay(expiresAt: DateInput, zone: string): string {
  return toDateTime(expiresAt, zone).minus({ milliseconds: 1 }).toISODate() as string;
}

/** YYYY-MM-DD of the day the keurmerk lapses (the first day it may no longer be used). */
export function lapseDay(expiresAt: DateInput, zone: string): string {
  return toDateTime(expiresAt, zone).toISODate() as string;
}
