// The Updates of an engine case: one per kind of human action (the names of definitions.ts UPDATES).
// Each validator parses the input with the domain's schema, refuses an action the scheme's procedure
// does not have (naming the scheme and the steps it has), refuses one that does not fit where the case
// is, and changes nothing; the handler records it and marks the step done, the loop moves on.
import { ApplicationFailure, condition, setHandler } from '@temporalio/workflow';
import {
  assessReportedCriteria,
  auditDoneRefusal,
  caseActions,
  checkDocuments,
  grantRefusal,
  meetingOutcomeRefusal,
  reportRefusal,
  unmetCriteriaRefusal,
  flowActions,
  parseOrThrow,
  psoLevel,
  stepById,
  type CaseAction,
  type CaseActionName,
  type Step,
} from '../../domain';
import * as defs from '../definitions';
import { STAGES, type ActionResult } from '../definitions';
import { ms, nowIso, nowMs, Refused, WrongCaseKind } from '../case';
import type { Engine } from './engine';
import type { RunState } from './state';

/** How far in the future a recorded `at` may lie (clock differences between offices); later is refused. */
const FUTURE_TOLERANCE_MS = 24 * 60 * 60 * 1000;

export function parseAction<N extends CaseActionName>(name: N, input: unknown): CaseAction<N> {
  const value = parseOrThrow(caseActions[name], input, name) as CaseAction<N>;
  const at = (value as { at: string }).at;
  if (ms(at) > nowMs() + FUTURE_TOLERANCE_MS) throw new Refused(`${name}.at: ${at} is in the future`);
  return value;
}

/**
 * `guard` runs in the validator and again in the handler; `rules` are refusals added after cases were
 * running (the reglement's boundaries): they run in the validator only, which Temporal skips on replay,
 * so an update accepted before a rule existed still applies when its history replays.
 */
type Handler<N extends CaseActionName> = { guard: (v: CaseAction<N>) => void; apply: (v: CaseAction<N>) => string; rules?: (v: CaseAction<N>) => void };

/** A domain refusal (a reason or undefined) as a validator error. */
export function refuseIf(reason: string | undefined): void {
  if (reason) throw new Refused(reason);
}

/** The steps a scheme has, for a refusal: "intake (intakeRecorded), members-meeting (meetingOutcome), ...". */
export function describeSteps(e: Engine): string {
  const seen = new Map<string, string[]>();
  for (const { action, step } of flowActions(e.flow)) seen.set(step, [...(seen.get(step) ?? []), action]);
  return [...seen].map(([step, actions]) => `${step} (${actions.join(', ')})`).join('; ');
}

export function on<N extends CaseActionName>(e: Engine, name: N, h: Handler<N>): void {
  const update = (defs as unknown as Record<string, unknown>)[name];
  // What is refused wherever the case is: the wrong kind of case, bad input, an action the scheme lacks.
  const admit = (input: unknown): CaseAction<N> => {
    const kinds = (defs.ALL_UPDATES as Record<string, readonly string[]>)[name] ?? [];
    if (!kinds.includes(e.state.caseKind) && !(e.state.caseKind === 'holder' && e.state.run)) {
      throw new WrongCaseKind(`${name}: an action on ${kinds.join(' or ')}; this case is ${e.state.caseKind === 'holder' ? 'a holder' : 'an application'} at stage ${e.state.stage}`);
    }
    const v = parseAction(name, input);
    if (!flowActions(e.flow).some((a) => a.action === name)) {
      throw new Refused(`${name}: the ${e.scheme.name} has no step for this action; its steps are ${describeSteps(e)}`);
    }
    return v;
  };
  const check = (input: unknown): CaseAction<N> => {
    const v = admit(input);
    h.guard(v);
    return v;
  };
  const applied = (v: CaseAction<N>): ActionResult => {
    const recorded = e.state.history.length;
    const message = h.apply(v);
    // What the person recorded (notes, findings, reasons, ...) stays with the history line, for `status`.
    const details = recordedDetails(v as Record<string, unknown>);
    const entry = e.state.history[recorded];
    if (entry && details) entry.details = details;
    return { stage: e.state.stage, message };
  };
  setHandler(
    update as never,
    ((input: unknown): ActionResult | Promise<ActionResult> => {
      if (opening(e)) return afterOpening(e, () => check(input), h.rules).then(applied);
      return applied(check(input));
    }) as never,
    {
      validator: ((input: unknown) => {
        // An action sent the moment a case starts can reach it before it has opened its first step
        // (in its first workflow task, or while it looks up earlier cases): it is judged once it has.
        if (opening(e)) return void admit(input);
        const v = check(input);
        h.rules?.(v);
      }) as never,
    },
  );
}

