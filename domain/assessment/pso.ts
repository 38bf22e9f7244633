// PSO level (PSO-1, PSO-2): direct share of staff with a distance to the labour market plus a capped
// indirect contribution (social purchasing, as fte-equivalents), compared with the scheme's thresholds.
import type { SchemeDefinition } from '../scheme';

/** A level id of the scheme's ladder (aspirant, trede-1..3; basistrede since 2023). */
export type PsoLevel = string;

export interface PsoInput {
  totalFte: number;
  /** fte of people with a distance to the labour market (PSO target group). */
  targetGroupFte: number;
  /** fte-equivalents bought from PSO-certified organisations and SW companies. */
  indirectFte: number;
  /** PSO-2: the aspirant status was held before (it can be had only once). */
  hadAspirantStatus: boolean;
}

export interface PsoResult {
  directShare: number;
  /** Indirect share actually credited (capped). */
  indirectShare: number;
  score: number;
  /** Null: below trede 1 and the aspirant status was already used. */
  level: PsoLevel | null;
  reason: string;
}

export function psoLevel(scheme: SchemeDefinition, input: PsoInput): PsoResult {
  if (scheme.assessment.method !== 'pso-ladder') throw new RangeError(`scheme "${scheme.id}" is not assessed with the PSO ladder`);
  const { thresholds, indirectMaxShareOfScore: cap } = scheme.assessment;
  if (!(input.totalFte > 0)) throw new RangeError('totalFte must be more than 0');
  const directShare = input.targetGroupFte / input.totalFte;
  // indirect / (direct + indirect) ≤ cap  ⇔  indirect ≤ direct × cap / (1 − cap)
  const maxIndirect = cap >= 1 ? Infinity : (directShare * cap) / (1 - cap);
  const indirectShare = Math.min(input.indirectFte / input.totalFte, maxIndirect);
  const score = directShare + indirectShare;
  const pct = (n: number) => `${(n * 100).toFixed(1)} %`;
  // Highest level first: the first whose threshold the score reaches.
  const ladder = Object.entries(thresholds).sort(([, a], [, b]) => b - a);
  for (const [level, min] of ladder) {
    if (score >= min) return { directShare, indirectShare, score, level, reason: `score ${pct(score)} ≥ ${pct(min)}` };
  }
  const [lowest, lowestMin] = ladder[ladder.length - 1];
  const entry = scheme.assessment.entryLevel;
  if (scheme.eligibility.aspirantOnlyOnce && input.hadAspirantStatus) {
    return { directShare, indirectShare, score, level: null, reason: `score ${pct(score)} is below ${lowest} and the ${entry} status can be had only once` };
  }
  return { directShare, indirectShare, score, level: entry, reason: `score ${pct(score)} is below ${lowest} (${pct(lowestMin)}): ${entry} status` };
}
