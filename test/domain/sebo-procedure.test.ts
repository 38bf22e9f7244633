// The SEBO clocks and procedure steps (seed 004, bijlage 2 keuringsprocedure and bijlage 3 reglement).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  auditDeadline, conversationsDue, criteriaChange, decisionDeadline, earliestNewKeuring, getScheme, isOnOrBefore, isValidAt,
  parseWith, renewalSchedule, reportDeadline, secondKeuringAllowed, seboActions, supplementsDeadline, suspensionLimit,
  suspensionRefusal, validity, deadlineFor,
} from '../../domain';

const sebo = getScheme('sebo');

describe('SEBO keuring clocks', () => {
  it('SEBO-T1: the procedure starts with an intake conversation, recorded with its moment', () => {
    assert.equal(sebo.procedure.intake, true);
    assert.equal(parseWith(seboActions.intakeRecorded, { at: '2026-01-12T10:00:00+01:00', by: 'accountmanager' }).ok, true);
    const bad = parseWith(seboActions.intakeRecorded, { at: 'yesterday' });
    assert.equal(bad.ok, false);
    assert.match(!bad.ok ? bad.problems[0].path + ': ' + bad.problems[0].message : '', /^at: expected a date/);
  });

  it('SEBO-T4: audit planned within 1 month of receiving the application; 31 January → end of 28 February', () => {
    const limit = auditDeadline(sebo, '2026-01-31T10:00:00+01:00');
    assert.equal(limit, '2026-02-28T23:59:59.999+01:00');
    assert.equal(isOnOrBefore('2026-02-28T18:00:00+01:00', limit), true);
    assert.equal(isOnOrBefore('2026-03-01T08:00:00+01:00', limit), false);
  });

  it('SEBO-T4: in a leap year 1 month after 31 January ends on 29 February', () => {
    assert.equal(auditDeadline(sebo, '2028-01-31T09:00:00+01:00'), '2028-02-29T23:59:59.999+01:00');
  });

  it('SEBO-T5: supplements within 2 weeks of the audit, across the DST change; the auditor may extend', () => {
    assert.equal(supplementsDeadline(sebo, '2026-03-16T14:00:00+01:00'), '2026-03-30T23:59:59.999+02:00');
    const ext = parseWith(seboActions.supplementsDeadlineExtended, { at: '2026-03-25T10:00:00+01:00', until: '2026-04-13', reason: 'auditor on leave' });
    assert.equal(ext.ok, true);
    assert.equal(parseWith(seboActions.supplementsDeadlineExtended, { at: '2026-03-25', until: '2026-04-13' }).ok, false);
  });

  it('SEBO-T6: report with advice within 4 weeks of the audit; a disagreement carries both views', () => {
    assert.equal(reportDeadline(sebo, '2026-03-16T14:00:00+01:00'), '2026-04-13T23:59:59.999+02:00');
    const report = parseWith(seboActions.reportAndAdvice, {
      at: '2026-04-10', advice: 'negative', unmetCriteria: ['3.1'],
      disagreement: { auditorView: 'no programme', applicantView: 'On Stage registration pending' },
    });
    assert.equal(report.ok, true);
    const half = parseWith(seboActions.reportAndAdvice, { at: '2026-04-10', advice: 'negative', disagreement: { auditorView: 'x' } });
    assert.deepEqual(!half.ok && half.problems.map((p) => `${p.path}: ${p.message}`), ['disagreement.applicantView: is required']);
  });

  it('SEBO-T7: decision within 2 weeks of receiving the report; rejection needs a reason', () => {
    assert.equal(decisionDeadline(sebo, '2026-04-10T16:00:00+02:00'), '2026-04-24T23:59:59.999+02:00');
    const rejected = parseWith(seboActions.decision, { at: '2026-04-20', outcome: 'rejected' });
    assert.deepEqual(!rejected.ok && rejected.problems, [{ path: 'reason', message: 'a reason is required when the application is rejected' }]);
    assert.equal(parseWith(seboActions.decision, { at: '2026-04-20', outcome: 'granted' }).ok, true);
    const wrong = parseWith(seboActions.decision, { at: '2026-04-20', outcome: 'approved' });
    assert.deepEqual(!wrong.ok && wrong.problems, [{ path: 'outcome', message: 'outcome must be "granted" or "rejected"' }]);
  });

  it('SEBO-T8: one second keuring after a rejection, once the applicant says the causes are removed', () => {
    assert.equal(secondKeuringAllowed(sebo, 0), true);
    assert.equal(secondKeuringAllowed(sebo, 1), false);
    assert.equal(parseWith(seboActions.secondKeuringRequested, { at: '2026-05-01', causesRemoved: 'joined On Stage' }).ok, true);
    assert.equal(parseWith(seboActions.secondKeuringRequested, { at: '2026-05-01', causesRemoved: '  ' }).ok, false);
  });

  it('SEBO-T9: after a second rejection a new keuring from the same date one year later (29 Feb → 28 Feb)', () => {
    assert.equal(earliestNewKeuring(sebo, '2026-05-10T15:00:00+02:00'), '2027-05-10T00:00:00.000+02:00');
    assert.equal(earliestNewKeuring(sebo, '2028-02-29T11:00:00+01:00'), '2029-02-28T00:00:00.000+01:00');
  });
});

