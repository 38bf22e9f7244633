// The members' meeting (SEBO-T2, SEBO-A1): three a year, from a rule or configured dates, with an agenda cut-off.
import { describe, expect, it } from '@jest/globals';
import { getScheme, MeetingCalendarSchema, meetingsInYear, nextMeeting, nthWeekdayOfMonth, parseWith, seboActions, type MeetingCalendar } from '../../domain';

const sebo = getScheme('sebo');

describe("members' meeting", () => {
  it('SEBO-T2: three meetings a year, on the second Tuesday of February, June and October', () => {
    expect(meetingsInYear(sebo, 2026).map((m) => m.date)).toStrictEqual(['2026-02-10', '2026-06-09', '2026-10-13']);
    expect(meetingsInYear(sebo, 2027).map((m) => m.date)).toStrictEqual(['2027-02-09', '2027-06-08', '2027-10-12']);
  });

  it('SEBO-T2: the meeting starts at 16:00 local time and its agenda closes 3 weeks before (offsets follow DST)', () => {
    const [feb, , oct] = meetingsInYear(sebo, 2026);
    expect(feb.startsAt).toBe('2026-02-10T16:00:00.000+01:00');
    expect(feb.agendaClosesAt).toBe('2026-01-20T16:00:00.000+01:00');
    expect(oct.startsAt).toBe('2026-10-13T16:00:00.000+02:00');
  });

  it('SEBO-T2: an application registered at the cut-off instant is on that agenda; a millisecond later it goes to the next', () => {
    expect(nextMeeting(sebo, '2026-05-19T16:00:00+02:00')?.date).toBe('2026-06-09');
    expect(nextMeeting(sebo, '2026-05-19T16:00:00.001+02:00')?.date).toBe('2026-10-13');
  });

  it('SEBO-T2: nextMeeting crosses into the next year after the October agenda closes', () => {
    expect(nextMeeting(sebo, '2026-09-23')?.date).toBe('2027-02-09');
    expect(nextMeeting(sebo, '2026-12-31T23:59:59+01:00')?.date).toBe('2027-02-09');
  });

  it('SEBO-T2: ignoring the cut-off gives simply the next meeting to start', () => {
    expect(nextMeeting(sebo, '2026-09-23', { ignoreCutOff: true })?.date).toBe('2026-10-13');
    expect(nextMeeting(sebo, '2026-10-13T16:00:00+02:00', { ignoreCutOff: true })?.date).toBe('2027-02-09');
  });

  it('SEBO-T2: the accountmanager records the outcome; rejected or deferred needs a reason', () => {
    expect(parseWith(seboActions.meetingOutcome, { at: '2026-06-09T18:00:00+02:00', meetingDate: '2026-06-09', outcome: 'approved' }).ok).toBe(true);
    const deferred = parseWith(seboActions.meetingOutcome, { at: '2026-06-09', meetingDate: '2026-06-09', outcome: 'deferred' });
    expect(!deferred.ok && deferred.problems).toStrictEqual([{ path: 'reason', message: 'a reason is required when the outcome is "deferred"' }]);
  });

  it('SEBO-A1: the ambassadorship goes to the same members\' meeting', () => {
    const amb = getScheme('sebo-ambassadeur');
    expect(amb.procedure.membersMeeting).toBe(true);
    expect(nextMeeting(amb, '2026-03-01')).toStrictEqual(nextMeeting(sebo, '2026-03-01'));
  });

  it('SEBO-T2: configured dates are used as given, across years, and run out with undefined', () => {
    const calendar: MeetingCalendar = {
      schedule: { kind: 'dates', dates: ['2026-03-05', '2026-07-02', '2026-11-19', '2027-03-04'] },
      time: '19:30',
      agendaCutOff: 'P10D',
    };
    expect(nextMeeting(calendar, '2026-11-09T19:30:00+01:00')).toStrictEqual({
      date: '2026-11-19',
      startsAt: '2026-11-19T19:30:00.000+01:00',
      agendaClosesAt: '2026-11-09T19:30:00.000+01:00',
    });
    expect(nextMeeting(calendar, '2026-11-10')?.date).toBe('2027-03-04');
    expect(nextMeeting(calendar, '2027-02-23')).toBeUndefined();
  });

  it('a "last Friday" rule and a fifth weekday that a month does not have', () => {
    expect(nthWeekdayOfMonth(2026, 10, 5, -1)?.toISODate()).toBe('2026-10-30');
    expect(nthWeekdayOfMonth(2026, 2, 2, 5)).toBeUndefined();
    const calendar: MeetingCalendar = { schedule: { kind: 'rule', nth: 5, weekday: 2, months: [2, 3] }, time: '16:00', agendaCutOff: 'P1W' };
    expect(meetingsInYear(calendar, 2026).map((m) => m.date)).toStrictEqual(['2026-03-31']);
  });

  it('a wrong calendar is refused with every problem by path', () => {
    const bad = parseWith(MeetingCalendarSchema, { schedule: { kind: 'rule', nth: 2, weekday: 8, months: [13] }, time: '25:00', agendaCutOff: '3 weeks' });
    expect(!bad.ok && bad.problems.map((p) => `${p.path}: ${p.message}`)).toStrictEqual([
      'schedule.weekday: weekday is 1 (Monday) to 7 (Sunday)',
      'schedule.months[0]: month is 1 to 12',
      'time: expected a time as HH:mm',
      'agendaCutOff: expected an ISO-8601 duration, got "3 weeks" (e.g. "P1M", "P2W", "P1Y")',
    ]);
  });
});
