// The SEBO clocks and procedure steps (seed 004, bijlage 2 keuringsprocedure and bijlage 3 reglement).
import { describe, expect, it } from '@jest/globals';
import {
  auditDeadline, conversationsDue, criteriaChange, decisionDeadline, earliestNewKeuring, getScheme, isOnOrBefore, isValidAt,
  parseWith, renewalSchedule, reportDeadline, secondKeuringAllowed, seboActions, supplementsDeadline, suspensionLimit,
  suspensionRefusal, validity, deadlineFor,
} from '../../domain';

const sebo = getScheme('sebo');

describe('SEBO keuring clocks', () => {
  it('SEBO-T1: the procedure starts with an intake conversation, recorded with its moment', () => {
    expect(sebo.procedure.intake).toBe(true);
    expect(parseWith(seboActions.intakeRecorded, { at: '2026-01-12T10:00:00+01:00', by: 'accountmanager' }).ok).toBe(true);
    const bad = parseWith(seboActions.intakeRecorded, { at: 'yesterday' });
    expect(bad.ok).toBe(false);
    expect(!bad.ok ? bad.problems[0].path + ': ' + bad.problems[0].message : '').toMatch(/^at: expected a date/);
  });

  it('SEBO-T4: audit planned within 1 month of receiving the application; 31 January → end of 28 February', () => {
    const limit = auditDeadline(sebo, '2026-01-31T10:00:00+01:00');
    expect(limit).toBe('2026-02-28T23:59:59.999+01:00');
    expect(isOnOrBefore('2026-02-28T18:00:00+01:00', limit)).toBe(true);
    expect(isOnOrBefore('2026-03-01T08:00:00+01:00', limit)).toBe(false);
  });

  it('SEBO-T4: in a leap year 1 month after 31 January ends on 29 February', () => {
    expect(auditDeadline(sebo, '2028-01-31T09:00:00+01:00')).toBe('2028-02-29T23:59:59.999+01:00');
  });

  it('SEBO-T5: supplements within 2 weeks of the audit, across the DST change; the auditor may extend', () => {
    expect(supplementsDeadline(sebo, '2026-03-16T14:00:00+01:00')).toBe('2026-03-30T23:59:59.999+02:00');
    const ext = parseWith(seboActions.supplementsDeadlineExtended, { at: '2026-03-25T10:00:00+01:00', until: '2026-04-13', reason: 'auditor on leave' });
    expect(ext.ok).toBe(true);
    expect(parseWith(seboActions.supplementsDeadlineExtended, { at: '2026-03-25', until: '2026-04-13' }).ok).toBe(false);
  });

  it('SEBO-T6: report with advice within 4 weeks of the audit; a disagreement carries both views', () => {
    expect(reportDeadline(sebo, '2026-03-16T14:00:00+01:00')).toBe('2026-04-13T23:59:59.999+02:00');
    const report = parseWith(seboActions.reportAndAdvice, {
      at: '2026-04-10', advice: 'negative', unmetCriteria: ['3.1'],
      disagreement: { auditorView: 'no programme', applicantView: 'On Stage registration pending' },
    });
    expect(report.ok).toBe(true);
    const half = parseWith(seboActions.reportAndAdvice, { at: '2026-04-10', advice: 'negative', disagreement: { auditorView: 'x' } });
    expect(!half.ok && half.problems.map((p) => `${p.path}: ${p.message}`)).toStrictEqual(['disagreement.applicantView: is required']);
  });

  it('SEBO-T7: decision within 2 weeks of receiving the report; rejection needs a reason', () => {
    expect(decisionDeadline(sebo, '2026-04-10T16:00:00+02:00')).toBe('2026-04-24T23:59:59.999+02:00');
    const rejected = parseWith(seboActions.decision, { at: '2026-04-20', outcome: 'rejected' });
    expect(!rejected.ok && rejected.problems).toStrictEqual([{ path: 'reason', message: 'a reason is required when the application is rejected' }]);
    expect(parseWith(seboActions.decision, { at: '2026-04-20', outcome: 'granted' }).ok).toBe(true);
    const wrong = parseWith(seboActions.decision, { at: '2026-04-20', outcome: 'approved' });
    expect(!wrong.ok && wrong.problems).toStrictEqual([{ path: 'outcome', message: 'outcome must be "granted" or "rejected"' }]);
  });

  it('SEBO-T8: one second keuring after a rejection, once the applicant says the causes are removed', () => {
    expect(secondKeuringAllowed(sebo, 0)).toBe(true);
    expect(secondKeuringAllowed(sebo, 1)).toBe(false);
    expect(parseWith(seboActions.secondKeuringRequested, { at: '2026-05-01', causesRemoved: 'joined On Stage' }).ok).toBe(true);
    expect(parseWith(seboActions.secondKeuringRequested, { at: '2026-05-01', causesRemoved: '  ' }).ok).toBe(false);
  });

  it('SEBO-T9: after a second rejection a new keuring from the same date one year later (29 Feb → 28 Feb)', () => {
    expect(earliestNewKeuring(sebo, '2026-05-10T15:00:00+02:00')).toBe('2027-05-10T00:00:00.000+02:00');
    expect(earliestNewKeuring(sebo, '2028-02-29T11:00:00+01:00')).toBe('2029-02-28T00:00:00.000+01:00');
  });
});

