// Input schemas shared by the admin command and the workflows: valid input passes, bad input is refused
// with every problem by path in plain language (never zod's own wording).
import { describe, expect, it } from '@jest/globals';
import {
  ApplicationSchema, InputError, parseOrThrow, parseWith, seboActions, SroiAwardSchema, type SeboActionName,
} from '../../domain';
import { seboApplication } from './fixtures/application';
import { thrownBy } from '../helpers/thrown';

const messages = (r: { ok: boolean; problems?: { path: string; message: string }[] }) =>
  (r.problems ?? []).map((p) => (p.path ? `${p.path}: ${p.message}` : p.message));

/** One valid example per SEBO action (the update argument). */
const examples: { [N in SeboActionName]: unknown } = {
  intakeRecorded: { at: '2026-01-12T10:00:00+01:00' },
  meetingOutcome: { at: '2026-02-10T18:00:00+01:00', meetingDate: '2026-02-10', outcome: 'approved' },
  documentsReceived: { at: '2026-02-20', documents: [{ id: 'kvk-extract', receivedAt: '2026-02-20', issuedOn: '2026-02-01' }] },
  auditPlanned: { at: '2026-02-25', auditAt: '2026-03-16T10:00:00+01:00', auditor: 'CI auditor' },
  auditDone: { at: '2026-03-16T12:00:00+01:00', shortcomings: 'minor', findings: '1.6 needs a monthly progress document' },
  supplementsReceived: { at: '2026-03-25', description: 'progress documents 2025' },
  supplementsDeadlineExtended: { at: '2026-03-27', until: '2026-04-10', reason: 'holiday' },
  reportAndAdvice: { at: '2026-04-10', advice: 'positive' },
  bothSidesHeard: { at: '2026-04-15' },
  decision: { at: '2026-04-20', outcome: 'granted', certificateNumber: 'SEBO-2026-014' },
  secondKeuringRequested: { at: '2026-05-01', causesRemoved: 'registered for On Stage' },
  suspend: { at: '2026-09-01', until: '2027-03-01', reason: 'criteria no longer met' },
  extendSuspension: { at: '2027-02-15', until: '2027-09-01', reason: 'reorganisation' },
  liftSuspension: { at: '2027-04-01' },
  withdraw: { at: '2027-09-02', ground: 'misuse-in-bad-faith', explanation: 'logo used after repeated notice' },
  criteriaPublished: { at: '2026-01-15', criteriaVersion: '2026-1', summary: 'programme list updated', bindingFrom: '2026-09-01' },
  holderObjects: { at: '2026-02-01', criteriaVersion: '2026-1' },
  yearlyConversationHeld: { at: '2027-06-20' },
  renewalStarted: { at: '2028-03-10' },
};

describe('SEBO human actions', () => {
  for (const name of Object.keys(seboActions) as SeboActionName[]) {
    it(`${name}: a valid action passes; an empty one is refused in plain language`, () => {
      expect(parseWith(seboActions[name], examples[name]).ok).toBe(true);
      const empty = parseWith(seboActions[name], {});
      expect(empty.ok).toBe(false);
      const lines = messages(empty);
      // lines.join('; ')
      expect(lines).toContain('at: is required');
      for (const line of lines) expect(line).not.toMatch(/Invalid input|received undefined|expected string/);
    });
  }

  it('every action refuses a date-time without an offset and an unknown field', () => {
    const r = parseWith(seboActions.auditPlanned, { at: '2026-02-25T10:00', auditAt: '2026-03-16T10:00:00+01:00', room: 'B' });
    expect(messages(r)).toStrictEqual([
      'at: expected a date (YYYY-MM-DD) or date-time with offset (2026-03-01T10:00:00+01:00), got "2026-02-25T10:00"',
      'unknown field "room"',
    ]);
  });

  it('a refused update gets one InputError listing every problem', () => {
    expect(thrownBy(() => parseOrThrow(seboActions.suspend, { at: '2026-09-01', until: 'soon' }, 'suspend'), InputError).message).toBe('invalid suspend: until: expected a date (YYYY-MM-DD) or date-time with offset (2026-03-01T10:00:00+01:00), got "soon"; reason: is required');
  });
});

describe('application and SROI award', () => {
  it('a complete application passes and gets its defaults', () => {
    const a = parseOrThrow(ApplicationSchema, seboApplication());
    expect(a.company.affiliation).toBe('none');
    expect(a.documents).toStrictEqual([]);
  });

  it('a wrong application lists every problem by path', () => {
    const r = parseWith(ApplicationSchema, {
      ...seboApplication(),
      kind: 'second',
      company: { ...seboApplication().company, kvkNumber: '1234', establishments: [], zzp: 'yes' },
      contact: { name: 'J. Jansen', email: 'jansen-at-example' },
    });
    expect(messages(r)).toStrictEqual([
      'kind: kind must be "first" or "renewal"',
      'company.kvkNumber: a KvK number has exactly 8 digits',
      'company.establishments: at least one establishment (municipality) is needed',
      'company.zzp: zzp must be true or false',
      'contact.email: expected an email address, got "jansen-at-example"',
    ]);
  });

  it('a zzp has no employees', () => {
    const r = parseWith(ApplicationSchema, { ...seboApplication({ company: { zzp: true } }), figures: { employees: 2, fte: 1, establishments: 1, internshipPlaces: 0, distanceToLabourMarket: 0, unpaidHoursPerYear: 90 } });
    expect(messages(r)).toStrictEqual(['figures.employees: a zzp (self-employed without staff) has 0 employees']);
  });

  it('SROI-1: an award on the wage sum needs the wage sum; amounts cannot be negative', () => {
    const award = {
      schemeId: 'sroi-amersfoort',
      contractReference: 'AMF-2026-031',
      awardedAt: '2026-03-24T16:00:00+01:00',
      contractor: { name: 'Bouwbedrijf Voorbeeld BV', kvkNumber: '87654321', contact: { name: 'P. de Vries', email: 'p.devries@example.nl' } },
      contractSum: 1_250_000,
    };
    const ok = parseOrThrow(SroiAwardSchema, award);
    expect(ok.basis).toBe('contract-sum');
    expect(messages(parseWith(SroiAwardSchema, { ...award, basis: 'wage-sum' }))).toStrictEqual(['wageSum: is required when basis is "wage-sum"']);
    expect(messages(parseWith(SroiAwardSchema, { ...award, contractSum: -5 }))).toStrictEqual(['contractSum: must not be negative']);
  });
});
