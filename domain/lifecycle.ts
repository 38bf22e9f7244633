// The clocks of a scheme's life (SEBO-T4..T13, WP-4, PSO-2, SEBO-R1, SEBO-R2, SROI-3, SROI-4),
// computed from the scheme's periods. Workflows sleep until these instants; nothing here reads a clock.
import { Duration } from 'luxon';
import type { PeriodName, SchemeDefinition } from './scheme';
import type { Anchor, Due } from './procedure';
import { type DateInput, deadline, iso, toDateTime, toDuration } from './time';

/** The scheme's period, or a clear error when the scheme has no such step. */
export function periodOf(scheme: SchemeDefinition, name: PeriodName): string {
  const period = scheme.periods[name];
  if (!period) throw new RangeError(`scheme "${scheme.id}" has no period "${name}"`);
  return period;
}

export function hasPeriod(scheme: SchemeDefinition, name: PeriodName): boolean {
  return scheme.periods[name] !== undefined;
}

/** End of the last day of `name` counted from `from` (see time.deadline). */
export function deadlineFor(scheme: SchemeDefinition, name: PeriodName, from: DateInput): string {
  return deadline(from, periodOf(scheme, name), scheme.zone);
}

/** The start of the calendar day on which `from` + k × period falls (k ≥ 1; multiplied, not repeated, so 29 Feb does not drift). */
export function startOfDayAfter(scheme: SchemeDefinition, from: DateInput, period: string, k = 1): string {
  const d = toDuration(period);
  const times = Duration.fromObject(Object.fromEntries(Object.entries(d.toObject()).map(([u, n]) => [u, (n ?? 0) * k])));
  return iso(toDateTime(from, scheme.zone).startOf('day').plus(times));
}

/** SEBO-T4: the CI must have made the audit appointment by this instant. */
export const auditDeadline = (scheme: SchemeDefinition, applicationReceivedAt: DateInput) =>
  deadlineFor(scheme, 'auditWithin', applicationReceivedAt);

/** SEBO-T5: supplements after the audit count until this instant, unless the auditor extends it. */
export const supplementsDeadline = (scheme: SchemeDefinition, auditDoneAt: DateInput) =>
  deadlineFor(scheme, 'supplementsWithin', auditDoneAt);

/** SEBO-T6: the CI reports findings and advice by this instant. */
export const reportDeadline = (scheme: SchemeDefinition, auditDoneAt: DateInput) => deadlineFor(scheme, 'reportWithin', auditDoneAt);

/** SEBO-T7 (from the report) / WP-4 (from the application): the owner decides by this instant. */
export const decisionDeadline = (scheme: SchemeDefinition, from: DateInput) => deadlineFor(scheme, 'decisionWithin', from);

/** PSO-2: the certificate is due by about this instant after the audit. */
export const certificateDeadline = (scheme: SchemeDefinition, auditDoneAt: DateInput) =>
  deadlineFor(scheme, 'certificateWithin', auditDoneAt);

/**
 * SEBO-T9 as first implemented (00:00 of the anniversary: hours early). Kept only for cases rejected
 * before the fix (workflow patch `sebo-t9-full-year`); new cases use reglement/waiting-period.newKeuringFrom.
 */
export const earliestNewKeuring = (scheme: SchemeDefinition, secondRejectionAt: DateInput) =>
  startOfDayAfter(scheme, secondRejectionAt, periodOf(scheme, 'waitAfterSecondRejection'));

/** SEBO-T8: whether a rejection may still be followed by a second keuring. */
export function secondKeuringAllowed(scheme: SchemeDefinition, secondKeuringenUsed: number): boolean {
  return secondKeuringenUsed < scheme.procedure.secondKeuringen;
}

export interface Validity {
  /** First instant the grant is valid. */
  validFrom: string;
  /** First instant it is no longer valid: the certificate lapses here unless renewed (SEBO-T13). */
  expiresAt: string;
}

/**
 * SEBO-T10, WP-4, MVS-1: validity of a grant. A first grant runs from the day of the decision; a renewal
 * decided before the old expiry continues seamlessly from that expiry, so an early re-keuring costs no days.
 */
export function validity(
  scheme: SchemeDefinition,
  grant: { decidedAt: DateInput; renewal: boolean; previousExpiresAt?: DateInput },
): Validity {
  const decidedDay = toDateTime(grant.decidedAt, scheme.zone).startOf('day');
  const previous = grant.previousExpiresAt ? toDateTime(grant.previousExpiresAt, scheme.zone) : undefined;
  const from = grant.renewal && previous && previous > decidedDay ? previous.startOf('day') : decidedDay;
  const period = grant.renewal ? (scheme.periods.validityRenewal ?? periodOf(scheme, 'validityFirst')) : periodOf(scheme, 'validityFirst');
  return { validFrom: iso(from), expiresAt: startOfDayAfter(scheme, from, period) };
}

/** SEBO-T12, PSO-2: when to remind holder and CI, and when to escalate to the accountmanager. */
export function renewalSchedule(scheme: SchemeDefinition, expiresAt: DateInput): { remindAt: string; escalateAt?: string } {
  const at = toDateTime(expiresAt, scheme.zone);
  const remindAt = iso(at.minus(toDuration(periodOf(scheme, 'renewalReminderBefore'))));
  const escalate = scheme.periods.renewalEscalationBefore;
  return escalate ? { remindAt, escalateAt: iso(at.minus(toDuration(escalate))) } : { remindAt };
}