describe('SEBO holder clocks', () => {
  const first = validity(sebo, { decidedAt: '2026-06-15T11:00:00+02:00', renewal: false });

  it('SEBO-T10: a certificate is valid 2 years from the decision day', () => {
    expect(first).toStrictEqual({ validFrom: '2026-06-15T00:00:00.000+02:00', expiresAt: '2028-06-15T00:00:00.000+02:00' });
  });

  it('SEBO-T10: a renewal decided before expiry continues from the old expiry; after a lapse it runs from the decision', () => {
    expect(validity(sebo, { decidedAt: '2028-05-02T10:00:00+02:00', renewal: true, previousExpiresAt: first.expiresAt })).toStrictEqual({
      validFrom: '2028-06-15T00:00:00.000+02:00',
      expiresAt: '2030-06-15T00:00:00.000+02:00',
    });
    expect(validity(sebo, { decidedAt: '2028-07-01T10:00:00+02:00', renewal: true, previousExpiresAt: first.expiresAt })).toStrictEqual({
      validFrom: '2028-07-01T00:00:00.000+02:00',
      expiresAt: '2030-07-01T00:00:00.000+02:00',
    });
  });

  it('SEBO-T10: a certificate granted on 29 February 2028 expires on 28 February 2030', () => {
    expect(validity(sebo, { decidedAt: '2028-02-29T12:00:00+01:00', renewal: false }).expiresAt).toBe('2030-02-28T00:00:00.000+01:00');
  });

  it('SEBO-T11: one yearly SEBO conversation due within a 2-year validity', () => {
    expect(conversationsDue(sebo, first)).toStrictEqual(['2027-06-15T00:00:00.000+02:00']);
    expect(parseWith(seboActions.yearlyConversationHeld, { at: '2027-06-20' }).ok).toBe(true);
  });

  it('SEBO-T12: remind holder and CI 3 months before expiry, escalate 2 months before (offsets cross DST)', () => {
    expect(renewalSchedule(sebo, first.expiresAt)).toStrictEqual({
      remindAt: '2028-03-15T00:00:00.000+01:00',
      escalateAt: '2028-04-15T00:00:00.000+02:00',
    });
    expect(parseWith(seboActions.renewalStarted, { at: '2028-03-20' }).ok).toBe(true);
  });

  it('SEBO-T12: expiry on 31 May → reminder on the last day of February', () => {
    expect(renewalSchedule(sebo, '2027-05-31T00:00:00+02:00').remindAt).toBe('2027-02-28T00:00:00.000+01:00');
  });

  it('SEBO-T13: valid through the last day; lapsed from the expiry instant on', () => {
    expect(isValidAt(first, '2028-06-14T23:59:59.999+02:00')).toBe(true);
    expect(isValidAt(first, '2028-06-15T00:00:00+02:00')).toBe(false);
    expect(isValidAt(first, '2026-06-14T23:59:59+02:00')).toBe(false);
  });
});

