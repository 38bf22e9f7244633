// The keuring itself, SEBO-T3..T7 with SEBO-D1: forwarded to the certifying institution, documents,
// audit planned within a month, audit, supplements within two weeks, report within four weeks, the
// municipality's decision within two weeks. Shared by a first application, its second keuring
// (SEBO-T8 resumes here) and a holder's re-keuring (SEBO-T12 "follows SEBO-T3 onwards").
import { setHandler } from '@temporalio/workflow';
import {
  assessReportedCriteria,
  auditDoneRefusal,
  grantRefusal,
  reportRefusal,
  unmetCriteriaRefusal,
  auditDeadline,
  checkDocuments,
  deadline,
  decisionDeadline,
  parseOrThrow,
  reportDeadline,
  seboActions,
  supplementsDeadline,
  type SeboAction,
  type SeboActionName,
  type SchemeDefinition,
  type SubmittedDocument,
} from '../../domain';
import * as defs from '../definitions';
import { STAGES, type ActionResult, type KeuringStatus, type Stage } from '../definitions';
import { Case, type CaseCore, criteriaNames, documentFacts, ms, nowIso, nowMs, Refused } from '../case';

export interface KeuringState {
  round: 'first' | 'second' | 'renewal';
  step: Stage;
  forwardedAt: string;
  documents: SubmittedDocument[];
  documentsComplete: boolean;
  auditAt?: string;
  /** SEBO-T4: who audits, as the CI gave it. */
  auditor?: string;
  auditDoneAt?: string;
  shortcomings?: 'none' | 'minor' | 'serious';
  /** SEBO-T5: the findings the auditor shared. */
  findings?: string;
  supplementsUntil?: string;
  supplements: string[];
  reportAt?: string;
  advice?: 'positive' | 'negative';
  /** Criteria 3.1/4.1: criterion ids the report found not met (scheme ids only, in the scheme's order). */
  unmetCriteria?: string[];
  disagreement: boolean;
  bothSidesHeard: boolean;
  outcome?: 'granted' | 'rejected';
  decidedAt?: string;
  decidedBy?: string;
  reason?: string;
  certificateNumber?: string;
}

export interface KeuringHost extends CaseCore {
  keuring?: KeuringState;
}

export const DONE = 'DONE' as Stage;

/** A new keuring starts at SEBO-T3: forwarded to the CI now; documents already given still count. */
export function newKeuring(round: KeuringState['round'], documents: SubmittedDocument[] = []): KeuringState {
  return {
    round,
    step: STAGES.AUDIT_PLANNING,
    forwardedAt: nowIso(),
    documents,
    documentsComplete: false,
    supplements: [],
    disagreement: false,
    bothSidesHeard: false,
  };
}

/** How far in the future a recorded `at` may lie (clock differences between offices); later is refused. */
const FUTURE_TOLERANCE_MS = 24 * 60 * 60 * 1000;

/** Parse with the domain's schema (plain-language problems) and refuse an `at` in the future. */
export function parseAction<N extends SeboActionName>(name: N, input: unknown): SeboAction<N> {
  const value = parseOrThrow(seboActions[name], input, name) as SeboAction<N>;
  const at = (value as { at: string }).at;
  if (ms(at) > nowMs() + FUTURE_TOLERANCE_MS) throw new Refused(`${name}.at: ${at} is in the future`);
  return value;
}

type Guard<N extends SeboActionName> = (v: SeboAction<N>) => void;
type Apply<N extends SeboActionName> = (v: SeboAction<N>) => string;

/**
 * Registers one human action: validator = schema + stage guard (refuses, changes nothing); handler applies.
 * `rules` are refusals added after cases were running (the reglement's boundaries): they run in the
 * validator only, which Temporal skips on replay, so an update accepted before a rule existed still
 * applies when its history replays (no `patched()` needed for a refusal).
 */
export function onAction<N extends SeboActionName, S extends CaseCore>(
  c: Case<S>,
  name: N,
  guard: Guard<N>,
  apply: Apply<N>,
  rules?: Guard<N>,
): void {
  const update = (defs as unknown as Record<string, unknown>)[name];
  setHandler(
    update as never,
    ((input: unknown): ActionResult => {
      const v = parseAction(name, input);
      guard(v);
      const recorded = c.state.history.length;
      const message = apply(v);
      // What the person recorded (notes, findings, reasons, ...) stays with the history line, for `status`.
      const details = recordedDetails(v as Record<string, unknown>);
      const entry = c.state.history[recorded];
      if (entry && details) entry.details = details;
      return { stage: c.state.stage, message };
    }) as never,
    {
      validator: ((input: unknown) => {
        const v = parseAction(name, input);
        guard(v);
        rules?.(v);
      }) as never,
    },
  );
}

