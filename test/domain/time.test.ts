// Calendar arithmetic on the Europe/Amsterdam calendar: month ends, leap years, daylight saving.
import { describe, expect, it } from '@jest/globals';
import { addPeriod, deadline, isIsoDuration, isOnOrBefore, msUntil, subtractPeriod, toDateTime, toDuration, calendarDate } from '../../domain';

describe('periods on the Amsterdam calendar', () => {
  it('1 month after 31 January is the last day of February (28 in a common year, 29 in a leap year)', () => {
    expect(addPeriod('2027-01-31', 'P1M')).toBe('2027-02-28T00:00:00.000+01:00');
    expect(addPeriod('2028-01-31', 'P1M')).toBe('2028-02-29T00:00:00.000+01:00');
  });

  it('1 month after 31 March is 30 April; after 30 April it is 30 May (no carry-over)', () => {
    expect(addPeriod('2026-03-31', 'P1M')).toBe('2026-04-30T00:00:00.000+02:00');
    expect(addPeriod('2026-04-30', 'P1M')).toBe('2026-05-30T00:00:00.000+02:00');
  });

  it('2 years after 29 February is 28 February; 4 years after it is 29 February again', () => {
    expect(addPeriod('2028-02-29', 'P2Y')).toBe('2030-02-28T00:00:00.000+01:00');
    expect(addPeriod('2028-02-29', 'P4Y')).toBe('2032-02-29T00:00:00.000+01:00');
  });

  it('a day across the spring DST change keeps the wall-clock time (23 real hours); PT24H does not', () => {
    expect(addPeriod('2026-03-28T12:00:00+01:00', 'P1D')).toBe('2026-03-29T12:00:00.000+02:00');
    expect(addPeriod('2026-03-28T12:00:00+01:00', 'PT24H')).toBe('2026-03-29T13:00:00.000+02:00');
  });

  it('a week across the autumn DST change keeps the wall-clock time (169 real hours)', () => {
    const end = addPeriod('2026-10-20T09:00:00+02:00', 'P1W');
    expect(end).toBe('2026-10-27T09:00:00.000+01:00');
    expect(toDateTime(end).diff(toDateTime('2026-10-20T09:00:00+02:00'), 'hours').hours).toBe(169);
  });

  it('an instant given in UTC counts from its Amsterdam calendar day (23:30Z on 31 Jan is 1 Feb in Amsterdam)', () => {
    expect(calendarDate('2026-01-31T23:30:00Z')).toBe('2026-02-01');
    expect(addPeriod('2026-01-31T23:30:00Z', 'P1M')).toBe('2026-03-01T00:30:00.000+01:00');
  });

  it('subtracting 3 months from 31 May is the last day of February', () => {
    expect(subtractPeriod('2027-05-31', 'P3M')).toBe('2027-02-28T00:00:00.000+01:00');
  });
});

describe('deadlines', () => {
  it('a deadline is the end of the last day of the period, in Amsterdam time', () => {
    expect(deadline('2026-01-15T10:00:00+01:00', 'P1M')).toBe('2026-02-15T23:59:59.999+01:00');
  });

  it('a 2-week deadline crossing the spring DST change ends at 23:59:59.999 summer time', () => {
    expect(deadline('2026-03-16T14:00:00+01:00', 'P2W')).toBe('2026-03-30T23:59:59.999+02:00');
  });

  it('a 2-week deadline crossing the autumn DST change ends at 23:59:59.999 winter time', () => {
    expect(deadline('2026-10-11T09:00:00+02:00', 'P2W')).toBe('2026-10-25T23:59:59.999+01:00');
  });

  it('the last moment of the last day is still in time; one millisecond later is not', () => {
    const limit = deadline('2026-01-15', 'P1M');
    expect(isOnOrBefore('2026-02-15T23:59:59.999+01:00', limit)).toBe(true);
    expect(isOnOrBefore('2026-02-16T00:00:00+01:00', limit)).toBe(false);
    expect(isOnOrBefore('2026-02-15T22:59:59.999Z', limit)).toBe(true);
  });

  it('msUntil gives the sleep duration until a deadline and never a negative one', () => {
    const now = toDateTime('2026-02-15T23:59:59.000+01:00').toMillis();
    expect(msUntil(deadline('2026-01-15', 'P1M'), now)).toBe(999);
    expect(msUntil('2026-01-01', now)).toBe(0);
  });
});

describe('bad dates and durations', () => {
  it('refuses a date that does not exist, naming it', () => {
    expect(() => toDateTime('2026-02-30')).toThrow(/expected an ISO-8601 date or date-time, got "2026-02-30"/);
  });

  it('refuses a duration that is not ISO-8601 (or is negative), naming it', () => {
    expect(() => toDuration('4w?')).toThrow(/expected an ISO-8601 duration, got "4w\?"/);
    expect(isIsoDuration('P4W')).toBe(true);
    expect(isIsoDuration('P')).toBe(false);
    expect(isIsoDuration('P-1M')).toBe(false);
    expect(isIsoDuration('1 month')).toBe(false);
    expect(isIsoDuration('PT')).toBe(false);
    expect(isIsoDuration('P1.5M')).toBe(false);
    expect(isIsoDuration('P1DT12H')).toBe(true);
  });
});

// Parsed texts are kept (issue 14): asking again must give the same answer, a refusal included, and a
// text read in another zone is read in that zone, not the one it was first read in.
describe('parsed dates and durations, asked again', () => {
  it('gives the same instant, per zone, and refuses a bad text every time', () => {
    const first = toDateTime('2026-10-25T02:30');
    expect(toDateTime('2026-10-25T02:30').toISO()).toBe(first.toISO());
    expect(toDateTime('2026-10-25T02:30', 'UTC').toISO()).toBe('2026-10-25T02:30:00.000Z');
    expect(toDateTime('2026-10-25T02:30').toISO()).toBe(first.toISO());
    for (let i = 0; i < 2; i++) expect(() => toDateTime('2026-02-30')).toThrow(/got "2026-02-30"/);
  });

  it('gives the same duration, and refuses a bad one every time', () => {
    expect(toDuration('P1M').toISO()).toBe('P1M');
    expect(toDuration('P1M').toISO()).toBe('P1M');
    for (let i = 0; i < 2; i++) {
      expect(isIsoDuration('P1.5M')).toBe(false);
      expect(() => toDuration('P1.5M')).toThrow(/got "P1.5M"/);
    }
  });

  it('still answers correctly after more distinct texts than it keeps', () => {
    const texts = Array.from({ length: 5000 }, (_, i) => new Date(Date.UTC(2030, 0, 1) + i * 1000).toISOString());
    for (const t of texts) toDateTime(t);
    expect(toDateTime(texts[0]).toMillis()).toBe(Date.parse(texts[0]));
    expect(toDateTime(texts[4999]).toMillis()).toBe(Date.parse(texts[4999]));
  });
});
