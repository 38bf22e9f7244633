// SEBO-R1: "Er geldt voor het bindend worden van de wijziging een overgangstermijn van ten minste 6
// maanden na de kennisgeving." New criteria bind no earlier than six full months after the notice
// (counting.ts: from the start of the day after notice + 6 months). A later binding date may be chosen;
// an earlier one is refused with the earliest allowed date, never silently moved.
import { deadlineFor, periodOf } from '../lifecycle';
import type { SchemeDefinition } from '../scheme';
import { type DateInput, iso, toDateTime } from '../time';
import { notBefore } from './counting';

/** The first instant at which criteria notified at `noticeAt` may bind. */
export function earliestBinding(scheme: SchemeDefinition, noticeAt: DateInput): string {
  return notBefore(noticeAt, periodOf(scheme, 'criteriaTransition'), scheme.zone);
}

/** Why a requested binding date must be refused (too early), or undefined. A date means its 00:00. */
export function bindingFromRefusal(scheme: SchemeDefinition, noticeAt: DateInput, requested: DateInput): string | undefined {
  const earliest = earliestBinding(scheme, noticeAt);
  if (toDateTime(requested, scheme.zone).toMillis() >= toDateTime(earliest, scheme.zone).toMillis()) return undefined;
  const day = toDateTime(earliest, scheme.zone).toISODate();
  return `bindingFrom: new criteria bind at least ${periodOf(scheme, 'criteriaTransition')} after the notice (SEBO-R1); the earliest allowed date is ${day}`;
}

/** The dates of a criteria change: binding from (requested or the earliest) and the objectors' old-criteria end. */
export function criteriaChangeDates(
  scheme: SchemeDefinition,
  noticeAt: DateInput,
  requestedBindingFrom?: DateInput,
): { bindingFrom: string; oldCriteriaUntil: string } {
  const refusal = requestedBindingFrom ? bindingFromRefusal(scheme, noticeAt, requestedBindingFrom) : undefined;
  if (refusal) throw new RangeError(refusal);
  const bindingFrom = requestedBindingFrom
    ? iso(toDateTime(requestedBindingFrom, scheme.zone))
    : earliestBinding(scheme, noticeAt);
  return { bindingFrom, oldCriteriaUntil: deadlineFor(scheme, 'criteriaOptOutMax', noticeAt) };
}
