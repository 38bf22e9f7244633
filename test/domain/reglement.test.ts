// The reglement's boundaries as pure functions (domain/reglement, domain/assessment/reported-criteria):
// "ten minste", "ten hoogste", "binnen", "eenmalig" on both sides, at 23:30 and on a DST-change day.
import { describe, expect, it } from '@jest/globals';
import {
  assessReportedCriteria,
  atLeastPassed,
  auditDoneRefusal,
  bindingFromRefusal,
  criteriaChangeDates,
  earliestBinding,
  extensionLimit,
  extensionRefusal,
  findingRuleIds,
  findingsByRule,
  getScheme,
  grantRefusal,
  holderSecondKeuringRefusal,
  lapseDay,
  lastValidDay,
  listedOnAgenda,
  meetingForIntake,
  meetingOutcomeRefusal,
  newKeuringFrom,
  nextMeeting,
  notBefore,
  renewalStartRefusal,
  reportRefusal,
  submittedInFutureRefusal,
  unknownDocumentsRefusal,
  unmetCriteriaRefusal,
  validity,
  checkEligibility,
  ApplicationSchema,
} from '../../domain';

const sebo = getScheme('sebo');
const ambassadeur = getScheme('sebo-ambassadeur');
const Z = 'Europe/Amsterdam';

describe('counting the reglement\'s periods', () => {
  it('SEBO-T9, SEBO-R1: "at least P after" starts right after the end of the day on which from + P falls', () => {
    expect(notBefore('2026-05-10T15:00:00+02:00', 'P1Y', Z)).toBe('2027-05-11T00:00:00.000+02:00');
    expect(notBefore('2026-05-10T23:30:00+02:00', 'P1Y', Z)).toBe('2027-05-11T00:00:00.000+02:00');
    // DST change day (29 March 2026, clocks forward at 02:00) + 6 months = 29 September (summer time).
    expect(notBefore('2026-03-29T03:30:00+02:00', 'P6M', Z)).toBe('2026-09-30T00:00:00.000+02:00');
    // Ending on the autumn DST change day (25 October 2026, a 25-hour day).
    expect(notBefore('2026-04-25T23:30:00+02:00', 'P6M', Z)).toBe('2026-10-26T00:00:00.000+01:00');
    expect(atLeastPassed('2026-05-10T15:00:00+02:00', 'P1Y', '2027-05-10T23:59:59.999+02:00', Z)).toBe(false);
    expect(atLeastPassed('2026-05-10T15:00:00+02:00', 'P1Y', '2027-05-11T00:00:00.000+02:00', Z)).toBe(true);
  });
});

describe('SEBO-T10, SEBO-T13: one rule for "valid until"', () => {
  it('SEBO-T10: the last valid day is the day before the lapse instant; two years, not two years and a day', () => {
    const v = validity(sebo, { decidedAt: '2027-03-01T10:00:00+01:00', renewal: false });
    expect(v.expiresAt).toBe('2029-03-01T00:00:00.000+01:00');
    expect(lastValidDay(v.expiresAt, Z)).toBe('2029-02-28');
    expect(lapseDay(v.expiresAt, Z)).toBe('2029-03-01');
  });

  it('SEBO-T13: a decision at 23:30 and across DST: the validity still ends on the eve of the anniversary', () => {
    const late = validity(sebo, { decidedAt: '2026-03-28T23:30:00+01:00', renewal: false });
    expect(late.validFrom).toBe('2026-03-28T00:00:00.000+01:00');
    expect(late.expiresAt).toBe('2028-03-28T00:00:00.000+02:00');
    expect(lastValidDay(late.expiresAt, Z)).toBe('2028-03-27');
    // Stored in UTC it is still the Amsterdam calendar that counts.
    expect(lastValidDay('2028-03-27T22:00:00.000Z', Z)).toBe('2028-03-27');
    const leap = validity(sebo, { decidedAt: '2028-02-29T09:00:00+01:00', renewal: false });
    expect(lastValidDay(leap.expiresAt, Z)).toBe('2030-02-27');
  });
});

describe('SEBO-T9: a full year after the second rejection', () => {
  it('SEBO-T9: not at 00:00 of the anniversary but from the start of the day after it', () => {
    expect(newKeuringFrom(sebo, '2026-05-10T15:00:00+02:00')).toBe('2027-05-11T00:00:00.000+02:00');
    expect(newKeuringFrom(sebo, '2026-12-02T23:30:00+01:00')).toBe('2027-12-03T00:00:00.000+01:00');
    // 29 February: a year later is 28 February; the new keuring opens on 1 March.
    expect(newKeuringFrom(sebo, '2028-02-29T11:00:00+01:00')).toBe('2029-03-01T00:00:00.000+01:00');
    // Rejected on the spring DST day.
    expect(newKeuringFrom(sebo, '2026-03-29T01:30:00+01:00')).toBe('2027-03-30T00:00:00.000+02:00');
  });
});

