// Who may apply (SEBO-E1..E3, SEBO-A1, WP-3) and the documents with their age (SEBO-D1, SEBO-T3).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ApplicationSchema, checkDocuments, checkEligibility, documentFresh, getScheme, lookBackSatisfied, parseOrThrow, parseWith, seboActions } from '../../domain';
import { seboApplication } from './fixtures/application';

const sebo = getScheme('sebo');
const app = (o: Parameters<typeof seboApplication>[0] = {}) => parseOrThrow(ApplicationSchema, seboApplication(o));

describe('eligibility', () => {
  it('a company with an establishment in Zoetermeer and years of history is eligible for SEBO', () => {
    assert.deepEqual(checkEligibility(sebo, app()), { eligible: true, findings: [], alternatives: [] });
  });

  it('SEBO-E1: without an establishment in Zoetermeer the application is not eligible (case and spaces ignored)', () => {
    const r = checkEligibility(sebo, app({ company: { establishments: ['Delft', 'Den Haag'] } }));
    assert.equal(r.eligible, false);
    assert.deepEqual(r.findings, [{ kind: 'establishment', message: 'needs an establishment in Zoetermeer' }]);
    assert.equal(checkEligibility(sebo, app({ company: { establishments: ['Delft', ' zoetermeer '] } })).eligible, true);
  });

  it('SEBO-E1: a zzp (self-employed without staff) may apply for SEBO', () => {
    assert.equal(checkEligibility(sebo, app({ company: { zzp: true } })).eligible, true);
  });

  it('SEBO-E2: a municipal entity or subsidised foundation cannot get SEBO and is pointed to the ambassadorship', () => {
    for (const affiliation of ['municipal-entity', 'subsidised-foundation'] as const) {
      const r = checkEligibility(sebo, app({ company: { affiliation } }));
      assert.equal(r.eligible, false);
      assert.deepEqual(r.alternatives, ['sebo-ambassadeur']);
      assert.match(r.findings[0].message, /may apply for sebo-ambassadeur/);
    }
  });

  it('SEBO-A1: the ambassadorship is only for municipal entities and subsidised foundations', () => {
    const amb = getScheme('sebo-ambassadeur');
    assert.equal(checkEligibility(amb, app({ schemeId: 'sebo-ambassadeur', company: { affiliation: 'subsidised-foundation' } })).eligible, true);
    const company = checkEligibility(amb, app({ schemeId: 'sebo-ambassadeur' }));
    assert.deepEqual(company.findings.map((f) => f.kind), ['affiliation']);
  });

  it('SEBO-E3: a first application needs 1 year to look back on, to the day', () => {
    assert.equal(lookBackSatisfied(sebo, '2025-03-02', '2026-03-02T00:00:00+01:00', false), true);
    assert.equal(lookBackSatisfied(sebo, '2025-03-02', '2026-03-01T23:59:59+01:00', false), false);
    const r = checkEligibility(sebo, app({ company: { activeSince: '2025-06-01' } }));
    assert.deepEqual(r.findings, [{ kind: 'look-back', message: 'needs P1Y of history to look back on (active since 2025-06-01)' }]);
  });

  it('SEBO-E3: a re-keuring needs 2 years to look back on', () => {
    const submittedAt = '2026-03-02T09:00:00+01:00';
    assert.equal(checkEligibility(sebo, app({ kind: 'renewal', submittedAt, company: { activeSince: '2024-03-03' } })).eligible, false);
    assert.equal(checkEligibility(sebo, app({ kind: 'renewal', submittedAt, company: { activeSince: '2024-03-02' } })).eligible, true);
  });

  it('SEBO-E3: a company started on 29 February 2024 has its first year on 28 February 2025', () => {
    assert.equal(lookBackSatisfied(sebo, '2024-02-29', '2025-02-28T00:00:00+01:00', false), true);
    assert.equal(lookBackSatisfied(sebo, '2024-02-29', '2025-02-27T23:59:59+01:00', false), false);
  });

  it('WP-3: a government-funded reintegration company cannot get the Werkpakt-keurmerk; integrity is screened', () => {
    const wp = getScheme('werkpakt');
    const r = checkEligibility(wp, app({ schemeId: 'werkpakt', company: { affiliation: 'reintegration-company', establishments: ['Enschede'] } }));
    assert.deepEqual(r.findings.map((f) => f.kind), ['affiliation']);
    assert.deepEqual(r.alternatives, []);
    assert.equal(wp.eligibility.integrityScreening, true);
    assert.equal(checkEligibility(wp, app({ schemeId: 'werkpakt', company: { establishments: ['Enschede'] } })).eligible, true);
  });
});

describe('documents', () => {
  const all = sebo.documents.map((d) => ({ id: d.id, receivedAt: '2026-03-02T09:00:00+01:00', ...(d.id === 'kvk-extract' ? { issuedOn: '2025-03-02' } : {}) }));

  it('SEBO-D1: eight documents go with a SEBO application', () => {
    assert.equal(sebo.documents.length, 8);
    assert.deepEqual(checkDocuments(sebo, all, '2026-03-02T09:00:00+01:00'), []);
  });

  it('SEBO-D1: a KvK extract of exactly one year old is accepted; one day older is refused', () => {
    assert.equal(documentFresh('P1Y', '2025-03-02', '2026-03-02T23:00:00+01:00'), true);
    assert.equal(documentFresh('P1Y', '2025-03-01', '2026-03-02T09:00:00+01:00'), false);
    const old = all.map((d) => (d.id === 'kvk-extract' ? { ...d, issuedOn: '2025-03-01' } : d));
    assert.deepEqual(checkDocuments(sebo, old, '2026-03-02T09:00:00+01:00'), [
      { kind: 'document-too-old', message: 'document "kvk-extract" of 2025-03-01 is older than P1Y allows' },
    ]);
  });

  it('SEBO-D1: a KvK extract dated 29 February is still fresh on 28 February a year later', () => {
    assert.equal(documentFresh('P1Y', '2024-02-29', '2025-02-28T12:00:00+01:00'), true);
    assert.equal(documentFresh('P1Y', '2024-02-29', '2025-03-01T12:00:00+01:00'), false);
  });

  it('SEBO-D1: a KvK extract without its date cannot be checked and is reported', () => {
    const undated = all.map((d) => (d.id === 'kvk-extract' ? { id: d.id, receivedAt: d.receivedAt } : d));
    assert.match(checkDocuments(sebo, undated, '2026-03-02')[0].message, /needs the date on the document \(issuedOn\)/);
  });

  it('SEBO-T3: after the members\' approval the applicant sends all documents; missing ones are listed by id', () => {
    const some = all.filter((d) => d.id !== 'plan-of-approach' && d.id !== 'unpaid-hours');
    assert.deepEqual(checkDocuments(sebo, some, '2026-03-02').map((f) => f.message), [
      'missing document "plan-of-approach" (Plan van aanpak met de accountmanager WSP ZHC)',
      'missing document "unpaid-hours" (Overzicht uren onbezoldigde inzet voor Zoetermeerse doelen)',
    ]);
    const received = parseWith(seboActions.documentsReceived, { at: '2026-06-20', documents: [{ id: 'kvk-extract', receivedAt: '2026-06-20', issuedOn: '2026-06-01' }] });
    assert.equal(received.ok, true);
    const none = parseWith(seboActions.documentsReceived, { at: '2026-06-20', documents: [] });
    assert.deepEqual(!none.ok && none.problems, [{ path: 'documents', message: 'name at least one document' }]);
  });
});
