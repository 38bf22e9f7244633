// Who may apply (SEBO-E1..E3, SEBO-A1, WP-3) and the documents with their age (SEBO-D1, SEBO-T3).
import { describe, expect, it } from '@jest/globals';
import { ApplicationSchema, checkDocuments, checkEligibility, documentFresh, getScheme, lookBackSatisfied, parseOrThrow, parseWith, seboActions } from '../../domain';
import { seboApplication } from './fixtures/application';

const sebo = getScheme('sebo');
const app = (o: Parameters<typeof seboApplication>[0] = {}) => parseOrThrow(ApplicationSchema, seboApplication(o));

describe('eligibility', () => {
  it('a company with an establishment in Zoetermeer and years of history is eligible for SEBO', () => {
    expect(checkEligibility(sebo, app())).toStrictEqual({ eligible: true, findings: [], alternatives: [] });
  });

  it('SEBO-E1: without an establishment in Zoetermeer the application is not eligible (case and spaces ignored)', () => {
    const r = checkEligibility(sebo, app({ company: { establishments: ['Delft', 'Den Haag'] } }));
    expect(r.eligible).toBe(false);
    expect(r.findings).toStrictEqual([{ kind: 'establishment', message: 'needs an establishment in Zoetermeer' }]);
    expect(checkEligibility(sebo, app({ company: { establishments: ['Delft', ' zoetermeer '] } })).eligible).toBe(true);
  });

  it('SEBO-E1: a zzp (self-employed without staff) may apply for SEBO', () => {
    expect(checkEligibility(sebo, app({ company: { zzp: true } })).eligible).toBe(true);
  });

  it('SEBO-E2: a municipal entity or subsidised foundation cannot get SEBO and is pointed to the ambassadorship', () => {
    for (const affiliation of ['municipal-entity', 'subsidised-foundation'] as const) {
      const r = checkEligibility(sebo, app({ company: { affiliation } }));
      expect(r.eligible).toBe(false);
      expect(r.alternatives).toStrictEqual(['sebo-ambassadeur']);
      expect(r.findings[0].message).toMatch(/may apply for sebo-ambassadeur/);
    }
  });

  it('SEBO-A1: the ambassadorship is only for municipal entities and subsidised foundations', () => {
    const amb = getScheme('sebo-ambassadeur');
    expect(checkEligibility(amb, app({ schemeId: 'sebo-ambassadeur', company: { affiliation: 'subsidised-foundation' } })).eligible).toBe(true);
    const company = checkEligibility(amb, app({ schemeId: 'sebo-ambassadeur' }));
    expect(company.findings.map((f) => f.kind)).toStrictEqual(['affiliation']);
  });

  it('SEBO-E3: a first application needs 1 year to look back on, to the day', () => {
    expect(lookBackSatisfied(sebo, '2025-03-02', '2026-03-02T00:00:00+01:00', false)).toBe(true);
    expect(lookBackSatisfied(sebo, '2025-03-02', '2026-03-01T23:59:59+01:00', false)).toBe(false);
    const r = checkEligibility(sebo, app({ company: { activeSince: '2025-06-01' } }));
    expect(r.findings).toStrictEqual([{ kind: 'look-back', message: 'needs P1Y of history to look back on (active since 2025-06-01)' }]);
  });

  it('SEBO-E3: a re-keuring needs 2 years to look back on', () => {
    const submittedAt = '2026-03-02T09:00:00+01:00';
    expect(checkEligibility(sebo, app({ kind: 'renewal', submittedAt, company: { activeSince: '2024-03-03' } })).eligible).toBe(false);
    expect(checkEligibility(sebo, app({ kind: 'renewal', submittedAt, company: { activeSince: '2024-03-02' } })).eligible).toBe(true);
  });

  it('SEBO-E3: a company started on 29 February 2024 has its first year on 28 February 2025', () => {
    expect(lookBackSatisfied(sebo, '2024-02-29', '2025-02-28T00:00:00+01:00', false)).toBe(true);
    expect(lookBackSatisfied(sebo, '2024-02-29', '2025-02-27T23:59:59+01:00', false)).toBe(false);
  });

  it('WP-3: a government-funded reintegration company cannot get the Werkpakt-keurmerk; integrity is screened', () => {
    const wp = getScheme('werkpakt');
    const r = checkEligibility(wp, app({ schemeId: 'werkpakt', company: { affiliation: 'reintegration-company', establishments: ['Enschede'] } }));
    expect(r.findings.map((f) => f.kind)).toStrictEqual(['affiliation']);
    expect(r.alternatives).toStrictEqual([]);
    expect(wp.eligibility.integrityScreening).toBe(true);
    expect(checkEligibility(wp, app({ schemeId: 'werkpakt', company: { establishments: ['Enschede'] } })).eligible).toBe(true);
  });
});

