// When reminders and escalations go out (SEBO-T1..T12 "before a deadline the responsible party gets a
// reminder, after it the party and the accountmanager get an escalation, repeated"). The scheme
// definition holds the procedure's own periods; these are the office's working agreements around
// them, so they are per-case configurable (ApplicationStart.reminders) with these defaults.
import type { ReminderPolicy } from './definitions';
import { isIsoDuration } from '../domain';

export const DEFAULT_REMINDER_POLICY: ReminderPolicy = {
  remindBefore: 'P3D',
  escalateEvery: 'P1W',
  intakeWithin: 'P4W',
  meetingOutcomeWithin: 'P1W',
  documentsWithin: 'P1M',
  conversationWithin: 'P1M',
};

export function reminderPolicy(overrides: Partial<ReminderPolicy> = {}): ReminderPolicy {
  const policy = { ...DEFAULT_REMINDER_POLICY, ...overrides };
  for (const [name, value] of Object.entries(policy)) {
    if (!isIsoDuration(value)) throw new RangeError(`reminders.${name}: expected an ISO-8601 duration such as "P3D", got "${value}"`);
  }
  return policy;
}
