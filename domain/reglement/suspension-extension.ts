// SEBO-R2: "Een schorsing duurt ten hoogste 6 maanden ... In bijzondere gevallen kan de gemeente
// Zoetermeer de duur van de schorsing eenmalig verlengen met ten hoogste 6 maanden." The one extension
// adds at most six months to the CURRENT end of the suspension (a one-month suspension extends to at
// most seven months in all), counted like every "ten hoogste" period: to the end of the last day.
import { periodOf } from '../lifecycle';
import type { SchemeDefinition } from '../scheme';
import { type DateInput, deadline, toDateTime } from '../time';

/** The latest end of the extended suspension whose current end is `currentUntil`. */
export function extensionLimit(scheme: SchemeDefinition, currentUntil: DateInput): string {
  return deadline(currentUntil, periodOf(scheme, 'suspensionExtensionMax'), scheme.zone);
}

/** Why extending a suspension to `until` must be refused, or undefined when it is allowed. */
export function extensionRefusal(
  scheme: SchemeDefinition,
  s: { currentUntil: DateInput; until: DateInput; extensionsUsed: number },
): string | undefined {
  const allowed = scheme.procedure.suspensionExtensions;
  if (allowed < 1) return `a suspension of ${scheme.name} cannot be extended`;
  if (s.extensionsUsed >= allowed) return `SEBO-R2: a suspension can be extended only ${allowed === 1 ? 'once' : `${allowed} times`}`;
  const until = toDateTime(s.until, scheme.zone);
  if (until.toMillis() <= toDateTime(s.currentUntil, scheme.zone).toMillis()) {
    return `extendSuspension.until: ${s.until} is not after the current end ${String(s.currentUntil)}`;
  }
  const limit = extensionLimit(scheme, s.currentUntil);
  if (until.toMillis() > toDateTime(limit, scheme.zone).toMillis()) {
    return `SEBO-R2: an extension adds at most ${periodOf(scheme, 'suspensionExtensionMax')} to the current end ${String(s.currentUntil)}: until ${limit} at the latest, not ${String(s.until)}`;
  }
  return undefined;
}
