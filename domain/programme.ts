// MVS-3: a programme's goals against reality, from the cases themselves (pure: the caller gathers the
// cases). A goal counts holders whose covenant was signed within its period, or residents placed.
import type { SchemeDefinition } from './scheme';
import { addPeriod, toDateTime } from './time';

export interface ProgrammeCase {
  /** When the covenant was signed (or the case granted), if it was. */
  signedAt?: string;
  /** Residents placed at work by this holder, with when. */
  placements: { count: number; at: string }[];
}

export interface GoalResult {
  label: string;
  unit: string;
  target: number;
  actual: number;
  from?: string;
  until?: string;
  rule?: string;
  /** Share of the target reached (0..1+). */
  reached: number;
}

/**
 * `from` replaces the start the definition gives each goal (a programme run again, e.g. the next two
 * years); the length stays the goal's own (`within`).
 */
export function programmeReport(scheme: SchemeDefinition, cases: readonly ProgrammeCase[], opts: { from?: string } = {}): GoalResult[] {
  return scheme.programmeGoals.map((goal) => {
    const g = opts.from ? { ...goal, from: opts.from } : goal;
    const until = g.from ? addPeriod(g.from, g.within, scheme.zone) : undefined;
    const inPeriod = (at: string) =>
      (!g.from || toDateTime(at, scheme.zone) >= toDateTime(g.from, scheme.zone)) && (!until || toDateTime(at, scheme.zone) < toDateTime(until, scheme.zone));
    const actual =
      g.measure === 'placements'
        ? cases.reduce((n, c) => n + c.placements.filter((p) => inPeriod(p.at)).reduce((m, p) => m + p.count, 0), 0)
        : cases.filter((c) => c.signedAt && inPeriod(c.signedAt)).length;
    return { label: g.label, unit: g.unit, target: g.target, actual, from: g.from, until, rule: g.rule, reached: actual / g.target };
  });
}