describe('SEBO reglement', () => {
  it('SEBO-R1: changed criteria bind at least 6 months after the notice; objectors keep the old ones at most 1 year', () => {
    expect(criteriaChange(sebo, '2026-01-15T09:00:00+01:00')).toStrictEqual({
      bindingFrom: '2026-07-15T00:00:00.000+02:00',
      oldCriteriaUntil: '2027-01-15T23:59:59.999+01:00',
    });
    expect(criteriaChange(sebo, '2026-01-15', '2026-03-01').bindingFrom).toBe('2026-07-15T00:00:00.000+02:00');
    expect(criteriaChange(sebo, '2026-01-15', '2026-09-01').bindingFrom).toBe('2026-09-01T00:00:00.000+02:00');
    expect(parseWith(seboActions.criteriaPublished, { at: '2026-01-15', criteriaVersion: '2026-1', summary: 'new 3.1 list' }).ok).toBe(true);
    expect(parseWith(seboActions.holderObjects, { at: '2026-02-01', criteriaVersion: '2026-1' }).ok).toBe(true);
  });

  it('SEBO-R2: a suspension lasts at most 6 months; the last day is allowed, the next is refused', () => {
    expect(suspensionLimit(sebo, '2026-02-01T10:00:00+01:00')).toBe('2026-08-01T23:59:59.999+02:00');
    const base = { suspendedAt: '2026-02-01T10:00:00+01:00', extending: false, extensionsUsed: 0 };
    expect(suspensionRefusal(sebo, { ...base, until: '2026-08-01T12:00:00+02:00' })).toBeUndefined();
    expect(suspensionRefusal(sebo, { ...base, until: '2026-08-02T00:00:00+02:00' }) ?? '').toMatch(/at most P6M: it must end by 2026-08-01T23:59:59.999\+02:00/);
    expect(suspensionRefusal(sebo, { ...base, until: '2026-01-31' }) ?? '').toMatch(/must be after its start/);
  });

  it('SEBO-R2: the suspension can be extended once by at most 6 months, not twice', () => {
    expect(suspensionLimit(sebo, '2026-02-01T10:00:00+01:00', true)).toBe('2027-02-01T23:59:59.999+01:00');
    const ext = { suspendedAt: '2026-02-01T10:00:00+01:00', extending: true };
    expect(suspensionRefusal(sebo, { ...ext, extensionsUsed: 0, until: '2027-02-01T20:00:00+01:00' })).toBeUndefined();
    expect(suspensionRefusal(sebo, { ...ext, extensionsUsed: 0, until: '2027-02-02' }) ?? '').toMatch(/P6M plus one extension of at most P6M/);
    expect(suspensionRefusal(sebo, { ...ext, extensionsUsed: 1, until: '2026-12-01' })).toBe('a suspension can be extended only once');
    const own = parseWith(seboActions.suspend, { at: '2026-02-01', until: '2026-05-01', reason: 'reorganisation', requestedByHolder: true });
    expect(own.ok && own.value.requestedByHolder).toBe(true);
  });

  it('SEBO-R3: withdrawal only on a reglement ground, with an explanation', () => {
    expect(parseWith(seboActions.withdraw, { at: '2026-09-01', ground: 'suspension-terms-not-met', explanation: 'cause not removed' }).ok).toBe(true);
    const bad = parseWith(seboActions.withdraw, { at: '2026-09-01', ground: 'late payment' });
    expect(!bad.ok && bad.problems.map((p) => p.path)).toStrictEqual(['ground', 'explanation']);
    expect(!bad.ok ? bad.problems[0].message : '').toMatch(/ground must be "suspension-terms-not-met", "misuse-in-bad-faith" or "false-impression"/);
  });

  it('SEBO-R4: the dispute route (WSP advice, committee of 3) is part of the scheme definition', () => {
    expect(sebo.rules).toContain('SEBO-R4');
    expect(sebo.notes.some((n) => n.includes('SEBO-R4') && /Geschillencommissie van 3/.test(n))).toBeTruthy();
  });

  it('SEBO-R5: confidentiality is recorded and actions carry no personal data beyond who recorded them', () => {
    expect(sebo.notes).toContainEqual(expect.stringContaining('SEBO-R5'));
    const unknown = parseWith(seboActions.auditDone, { at: '2026-03-16', shortcomings: 'none', applicantBsn: '123456789' });
    expect(!unknown.ok && unknown.problems).toStrictEqual([{ path: '', message: 'unknown field "applicantBsn"' }]);
  });

  it('SEBO-R6: the list of holders is published (recorded in the definition)', () => {
    expect(sebo.rules).toContain('SEBO-R6');
    expect(sebo.notes.some((n) => n.includes('SEBO-R6') && n.includes('www.zoetermeer.nl'))).toBeTruthy();
  });

  it('generic deadlineFor refuses a period the scheme does not have', () => {
    expect(() => deadlineFor(getScheme('mvs'), 'auditWithin', '2026-01-01')).toThrow(/scheme "mvs" has no period "auditWithin"/);
  });
});
