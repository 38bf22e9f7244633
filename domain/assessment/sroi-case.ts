// The running SROI obligation as pure rules: keurmerk credit (WP-5, PSO, SEBO as the SROI scheme's data
// sets it), the realised value of the recorded bouwblokken (SROI-2, capped blocks counted against the
// obligation), and the outcome of the final evaluation. No clock: every instant is an argument.
import type { PlanLine } from '../inputs/sroi-award';
import type { SchemeDefinition } from '../scheme';
import { deadlineFor } from '../lifecycle';
import { toDateTime } from '../time';
import { valuePlan, type SroiObligation } from './sroi';

const cents = (n: number) => Math.round(n * 100) / 100;

function rulesOf(scheme: SchemeDefinition) {
  if (scheme.assessment.method !== 'sroi-bouwblokken') throw new RangeError(`scheme "${scheme.id}" is not an SROI bouwblokken scheme`);
  return scheme.assessment;
}

/** What the SROI case learns of one of the contractor's keurmerk cases (from its status query). */
export interface KeurmerkHolding {
  schemeId: string;
  workflowId: string;
  stage: string;
  validity?: { validFrom: string; expiresAt: string };
  suspension?: { from: string; until: string };
  /** The case is still running (a closed case is no keurmerk any more). */
  running: boolean;
}

/** Why a holding does not count at `at`, or undefined when it is a live keurmerk (valid, not suspended). */
export function holdingNotLive(h: KeurmerkHolding, at: string): string | undefined {
  const t = toDateTime(at).toMillis();
  if (!h.running || ['LAPSED', 'WITHDRAWN', 'CANCELLED'].includes(h.stage)) return `the ${h.schemeId} keurmerk has ended (${h.stage})`;
  if (!h.validity) return `the ${h.schemeId} case holds no keurmerk`;
  if (toDateTime(h.validity.validFrom).toMillis() > t) return `the ${h.schemeId} keurmerk is valid only from ${h.validity.validFrom}`;
  if (toDateTime(h.validity.expiresAt).toMillis() <= t) return `the ${h.schemeId} keurmerk expired at ${h.validity.expiresAt}`;
  if (h.stage === 'SUSPENDED' || (h.suspension && toDateTime(h.suspension.from).toMillis() <= t && t < toDateTime(h.suspension.until).toMillis())) {
    return `the ${h.schemeId} keurmerk is suspended`;
  }
  return undefined;
}

export interface KeurmerkCredit {
  schemeId: string;
  workflowId: string;
  share: number;
  /** Euros the obligation is lowered by. */
  amount: number;
  source: string;
}

/**
 * The credit the scheme's definition gives for the live keurmerken of the contractor on the award date
 * (not cumulative: the highest share; on a tie the first in the definition's order). Only an obligation
 * in euros is lowered; a social activity has no amount to lower.
 */
export function keurmerkCredit(scheme: SchemeDefinition, obligation: SroiObligation, holdings: KeurmerkHolding[], awardedAt: string): KeurmerkCredit | undefined {
  if (obligation.kind !== 'amount') return undefined;
  let best: KeurmerkCredit | undefined;
  for (const rule of rulesOf(scheme).keurmerkCredit) {
    const h = holdings.find((x) => x.schemeId === rule.schemeId && !holdingNotLive(x, awardedAt));
    if (!h || (best && best.share >= rule.share)) continue;
    best = { schemeId: rule.schemeId, workflowId: h.workflowId, share: rule.share, amount: cents(obligation.amount * rule.share), source: rule.source };
  }
  return best;
}

/** One recorded realisation, as the valuation needs it. */
export interface RealisedLine {
  bouwblok: string;
  units: number;
  /** For a block valued beforehand (social activity): the value per unit of the approved plan. */
  valuePerUnit?: number;
  people: number;
}

export interface SroiProgress {
  obligation: number;
  realised: number;
  /** Whole percent of the obligation realised (100 when there is nothing to realise), at most 100 shown as is above it. */
  percent: number;
  shortfall: number;
  peoplePlaced: number;
  /** Per bouwblok: euros counted (after caps). */
  byBouwblok: Record<string, number>;
}

/** SROI-2: the realised value of the recorded blocks against the obligation (caps such as Power Certificates apply to the total). */
export function sroiProgress(scheme: SchemeDefinition, obligation: number, lines: RealisedLine[]): SroiProgress {
  const v = valuePlan(scheme, obligation, { lines: lines.map((l) => ({ bouwblok: l.bouwblok, units: l.units, valuePerUnit: l.valuePerUnit })) });
  const byBouwblok: Record<string, number> = {};
  for (const l of v.lines) byBouwblok[l.bouwblok] = cents((byBouwblok[l.bouwblok] ?? 0) + l.value);
  return {
    obligation,
    realised: v.total,
    percent: obligation > 0 ? Math.floor((v.total / obligation) * 100) : 100,
    shortfall: v.shortfall,
    peoplePlaced: lines.reduce((n, l) => n + l.people, 0),
    byBouwblok,
  };
}

/** The value per unit a realisation of a block valued beforehand takes from the approved plan. */
export function plannedValuePerUnit(plan: { lines: PlanLine[] } | undefined, bouwblok: string): number | undefined {
  return plan?.lines.find((l) => l.bouwblok === bouwblok && l.valuePerUnit !== undefined)?.valuePerUnit;
}

/** SROI-3: the final evaluation is due by this instant (the contract end + the scheme's period). */
export function finalEvaluationDeadline(scheme: SchemeDefinition, contractEndsOn: string): string {
  const end = toDateTime(contractEndsOn, scheme.zone).endOf('day');
  return deadlineFor(scheme, 'finalEvaluationWithin', end);
}

/** The end of the contract's last day, when the final evaluation opens. */
export function contractEnd(scheme: SchemeDefinition, contractEndsOn: string): string {
  return toDateTime(contractEndsOn, scheme.zone).endOf('day').toISO() as string;
}

/** The end of the planned day of an interim evaluation (it is due on that day). */
export function interimDue(scheme: SchemeDefinition, plannedOn: string): string {
  return toDateTime(plannedOn, scheme.zone).endOf('day').toISO() as string;
}

/** SROI-2: is `municipality` one of the scheme's (case-insensitive); the scheme's own spelling. */
export function schemeMunicipality(scheme: SchemeDefinition, municipality: string): string | undefined {
  const list = rulesOf(scheme).municipalities;
  if (list.length === 0) return municipality;
  return list.find((m) => m.toLowerCase() === municipality.trim().toLowerCase());
}