describe('SEBO-R1: at least six months transition', () => {
  it('SEBO-R1: the earliest binding instant is the start of the day after notice + 6 months', () => {
    expect(earliestBinding(sebo, '2026-01-15T09:00:00+01:00')).toBe('2026-07-16T00:00:00.000+02:00');
    expect(earliestBinding(sebo, '2026-01-15T23:30:00+01:00')).toBe('2026-07-16T00:00:00.000+02:00');
    expect(earliestBinding(sebo, '2026-08-31T10:00:00+02:00')).toBe('2027-03-01T00:00:00.000+01:00');
  });

  it('SEBO-R1: a too-early binding date is refused with the earliest allowed date; the earliest itself and later are accepted', () => {
    const notice = '2026-01-15T09:00:00+01:00';
    expect(bindingFromRefusal(sebo, notice, '2026-07-15')).toMatch(/earliest allowed date is 2026-07-16/);
    expect(bindingFromRefusal(sebo, notice, '2026-07-15T23:30:00+02:00')).toMatch(/2026-07-16/);
    expect(bindingFromRefusal(sebo, notice, '2026-07-16')).toBeUndefined();
    expect(() => criteriaChangeDates(sebo, notice, '2026-03-01')).toThrow(/earliest allowed date is 2026-07-16/);
    expect(criteriaChangeDates(sebo, notice, '2026-09-01')).toEqual({
      bindingFrom: '2026-09-01T00:00:00.000+02:00',
      oldCriteriaUntil: '2027-01-15T23:59:59.999+01:00',
    });
    expect(criteriaChangeDates(sebo, notice).bindingFrom).toBe('2026-07-16T00:00:00.000+02:00');
  });
});

describe('SEBO-R2: the one extension adds at most six months to the current end', () => {
  it('SEBO-R2: a one-month suspension extends to current end + 6 months, not start + 12 months', () => {
    const currentUntil = '2026-03-01T12:00:00+01:00';
    expect(extensionLimit(sebo, currentUntil)).toBe('2026-09-01T23:59:59.999+02:00');
    expect(extensionRefusal(sebo, { currentUntil, until: '2026-09-01T23:30:00+02:00', extensionsUsed: 0 })).toBeUndefined();
    expect(extensionRefusal(sebo, { currentUntil, until: '2026-09-02T00:00:00+02:00', extensionsUsed: 0 })).toMatch(/at most P6M to the current end/);
    expect(extensionRefusal(sebo, { currentUntil, until: '2027-02-01T00:00:00+01:00', extensionsUsed: 0 })).toMatch(/until 2026-09-01T23:59:59.999\+02:00 at the latest/);
    expect(extensionRefusal(sebo, { currentUntil, until: '2026-04-01', extensionsUsed: 1 })).toBe('SEBO-R2: a suspension can be extended only once');
    expect(extensionRefusal(sebo, { currentUntil, until: '2026-02-01', extensionsUsed: 0 })).toMatch(/not after the current end/);
    expect(extensionRefusal(ambassadeur, { currentUntil, until: '2026-04-01', extensionsUsed: 0 })).toMatch(/cannot be extended/);
  });
});

describe('SEBO-T12, SEBO-T8: re-keuring start and a holder\'s second keuring', () => {
  it('SEBO-T12: the re-keuring may start earlier than expiry - 3 months, not after expiry, not twice', () => {
    const expiresAt = '2028-03-01T00:00:00.000+01:00';
    expect(renewalStartRefusal(sebo, { expiresAt, at: '2027-06-01T10:00:00+02:00', startedForThisExpiry: false })).toBeUndefined();
    expect(renewalStartRefusal(sebo, { expiresAt, at: '2028-02-29T23:30:00+01:00', startedForThisExpiry: false })).toBeUndefined();
    expect(renewalStartRefusal(sebo, { expiresAt, at: expiresAt, startedForThisExpiry: false })).toMatch(/expired/);
    expect(renewalStartRefusal(sebo, { expiresAt, at: '2027-06-01', startedForThisExpiry: true })).toMatch(/already started/);
    expect(renewalStartRefusal(ambassadeur, { expiresAt, at: '2027-06-01', startedForThisExpiry: false })).toMatch(/no re-keuring/);
  });

  it('SEBO-T8: a holder whose re-keuring was rejected may use one second keuring, once', () => {
    const base = { renewalRejected: true, secondKeuringenUsed: 0, keuringInProgress: false };
    expect(holderSecondKeuringRefusal(sebo, base)).toBeUndefined();
    expect(holderSecondKeuringRefusal(sebo, { ...base, secondKeuringenUsed: 1 })).toMatch(/already been used/);
    expect(holderSecondKeuringRefusal(sebo, { ...base, renewalRejected: false })).toMatch(/no rejected re-keuring/);
    expect(holderSecondKeuringRefusal(sebo, { ...base, keuringInProgress: true })).toMatch(/in progress/);
  });
});