/** SEBO-T11: the yearly SEBO conversations due during a validity (strictly before expiry). */
export function conversationsDue(scheme: SchemeDefinition, v: Validity): string[] {
  const every = scheme.periods.conversationEvery;
  if (!every) return [];
  const out: string[] = [];
  for (let k = 1; ; k++) {
    const due = startOfDayAfter(scheme, v.validFrom, every, k);
    if (toDateTime(due).toMillis() >= toDateTime(v.expiresAt).toMillis()) return out;
    out.push(due);
  }
}

/**
 * SEBO-R2: the latest end of a suspension starting at `from`. With `extended`, start + 12 months: an
 * outer bound only; the extension itself adds at most 6 months to the CURRENT end (reglement/suspension-extension).
 */
export function suspensionLimit(scheme: SchemeDefinition, from: DateInput, extended = false): string {
  const first = deadline(from, periodOf(scheme, 'suspensionMax'), scheme.zone);
  return extended ? deadline(first, periodOf(scheme, 'suspensionExtensionMax'), scheme.zone) : first;
}

/**
 * SEBO-R1 as first implemented (binds at 00:00 of notice + 6 months, a too-early date silently moved).
 * Kept only for changes published before the fix (patch `sebo-r1-full-transition`); new ones use
 * reglement/criteria-transition.criteriaChangeDates, which refuses a too-early date.
 */
export function criteriaChange(
  scheme: SchemeDefinition,
  noticeAt: DateInput,
  requestedBindingFrom?: DateInput,
): { bindingFrom: string; oldCriteriaUntil: string } {
  const earliest = startOfDayAfter(scheme, noticeAt, periodOf(scheme, 'criteriaTransition'));
  const requested = requestedBindingFrom ? toDateTime(requestedBindingFrom, scheme.zone) : undefined;
  const bindingFrom = requested && requested > toDateTime(earliest) ? iso(requested) : earliest;
  return { bindingFrom, oldCriteriaUntil: deadlineFor(scheme, 'criteriaOptOutMax', noticeAt) };
}

/** SROI-3: the contractor contacts the WSP by this instant after award. */
export const contactDeadline = (scheme: SchemeDefinition, awardedAt: DateInput) => deadlineFor(scheme, 'contactWithin', awardedAt);

/** SROI-4: the WSP approves the plan by this instant (or by the extended one, at most planApprovalExtendedMax). */
export function planApprovalDeadline(scheme: SchemeDefinition, awardedAt: DateInput, extended = false): string {
  return deadlineFor(scheme, extended ? 'planApprovalExtendedMax' : 'planApprovalWithin', awardedAt);
}

/** SEBO-T10, SEBO-T13: valid from validFrom up to (not including) expiresAt. */
export function isValidAt(v: Validity, at: DateInput): boolean {
  const t = toDateTime(at).toMillis();
  return toDateTime(v.validFrom).toMillis() <= t && t < toDateTime(v.expiresAt).toMillis();
}

/**
 * SEBO-R2: why a suspension (or its extension) must be refused, or undefined when it is allowed.
 * `suspendedAt` is the start of the suspension; `until` the requested end.
 */
export function suspensionRefusal(
  scheme: SchemeDefinition,
  s: { suspendedAt: DateInput; until: DateInput; extending: boolean; extensionsUsed: number },
): string | undefined {
  const start = toDateTime(s.suspendedAt, scheme.zone);
  const until = toDateTime(s.until, scheme.zone);
  if (until <= start) return `the end of the suspension (${iso(until)}) must be after its start (${iso(start)})`;
  const max = scheme.periods.suspensionMax;
  if (!max) return `${scheme.name} has no suspension`;
  if (s.extending && s.extensionsUsed >= scheme.procedure.suspensionExtensions) {
    return scheme.procedure.suspensionExtensions === 0
      ? `a suspension of ${scheme.name} cannot be extended`
      : `a suspension can be extended only ${scheme.procedure.suspensionExtensions === 1 ? 'once' : `${scheme.procedure.suspensionExtensions} times`}`;
  }
  const extended = s.extending || s.extensionsUsed > 0;
  const limit = suspensionLimit(scheme, s.suspendedAt, extended);
  if (until > toDateTime(limit)) {
    const allowed = extended ? `${max} plus one extension of at most ${scheme.periods.suspensionExtensionMax}` : max;
    return `a suspension lasts at most ${allowed}: it must end by ${limit}`;
  }
  return undefined;
}

/**
 * A step's deadline (docs/scheme-definitions.md): the end of the last day of the period counted from
 * its anchor, in the scheme's zone; the office's agreements come from the case's reminder policy.
 * No period: due at the anchor itself.
 */
export function stepDeadline(
  scheme: SchemeDefinition,
  due: Due,
  anchors: Partial<Record<Anchor, string>>,
  office: Record<string, string>,
): string {
  const from = anchors[due.from];
  if (!from) throw new RangeError(`the case has no "${due.from}" instant yet to count the deadline from`);
  const period = due.period ? periodOf(scheme, due.period as PeriodName) : due.office ? office[due.office] : due.duration;
  return deadline(from, period ?? 'P0D', scheme.zone);
}
