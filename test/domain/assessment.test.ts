// Assessment functions: SEBO checklist, Werkpakt ABC points, PSO level, SROI obligation and bouwblokken.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
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
    assert.deepEqual(assessSebo(sebo, good), { outcome: 'pass', unmet: [], hardFails: [], unknownProgrammes: [] });
  });

  it('fails when any single criterion is not met (all must be met)', () => {
    const r = assessSebo(sebo, { ...good, met: { ...allMet, '1.6': false } });
    assert.equal(r.outcome, 'fail');
    assert.deepEqual(r.unmet, ['1.6']);
    assert.deepEqual(r.hardFails, []);
  });

  it('3.1 hard fail: no participation in 1 of the 9 local programmes means no approval, even if the auditor ticked 3.1', () => {
    const r = assessSebo(sebo, { ...good, localProgrammes: ['Some other project'] });
    assert.equal(r.outcome, 'fail');
    assert.deepEqual(r.unmet, ['3.1']);
    assert.match(r.hardFails[0].reason, /at least 1 of the 9 listed programmes/);
    assert.deepEqual(r.unknownProgrammes, ['Some other project']);
  });

  it('3.1 hard fail: no form of cooperation with education', () => {
    const r = assessSebo(sebo, { ...good, educationForms: [] });
    assert.deepEqual(r.hardFails.map((f) => f.criterion), ['3.1']);
  });

  it('4.1 hard fail: a zzp with 79 unpaid hours is refused; 80 hours passes', () => {
    const zzp = { ...good, zzp: true };
    const short = assessSebo(sebo, { ...zzp, unpaidHoursPerYear: 79 });
    assert.equal(short.outcome, 'fail');
    assert.deepEqual(short.hardFails, [{ criterion: '4.1', reason: 'a zzp must show at least 80 unpaid hours a year (shown: 79)' }]);
    assert.equal(assessSebo(sebo, { ...zzp, unpaidHoursPerYear: 80 }).outcome, 'pass');
  });

  it('4.1: the 80 hours do not apply to a company with staff', () => {
    assert.equal(assessSebo(sebo, { ...good, unpaidHoursPerYear: 0 }).outcome, 'pass');
  });

  it('programme names match the list without regard to case', () => {
    assert.equal(assessSebo(sebo, { ...good, localProgrammes: ['living lab palenstein'] }).outcome, 'pass');
  });

  it('refuses a scheme that is not assessed with the checklist', () => {
    assert.throws(() => assessSebo(getScheme('werkpakt'), good), /not assessed with the SEBO checklist/);
  });
});

describe('Werkpakt ABC points', () => {
  const wp = getScheme('werkpakt');

  it('WP-2: exactly 100 points with ≥ 3 % capacity is granted; 95 points is not', () => {
    const at100 = scoreWerkpakt(wp, { activities: { placement: 2, 'job-fair': 2, 'work-visit': 2 }, staff: 50, placedFromTargetGroups: 2 });
    assert.deepEqual(at100.points, { A: 0, B: 50, C: 50 });
    assert.equal(at100.total, 100);
    assert.equal(at100.granted, true);
    const at95 = scoreWerkpakt(wp, { activities: { placement: 2, 'job-fair': 1, 'work-visit': 2, 'bol-bbl-intern': 0 }, staff: 50, placedFromTargetGroups: 2 });
    assert.equal(at95.total, 90);
    assert.deepEqual(at95.reasons, ['90 points; at least 100 are needed']);
  });

  it('WP-1: capacity below 3 % of staff is refused whatever the points; exactly 3 % passes', () => {
    const many = { 'network-introduction': 5, 'ambassador-appearance': 4, 'job-fair': 4, 'work-visit': 4 };
    const low = scoreWerkpakt(wp, { activities: many, staff: 100, placedFromTargetGroups: 2 });
    assert.equal(low.total, 210);
    assert.equal(low.granted, false);
    assert.deepEqual(low.reasons, ['capacity 2.0 % of staff; at least 3 % is needed']);
    assert.equal(scoreWerkpakt(wp, { activities: many, staff: 100, placedFromTargetGroups: 3 }).granted, true);
  });

  it('WP-1: points per activity are capped per year and unknown activities are reported, not counted', () => {
    const r = scoreWerkpakt(wp, { activities: { 'job-fair': 10, golf: 3 }, staff: 10, placedFromTargetGroups: 1 });
    assert.equal(r.points.B, 40);
    assert.deepEqual(r.unknownActivities, ['golf']);
  });
});

