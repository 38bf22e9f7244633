// SEBO-E1..E3, SEBO-D1: which rule a finding of the eligibility check belongs to, so a refusal cites the
// rule that refused it (a municipal entity refused under SEBO-E2 is pointed to the ambassadorship).
import type { Finding, FindingKind } from '../eligibility';

const RULE_OF: Record<FindingKind, string> = {
  establishment: 'SEBO-E1',
  zzp: 'SEBO-E1',
  affiliation: 'SEBO-E2',
  'look-back': 'SEBO-E3',
  'document-missing': 'SEBO-D1',
  'document-too-old': 'SEBO-D1',
};

export function findingRuleId(kind: FindingKind): string {
  return RULE_OF[kind];
}

/** The rule ids of the findings, in the order of the reglement, each once. */
export function findingRuleIds(findings: readonly Finding[]): string[] {
  return [...new Set(findings.map((f) => findingRuleId(f.kind)))].sort();
}
