// The public face of the SROI obligation workflow (SROI-1..4, seed 003): its type name, workflow id,
// start input, one Update per human action (arguments: the domain's zod schemas in
// domain/inputs/sroi-actions.ts) and the `sroiStatus` query. Keep these names stable: running cases depend on them.
import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { KeurmerkCredit, PlanLine, SroiActionInput, SroiActionName, SroiCaseStartInput, SroiObligation, SroiProgress } from '../domain';
import type { HistoryEntry, OpenDeadline, Stage } from './definitions';

export const SROI_WORKFLOW_TYPE = 'sroiObligation';

/** One case per awarded contract: `sroi-<scheme>-<contract reference>` (the reference lower-cased, other characters as -). */
export function sroiWorkflowId(schemeId: string, contractReference: string): string {
  const ref = contractReference.trim().toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
  return `sroi-${schemeId.replace(/^sroi-/, '')}-${ref}`;
}

/** Lead times of the reminders and the escalation interval; office agreements, not the scheme's rules (ISO durations). */
export interface SroiReminders {
  contactBefore: string;
  planBefore: string;
  interimBefore: string;
  finalBefore: string;
  escalateEvery: string;
  /** How often a credited keurmerk is checked for a suspension or lapse (docs/decisions/sroi-keurmerk-credit.md). */
  keurmerkCheckEvery: string;
}

export const DEFAULT_SROI_REMINDERS: SroiReminders = {
  contactBefore: 'P2D',
  planBefore: 'P1W',
  interimBefore: 'P1W',
  finalBefore: 'P2W',
  escalateEvery: 'P1W',
  keurmerkCheckEvery: 'P1D',
};

export interface SroiStart {
  case: SroiCaseStartInput;
  reminders?: Partial<SroiReminders>;
  continueAsNewAfterEvents?: number;
}

export interface SroiActionResult {
  stage: Stage;
  message: string;
}

function action<N extends SroiActionName>(name: N) {
  return defineUpdate<SroiActionResult, [SroiActionInput<N>], N>(name);
}

export const sroiContactRecorded = action('sroiContactRecorded');
export const sroiPlanAssessed = action('sroiPlanAssessed');
export const sroiPlanTermExtended = action('sroiPlanTermExtended');
export const sroiRealisationRecorded = action('sroiRealisationRecorded');
export const sroiSubcontractorRecorded = action('sroiSubcontractorRecorded');
export const sroiInterimEvaluation = action('sroiInterimEvaluation');
export const sroiFinalEvaluation = action('sroiFinalEvaluation');

export const SROI_UPDATES = {
  sroiContactRecorded,
  sroiPlanAssessed,
  sroiPlanTermExtended,
  sroiRealisationRecorded,
  sroiSubcontractorRecorded,
  sroiInterimEvaluation,
  sroiFinalEvaluation,
} as const;

export interface SroiStatus {
  workflowId: string;
  schemeId: string;
  caseKind: 'sroi';
  stage: Stage;
  contractReference: string;
  municipality: string;
  companyName: string;
  kvkNumber: string;
  coordinatorCode: string;
  awardedAt: string;
  contractEndsOn: string;
  contractSum: number;
  contractSumIsEstimate: boolean;
  /** SROI-1 as computed at award, before any credit. */
  baseObligation: SroiObligation;
  /** Euros due now (after a credit that still holds). */
  obligation: number;
  credit?: KeurmerkCredit & { lostAt?: string; lostReason?: string };
  contactAt?: string;
  contactLate?: boolean;
  planDeadline: string;
  planDeadlineExtended: boolean;
  plan?: { approvedAt: string; late: boolean; value: number; lines: PlanLine[]; interimEvaluations: string[]; finalEvaluationOn: string };
  planRefusals: { at: string; total: number; shortfall: number }[];
  progress: SroiProgress;
  realisations: { at: string; bouwblok: string; units: number; people: number; evidence: string[]; subcontractorKvk?: string }[];
  subcontractors: { name: string; kvkNumber: string; obligation: number }[];
  interims: { plannedOn: string; heldAt?: string; percent?: number }[];
  final?: { at: string; fulfilled: boolean; realised: number; shortfall: number; percent: number };
  openDeadlines: OpenDeadline[];
  /** Emails decided but not yet sent (the outbox). */
  emailsPending: number;
  history: HistoryEntry[];
}

export const sroiStatusQuery = defineQuery<SroiStatus>('sroiStatus');

export interface SroiResult {
  outcome: 'fulfilled' | 'shortfall';
  obligation: number;
  realised: number;
  shortfall: number;
}