/** The fields of an action besides when and by whom (documents are listed on the keuring itself). */
function recordedDetails(v: Record<string, unknown>): Record<string, unknown> | undefined {
  const details = Object.fromEntries(
    Object.entries(v).filter(([key, value]) => !['at', 'by', 'documents'].includes(key) && value !== undefined && value !== false && !(Array.isArray(value) && value.length === 0)),
  );
  return Object.keys(details).length ? details : undefined;
}

/** What the status query shows of a keuring: every date, what was recorded, and what is still missing. */
export function keuringStatus(scheme: SchemeDefinition, k: KeuringState): KeuringStatus {
  return {
    round: k.round,
    step: k.step,
    forwardedAt: k.forwardedAt,
    documentsReceived: k.documents.map((d) => ({ id: d.id, receivedAt: d.receivedAt, ...(d.issuedOn ? { issuedOn: d.issuedOn } : {}) })),
    documentsMissing: k.step === DONE ? [] : checkDocuments(scheme, k.documents, nowIso()).map((f) => f.message),
    auditAt: k.auditAt,
    auditor: k.auditor,
    auditDoneAt: k.auditDoneAt,
    shortcomings: k.shortcomings,
    findings: k.findings,
    supplementsUntil: k.supplementsUntil,
    supplements: k.supplements,
    reportAt: k.reportAt,
    advice: k.advice,
    unmetCriteria: k.unmetCriteria,
    disagreement: k.disagreement,
    bothSidesHeard: k.bothSidesHeard,
    outcome: k.outcome,
    decidedAt: k.decidedAt,
    reason: k.reason,
  };
}

/** A domain refusal (a reason or undefined) as a validator error. */
export function refuseIf(reason: string | undefined): void {
  if (reason) throw new Refused(reason);
}

function requireStep(k: KeuringState | undefined, allowed: Stage[], action: string): KeuringState {
  if (!k || k.step === DONE) throw new Refused(`${action}: no keuring is in progress in this case`);
  if (!allowed.includes(k.step)) throw new Refused(`${action}: the keuring is at ${k.step}, this action belongs to ${allowed.join(' or ')}`);
  return k;
}

/**
 * The keuring's update handlers. `onStep` lets the host show the step (the application's stage is the
 * step; a holder stays RENEWAL and shows the step in its status).
 */
