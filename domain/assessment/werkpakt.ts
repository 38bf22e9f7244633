// Werkpakt ABC points (WP-1, WP-2): at least 100 points for activities in the previous year and at least 3 % capacity.
import type { SchemeDefinition } from '../scheme';

export interface WerkpaktInput {
  /** Number of times each activity (by id) happened in the previous year. */
  activities: Record<string, number>;
  /** Staff (head count) and those placed from the target groups (Participatiewet, SW, WW, arbeidsgehandicapt, BOL/BBL). */
  staff: number;
  placedFromTargetGroups: number;
}

export interface WerkpaktScore {
  points: { A: number; B: number; C: number };
  total: number;
  capacityShare: number;
  granted: boolean;
  reasons: string[];
  unknownActivities: string[];
}

export function scoreWerkpakt(scheme: SchemeDefinition, input: WerkpaktInput): WerkpaktScore {
  if (scheme.assessment.method !== 'werkpakt-points') throw new RangeError(`scheme "${scheme.id}" is not assessed with Werkpakt points`);
  const rules = scheme.assessment;
  const points = { A: 0, B: 0, C: 0 };
  const seen = new Set<string>();
  for (const letter of ['A', 'B', 'C'] as const) {
    for (const activity of rules.activities[letter]) {
      const times = Math.max(0, Math.floor(input.activities[activity.id] ?? 0));
      if (input.activities[activity.id] !== undefined) seen.add(activity.id);
      points[letter] += Math.min(times, activity.maxPerYear ?? Infinity) * activity.points;
    }
  }
  const total = points.A + points.B + points.C;
  const capacityShare = input.staff > 0 ? input.placedFromTargetGroups / input.staff : 0;
  const reasons: string[] = [];
  if (total < rules.minPoints) reasons.push(`${total} points; at least ${rules.minPoints} are needed`);
  if (capacityShare < rules.minCapacityShare) {
    reasons.push(`capacity ${(capacityShare * 100).toFixed(1)} % of staff; at least ${rules.minCapacityShare * 100} % is needed`);
  }
  const unknownActivities = Object.keys(input.activities).filter((id) => !seen.has(id));
  return { points, total, capacityShare, granted: reasons.length === 0, reasons, unknownActivities };
}