/**
 * A case that has not yet opened: an application that has not entered its first step (its first
 * workflow task has not run past its opening, or it awaits a look-up of earlier cases, PSO-2), or a
 * started holder whose holder part is not built yet. The SDK hands an update that came with the first
 * workflow task to its validator the moment the handler is registered, before the case function has
 * gone on. Old histories never held an accepted update at this point (the validator refused it), so
 * judging it later changes no recorded history.
 */
export function opening(e: Engine): boolean {
  const s = e.state;
  if (s.caseKind === 'holder') return !s.holder;
  return !s.run && !s.lastRun && !s.closed && s.stage === STAGES.INTAKE;
}

/**
 * Waits until the case has opened (or ended without opening, e.g. not eligible), then judges the action
 * as the validator would have. A refusal here is a failed update with the same words: thrown as an
 * ApplicationFailure because any other error in a handler would fail the workflow task.
 */
async function afterOpening<V>(e: Engine, check: () => V, rules?: (v: V) => void): Promise<V> {
  await condition(() => !opening(e));
  try {
    const v = check();
    rules?.(v);
    return v;
  } catch (err) {
    const error = err as Error;
    throw ApplicationFailure.create({ message: error.message, type: error.name, nonRetryable: true });
  }
}

/** The fields of an action besides when and by whom (documents are listed on the keuring itself). */
function recordedDetails(v: Record<string, unknown>): Record<string, unknown> | undefined {
  const details = Object.fromEntries(
    Object.entries(v).filter(([key, value]) => !['at', 'by', 'documents'].includes(key) && value !== undefined && value !== false && !(Array.isArray(value) && value.length === 0)),
  );
  return Object.keys(details).length ? details : undefined;
}

/** The run's current step if its action is `action` and not yet recorded; otherwise a refusal saying where the case is. */
export function atStep(e: Engine, action: string, what: (s: Step) => boolean = (s) => s.action === action): { run: RunState; step: Step } {
  const run = e.state.run;
  const belongs = e.flow.steps.filter(what).map((s) => s.stage);
  const where = `this action belongs to ${[...new Set(belongs)].join(' or ')}`;
  if (!run) {
    if (e.state.caseKind === 'holder') throw new Refused(`${action}: no ${e.flow.holder.renewal?.label ?? 'renewal'} is in progress in this case; ${where}`);
    throw new Refused(`${action}: the case is at ${e.state.stage}, ${where}`);
  }
  const step = stepById(e.flow, run.stepId);
  if (!what(step) || (step.action === action && run.done)) {
    const at = e.state.caseKind === 'holder' ? `the ${e.flow.holder.renewal?.label ?? 'renewal'} is at ${step.stage}` : `the case is at ${e.state.stage}`;
    throw new Refused(`${action}: ${at}, ${where}`);
  }
  return { run, step };
}

function done(run: RunState, at: string, outcome?: string): void {
  run.done = { at, ...(outcome !== undefined ? { outcome } : {}) };
}

