// SROI obligation (SROI-1, SEBO definition of 5 % / 10 %) and bouwblokken valuation of a plan (SROI-2).
import type { SroiPlan } from '../inputs/sroi-award';
import type { SchemeDefinition } from '../scheme';

export type SroiObligation =
  | { kind: 'amount'; basis: 'contract-sum' | 'wage-sum'; amount: number }
  | { kind: 'social-activity'; reason: string };

function rulesOf(scheme: SchemeDefinition) {
  if (scheme.assessment.method !== 'sroi-bouwblokken') throw new RangeError(`scheme "${scheme.id}" is not an SROI bouwblokken scheme`);
  return scheme.assessment;
}

const cents = (n: number) => Math.round(n * 100) / 100;

/** SROI-1: 5 % of the contract sum (or 10 % of the wage sum); below the large-contract threshold a social activity. */
export function sroiObligation(
  scheme: SchemeDefinition,
  award: { contractSum: number; basis?: 'contract-sum' | 'wage-sum'; wageSum?: number },
): SroiObligation {
  const rules = rulesOf(scheme);
  if (award.contractSum < rules.largeContractFrom) {
    return { kind: 'social-activity', reason: `contract sum below ${rules.largeContractFrom}: a social activity instead of a percentage` };
  }
  if (award.basis === 'wage-sum') {
    if (award.wageSum === undefined) throw new RangeError('wageSum is required when basis is "wage-sum"');
    return { kind: 'amount', basis: 'wage-sum', amount: cents(award.wageSum * rules.wageSumShare) };
  }
  return { kind: 'amount', basis: 'contract-sum', amount: cents(award.contractSum * rules.contractSumShare) };
}

export interface PlanValuation {
  lines: { bouwblok: string; units: number; value: number; capped: boolean }[];
  total: number;
  obligation: number;
  covered: boolean;
  shortfall: number;
  problems: string[];
}

/** SROI-2: stack the plan's blocks, each at its transparent value (capped blocks at their share), against the obligation. */
export function valuePlan(scheme: SchemeDefinition, obligation: number, plan: Pick<SroiPlan, 'lines'>): PlanValuation {
  const rules = rulesOf(scheme);
  const problems: string[] = [];
  const byBlock = new Map<string, number>();
  const lines = plan.lines.map((line, i) => {
    const block = rules.bouwblokken.find((b) => b.id === line.bouwblok);
    if (!block) {
      problems.push(`lines[${i}].bouwblok: unknown bouwblok "${line.bouwblok}"`);
      return { bouwblok: line.bouwblok, units: line.units, value: 0, capped: false };
    }
    const perUnit = block.valuePerUnit ?? line.valuePerUnit;
    if (perUnit === undefined) {
      problems.push(`lines[${i}].valuePerUnit: "${block.id}" has no fixed value; the value set beforehand is required`);
      return { bouwblok: line.bouwblok, units: line.units, value: 0, capped: false };
    }
    let value = cents(line.units * perUnit);
    let capped = false;
    if (block.maxShareOfObligation !== undefined) {
      const room = Math.max(0, cents(obligation * block.maxShareOfObligation) - (byBlock.get(block.id) ?? 0));
      if (value > room) [value, capped] = [room, true];
    }
    byBlock.set(block.id, (byBlock.get(block.id) ?? 0) + value);
    return { bouwblok: line.bouwblok, units: line.units, value, capped };
  });
  const total = cents(lines.reduce((sum, l) => sum + l.value, 0));
  return { lines, total, obligation, covered: problems.length === 0 && total >= obligation, shortfall: cents(Math.max(0, obligation - total)), problems };
}