describe('SEBO-T2: the meeting of an intake', () => {
  it('SEBO-T2: an intake recorded after the cut-off it is dated before goes to the next meeting', () => {
    // Meetings: second Tuesday of February, June, October at 16:00; agenda closes 3 weeks before.
    const june = nextMeeting(sebo, '2027-05-01T10:00:00+02:00')!;
    expect(june.date).toBe('2027-06-08');
    expect(june.agendaClosesAt).toBe('2027-05-18T16:00:00.000+02:00');
    expect(meetingForIntake(sebo, '2027-05-18T15:00:00+02:00', '2027-05-18T15:30:00+02:00')!.date).toBe('2027-06-08');
    expect(meetingForIntake(sebo, '2027-05-18T15:00:00+02:00', '2027-05-18T23:30:00+02:00')!.date).toBe('2027-10-12');
    expect(meetingForIntake(sebo, '2027-05-01T10:00:00+02:00', '2027-06-09T10:00:00+02:00')!.date).toBe('2027-10-12');
  });

  it('SEBO-T2: no outcome for a meeting whose agenda did not list the application, nor before the meeting', () => {
    const june = nextMeeting(sebo, '2027-05-01T10:00:00+02:00')!;
    expect(listedOnAgenda(june, '2027-05-18T16:00:00.000+02:00')).toBe(true);
    expect(listedOnAgenda(june, '2027-05-18T16:00:00.001+02:00')).toBe(false);
    const after = '2027-06-08T17:00:00+02:00';
    expect(meetingOutcomeRefusal(june, { meetingDate: '2027-06-08', now: after, listedAt: '2027-05-01' })).toBeUndefined();
    expect(meetingOutcomeRefusal(june, { meetingDate: '2027-02-09', now: after })).toMatch(/agenda of 2027-02-09 did not list this application; it is on the agenda of 2027-06-08/);
    expect(meetingOutcomeRefusal(june, { meetingDate: '2027-06-08', now: after, listedAt: '2027-05-19' })).toMatch(/closed before/);
    expect(meetingOutcomeRefusal(june, { meetingDate: '2027-06-08', now: '2027-06-08T15:59:00+02:00' })).toMatch(/not taken place yet/);
  });
});

describe('SEBO-T4..T6: order in time within a keuring', () => {
  it('SEBO-T5: an audit is not done before its planned time (dated or recorded)', () => {
    const auditAt = '2027-03-01T10:00:00+01:00';
    expect(auditDoneRefusal(auditAt, '2027-03-01T09:59:59+01:00', '2027-03-01T12:00:00+01:00')).toMatch(/cannot be recorded as done before then/);
    expect(auditDoneRefusal(auditAt, '2027-03-01T10:00:00+01:00', '2027-03-01T09:00:00+01:00')).toMatch(/before then/);
    expect(auditDoneRefusal(auditAt, auditAt, auditAt)).toBeUndefined();
  });

  it('SEBO-T5: the report cannot close the supplements window; after its end it is accepted', () => {
    const until = '2027-03-15T23:59:59.999+01:00';
    expect(reportRefusal(until, '2027-03-15T23:30:00+01:00', '2027-03-15T23:30:00+01:00')).toMatch(/may still send supplements until/);
    expect(reportRefusal(until, '2027-03-16T00:00:00+01:00', '2027-03-15T23:30:00+01:00')).toMatch(/SEBO-T5/);
    expect(reportRefusal(until, '2027-03-16T00:00:00+01:00', '2027-03-16T00:00:00+01:00')).toBeUndefined();
    expect(reportRefusal(undefined, '2027-03-01', '2027-03-01')).toBeUndefined();
  });

  it('SEBO-T1: an application is not submitted in the future', () => {
    const now = '2027-03-01T23:30:00+01:00';
    expect(submittedInFutureRefusal('2027-03-01T23:34:00+01:00', now, 5 * 60_000)).toBeUndefined();
    expect(submittedInFutureRefusal('2027-03-02T00:00:00+01:00', now, 5 * 60_000)).toMatch(/submittedAt: .* is in the future/);
  });

  it('SEBO-D1: a document id the scheme does not know is refused, naming the known ones', () => {
    const doc = (id: string) => ({ id, receivedAt: '2027-03-01T10:00:00+01:00' });
    expect(unknownDocumentsRefusal(sebo, [doc('kvk-extract')])).toBeUndefined();
    expect(unknownDocumentsRefusal(sebo, [doc('kvk-extrakt'), doc('kvk-extract')])).toMatch(/documents: unknown document id "kvk-extrakt"; expected one of organisation-description, kvk-extract/);
  });
});