export function registerStepActions(e: Engine): void {
  const c = e.c;
  const s = e.state;

  on(e, 'intakeRecorded', {
    guard: () => void atStep(e, 'intakeRecorded'),
    apply: (v) => {
      const { run, step } = atStep(e, 'intakeRecorded');
      s.intakeAt = v.at;
      c.record('intake conversation held', step.rule, v.by, v.at);
      done(run, v.at);
      return 'intake recorded';
    },
  });

  on(e, 'meetingOutcome', {
    // Only for the meeting whose agenda listed the case, once that meeting has taken place.
    guard: (v) => {
      const { run } = atStep(e, 'meetingOutcome');
      refuseIf(meetingOutcomeRefusal(run.meeting!, { meetingDate: v.meetingDate, now: nowIso() }));
    },
    rules: (v) => {
      const { run } = atStep(e, 'meetingOutcome');
      refuseIf(meetingOutcomeRefusal(run.meeting!, { meetingDate: v.meetingDate, now: nowIso(), listedAt: run.listedAt }));
    },
    apply: (v) => {
      const { run, step } = atStep(e, 'meetingOutcome');
      run.meetingOutcome = v.outcome;
      run.meetingReason = v.reason;
      c.record(`members' meeting of ${v.meetingDate}: ${v.outcome}${v.reason ? ` (${v.reason})` : ''}`, step.rule, v.by, v.at);
      done(run, v.at, v.outcome);
      return `meeting outcome recorded: ${v.outcome}`;
    },
  });

  on(e, 'auditPlanned', {
    guard: (v) => {
      atStep(e, 'auditPlanned');
      if (ms(v.auditAt) < ms(v.at)) throw new Refused(`auditPlanned.auditAt: the audit (${v.auditAt}) cannot be before the appointment was made (${v.at})`);
    },
    apply: (v) => {
      const { run, step } = atStep(e, 'auditPlanned');
      run.anchors['audit-appointment'] = v.auditAt;
      if (v.auditor) run.auditor = v.auditor;
      c.record(`audit planned for ${v.auditAt}`, step.rule, v.by, v.at);
      done(run, v.at);
      return `audit planned for ${v.auditAt}`;
    },
  });

  on(e, 'auditDone', {
    guard: () => {
      const { run, step } = atStep(e, 'auditDone');
      if (step.documents && !run.documentsComplete) {
        const missing = checkDocuments(e.scheme, run.documents, nowIso()).map((m) => m.message);
        throw new Refused(`${step.documents.rule ?? step.id}: the audit needs all documents first; ${missing.join('; ')}`);
      }
    },
    // Not done before its planned time (neither dated nor recorded before it).
    rules: (v) => {
      const { run } = atStep(e, 'auditDone');
      const plannedAt = run.anchors['audit-appointment'];
      if (plannedAt) refuseIf(auditDoneRefusal(plannedAt, v.at, nowIso()));
    },
    apply: (v) => {
      const { run, step } = atStep(e, 'auditDone');
      run.anchors['audit-done'] = v.at;
      run.shortcomings = v.shortcomings;
      run.findings = v.findings;
      run.supplementsUntil = undefined;
      c.record(`audit done, shortcomings: ${v.shortcomings}${v.findings ? ` (${v.findings})` : ''}`, step.rule, v.by, v.at);
      const t = e.transitionOf(step, v.shortcomings);
      done(run, v.at, v.shortcomings);
      if (t.step === step.id || (t.step && stepById(e.flow, t.step).action === 'auditPlanned')) {
        return `serious shortcomings: a new audit must be planned (${step.rule ?? step.id})`;
      }
      const next = t.step ? stepById(e.flow, t.step) : undefined;
      if (next?.supplements) {
        // The handler answers with the date; the loop enters the step and keeps it.
        run.anchors['audit-done'] = v.at;
        return `supplements count until ${supplementsEnd(e, next, v.at)}`;
      }
      return 'audit recorded';
    },
  });

  on(e, 'supplementsReceived', {
    guard: (v) => {
      const { run, step } = atStep(e, 'supplementsReceived', (st) => !!st.supplements);
      if (run.supplementsUntil && ms(v.at) > ms(run.supplementsUntil)) {
        throw new Refused(`${step.supplements!.rule ?? step.id}: the supplements period ended on ${run.supplementsUntil}; the auditor may extend it (supplementsDeadlineExtended)`);
      }
    },
    apply: (v) => {
      const { run, step } = atStep(e, 'supplementsReceived', (st) => !!st.supplements);
      run.supplements.push(v.description);
      c.record('supplements received', step.supplements!.rule, v.by, v.at);
      return 'supplements will be part of the report';
    },
  });

  on(e, 'supplementsDeadlineExtended', {
    guard: (v) => {
      const { run } = atStep(e, 'supplementsDeadlineExtended', (st) => !!st.supplements);
      if (run.supplementsUntil && ms(v.until) <= ms(run.supplementsUntil)) {
        throw new Refused(`supplementsDeadlineExtended.until: ${v.until} is not later than the current end ${run.supplementsUntil}`);
      }
    },
    apply: (v) => {
      const { run, step } = atStep(e, 'supplementsDeadlineExtended', (st) => !!st.supplements);
      run.supplementsUntil = v.until;
      c.record(`supplements period extended until ${v.until}: ${v.reason}`, step.supplements!.rule, v.by, v.at);
      return `supplements count until ${v.until}`;
    },
  });

  on(e, 'reportAndAdvice', {
    guard: () => void atStep(e, 'reportAndAdvice'),
    // Unmet criteria are criterion ids of the scheme; the report does not close the supplements window.
    rules: (v) => {
      const { run } = atStep(e, 'reportAndAdvice');
      refuseIf(unmetCriteriaRefusal(e.scheme, v.unmetCriteria));
      refuseIf(reportRefusal(run.supplementsUntil, v.at, nowIso()));
    },
    apply: (v) => {
      const { run, step } = atStep(e, 'reportAndAdvice');
      run.anchors.report = v.at;
      run.advice = v.advice;
      run.disagreement = !!v.disagreement;
      run.unmetCriteria = assessReportedCriteria(e.scheme, v.unmetCriteria).unmet;
      const unmet = run.unmetCriteria.length ? `; criteria not met: ${run.unmetCriteria.join(', ')}` : '';
      c.record(`report with advice ${v.advice}${unmet}${v.disagreement ? ' (disagreement: both views reported)' : ''}`, step.rule, v.by, v.at);
      done(run, v.at);
      const t = e.transitionOf(step, undefined);
      const next = t.step ? stepById(e.flow, t.step) : undefined;
      const by = next?.due ? dueFrom(e, next, { report: v.at }) : undefined;
      return by ? `the ${e.scheme.owner} decides by ${by}` : 'report recorded';
    },
  });

  on(e, 'bothSidesHeard', {
    guard: () => {
      const { run } = atStep(e, 'bothSidesHeard', (st) => !!st.hearing);
      if (!run.disagreement) throw new Refused(`bothSidesHeard: the report records no disagreement`);
      if (run.bothSidesHeard) throw new Refused('bothSidesHeard: already recorded');
    },
    apply: (v) => {
      const { run, step } = atStep(e, 'bothSidesHeard', (st) => !!st.hearing);
      run.bothSidesHeard = true;
      c.record('both sides heard on the disagreement', step.hearing!.rule, v.by, v.at);
      return 'the decision may be taken';
    },
  });

  on(e, 'integrityScreened', {
    guard: () => void atStep(e, 'integrityScreened'),
    apply: (v) => {
      const { run, step } = atStep(e, 'integrityScreened');
      run.integrity = { outcome: v.outcome, at: v.at, ...(v.notes ? { notes: v.notes } : {}) };
      c.record(`integrity screened: ${v.outcome}${v.ground ? ` (${v.ground})` : ''}${v.notes ? `: ${v.notes}` : ''}`, step.rule, v.by, v.at);
      done(run, v.at, v.outcome);
      return `integrity screening recorded: ${v.outcome}`;
    },
  });

  on(e, 'covenantSigned', {
    guard: () => void atStep(e, 'covenantSigned'),
    apply: (v) => {
      const { run, step } = atStep(e, 'covenantSigned');
      run.covenantSignedAt = v.at;
      c.record(`covenant signed${v.signatory ? ` by ${v.signatory}` : ''}${v.pledgedPlacements ? `, ${v.pledgedPlacements} places pledged` : ''}`, step.rule, v.by, v.at);
      done(run, v.at);
      return 'covenant recorded';
    },
  });

  on(e, 'decision', {
    guard: (v) => {
      const { run, step } = atStep(e, 'decision');
      if (step.hearing && run.disagreement && !run.bothSidesHeard) {
        throw new Refused(`${step.hearing.rule ?? step.id}: on a disagreement both sides are heard before the decision (bothSidesHeard)`);
      }
      if (v.outcome === 'granted') checkLevel(e, v.level ?? (s.assessment?.level as string | undefined));
    },
    // A hard-fail criterion the report found not met means no grant, whatever the advice.
    rules: (v) => {
      const { run } = atStep(e, 'decision');
      if (v.outcome === 'granted') refuseIf(grantRefusal(e.scheme, run.unmetCriteria ?? []));
    },
    apply: (v) => {
      const { run, step } = atStep(e, 'decision');
      const level = v.outcome === 'granted' ? (v.level ?? (s.assessment?.level as string | undefined)) : undefined;
      run.decision = {
        outcome: v.outcome,
        at: v.at,
        ...(v.by ? { by: v.by } : {}),
        ...(v.reason ? { reason: v.reason } : {}),
        ...(v.certificateNumber ? { certificateNumber: v.certificateNumber } : {}),
        ...(level ? { level } : {}),
      };
      c.record(`decision: ${v.outcome}${level ? ` at level ${level}` : ''}${v.reason ? ` (${v.reason})` : ''}`, step.rule, v.by, v.at);
      done(run, v.at, v.outcome);
      return `decision recorded: ${v.outcome}`;
    },
  });

  on(e, 'documentsReceived', {
    guard: (v) => {
      const { step } = atStep(e, 'documentsReceived', (st) => !!st.documents);
      const known = new Set(e.scheme.documents.map((d) => d.id));
      const unknown = v.documents.filter((d) => !known.has(d.id)).map((d) => d.id);
      if (unknown.length) throw new Refused(`documentsReceived.documents: unknown document id ${unknown.map((u) => `"${u}"`).join(', ')}; expected one of ${[...known].join(', ')}`);
      const stale = checkDocuments(e.scheme, v.documents, v.at).filter((f) => f.kind === 'document-too-old');
      if (stale.length) throw new Refused(`${step.documents!.rule ?? step.id}: ${stale.map((f) => f.message).join('; ')}`);
    },
    apply: (v) => {
      const { run, step } = atStep(e, 'documentsReceived', (st) => !!st.documents);
      run.documents = [...run.documents.filter((d) => !v.documents.some((n) => n.id === d.id)), ...v.documents];
      const missing = checkDocuments(e.scheme, run.documents, v.at);
      run.documentsComplete = missing.length === 0;
      const rule = step.documents!.rule;
      c.record(`documents received: ${v.documents.map((d) => d.id).join(', ')}${run.documentsComplete ? ' (complete)' : ''}`, rule, v.by, v.at);
      return run.documentsComplete ? `all documents are in${rule ? ` (${rule})` : ''}` : `still missing: ${missing.map((m) => m.message).join('; ')}`;
    },
  });
}

