// Assessment functions: SEBO checklist, Werkpakt ABC points, PSO level, SROI obligation and bouwblokken.
import { describe, expect, it } from '@jest/globals';
import { assessSebo, getScheme, psoLevel, scoreWerkpakt, sroiObligation, valuePlan, parseWith, SroiPlanSchema, type SeboChecklistInput } from '../../domain';

const sebo = getScheme('sebo');
const allMet = Object.fromEntries(sebo.criteria.map((c) => [c.id, true]));
const good: SeboChecklistInput = {
  zzp: false,
  met: allMet,
  educationForms: ['stageplaatsen voor studenten'],
  localProgrammes: ['On Stage'],
  unpaidHoursPerYear: 20,
};

describe('SEBO checklist (toetsingskader 1.1–4.1)', () => {
  it('passes when every criterion 1.1–4.1 is met', () => {
    expect(assessSebo(sebo, good)).toStrictEqual({ outcome: 'pass', unmet: [], hardFails: [], unknownProgrammes: [] });
  });

  it('fails when any single criterion is not met (all must be met)', () => {
    const r = assessSebo(sebo, { ...good, met: { ...allMet, '1.6': false } });
    expect(r.outcome).toBe('fail');
    expect(r.unmet).toStrictEqual(['1.6']);
    expect(r.hardFails).toStrictEqual([]);
  });

  it('3.1 hard fail: no participation in 1 of the 9 local programmes means no approval, even if the auditor ticked 3.1', () => {
    const r = assessSebo(sebo, { ...good, localProgrammes: ['Some other project'] });
    expect(r.outcome).toBe('fail');
    expect(r.unmet).toStrictEqual(['3.1']);
    expect(r.hardFails[0].reason).toMatch(/at least 1 of the 9 listed programmes/);
    expect(r.unknownProgrammes).toStrictEqual(['Some other project']);
  });

  it('3.1 hard fail: no form of cooperation with education', () => {
    const r = assessSebo(sebo, { ...good, educationForms: [] });
    expect(r.hardFails.map((f) => f.criterion)).toStrictEqual(['3.1']);
  });

  it('4.1 hard fail: a zzp with 79 unpaid hours is refused; 80 hours passes', () => {
    const zzp = { ...good, zzp: true };
    const short = assessSebo(sebo, { ...zzp, unpaidHoursPerYear: 79 });
    expect(short.outcome).toBe('fail');
    expect(short.hardFails).toStrictEqual([{ criterion: '4.1', reason: 'a zzp must show at least 80 unpaid hours a year (shown: 79)' }]);
    expect(assessSebo(sebo, { ...zzp, unpaidHoursPerYear: 80 }).outcome).toBe('pass');
  });

  it('4.1: the 80 hours do not apply to a company with staff', () => {
    expect(assessSebo(sebo, { ...good, unpaidHoursPerYear: 0 }).outcome).toBe('pass');
  });

  it('programme names match the list without regard to case', () => {
    expect(assessSebo(sebo, { ...good, localProgrammes: ['living lab palenstein'] }).outcome).toBe('pass');
  });

  it('refuses a scheme that is not assessed with the checklist', () => {
    expect(() => assessSebo(getScheme('werkpakt'), good)).toThrow(/not assessed with the SEBO checklist/);
  });
});

describe('Werkpakt ABC points', () => {
  const wp = getScheme('werkpakt');

  it('WP-2: exactly 100 points with ≥ 3 % capacity is granted; 95 points is not', () => {
    const at100 = scoreWerkpakt(wp, { activities: { placement: 2, 'job-fair': 2, 'work-visit': 2 }, staff: 50, placedFromTargetGroups: 2 });
    expect(at100.points).toStrictEqual({ A: 0, B: 50, C: 50 });
    expect(at100.total).toBe(100);
    expect(at100.granted).toBe(true);
    const at95 = scoreWerkpakt(wp, { activities: { placement: 2, 'job-fair': 1, 'work-visit': 2, 'bol-bbl-intern': 0 }, staff: 50, placedFromTargetGroups: 2 });
    expect(at95.total).toBe(90);
    expect(at95.reasons).toStrictEqual(['90 points; at least 100 are needed']);
  });

  it('WP-1: capacity below 3 % of staff is refused whatever the points; exactly 3 % passes', () => {
    const many = { 'network-introduction': 5, 'ambassador-appearance': 4, 'job-fair': 4, 'work-visit': 4 };
    const low = scoreWerkpakt(wp, { activities: many, staff: 100, placedFromTargetGroups: 2 });
    expect(low.total).toBe(210);
    expect(low.granted).toBe(false);
    expect(low.reasons).toStrictEqual(['capacity 2.0 % of staff; at least 3 % is needed']);
    expect(scoreWerkpakt(wp, { activities: many, staff: 100, placedFromTargetGroups: 3 }).granted).toBe(true);
  });

  it('WP-1: points per activity are capped per year and unknown activities are reported, not counted', () => {
    const r = scoreWerkpakt(wp, { activities: { 'job-fair': 10, golf: 3 }, staff: 10, placedFromTargetGroups: 1 });
    expect(r.points.B).toBe(40);
    expect(r.unknownActivities).toStrictEqual(['golf']);
  });
});

