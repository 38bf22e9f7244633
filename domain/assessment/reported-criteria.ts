// Criteria 3.1 and 4.1 ("geen goedkeuring"), for any scheme with a criteria list: the CI reports the
// criterion ids it found not met; this is the assessment of that report. Only ids of the scheme count
// (an unknown id is refused: a typo must not pass as a finding), and a hard-fail criterion that is not
// met means no grant, whatever the advice says (seed 004, bijlage 1: "Niet aangemeld voor 1 van de 9,
// geen goedkeuring"; "geen aantoonbare inzet van 80 uur per jaar, geen goedkeuring").
import type { SchemeDefinition } from '../scheme';

export interface ReportedCriteriaAssessment {
  /** Every criterion is met. */
  outcome: 'pass' | 'fail';
  /** The reported unmet criterion ids, in the scheme's order, without duplicates. */
  unmet: string[];
  /** Unmet criteria that mean no approval, with the toetsingskader's words. */
  hardFails: { criterion: string; reason: string }[];
  /** Reported ids that are not criteria of the scheme. */
  unknown: string[];
}

export function assessReportedCriteria(scheme: SchemeDefinition, reportedUnmet: readonly string[]): ReportedCriteriaAssessment {
  const ids = scheme.criteria.map((c) => c.id);
  const reported = new Set(reportedUnmet.map((id) => id.trim()));
  const unknown = [...reported].filter((id) => !ids.includes(id));
  const unmet = ids.filter((id) => reported.has(id));
  const hardFails = scheme.criteria
    .filter((c) => c.hardFail && reported.has(c.id))
    .map((c) => ({ criterion: c.id, reason: `${c.title}: ${c.assessedBy}` }));
  return { outcome: unmet.length === 0 && unknown.length === 0 ? 'pass' : 'fail', unmet, hardFails, unknown };
}

/** Why a report naming these unmet criteria must be refused (unknown ids), or undefined. */
export function unmetCriteriaRefusal(scheme: SchemeDefinition, reportedUnmet: readonly string[]): string | undefined {
  const { unknown } = assessReportedCriteria(scheme, reportedUnmet);
  if (unknown.length === 0) return undefined;
  return `reportAndAdvice.unmetCriteria: ${unknown.map((u) => `"${u}"`).join(', ')} ${unknown.length === 1 ? 'is not a criterion' : 'are not criteria'} of the ${scheme.name}; expected criterion ids such as ${scheme.criteria.map((c) => c.id).join(', ')}`;
}

/** Why a grant must be refused given the report's unmet criteria (a hard fail), or undefined. */
export function grantRefusal(scheme: SchemeDefinition, reportedUnmet: readonly string[]): string | undefined {
  const { hardFails } = assessReportedCriteria(scheme, reportedUnmet);
  if (hardFails.length === 0) return undefined;
  return `decision: the report records criterion ${hardFails.map((f) => f.criterion).join(' and ')} as not met, which means no approval ("geen goedkeuring": ${hardFails.map((f) => f.reason).join('; ')}); the keurmerk cannot be granted`;
}