describe('criteria 3.1 and 4.1: the report\'s unmet criteria', () => {
  it('3.1, 4.1: unmet criteria are criterion ids of the scheme; unknown ones are refused', () => {
    expect(unmetCriteriaRefusal(sebo, ['3.1', '1.2'])).toBeUndefined();
    expect(unmetCriteriaRefusal(sebo, ['3.1', '9.9'])).toMatch(/"9.9" is not a criterion of the SEBO-Keurmerk; expected criterion ids such as 1.1/);
    expect(assessReportedCriteria(sebo, ['4.1', '1.2', '1.2'])).toMatchObject({ outcome: 'fail', unmet: ['1.2', '4.1'], unknown: [] });
    expect(assessReportedCriteria(sebo, [])).toMatchObject({ outcome: 'pass', unmet: [], hardFails: [] });
  });

  it('3.1, 4.1: a hard-fail criterion not met blocks a grant; an ordinary one is for the municipality to weigh', () => {
    expect(grantRefusal(sebo, ['3.1'])).toMatch(/criterion 3.1 as not met, which means no approval/);
    expect(grantRefusal(sebo, ['4.1', '3.1'])).toMatch(/criterion 3.1 and 4.1/);
    expect(grantRefusal(sebo, ['1.2'])).toBeUndefined();
    expect(grantRefusal(sebo, [])).toBeUndefined();
  });
});

describe('SEBO-E2: the refusal cites the rule that refused', () => {
  it('SEBO-E2: a municipal entity is refused under SEBO-E2 with the ambassadorship as the alternative', () => {
    const application = ApplicationSchema.parse({
      schemeId: 'sebo',
      kind: 'first',
      submittedAt: '2027-03-01T10:00:00+01:00',
      company: { name: 'SW Bedrijf', kvkNumber: '12345678', establishments: ['Zoetermeer'], zzp: false, affiliation: 'municipal-entity', activeSince: '2010-01-01' },
      contact: { name: 'X', email: 'x@example.nl' },
    });
    const result = checkEligibility(sebo, application);
    expect(findingRuleIds(result.findings)).toEqual(['SEBO-E2']);
    expect(result.alternatives).toEqual(['sebo-ambassadeur']);
    const nowhere = checkEligibility(sebo, { ...application, company: { ...application.company, affiliation: 'none', establishments: ['Delft'], activeSince: '2027-01-01' } });
    expect(findingRuleIds(nowhere.findings)).toEqual(['SEBO-E1', 'SEBO-E3']);
  });

  it('SEBO-E2: the definition names the rule per finding kind (flow.notEligible.findingRules), the same as the legacy mapping', () => {
    const application = ApplicationSchema.parse({
      schemeId: 'sebo',
      kind: 'first',
      submittedAt: '2027-03-01T10:00:00+01:00',
      company: { name: 'SW Bedrijf', kvkNumber: '12345678', establishments: ['Delft'], zzp: false, affiliation: 'municipal-entity', activeSince: '2027-01-01' },
      contact: { name: 'X', email: 'x@example.nl' },
    });
    const findings = checkEligibility(sebo, application).findings;
    const notEligible = sebo.flow!.notEligible;
    const grouped = findingsByRule(findings, notEligible.findingRules, notEligible.rule);
    expect(grouped.map((g) => g.rule)).toEqual(findingRuleIds(findings));
    expect(grouped.map((g) => g.rule)).toEqual(['SEBO-E1', 'SEBO-E2', 'SEBO-E3']);
    expect(grouped.every((g) => g.messages.length >= 1)).toBe(true);
    // A kind the definition does not name is cited under the fallback rule.
    expect(findingsByRule(findings, { affiliation: 'X-2' }, 'X-1').map((g) => g.rule)).toEqual(['X-1', 'X-2']);
    expect(findingsByRule(findings, undefined, undefined).map((g) => g.rule)).toEqual([undefined]);
  });
});
