// Escalations people would accept (issue 13): after a missed deadline the escalation repeats at growing
// intervals with a cap (1, 2, 4, 4, ... weeks by default), instead of every week for ever.
import { describe, expect, it } from '@jest/globals';
import { DEFAULT_REMINDER_POLICY, nextEscalationAt, reminderPolicy } from '../../workflows/reminder-policy';
import { useKeurmerkEnv } from '../helpers/keurmerk-env';
import { DAY, nextKvk, seboApplication, startApplication, status } from '../helpers/sebo-fixtures';

const due = '2027-01-31T23:59:59.999+01:00';

describe('SEBO-T1..T12 escalation cadence (pure)', () => {
  it('SEBO-T1: the first escalation goes out at the deadline, then after 1, 2, 4, 4 weeks', () => {
    const p = DEFAULT_REMINDER_POLICY;
    expect(nextEscalationAt(p, due, 0)).toBe(due);
    const first = '2027-02-01T00:00:00.000+01:00';
    expect(nextEscalationAt(p, due, 1, first)).toBe('2027-02-08T00:00:00.000+01:00');
    expect(nextEscalationAt(p, due, 2, '2027-02-08T00:00:00.000+01:00')).toBe('2027-02-22T00:00:00.000+01:00');
    expect(nextEscalationAt(p, due, 3, '2027-02-22T00:00:00.000+01:00')).toBe('2027-03-22T00:00:00.000+01:00');
    // capped: still four weeks, also across the spring DST change (wall-clock time kept)
    expect(nextEscalationAt(p, due, 4, '2027-03-22T00:00:00.000+01:00')).toBe('2027-04-19T00:00:00.000+02:00');
    expect(nextEscalationAt(p, due, 40, '2027-04-19T00:00:00.000+02:00')).toBe('2027-05-17T00:00:00.000+02:00');
  });

  it('SEBO-T1: a policy recorded before the cadence existed gets the defaults; a bad growth is refused', () => {
    const old = { ...DEFAULT_REMINDER_POLICY, escalationGrowth: undefined, escalateAtMost: undefined };
    expect(nextEscalationAt(old, due, 3, '2027-02-22T00:00:00.000+01:00')).toBe('2027-03-22T00:00:00.000+01:00');
    expect(nextEscalationAt({ ...old, escalationGrowth: 1 }, due, 5, '2027-02-22T00:00:00.000+01:00')).toBe('2027-03-01T00:00:00.000+01:00');
    expect(() => reminderPolicy({ escalationGrowth: 0 })).toThrow(/escalationGrowth: expected a number from 1 to 10/);
  });
});

describe('SEBO-T1 escalation cadence in a running case', () => {
  const t = useKeurmerkEnv();

  it('SEBO-T1: a year of silence after the intake deadline sends 14 escalations, not 49', async () => {
    const kvk = nextKvk();
    const h = t.track(await startApplication(t, seboApplication(kvk, await t.now())));
    await t.env.sleep(365 * DAY);
    const s = await status(t, h.workflowId);
    const escalations = s.history.filter((e) => /^escalation \d+ sent for intakeRecorded/.test(e.what));
    // deadline after 4 weeks; then weeks 5, 7, 11, 15, ... 51: 3 + 11 = 14 within the year
    expect(escalations.length).toBe(14);
    const gaps = escalations.slice(1).map((e, i) => Math.round((Date.parse(e.at) - Date.parse(escalations[i]!.at)) / DAY));
    expect(gaps.slice(0, 4)).toEqual([7, 14, 28, 28]);
    expect(Math.max(...gaps)).toBe(28);
  }, 300_000);
});
