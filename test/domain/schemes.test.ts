// The built-in catalogue: every scheme's numbers as DOMAIN.md states them.
import { describe, expect, it } from '@jest/globals';
import {
  builtInSchemes, certificateDeadline, contactDeadline, decisionDeadline, getScheme, planApprovalDeadline, renewalSchedule, validity,
} from '../../domain';

describe('built-in catalogue', () => {
  it('holds SEBO, the ambassadorship, Werkpakt, MVS, PSO and SROI Amersfoort', () => {
    expect(builtInSchemes.map((s) => s.id)).toStrictEqual(['sebo', 'sebo-ambassadeur', 'werkpakt', 'mvs', 'pso', 'sroi-amersfoort']);
  });

  it('getScheme names the known schemes when the id is unknown; a loaded definition wins over a built-in', () => {
    expect(() => getScheme('seb0')).toThrow(/unknown scheme "seb0"; known schemes: .*sebo, sebo-ambassadeur, werkpakt, mvs, pso, sroi-amersfoort/);
    const own = { ...getScheme('sebo'), name: 'SEBO-Keurmerk (eigen variant)' };
    expect(getScheme('sebo', [own]).name).toBe('SEBO-Keurmerk (eigen variant)');
  });

  it('every seed gap is a recorded decision with a reason', () => {
    // Lists of what is wrong, so a failure names the scheme and the decision.
    expect(builtInSchemes.filter((s) => s.decisions.length === 0).map((s) => s.id)).toStrictEqual([]);
    const unexplained = builtInSchemes.flatMap((s) => s.decisions.filter((d) => d.why.length <= 20).map((d) => `${s.id}: ${d.about}`));
    expect(unexplained).toStrictEqual([]);
  });
});

describe('Werkpakt', () => {
  const wp = getScheme('werkpakt');

  it('WP-4: decision within 6 weeks of the application', () => {
    expect(decisionDeadline(wp, '2026-02-16T11:00:00+01:00')).toBe('2026-03-30T23:59:59.999+02:00');
  });

  it('WP-4: the first grant is valid 1 year, later grants 2 years', () => {
    const first = validity(wp, { decidedAt: '2026-03-20T10:00:00+01:00', renewal: false });
    expect(first).toStrictEqual({ validFrom: '2026-03-20T00:00:00.000+01:00', expiresAt: '2027-03-20T00:00:00.000+01:00' });
    const second = validity(wp, { decidedAt: '2027-03-01T10:00:00+01:00', renewal: true, previousExpiresAt: first.expiresAt });
    expect(second.expiresAt).toBe('2029-03-20T00:00:00.000+01:00');
  });

  it('WP-5: the benefits (procurement preference, SROI discount, website, network) are part of the definition', () => {
    const benefits = wp.benefits.filter((b) => b.rule === 'WP-5').map((b) => b.label);
    expect(benefits.length).toBe(4);
    // word
    for (const word of ['inkoop', 'SROI', 'website', 'etwerk']) expect(benefits).toContainEqual(expect.stringContaining(word));
  });
});

describe('Partner in sociaal ondernemen (MVS)', () => {
  const mvs = getScheme('mvs');

  it('MVS-1: a signed covenant and the criteria give the keurmerk for two years; zzp may join', () => {
    expect(mvs.procedure.covenant).toBe(true);
    expect(mvs.documents.map((d) => d.id)).toStrictEqual(['covenant']);
    expect(mvs.eligibility.zzpAllowed).toBe(true);
    expect(validity(mvs, { decidedAt: '2026-11-05', renewal: false }).expiresAt).toBe('2028-11-05T00:00:00.000+01:00');
  });

  it('MVS-2: holders get a certificate, toolkit and one year of free SEN membership', () => {
    expect(mvs.procedure.certificate).toBe(true);
    expect(mvs.benefits).toContainEqual(expect.objectContaining({ rule: 'MVS-2', label: expect.stringContaining('certificaat') }));
    const sen = mvs.benefits.find((b) => b.label.includes('SEN'));
    expect(sen?.lasts).toBe('P1Y');
  });

  it('MVS-3: the programme goal (100 entrepreneurs in 2 years, 200 extra residents at work) is data to report on', () => {
    expect(mvs.programmeGoals.map((g) => [g.target, g.unit, g.within, g.rule])).toStrictEqual([[100, 'ondernemers', 'P2Y', 'MVS-3'], [200, 'inwoners', 'P2Y', 'MVS-3']]);
  });
});

describe('PSO', () => {
  const pso = getScheme('pso');

  it('PSO-1: four levels assessed by the ladder (aspirant, trede 1–3)', () => {
    expect(pso.assessment.method).toBe('pso-ladder');
    expect(pso.assessment.method === 'pso-ladder' && Object.keys(pso.assessment.thresholds)).toStrictEqual(['trede-1', 'trede-2', 'trede-3']);
  });

  it('PSO-2: reminder 3 months before expiry (31 May → last day of February) and no escalation step', () => {
    expect(renewalSchedule(pso, '2027-05-31T00:00:00+02:00')).toStrictEqual({ remindAt: '2027-02-28T00:00:00.000+01:00' });
  });

  it('PSO-2: the certificate within about 1 month of the audit; aspirant only once', () => {
    expect(certificateDeadline(pso, '2026-01-31T15:00:00+01:00')).toBe('2026-02-28T23:59:59.999+01:00');
    expect(pso.eligibility.aspirantOnlyOnce).toBe(true);
  });
});

describe('SROI Amersfoort', () => {
  const sroi = getScheme('sroi-amersfoort');

  it('SROI-3: the contractor contacts the WSP within 1 week of the award', () => {
    expect(contactDeadline(sroi, '2026-03-24T16:00:00+01:00')).toBe('2026-03-31T23:59:59.999+02:00');
  });

  it('SROI-4: plan approved within 6 weeks of the award, extendable in writing to at most 12 weeks', () => {
    expect(planApprovalDeadline(sroi, '2026-03-24T16:00:00+01:00')).toBe('2026-05-05T23:59:59.999+02:00');
    expect(planApprovalDeadline(sroi, '2026-03-24T16:00:00+01:00', true)).toBe('2026-06-16T23:59:59.999+02:00');
  });
});
