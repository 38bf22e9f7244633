// The UI opens in Europe/Amsterdam, the zone every keurmerk deadline is counted in, instead of the
// library's default UTC. @temporalio/ui reads the zone from its `timeFormat` store, a persisted store
// whose default is 'UTC' (stores/time-format.ts) and whose value lives in localStorage under
// "timeFormat"; the official server has no setting for it. An IANA zone is a valid value
// (getTimezone passes it through, offsets follow daylight saving), so we set it once, only when the
// operator has not chosen a zone yet: a later choice in the UI is kept.
import { timeFormat } from '@temporalio/ui/stores/time-format';

export const KEURMERK_TIME_ZONE = 'Europe/Amsterdam';

export function openInKeurmerkTimeZone(storage: Storage | undefined = globalThis.localStorage): void {
  if (!storage || storage.getItem('timeFormat') !== null) return;
  // The store's type lists the library's named zones only; each of those maps to its first IANA zone
  // (the "Central European" ones to an African zone without daylight saving), so the IANA name is set.
  timeFormat.set(KEURMERK_TIME_ZONE as Parameters<typeof timeFormat.set>[0]);
}