export function registerKeuringActions<S extends KeuringHost>(c: Case<S>, onStep: (step: Stage) => void): void {
  const k = () => c.state.keuring;
  const to = (step: Stage) => {
    k()!.step = step;
    onStep(step);
  };

  onAction(
    c,
    'documentsReceived',
    (v) => {
      requireStep(k(), [STAGES.AUDIT_PLANNING, STAGES.AUDIT], 'documentsReceived');
      const known = new Set(c.scheme.documents.map((d) => d.id));
      const unknown = v.documents.filter((d) => !known.has(d.id)).map((d) => d.id);
      if (unknown.length) throw new Refused(`documentsReceived.documents: unknown document id ${unknown.map((u) => `"${u}"`).join(', ')}; expected one of ${[...known].join(', ')}`);
      const stale = checkDocuments(c.scheme, v.documents, v.at).filter((f) => f.kind === 'document-too-old');
      if (stale.length) throw new Refused(`SEBO-D1: ${stale.map((f) => f.message).join('; ')}`);
    },
    (v) => {
      const ks = k()!;
      ks.documents = [...ks.documents.filter((d) => !v.documents.some((n) => n.id === d.id)), ...v.documents];
      const missing = checkDocuments(c.scheme, ks.documents, v.at);
      ks.documentsComplete = missing.length === 0;
      c.record(`documents received: ${v.documents.map((d) => d.id).join(', ')}${ks.documentsComplete ? ' (complete)' : ''}`, 'SEBO-D1', v.by, v.at);
      return ks.documentsComplete ? 'all documents are in (SEBO-D1)' : `still missing: ${missing.map((m) => m.message).join('; ')}`;
    },
  );

  onAction(
    c,
    'auditPlanned',
    (v) => {
      requireStep(k(), [STAGES.AUDIT_PLANNING], 'auditPlanned');
      if (ms(v.auditAt) < ms(v.at)) throw new Refused(`auditPlanned.auditAt: the audit (${v.auditAt}) cannot be before the appointment was made (${v.at})`);
    },
    (v) => {
      k()!.auditAt = v.auditAt;
      k()!.auditor = v.auditor;
      c.record(`audit planned for ${v.auditAt}`, 'SEBO-T4', v.by, v.at);
      to(STAGES.AUDIT);
      return `audit planned for ${v.auditAt}`;
    },
  );

  onAction(
    c,
    'auditDone',
    () => {
      const ks = requireStep(k(), [STAGES.AUDIT], 'auditDone');
      if (!ks.documentsComplete) {
        const missing = checkDocuments(c.scheme, ks.documents, nowIso()).map((m) => m.message);
        throw new Refused(`SEBO-D1: the audit needs all documents first; ${missing.join('; ')}`);
      }
    },
    (v) => {
      const ks = k()!;
      ks.auditDoneAt = v.at;
      ks.shortcomings = v.shortcomings;
      ks.findings = v.findings;
      c.record(`audit done, shortcomings: ${v.shortcomings}`, 'SEBO-T5', v.by, v.at);
      if (v.shortcomings === 'serious') {
        // SEBO-T5: many or serious shortcomings need a new audit later: back to planning, the month counts anew.
        ks.forwardedAt = v.at;
        ks.auditAt = undefined;
        to(STAGES.AUDIT_PLANNING);
        return 'serious shortcomings: a new audit must be planned (SEBO-T5)';
      }
      ks.supplementsUntil = supplementsDeadline(c.scheme, v.at);
      c.notice(['applicant'], 'audit-findings', { auditDatum: v.at, termijn: ks.supplementsUntil });
      to(STAGES.REPORT);
      return `supplements count until ${ks.supplementsUntil}`;
    },
    (v) => refuseIf(auditDoneRefusal(k()!.auditAt!, v.at, nowIso())),
  );

  onAction(
    c,
    'supplementsReceived',
    (v) => {
      const ks = requireStep(k(), [STAGES.REPORT], 'supplementsReceived');
      if (ks.supplementsUntil && ms(v.at) > ms(ks.supplementsUntil)) {
        throw new Refused(`SEBO-T5: the supplements period ended on ${ks.supplementsUntil}; the auditor may extend it (supplementsDeadlineExtended)`);
      }
    },
    (v) => {
      k()!.supplements.push(v.description);
      c.record('supplements received', 'SEBO-T5', v.by, v.at);
      return 'supplements will be part of the report';
    },
  );

  onAction(
    c,
    'supplementsDeadlineExtended',
    (v) => {
      const ks = requireStep(k(), [STAGES.REPORT], 'supplementsDeadlineExtended');
      if (ks.supplementsUntil && ms(v.until) <= ms(ks.supplementsUntil)) {
        throw new Refused(`supplementsDeadlineExtended.until: ${v.until} is not later than the current end ${ks.supplementsUntil}`);
      }
    },
    (v) => {
      k()!.supplementsUntil = v.until;
      c.record(`supplements period extended until ${v.until}: ${v.reason}`, 'SEBO-T5', v.by, v.at);
      return `supplements count until ${v.until}`;
    },
  );

  onAction(
    c,
    'reportAndAdvice',
    () => void requireStep(k(), [STAGES.REPORT], 'reportAndAdvice'),
    (v) => {
      const ks = k()!;
      ks.reportAt = v.at;
      ks.advice = v.advice;
      ks.disagreement = !!v.disagreement;
      ks.unmetCriteria = assessReportedCriteria(c.scheme, v.unmetCriteria).unmet;
      const unmet = ks.unmetCriteria.length ? `; criteria not met: ${ks.unmetCriteria.join(', ')}` : '';
      c.record(`report with advice ${v.advice}${unmet}${v.disagreement ? ' (disagreement: both views reported)' : ''}`, 'SEBO-T6', v.by, v.at);
      const decideBy = decisionDeadline(c.scheme, v.at);
      c.notice(['applicant', 'municipality'], 'advice-copy', {
        rapportDatum: v.at,
        advies: v.advice,
        verschilVanInzicht: !!v.disagreement,
        termijn: decideBy,
      });
      to(STAGES.DECISION);
      return `the municipality decides by ${decideBy}`;
    },
    (v) => {
      refuseIf(unmetCriteriaRefusal(c.scheme, v.unmetCriteria));
      refuseIf(reportRefusal(k()!.supplementsUntil, v.at, nowIso()));
    },
  );

  onAction(
    c,
    'bothSidesHeard',
    () => {
      const ks = requireStep(k(), [STAGES.DECISION], 'bothSidesHeard');
      if (!ks.disagreement) throw new Refused('bothSidesHeard: the report records no disagreement (SEBO-T6)');
      if (ks.bothSidesHeard) throw new Refused('bothSidesHeard: already recorded');
    },
    (v) => {
      k()!.bothSidesHeard = true;
      c.record('both sides heard on the disagreement', 'SEBO-T6', v.by, v.at);
      return 'the municipality may decide';
    },
  );

  onAction(
    c,
    'decision',
    () => {
      const ks = requireStep(k(), [STAGES.DECISION], 'decision');
      if (ks.disagreement && !ks.bothSidesHeard) throw new Refused('SEBO-T6: on a disagreement both sides are heard before the decision (bothSidesHeard)');
    },
    (v) => {
      const ks = k()!;
      ks.outcome = v.outcome;
      ks.decidedAt = v.at;
      ks.decidedBy = v.by;
      ks.reason = v.reason;
      ks.certificateNumber = v.certificateNumber;
      c.record(`decision: ${v.outcome}${v.reason ? ` (${v.reason})` : ''}`, 'SEBO-T7', v.by, v.at);
      to(DONE);
      return `decision recorded: ${v.outcome}`;
    },
    (v) => {
      if (v.outcome === 'granted') refuseIf(grantRefusal(c.scheme, k()!.unmetCriteria ?? []));
    },
  );
}

