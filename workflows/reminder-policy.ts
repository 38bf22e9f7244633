// When reminders and escalations go out (SEBO-T1..T12 "before a deadline the responsible party gets a
// reminder, after it the party and the accountmanager get an escalation, repeated"). The scheme
// definition holds the procedure's own periods; these are the office's working agreements around
// them, so they are per-case configurable (ApplicationStart.reminders) with these defaults.
import type { ReminderPolicy } from './definitions';
import { DateTime, Duration } from 'luxon';
import { z } from 'zod';
import { addPeriod, isIsoDuration, toDuration, ZONE } from '../domain';
import { lazy } from '../domain/lazy';

export const DEFAULT_REMINDER_POLICY: ReminderPolicy = {
  remindBefore: 'P3D',
  escalateEvery: 'P1W',
  escalationGrowth: 2,
  escalateAtMost: 'P4W',
  intakeWithin: 'P4W',
  meetingOutcomeWithin: 'P1W',
  documentsWithin: 'P1M',
  conversationWithin: 'P1M',
  digestAt: '08:00',
};

/** policy.digestAt: "HH:mm" on the 24-hour clock, or "off" (docs/decisions/escalation-digest.md). */
export const digestAtSchema = lazy(() =>
  z.union([
    z.literal('off'),
    z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'expected a time of day "HH:mm" (24-hour clock, e.g. "08:00") or "off"'),
  ]),
);

export function reminderPolicy(overrides: Partial<ReminderPolicy> = {}): ReminderPolicy {
  const policy = { ...DEFAULT_REMINDER_POLICY, ...overrides };
  for (const [name, value] of Object.entries(policy)) {
    if (name === 'digestAt') {
      const checked = digestAtSchema.safeParse(value);
      if (!checked.success) throw new RangeError(`reminders.digestAt: expected a time of day "HH:mm" (24-hour clock, e.g. "08:00") or "off", got "${String(value)}"`);
      continue;
    }
    if (name === 'escalationGrowth') {
      if (typeof value !== 'number' || !(value >= 1 && value <= 10)) throw new RangeError(`reminders.escalationGrowth: expected a number from 1 to 10, got "${String(value)}"`);
      continue;
    }
    if (typeof value !== 'string' || !isIsoDuration(value)) throw new RangeError(`reminders.${name}: expected an ISO-8601 duration such as "P3D", got "${value}"`);
  }
  return policy;
}

/**
 * When the next escalation of a missed deadline goes out: the first at the deadline itself, then after
 * `escalateEvery`, each later interval `escalationGrowth` times the one before, never longer than
 * `escalateAtMost` (defaults: 1, 2, 4, 4, 4 ... weeks). People keep reading escalations that do not
 * come every week for ever; the step is still named at least once a month. Pure: the calendar
 * arithmetic of domain/time.ts, no clock. Policies recorded before these fields existed get the defaults.
 */
export function nextEscalationAt(policy: ReminderPolicy, dueAt: string, sent: number, lastSentAt?: string): string {
  if (sent === 0 || !lastSentAt) return dueAt;
  const growth = policy.escalationGrowth ?? DEFAULT_REMINDER_POLICY.escalationGrowth!;
  const cap = toDuration(policy.escalateAtMost ?? DEFAULT_REMINDER_POLICY.escalateAtMost!);
  const base = toDuration(policy.escalateEvery);
  const factor = Math.pow(growth, Math.min(sent - 1, 30));
  const grown = Duration.fromMillis(Math.round(base.as('milliseconds') * factor));
  // Whole calendar units when not capped (P1W x 2 = P2W); the cap keeps its own units (P4W, P1M).
  const interval = grown.as('milliseconds') >= cap.as('milliseconds') ? cap : base.mapUnits((x) => x * factor);
  return addPeriod(lastSentAt, interval.toISO()!);
}

/** The policy's digest time, or undefined when the accountmanager gets one email per escalation. */
export function digestTime(policy: ReminderPolicy): string | undefined {
  const at = policy.digestAt ?? DEFAULT_REMINDER_POLICY.digestAt!;
  return at === 'off' ? undefined : at;
}

/**
 * When the next digest goes out after `after`: the first working day (Monday to Friday) at `at`
 * ("HH:mm", Europe/Amsterdam wall-clock time) strictly later than `after`. An escalation of Friday
 * 23:30 waits for Monday 08:00; a time that does not exist on a DST day (02:30 on the last Sunday of
 * March) is moved forward by the clock change, as luxon does. Public holidays are working days here.
 */
export function nextDigestAt(after: string, at: string): string {
  const [hour, minute] = at.split(':').map(Number) as [number, number];
  const now = DateTime.fromISO(after, { setZone: true }).setZone(ZONE);
  let day = now.startOf('day');
  for (let i = 0; i < 8; i++) {
    const candidate = day.set({ hour, minute, second: 0, millisecond: 0 });
    if (candidate.weekday <= 5 && candidate.toMillis() > now.toMillis()) return candidate.toISO()!;
    day = day.plus({ days: 1 });
  }
  throw new RangeError(`no working day within a week after ${after}`);
}
