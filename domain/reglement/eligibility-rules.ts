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

/**
 * The findings grouped under the rule a definition names for their kind (flow.notEligible.findingRules),
 * a kind not named under `fallback`; rules in sorted order, each once, with the findings' messages.
 */
export function findingsByRule(
  findings: readonly Finding[],
  rules: Partial<Record<FindingKind, string>> | undefined,
  fallback: string | undefined,
): { rule: string | undefined; messages: string[] }[] {
  const ruleOf = (f: Finding) => rules?.[f.kind] ?? fallback;
  const ids = [...new Set(findings.map(ruleOf))].sort((a, b) => (a ?? '').localeCompare(b ?? ''));
  return ids.map((rule) => ({ rule, messages: findings.filter((f) => ruleOf(f) === rule).map((f) => f.message) }));
}