/** Drives a keuring from wherever its state is to the decision; returns the outcome. */
export async function runKeuring<S extends KeuringHost>(c: Case<S>, mayContinueAsNew: boolean): Promise<'granted' | 'rejected'> {
  const k = c.state.keuring!;
  let documentsWaiter = false;
  const waitForDocuments = () => {
    if (documentsWaiter || k.documentsComplete) return;
    documentsWaiter = true;
    c.beside(c.waitFor(
      { action: 'documentsReceived', party: 'applicant', dueAt: deadline(k.forwardedAt, c.state.policy.documentsWithin), ruleId: 'SEBO-D1' },
      () => k.documentsComplete || k.step === DONE,
    ));
  };
  const opts = { mayContinueAsNew };
  for (;;) {
    const step = k.step;
    if (step === STAGES.AUDIT_PLANNING) {
      waitForDocuments();
      await c.waitFor(
        { action: 'auditPlanned', party: 'certifying-institution', dueAt: auditDeadline(c.scheme, k.forwardedAt), ruleId: 'SEBO-T4' },
        () => k.step !== step,
        opts,
      );
    } else if (step === STAGES.AUDIT) {
      waitForDocuments();
      await c.waitFor(
        { action: 'auditDone', party: 'certifying-institution', dueAt: deadline(k.auditAt!, 'P0D'), ruleId: 'SEBO-T5' },
        () => k.step !== step,
        opts,
      );
    } else if (step === STAGES.REPORT) {
      await c.waitFor(
        { action: 'reportAndAdvice', party: 'certifying-institution', dueAt: reportDeadline(c.scheme, k.auditDoneAt!), ruleId: 'SEBO-T6' },
        () => k.step !== step,
        opts,
      );
    } else if (step === STAGES.DECISION) {
      await c.waitFor(
        { action: 'decision', party: 'municipality', dueAt: decisionDeadline(c.scheme, k.reportAt!), ruleId: 'SEBO-T7' },
        () => k.step !== step,
        opts,
      );
    } else {
      c.close('documentsReceived');
      return k.outcome!;
    }
  }
}

/**
 * What a notice may say about the keuring (issue 13): the audit's findings, the report's unmet
 * criteria by name, the decision's reason, and while the documents are asked for, which ones and where
 * they go (SEBO-D1). Taken when the notice is decided (Case.noticeFacts).
 */
export function keuringFacts<S extends KeuringHost>(c: Case<S>): Record<string, unknown> {
  const k = c.state.keuring;
  if (!k) return {};
  const out: Record<string, unknown> = {};
  if (k.auditAt) out.auditAfspraak = k.auditAt;
  if (k.auditor) out.auditor = k.auditor;
  if (k.auditDoneAt) out.auditDatum = k.auditDoneAt;
  if (k.shortcomings) out.tekortkomingen = k.shortcomings;
  if (k.findings) out.bevindingen = k.findings;
  if (k.supplementsUntil) out.aanvullenTot = k.supplementsUntil;
  if (k.reportAt) out.rapportDatum = k.reportAt;
  if (k.unmetCriteria?.length) out.onvoldaan = criteriaNames(c.scheme, k.unmetCriteria);
  if (k.decidedAt) out.besluitDatum = k.decidedAt;
  if (k.reason) out.reden = k.reason;
  if (k.step === STAGES.AUDIT_PLANNING && c.scheme.documents.length) {
    out.documenten = documentFacts(c.scheme, k.documents);
    out.documentenRegel = 'SEBO-D1';
    out.documentenTermijn = deadline(k.forwardedAt, c.state.policy.documentsWithin);
    if (c.scheme.documentsTo) out.documentenNaar = c.scheme.documentsTo;
  }
  return out;
}