describe('PSO level', () => {
  const pso = getScheme('pso');
  const level = (targetGroupFte: number, indirectFte = 0, hadAspirantStatus = false) =>
    psoLevel(pso, { totalFte: 100, targetGroupFte, indirectFte, hadAspirantStatus });

  it('PSO-1: Twente Milieu at about 20 % reaches trede 3 (seed 002)', () => {
    assert.equal(level(20).level, 'trede-3');
  });

  it('PSO-1: thresholds 3 % / 8 % / 15 %, each boundary included', () => {
    assert.deepEqual([2.99, 3, 7.99, 8, 14.99, 15].map((x) => level(x).level), ['aspirant', 'trede-1', 'trede-1', 'trede-2', 'trede-2', 'trede-3']);
  });

  it('PSO-1: indirect contribution counts, but at most as much as the direct share', () => {
    const r = level(5, 4);
    assert.equal(r.score, 0.09);
    assert.equal(r.level, 'trede-2');
    const capped = level(2, 10);
    assert.equal(capped.indirectShare, 0.02);
    assert.equal(capped.level, 'trede-1');
  });

  it('PSO-2: the aspirant status can be had only once', () => {
    assert.equal(level(1, 0, false).level, 'aspirant');
    const again = level(1, 0, true);
    assert.equal(again.level, null);
    assert.match(again.reason, /aspirant status can be had only once/);
  });
});

describe('SROI obligation and bouwblokken', () => {
  const sroi = getScheme('sroi-amersfoort');

  it('SROI-1: a large contract carries 5 % of the contract sum', () => {
    assert.deepEqual(sroiObligation(sroi, { contractSum: 1_250_000 }), { kind: 'amount', basis: 'contract-sum', amount: 62_500 });
  });

  it('SROI-1: or 10 % of the wage sum (the SEBO definition of SROI)', () => {
    assert.deepEqual(sroiObligation(sroi, { contractSum: 1_250_000, basis: 'wage-sum', wageSum: 400_000 }), { kind: 'amount', basis: 'wage-sum', amount: 40_000 });
    assert.throws(() => sroiObligation(sroi, { contractSum: 1_250_000, basis: 'wage-sum' }), /wageSum is required/);
  });

  it('SROI-1: a small contract asks for a social activity instead; the threshold itself is large', () => {
    assert.equal(sroiObligation(sroi, { contractSum: 99_999.99 }).kind, 'social-activity');
    assert.deepEqual(sroiObligation(sroi, { contractSum: 100_000 }), { kind: 'amount', basis: 'contract-sum', amount: 5_000 });
  });

  it('SROI-2: a plan of stacked bouwblokken covers the obligation exactly', () => {
    const r = valuePlan(sroi, 62_500, {
      lines: [
        { bouwblok: 'hire-benefit', units: 18 },
        { bouwblok: 'bbl-place', units: 2 },
        { bouwblok: 'social-activity', units: 1, valuePerUnit: 2_500 },
      ],
    });
    assert.deepEqual(r.lines.map((l) => l.value), [45_000, 15_000, 2_500]);
    assert.equal(r.total, 62_500);
    assert.equal(r.covered, true);
    assert.equal(r.shortfall, 0);
  });

  it('SROI-2: Power Certificates fill at most half; the rest is a shortfall', () => {
    const r = valuePlan(sroi, 10_000, { lines: [{ bouwblok: 'power-certificate', units: 8_000 }, { bouwblok: 'internship', units: 6 }] });
    assert.deepEqual(r.lines.map((l) => [l.value, l.capped]), [[5_000, true], [3_000, false]]);
    assert.equal(r.covered, false);
    assert.equal(r.shortfall, 2_000);
  });

  it('SROI-2: a social activity without its value set beforehand, or an unknown block, is a problem', () => {
    const r = valuePlan(sroi, 1_000, { lines: [{ bouwblok: 'social-activity', units: 1 }, { bouwblok: 'golf-day', units: 1 }] });
    assert.equal(r.covered, false);
    assert.deepEqual(r.problems, [
      'lines[0].valuePerUnit: "social-activity" has no fixed value; the value set beforehand is required',
      'lines[1].bouwblok: unknown bouwblok "golf-day"',
    ]);
  });

  it('SROI-3: the plan names at least one bouwblok and positive units', () => {
    const bad = parseWith(SroiPlanSchema, { submittedAt: '2026-04-01', lines: [{ bouwblok: 'bbl-place', units: 0 }] });
    assert.deepEqual(!bad.ok && bad.problems, [{ path: 'lines[0].units', message: 'units must be more than 0' }]);
    const empty = parseWith(SroiPlanSchema, { submittedAt: '2026-04-01', lines: [] });
    assert.deepEqual(!empty.ok && empty.problems, [{ path: 'lines', message: 'a plan needs at least one bouwblok' }]);
  });
});