/** A ladder level must be one of the scheme's; a level that can be had once is refused the second time, with when it was held. */
function checkLevel(e: Engine, level: string | undefined): void {
  const a = e.scheme.assessment;
  if (a.method !== 'pso-ladder' || !level) return;
  const levels = [a.entryLevel, ...Object.keys(a.thresholds)];
  if (!levels.includes(level)) throw new Refused(`decision.level: "${level}" is not a level of the ${e.scheme.name}; expected one of ${levels.join(', ')}`);
  if (level === a.entryLevel && e.scheme.eligibility.aspirantOnlyOnce) {
    const held = e.state.onceLevelsHeld.find((h) => h.level === level);
    if (held) {
      throw new Refused(
        `decision.level: the ${level} status can be had only once; this company held it from ${held.from.slice(0, 10)}${held.until ? ` until ${held.until.slice(0, 10)}` : ''}`,
      );
    }
  }
}

function supplementsEnd(e: Engine, step: Step, auditDoneAt: string): string {
  const run = e.state.run!;
  return dueFrom(e, { ...step, due: { from: 'audit-done', period: step.supplements!.period } }, { 'audit-done': auditDoneAt }) ?? run.supplementsUntil ?? '';
}

function dueFrom(e: Engine, step: Step, anchors: Partial<RunState['anchors']>): string | undefined {
  const run = e.state.run!;
  const saved = run.anchors;
  run.anchors = { ...saved, ...anchors };
  try {
    return e.dueOf(step);
  } finally {
    run.anchors = saved;
  }
}

/** PSO-1: the provisional level of a self-assessment (the ladder function of the domain). */
export function provisionalLevel(e: Engine, figures: { totalFte: number; targetGroupFte: number; indirectFte: number } | undefined) {
  if (e.scheme.assessment.method !== 'pso-ladder' || !figures) return undefined;
  const held = e.state.onceLevelsHeld.some((h) => h.level === (e.scheme.assessment as { entryLevel: string }).entryLevel);
  return psoLevel(e.scheme, { ...figures, hadAspirantStatus: held });
}
