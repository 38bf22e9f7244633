// The SEBO toetsingskader (seed 004, bijlage 1): every criterion must be met; 3.1 and 4.1 (zzp) are hard fails.
import { z } from 'zod';
import { count, text } from '../primitives';
import type { SchemeDefinition } from '../scheme';
import { lazy } from '../lazy';

export const SeboChecklistInput = lazy(() =>
  z
    .object({
      zzp: z.boolean(),
      /** The auditor's judgement per criterion id ("1.1" ... "4.1"). */
      met: z.record(z.string(), z.boolean()),
      /** 3.1: forms of cooperation with education (students, internships, guest lessons, sponsoring, ...). */
      educationForms: z.array(text).default([]),
      /** 3.1: local programmes participated in (names from the scheme's list). */
      localProgrammes: z.array(text).default([]),
      /** 4.1: unpaid hours in the municipality in the last year. */
      unpaidHoursPerYear: z.number().min(0).default(0),
      candidatesPlaced: count.optional(),
    })
    .strict(),
);
export type SeboChecklistInput = z.input<typeof SeboChecklistInput>;

export interface SeboAssessment {
  outcome: 'pass' | 'fail';
  /** Criterion ids not met (including the hard fails). */
  unmet: string[];
  /** Hard fails with the reason: no approval whatever else is met. */
  hardFails: { criterion: string; reason: string }[];
  /** Named programmes that are not on the scheme's list (not counted). */
  unknownProgrammes: string[];
}

export function assessSebo(scheme: SchemeDefinition, input: SeboChecklistInput): SeboAssessment {
  if (scheme.assessment.method !== 'sebo-checklist') throw new RangeError(`scheme "${scheme.id}" is not assessed with the SEBO checklist`);
  const rules = scheme.assessment;
  const parsed = SeboChecklistInput.parse(input);
  const listed = new Map(rules.localProgrammes.map((p) => [p.toLowerCase(), p]));
  const known = parsed.localProgrammes.filter((p) => listed.has(p.toLowerCase()));
  const unknownProgrammes = parsed.localProgrammes.filter((p) => !listed.has(p.toLowerCase()));
  const hardFails: SeboAssessment['hardFails'] = [];

  if (parsed.educationForms.length < rules.minEducationForms) {
    hardFails.push({ criterion: '3.1', reason: `at least ${rules.minEducationForms} form of cooperation with education is required` });
  }
  if (new Set(known.map((p) => p.toLowerCase())).size < rules.minLocalProgrammes) {
    hardFails.push({ criterion: '3.1', reason: `participation in at least ${rules.minLocalProgrammes} of the ${rules.localProgrammes.length} listed programmes is required` });
  }
  if (parsed.zzp && parsed.unpaidHoursPerYear < rules.zzpMinUnpaidHours) {
    hardFails.push({ criterion: '4.1', reason: `a zzp must show at least ${rules.zzpMinUnpaidHours} unpaid hours a year (shown: ${parsed.unpaidHoursPerYear})` });
  }
  const failed = new Set(hardFails.map((f) => f.criterion));
  const unmet = scheme.criteria.map((c) => c.id).filter((id) => failed.has(id) || parsed.met[id] !== true);
  return { outcome: unmet.length === 0 ? 'pass' : 'fail', unmet, hardFails, unknownProgrammes };
}