describe('SEBO holder clocks', () => {
  const first = validity(sebo, { decidedAt: '2026-06-15T11:00:00+02:00', renewal: false });

  it('SEBO-T10: a certificate is valid 2 years from the decision day', () => {
    assert.deepEqual(first, { validFrom: '2026-06-15T00:00:00.000+02:00', expiresAt: '2028-06-15T00:00:00.000+02:00' });
  });

  it('SEBO-T10: a renewal decided before expiry continues from the old expiry; after a lapse it runs from the decision', () => {
    assert.deepEqual(validity(sebo, { decidedAt: '2028-05-02T10:00:00+02:00', renewal: true, previousExpiresAt: first.expiresAt }), {
      validFrom: '2028-06-15T00:00:00.000+02:00',
      expiresAt: '2030-06-15T00:00:00.000+02:00',
    });
    assert.deepEqual(validity(sebo, { decidedAt: '2028-07-01T10:00:00+02:00', renewal: true, previousExpiresAt: first.expiresAt }), {
      validFrom: '2028-07-01T00:00:00.000+02:00',
      expiresAt: '2030-07-01T00:00:00.000+02:00',
    });
  });

  it('SEBO-T10: a certificate granted on 29 February 2028 expires on 28 February 2030', () => {
    assert.equal(validity(sebo, { decidedAt: '2028-02-29T12:00:00+01:00', renewal: false }).expiresAt, '2030-02-28T00:00:00.000+01:00');
  });

  it('SEBO-T11: one yearly SEBO conversation due within a 2-year validity', () => {
    assert.deepEqual(conversationsDue(sebo, first), ['2027-06-15T00:00:00.000+02:00']);
    assert.equal(parseWith(seboActions.yearlyConversationHeld, { at: '2027-06-20' }).ok, true);
  });

  it('SEBO-T12: remind holder and CI 3 months before expiry, escalate 2 months before (offsets cross DST)', () => {
    assert.deepEqual(renewalSchedule(sebo, first.expiresAt), {
      remindAt: '2028-03-15T00:00:00.000+01:00',
      escalateAt: '2028-04-15T00:00:00.000+02:00',
    });
    assert.equal(parseWith(seboActions.renewalStarted, { at: '2028-03-20' }).ok, true);
  });

  it('SEBO-T12: expiry on 31 May → reminder on the last day of February', () => {
    assert.equal(renewalSchedule(sebo, '2027-05-31T00:00:00+02:00').remindAt, '2027-02-28T00:00:00.000+01:00');
  });

  it('SEBO-T13: valid through the last day; lapsed from the expiry instant on', () => {
    assert.equal(isValidAt(first, '2028-06-14T23:59:59.999+02:00'), true);
    assert.equal(isValidAt(first, '2028-06-15T00:00:00+02:00'), false);
    assert.equal(isValidAt(first, '2026-06-14T23:59:59+02:00'), false);
  });
});