describe('documents', () => {
  const all = sebo.documents.map((d) => ({ id: d.id, receivedAt: '2026-03-02T09:00:00+01:00', ...(d.id === 'kvk-extract' ? { issuedOn: '2025-03-02' } : {}) }));

  it('SEBO-D1: eight documents go with a SEBO application', () => {
    expect(sebo.documents.length).toBe(8);
    expect(checkDocuments(sebo, all, '2026-03-02T09:00:00+01:00')).toStrictEqual([]);
  });

  it('SEBO-D1: a KvK extract of exactly one year old is accepted; one day older is refused', () => {
    expect(documentFresh('P1Y', '2025-03-02', '2026-03-02T23:00:00+01:00')).toBe(true);
    expect(documentFresh('P1Y', '2025-03-01', '2026-03-02T09:00:00+01:00')).toBe(false);
    const old = all.map((d) => (d.id === 'kvk-extract' ? { ...d, issuedOn: '2025-03-01' } : d));
    expect(checkDocuments(sebo, old, '2026-03-02T09:00:00+01:00')).toStrictEqual([
      { kind: 'document-too-old', message: 'document "kvk-extract" of 2025-03-01 is older than P1Y allows' },
    ]);
  });

  it('SEBO-D1: a KvK extract dated 29 February is still fresh on 28 February a year later', () => {
    expect(documentFresh('P1Y', '2024-02-29', '2025-02-28T12:00:00+01:00')).toBe(true);
    expect(documentFresh('P1Y', '2024-02-29', '2025-03-01T12:00:00+01:00')).toBe(false);
  });

  it('SEBO-D1: a KvK extract without its date cannot be checked and is reported', () => {
    const undated = all.map((d) => (d.id === 'kvk-extract' ? { id: d.id, receivedAt: d.receivedAt } : d));
    expect(checkDocuments(sebo, undated, '2026-03-02')[0].message).toMatch(/needs the date on the document \(issuedOn\)/);
  });

  it('SEBO-T3: after the members\' approval the applicant sends all documents; missing ones are listed by id', () => {
    const some = all.filter((d) => d.id !== 'plan-of-approach' && d.id !== 'unpaid-hours');
    expect(checkDocuments(sebo, some, '2026-03-02').map((f) => f.message)).toStrictEqual([
      'missing document "plan-of-approach" (Plan van aanpak met de accountmanager WSP ZHC)',
      'missing document "unpaid-hours" (Overzicht uren onbezoldigde inzet voor Zoetermeerse doelen)',
    ]);
    const received = parseWith(seboActions.documentsReceived, { at: '2026-06-20', documents: [{ id: 'kvk-extract', receivedAt: '2026-06-20', issuedOn: '2026-06-01' }] });
    expect(received.ok).toBe(true);
    const none = parseWith(seboActions.documentsReceived, { at: '2026-06-20', documents: [] });
    expect(!none.ok && none.problems).toStrictEqual([{ path: 'documents', message: 'name at least one document' }]);
  });
});