describe('PSO level', () => {
  const pso = getScheme('pso');
  const level = (targetGroupFte: number, indirectFte = 0, hadAspirantStatus = false) =>
    psoLevel(pso, { totalFte: 100, targetGroupFte, indirectFte, hadAspirantStatus });

  it('PSO-1: Twente Milieu at about 20 % reaches trede 3 (seed 002)', () => {
    expect(level(20).level).toBe('trede-3');
  });

  it('PSO-1: thresholds 3 % / 8 % / 15 %, each boundary included', () => {
    expect([2.99, 3, 7.99, 8, 14.99, 15].map((x) => level(x).level)).toStrictEqual(['aspirant', 'trede-1', 'trede-1', 'trede-2', 'trede-2', 'trede-3']);
  });

  it('PSO-1: indirect contribution counts, but at most as much as the direct share', () => {
    const r = level(5, 4);
    expect(r.score).toBe(0.09);
    expect(r.level).toBe('trede-2');
    const capped = level(2, 10);
    expect(capped.indirectShare).toBe(0.02);
    expect(capped.level).toBe('trede-1');
  });

  it('PSO-2: the aspirant status can be had only once', () => {
    expect(level(1, 0, false).level).toBe('aspirant');
    const again = level(1, 0, true);
    expect(again.level).toBe(null);
    expect(again.reason).toMatch(/aspirant status can be had only once/);
  });
});

describe('SROI obligation and bouwblokken', () => {
  const sroi = getScheme('sroi-amersfoort');

  it('SROI-1: a large contract carries 5 % of the contract sum', () => {
    expect(sroiObligation(sroi, { contractSum: 1_250_000 })).toStrictEqual({ kind: 'amount', basis: 'contract-sum', amount: 62_500 });
  });

  it('SROI-1: or 10 % of the wage sum (the SEBO definition of SROI)', () => {
    expect(sroiObligation(sroi, { contractSum: 1_250_000, basis: 'wage-sum', wageSum: 400_000 })).toStrictEqual({ kind: 'amount', basis: 'wage-sum', amount: 40_000 });
    expect(() => sroiObligation(sroi, { contractSum: 1_250_000, basis: 'wage-sum' })).toThrow(/wageSum is required/);
  });

  it('SROI-1: a small contract asks for a social activity instead; the threshold itself is large', () => {
    expect(sroiObligation(sroi, { contractSum: 99_999.99 }).kind).toBe('social-activity');
    expect(sroiObligation(sroi, { contractSum: 100_000 })).toStrictEqual({ kind: 'amount', basis: 'contract-sum', amount: 5_000 });
  });

  it('SROI-2: a plan of stacked bouwblokken covers the obligation exactly', () => {
    const r = valuePlan(sroi, 62_500, {
      lines: [
        { bouwblok: 'hire-benefit', units: 18 },
        { bouwblok: 'bbl-place', units: 2 },
        { bouwblok: 'social-activity', units: 1, valuePerUnit: 2_500 },
      ],
    });
    expect(r.lines.map((l) => l.value)).toStrictEqual([45_000, 15_000, 2_500]);
    expect(r.total).toBe(62_500);
    expect(r.covered).toBe(true);
    expect(r.shortfall).toBe(0);
  });

  it('SROI-2: Power Certificates fill at most half; the rest is a shortfall', () => {
    const r = valuePlan(sroi, 10_000, { lines: [{ bouwblok: 'power-certificate', units: 8_000 }, { bouwblok: 'internship', units: 6 }] });
    expect(r.lines.map((l) => [l.value, l.capped])).toStrictEqual([[5_000, true], [3_000, false]]);
    expect(r.covered).toBe(false);
    expect(r.shortfall).toBe(2_000);
  });

  it('SROI-2: a social activity without its value set beforehand, or an unknown block, is a problem', () => {
    const r = valuePlan(sroi, 1_000, { lines: [{ bouwblok: 'social-activity', units: 1 }, { bouwblok: 'golf-day', units: 1 }] });
    expect(r.covered).toBe(false);
    expect(r.problems).toStrictEqual([
      'lines[0].valuePerUnit: "social-activity" has no fixed value; the value set beforehand is required',
      'lines[1].bouwblok: unknown bouwblok "golf-day"',
    ]);
  });

  it('SROI-3: the plan names at least one bouwblok and positive units', () => {
    const bad = parseWith(SroiPlanSchema, { submittedAt: '2026-04-01', lines: [{ bouwblok: 'bbl-place', units: 0 }] });
    expect(!bad.ok && bad.problems).toStrictEqual([{ path: 'lines[0].units', message: 'units must be more than 0' }]);
    const empty = parseWith(SroiPlanSchema, { submittedAt: '2026-04-01', lines: [] });
    expect(!empty.ok && empty.problems).toStrictEqual([{ path: 'lines', message: 'a plan needs at least one bouwblok' }]);
  });
});