describe('SEBO reglement', () => {
  it('SEBO-R1: changed criteria bind at least 6 months after the notice; objectors keep the old ones at most 1 year', () => {
    assert.deepEqual(criteriaChange(sebo, '2026-01-15T09:00:00+01:00'), {
      bindingFrom: '2026-07-15T00:00:00.000+02:00',
      oldCriteriaUntil: '2027-01-15T23:59:59.999+01:00',
    });
    assert.equal(criteriaChange(sebo, '2026-01-15', '2026-03-01').bindingFrom, '2026-07-15T00:00:00.000+02:00');
    assert.equal(criteriaChange(sebo, '2026-01-15', '2026-09-01').bindingFrom, '2026-09-01T00:00:00.000+02:00');
    assert.equal(parseWith(seboActions.criteriaPublished, { at: '2026-01-15', criteriaVersion: '2026-1', summary: 'new 3.1 list' }).ok, true);
    assert.equal(parseWith(seboActions.holderObjects, { at: '2026-02-01', criteriaVersion: '2026-1' }).ok, true);
  });

  it('SEBO-R2: a suspension lasts at most 6 months; the last day is allowed, the next is refused', () => {
    assert.equal(suspensionLimit(sebo, '2026-02-01T10:00:00+01:00'), '2026-08-01T23:59:59.999+02:00');
    const base = { suspendedAt: '2026-02-01T10:00:00+01:00', extending: false, extensionsUsed: 0 };
    assert.equal(suspensionRefusal(sebo, { ...base, until: '2026-08-01T12:00:00+02:00' }), undefined);
    assert.match(suspensionRefusal(sebo, { ...base, until: '2026-08-02T00:00:00+02:00' }) ?? '', /at most P6M: it must end by 2026-08-01T23:59:59.999\+02:00/);
    assert.match(suspensionRefusal(sebo, { ...base, until: '2026-01-31' }) ?? '', /must be after its start/);
  });

  it('SEBO-R2: the suspension can be extended once by at most 6 months, not twice', () => {
    assert.equal(suspensionLimit(sebo, '2026-02-01T10:00:00+01:00', true), '2027-02-01T23:59:59.999+01:00');
    const ext = { suspendedAt: '2026-02-01T10:00:00+01:00', extending: true };
    assert.equal(suspensionRefusal(sebo, { ...ext, extensionsUsed: 0, until: '2027-02-01T20:00:00+01:00' }), undefined);
    assert.match(suspensionRefusal(sebo, { ...ext, extensionsUsed: 0, until: '2027-02-02' }) ?? '', /P6M plus one extension of at most P6M/);
    assert.equal(suspensionRefusal(sebo, { ...ext, extensionsUsed: 1, until: '2026-12-01' }), 'a suspension can be extended only once');
    const own = parseWith(seboActions.suspend, { at: '2026-02-01', until: '2026-05-01', reason: 'reorganisation', requestedByHolder: true });
    assert.equal(own.ok && own.value.requestedByHolder, true);
  });

  it('SEBO-R3: withdrawal only on a reglement ground, with an explanation', () => {
    assert.equal(parseWith(seboActions.withdraw, { at: '2026-09-01', ground: 'suspension-terms-not-met', explanation: 'cause not removed' }).ok, true);
    const bad = parseWith(seboActions.withdraw, { at: '2026-09-01', ground: 'late payment' });
    assert.deepEqual(!bad.ok && bad.problems.map((p) => p.path), ['ground', 'explanation']);
    assert.match(!bad.ok ? bad.problems[0].message : '', /ground must be "suspension-terms-not-met", "misuse-in-bad-faith" or "false-impression"/);
  });

  it('SEBO-R4: the dispute route (WSP advice, committee of 3) is part of the scheme definition', () => {
    assert.ok(sebo.rules.includes('SEBO-R4'));
    assert.ok(sebo.notes.some((n) => n.includes('SEBO-R4') && /Geschillencommissie van 3/.test(n)));
  });

  it('SEBO-R5: confidentiality is recorded and actions carry no personal data beyond who recorded them', () => {
    assert.ok(sebo.notes.some((n) => n.includes('SEBO-R5')));
    const unknown = parseWith(seboActions.auditDone, { at: '2026-03-16', shortcomings: 'none', applicantBsn: '123456789' });
    assert.deepEqual(!unknown.ok && unknown.problems, [{ path: '', message: 'unknown field "applicantBsn"' }]);
  });

  it('SEBO-R6: the list of holders is published (recorded in the definition)', () => {
    assert.ok(sebo.rules.includes('SEBO-R6'));
    assert.ok(sebo.notes.some((n) => n.includes('SEBO-R6') && n.includes('www.zoetermeer.nl')));
  });

  it('generic deadlineFor refuses a period the scheme does not have', () => {
    assert.throws(() => deadlineFor(getScheme('mvs'), 'auditWithin', '2026-01-01'), /scheme "mvs" has no period "auditWithin"/);
  });
});
