// The built-in catalogue: every scheme's numbers as DOMAIN.md states them.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  builtInSchemes, certificateDeadline, contactDeadline, decisionDeadline, getScheme, planApprovalDeadline, renewalSchedule, validity,
} from '../../domain';

describe('built-in catalogue', () => {
  it('holds SEBO, the ambassadorship, Werkpakt, MVS, PSO and SROI Amersfoort', () => {
    assert.deepEqual(builtInSchemes.map((s) => s.id), ['sebo', 'sebo-ambassadeur', 'werkpakt', 'mvs', 'pso', 'sroi-amersfoort']);
  });

  it('getScheme names the known schemes when the id is unknown; a loaded definition wins over a built-in', () => {
    assert.throws(() => getScheme('seb0'), /unknown scheme "seb0"; known schemes: .*sebo, sebo-ambassadeur, werkpakt, mvs, pso, sroi-amersfoort/);
    const own = { ...getScheme('sebo'), name: 'SEBO-Keurmerk (eigen variant)' };
    assert.equal(getScheme('sebo', [own]).name, 'SEBO-Keurmerk (eigen variant)');
  });

  it('every seed gap is a recorded decision with a reason', () => {
    for (const s of builtInSchemes) {
      assert.ok(s.decisions.length > 0, `${s.id} records its decisions`);
      for (const d of s.decisions) assert.ok(d.why.length > 20, `${s.id}: ${d.about} says why`);
    }
  });
});

describe('Werkpakt', () => {
  const wp = getScheme('werkpakt');

  it('WP-4: decision within 6 weeks of the application', () => {
    assert.equal(decisionDeadline(wp, '2026-02-16T11:00:00+01:00'), '2026-03-30T23:59:59.999+02:00');
  });

  it('WP-4: the first grant is valid 1 year, later grants 2 years', () => {
    const first = validity(wp, { decidedAt: '2026-03-20T10:00:00+01:00', renewal: false });
    assert.deepEqual(first, { validFrom: '2026-03-20T00:00:00.000+01:00', expiresAt: '2027-03-20T00:00:00.000+01:00' });
    const second = validity(wp, { decidedAt: '2027-03-01T10:00:00+01:00', renewal: true, previousExpiresAt: first.expiresAt });
    assert.equal(second.expiresAt, '2029-03-20T00:00:00.000+01:00');
  });

  it('WP-5: the benefits (procurement preference, SROI discount, website, network) are part of the definition', () => {
    const benefits = wp.benefits.filter((b) => b.rule === 'WP-5').map((b) => b.label);
    assert.equal(benefits.length, 4);
    for (const word of ['inkoop', 'SROI', 'website', 'etwerk']) assert.ok(benefits.some((b) => b.includes(word)), word);
  });
});

describe('Partner in sociaal ondernemen (MVS)', () => {
  const mvs = getScheme('mvs');

  it('MVS-1: a signed covenant and the criteria give the keurmerk for two years; zzp may join', () => {
    assert.equal(mvs.procedure.covenant, true);
    assert.deepEqual(mvs.documents.map((d) => d.id), ['covenant']);
    assert.equal(mvs.eligibility.zzpAllowed, true);
    assert.equal(validity(mvs, { decidedAt: '2026-11-05', renewal: false }).expiresAt, '2028-11-05T00:00:00.000+01:00');
  });

  it('MVS-2: holders get a certificate, toolkit and one year of free SEN membership', () => {
    assert.equal(mvs.procedure.certificate, true);
    assert.ok(mvs.benefits.some((b) => b.rule === 'MVS-2' && b.label.includes('certificaat')));
    const sen = mvs.benefits.find((b) => b.label.includes('SEN'));
    assert.equal(sen?.lasts, 'P1Y');
  });

  it('MVS-3: the programme goal (100 entrepreneurs in 2 years, 200 extra residents at work) is data to report on', () => {
    assert.deepEqual(
      mvs.programmeGoals.map((g) => [g.target, g.unit, g.within, g.rule]),
      [[100, 'ondernemers', 'P2Y', 'MVS-3'], [200, 'inwoners', 'P2Y', 'MVS-3']],
    );
  });
});

describe('PSO', () => {
  const pso = getScheme('pso');

  it('PSO-1: four levels assessed by the ladder (aspirant, trede 1–3)', () => {
    assert.equal(pso.assessment.method, 'pso-ladder');
    assert.deepEqual(pso.assessment.method === 'pso-ladder' && Object.keys(pso.assessment.thresholds), ['trede-1', 'trede-2', 'trede-3']);
  });

  it('PSO-2: reminder 3 months before expiry (31 May → last day of February) and no escalation step', () => {
    assert.deepEqual(renewalSchedule(pso, '2027-05-31T00:00:00+02:00'), { remindAt: '2027-02-28T00:00:00.000+01:00' });
  });

  it('PSO-2: the certificate within about 1 month of the audit; aspirant only once', () => {
    assert.equal(certificateDeadline(pso, '2026-01-31T15:00:00+01:00'), '2026-02-28T23:59:59.999+01:00');
    assert.equal(pso.eligibility.aspirantOnlyOnce, true);
  });
});

describe('SROI Amersfoort', () => {
  const sroi = getScheme('sroi-amersfoort');

  it('SROI-3: the contractor contacts the WSP within 1 week of the award', () => {
    assert.equal(contactDeadline(sroi, '2026-03-24T16:00:00+01:00'), '2026-03-31T23:59:59.999+02:00');
  });

  it('SROI-4: plan approved within 6 weeks of the award, extendable in writing to at most 12 weeks', () => {
    assert.equal(planApprovalDeadline(sroi, '2026-03-24T16:00:00+01:00'), '2026-05-05T23:59:59.999+02:00');
    assert.equal(planApprovalDeadline(sroi, '2026-03-24T16:00:00+01:00', true), '2026-06-16T23:59:59.999+02:00');
  });
});
