// `keurmerkCase`: one keurmerk case of any scheme, from application to lapse, run from the scheme
// definition it started with (the definition travels in the state, with its version and hash, so a
// changed file never changes a running case). An application runs the definition's steps; a grant
// continues as new into the holder phase under the same workflow id.
import { ApplicationFailure, continueAsNew, patched, proxyActivities, setHandler, sleep, workflowInfo } from '@temporalio/workflow';
import {
  ApplicationSchema,
  checkEligibility,
  definitionHash,
  earliestNewKeuring,
  findingsByRule,
  firstStep,
  formatProblem,
  getScheme,
  holderSecondKeuringRefusal,
  msUntil,
  newKeuringFrom,
  parseWith,
  submittedInFutureRefusal,
  unknownDocumentsRefusal,
  scoreWerkpakt,
  secondKeuringAllowed,
  validity as validityOf,
  type SchemeDefinition,
} from '../../domain';
import { SCHEMES_WITH_WORKFLOWS, STAGES, statusQuery, type ApplicationStart, type HistoryEntry, type ReminderPolicy } from '../definitions';
import { Case, nowIso, nowMs, Refused } from '../case';
import { reminderPolicy } from '../reminder-policy';
import { acts } from '../activity-api';
import type { KeurmerkActivities } from '../../activities';
import { LEVEL } from '../search-attributes';
import { Engine } from './engine';
import { caseStatus } from './status';
import { on, provisionalLevel, refuseIf, registerStepActions } from './actions';
import { grantLevel, newHolderPart, registerHolderActions, registerStage, sendCertificate, startHolderLoops, certificateNumberFor } from './holder-phase';
import type { EngineState } from './state';
import { keurmerkApplication } from '../legacy/application';
import { keurmerkHolder } from '../legacy/holder';

/** An existing holder (imported), or a holder continued from its grant. */
export interface HolderInput {
  grant?: {
    schemeId: string;
    /** The definition to run (a loaded file); absent: the built-in one by id. */
    definition?: SchemeDefinition;
    company: { name: string; kvkNumber: string };
    contact: { name: string; email: string };
    accountmanager?: { name: string; email: string };
    accountmanagerCode: string;
    policy?: ReminderPolicy;
    decidedAt: string;
    certificateNumber?: string;
    activeSince: string;
    history?: HistoryEntry[];
    validity?: { validFrom: string; expiresAt: string };
    criteriaVersion?: string;
    level?: string;
    continueAsNewAfterEvents?: number;
  };
  state?: EngineState;
}

/** Looks into the company's earlier cases (visibility and their status): bounded, retried like the other look-ups. */
const lookups = proxyActivities<Pick<KeurmerkActivities, 'earlierLevelsHeld'>>({
  startToCloseTimeout: '2 minutes',
  retry: { initialInterval: '5 seconds', backoffCoefficient: 2, maximumInterval: '10 minutes' },
});

export type CaseInput = (ApplicationStart & { state?: undefined; grant?: undefined }) | HolderInput;

export type CaseResult =
  | { outcome: 'not-eligible'; reasons: string[]; alternatives: string[] }
  | { outcome: 'meeting-rejected' | 'closed'; stage: string }
  | { outcome: 'rejected'; waitedUntil?: string }
  | { outcome: 'lapsed' | 'withdrawn'; reason: string; at: string };

function fail(message: string, type: string): never {
  throw ApplicationFailure.nonRetryable(message, type);
}

function definitionOf(schemeId: string, given: SchemeDefinition | undefined): SchemeDefinition {
  if (given) {
    if (given.id !== schemeId) fail(`the definition given is "${given.id}", the application is for "${schemeId}"`, 'InvalidApplication');
    return given;
  }
  try {
    return getScheme(schemeId);
  } catch (err) {
    return fail((err as Error).message, 'UnsupportedScheme');
  }
}

function policyOf(overrides: Partial<ReminderPolicy> | undefined): ReminderPolicy {
  try {
    return reminderPolicy(overrides);
  } catch (err) {
    return fail((err as Error).message, 'InvalidReminderPolicy');
  }
}

/** Clock difference between the office that entered an application and the server that is tolerated. */
const SUBMITTED_CLOCK_TOLERANCE_MS = 5 * 60 * 1000;

function applicationState(start: ApplicationStart, workflowId: string): EngineState {
  const parsed = parseWith(ApplicationSchema, start.application);
  if (!parsed.ok) fail(`invalid application: ${parsed.problems.map(formatProblem).join('; ')}`, 'InvalidApplication');
  const a = parsed.value;
  const definition = definitionOf(a.schemeId, start.definition);
  if (!definition.flow) {
    fail(`scheme "${a.schemeId}" has no workflow yet (its definition has no procedure, flow); applications run for: ${SCHEMES_WITH_WORKFLOWS.join(', ')}`, 'UnsupportedScheme');
  }
  // Order in time at the door: not submitted in the future, no document id the scheme does not know.
  // Patched: cases started before these checks replay without them.
  if (patched('application-order-in-time')) {
    const refusal = submittedInFutureRefusal(a.submittedAt, nowIso(), SUBMITTED_CLOCK_TOLERANCE_MS) ?? unknownDocumentsRefusal(definition, a.documents);
    if (refusal) fail(`invalid application: ${refusal}`, 'InvalidApplication');
  }
  return {
    workflowId,
    schemeId: a.schemeId,
    definition,
    definitionHash: definitionHash(definition),
    caseKind: 'application',
    stage: STAGES.INTAKE,
    company: { name: a.company.name, kvkNumber: a.company.kvkNumber },
    contact: a.contact,
    accountmanager: a.accountmanager,
    accountmanagerCode: start.accountmanagerCode,
    policy: policyOf(start.reminders),
    history: [],
    open: [],
    outbox: [],
    application: a,
    activeSince: a.company.activeSince,
    rejectionsUsed: 0,
    onceLevelsHeld: start.onceLevelsHeld ?? [],
    continueAsNewAfterEvents: start.continueAsNewAfterEvents,
  };
}

function importedHolderState(g: NonNullable<HolderInput['grant']>, workflowId: string): EngineState {
  const definition = definitionOf(g.schemeId, g.definition);
  if (!definition.flow) fail(`scheme "${g.schemeId}" has no procedure (flow) to run`, 'UnsupportedScheme');
  return {
    workflowId,
    schemeId: g.schemeId,
    definition,
    definitionHash: definitionHash(definition),
    caseKind: 'holder',
    stage: STAGES.REGISTERED,
    company: g.company,
    contact: g.contact,
    accountmanager: g.accountmanager,
    accountmanagerCode: g.accountmanagerCode,
    policy: policyOf(g.policy),
    history: g.history ?? [],
    open: [],
    outbox: [],
    activeSince: g.activeSince,
    rejectionsUsed: 0,
    onceLevelsHeld: [],
    ...(g.level ? { level: g.level } : {}),
    continueAsNewAfterEvents: g.continueAsNewAfterEvents,
  };
}

/**
 * A run of the frozen code (workflows/legacy) continued as new under this type arrives with its own
 * state shape (no definition hash) or a second argument; it goes on on that code. Every case started
 * under this type runs on the engine.
 */
export async function keurmerkCase(input: CaseInput, resume?: unknown): Promise<CaseResult> {
  const engineState = !!input.state && 'definitionHash' in input.state;
  if (resume !== undefined || (input.state && !engineState)) {
    if (input.state || input.grant) return (await keurmerkHolder(input as never)) as CaseResult;
    return (await keurmerkApplication(input as ApplicationStart, resume as never)) as CaseResult;
  }
  const workflowId = workflowInfo().workflowId;
  const resumed = input.state;
  const state: EngineState = resumed ?? (input.grant ? importedHolderState(input.grant, workflowId) : applicationState(input as ApplicationStart, workflowId));
  const c = new Case(state);
  c.continueAsNewFn = (s) => continueAsNew<typeof keurmerkCase>({ state: s });
  const e = new Engine(c);
  e.onHolderStage = () => c.setStage(registerStage(state));
  // PSO-1: the level as a search attribute (granted, else the provisional one), never personal data.
  c.extraSearchAttributes = () => {
    const level = state.level ?? (state.assessment?.level as string | undefined);
    return e.scheme.assessment.method === 'pso-ladder' && level ? [{ key: LEVEL, value: level }] : [];
  };

  setHandler(statusQuery, () => caseStatus(e));
  registerStepActions(e);
  registerHolderActions(e);
  registerSecondKeuring(e);
  c.onCancel = async () => {
    const step = e.current();
    if (state.caseKind === 'application' && step?.meeting && state.run?.registered) {
      await acts.leaveMeeting({ workflowId: state.workflowId, schemeId: state.schemeId, meetingSchemeId: e.meetingSchemeId() });
    }
  };
  c.beside(c.runMailer());
  if (state.caseKind === 'holder') {
    if (!state.holder) {
      const g = input.grant!;
      state.holder = newHolderPart(e, { decidedAt: g.decidedAt, certificateNumber: g.certificateNumber, validity: g.validity, criteriaVersion: g.criteriaVersion });
    }
    return c.endsOnCancel(() => holderPhase(e));
  }
  return c.endsOnCancel(() => applicationPhase(e, !resumed));
}

async function holderPhase(e: Engine): Promise<CaseResult> {
  const c = e.c;
  const s = e.state;
  const hp = s.holder!;
  c.setStage(registerStage(s));
  if (!hp.certificateSent) sendCertificate(e, false);
  startHolderLoops(e);
  await c.waitWithoutTerm(() => !!hp.ended, true);
  for (const o of [...s.open]) c.close(o.action);
  c.setStage(hp.ended!.stage);
  await c.waitWithoutTerm(() => s.outbox.length === 0, false);
  return { outcome: hp.ended!.stage === STAGES.WITHDRAWN ? 'withdrawn' : 'lapsed', reason: hp.ended!.reason, at: nowIso() };
}

async function applicationPhase(e: Engine, fresh: boolean): Promise<CaseResult> {
  const c = e.c;
  const s = e.state;
  const a = s.application!;
  const drained = () => c.waitWithoutTerm(() => s.outbox.length === 0, false);
  c.publish();
  if (fresh) {
    c.record(`application received for ${e.scheme.name}`, e.flow.receivedRule, a.by, a.submittedAt);
    const eligibility = checkEligibility(e.scheme, a);
    if (!eligibility.eligible) {
      const reasons = eligibility.findings.map((f) => f.message);
      // Each finding under the rule that refused it (the definition's findingRules), so the refusal cites it.
      const byRule = findingsByRule(eligibility.findings, e.flow.notEligible.findingRules, e.flow.notEligible.rule);
      for (const { rule, messages } of byRule) c.record(`not eligible: ${messages.join('; ')}`, rule);
      const regels = byRule.flatMap((r) => (r.rule ? [r.rule] : []));
      e.send(e.flow.notEligible.mail, { redenen: eligibility.findings.map((f) => f.kind), alternatieven: eligibility.alternatives, ...(regels.length ? { regels } : {}) });
      c.setStage(STAGES.NOT_ELIGIBLE);
      await drained();
      return { outcome: 'not-eligible', reasons, alternatives: eligibility.alternatives };
    }
    // PSO-2 across cases, guarded for cases recorded before it (one activity more at the start).
    if (patched('PSO-2-once-levels-of-earlier-cases')) await onceLevelsOfEarlierCases(e);
    assess(e);
    e.newRun('application', a.submittedAt, a.documents);
    e.send(e.flow.received);
    e.enter(firstStep(e.flow).id, { at: a.submittedAt });
  }
  for (;;) {
    if (s.stage === STAGES.REJECTED) {
      const second = e.flow.rejection.second!;
      await c.waitWithoutTerm(() => !!s.secondKeuringRequestedAt, true);
      const documents = s.run?.documents ?? a.documents;
      e.newRun('application', a.submittedAt, documents);
      s.secondKeuringRequestedAt = undefined;
      e.enter(second.restartAt, { at: nowIso(), record: { what: `second keuring: resumes at ${second.restartAt}`, rule: second.rule } });
      continue;
    }
    if (s.stage === STAGES.WAITING_PERIOD) {
      await sleep(msUntil(s.waitingUntil!, nowMs()));
      const final = e.flow.rejection.final;
      c.record('waiting period over: a new application may be made', final.rule);
      e.send(final.waitOverMail);
      c.setStage(STAGES.CLOSED);
      await drained();
      return { outcome: 'rejected', waitedUntil: s.waitingUntil };
    }
    if (s.closed) {
      await drained();
      return { outcome: s.closed.outcome === 'meeting-rejected' ? 'meeting-rejected' : 'closed', stage: s.closed.stage };
    }
    const end = await e.runSteps({ mayContinueAsNew: true });
    if (end.kind === 'granted') return grant(e);
    if (end.kind === 'end') {
      s.closed = { stage: end.stage, outcome: end.stage === STAGES.MEETING_REJECTED ? 'meeting-rejected' : 'closed' };
      s.lastRun = s.run;
      s.run = undefined;
      continue;
    }
    afterRejection(e);
    if (s.stage === STAGES.CLOSED) {
      await drained();
      return { outcome: 'rejected' };
    }
  }
}

/**
 * A level that can be had only once (PSO-2: the aspirant status) is refused when an earlier case of the
 * same scheme and KvK number held it, also one that has ended: looked up by an activity (recorded in the
 * history, so a replay gives the same answer), merged with what the start already said.
 * docs/decisions/once-only-level-across-cases.md.
 */
async function onceLevelsOfEarlierCases(e: Engine): Promise<void> {
  const a = e.scheme.assessment;
  if (a.method !== 'pso-ladder' || !e.scheme.eligibility.aspirantOnlyOnce) return;
  const s = e.state;
  const rule = e.flow.steps.find((st) => st.action === 'decision')?.rule;
  const found = await lookups.earlierLevelsHeld({ schemeId: s.schemeId, kvkNumber: s.company.kvkNumber, levels: [a.entryLevel], exceptRunId: workflowInfo().runId });
  for (const h of found.held) {
    if (s.onceLevelsHeld.some((x) => x.level === h.level && x.from === h.from)) continue;
    s.onceLevelsHeld.push({ level: h.level, from: h.from, ...(h.until ? { until: h.until } : {}) });
    e.c.record(`earlier case: the ${h.level} status was held from ${h.from.slice(0, 10)}${h.until ? ` until ${h.until.slice(0, 10)}` : ''}; it can be had only once`, rule);
  }
  for (const u of found.unreadable) e.c.record(`earlier case ${u.workflowId} could not be read (${u.reason}); a once-only level it may have held is not known`, rule);
}

/** The assessment of the application with the domain's functions, shown to the one who decides. */
function assess(e: Engine): void {
  const s = e.state;
  const a = s.application!;
  const method = e.scheme.assessment.method;
  if (method === 'werkpakt-points' && a.activities) {
    const score = scoreWerkpakt(e.scheme, { activities: a.activities, staff: a.figures?.employees ?? 0, placedFromTargetGroups: a.figures?.distanceToLabourMarket ?? 0 });
    s.assessment = { method, ...score };
    const rules = e.scheme.rules.filter((r) => /-[12]$/.test(r)).join(', ');
    e.c.record(`assessed: ${score.total} points (A ${score.points.A}, B ${score.points.B}, C ${score.points.C}), capacity ${(score.capacityShare * 100).toFixed(1)} %${score.reasons.length ? `; ${score.reasons.join('; ')}` : ''}`, rules || undefined);
  }
  if (method === 'pso-ladder' && a.selfAssessment) {
    const level = provisionalLevel(e, a.selfAssessment);
    if (level) {
      s.assessment = { method, ...level, provisional: true };
      e.c.record(`self-assessment: provisional level ${level.level ?? 'none'} (${level.reason})`, e.scheme.rules[0]);
    }
  }
}

function afterRejection(e: Engine): void {
  const s = e.state;
  const c = e.c;
  const r = e.flow.rejection;
  const decidedAt = s.run?.decision?.at ?? nowIso();
  if (r.second && secondKeuringAllowed(e.scheme, s.rejectionsUsed)) {
    e.send(r.second.mail);
    c.setStage(STAGES.REJECTED);
    return;
  }
  if (e.scheme.periods.waitAfterSecondRejection) {
    // At least the period, counted in whole days (reglement/waiting-period.ts); patched: cases rejected before keep their date.
    s.waitingUntil = patched('wait-after-rejection-full-days') ? newKeuringFrom(e.scheme, decidedAt) : earliestNewKeuring(e.scheme, decidedAt);
    c.record(`rejected again: no new application before ${s.waitingUntil}`, r.final.rule);
    e.send(r.final.mail);
    c.setStage(STAGES.WAITING_PERIOD);
    return;
  }
  c.record('rejected', r.final.rule);
  e.send(r.final.mail);
  c.setStage(STAGES.CLOSED);
}

/** Granted: the holder phase, same workflow id, a fresh run (continue-as-new). */
async function grant(e: Engine): Promise<never> {
  const s = e.state;
  const run = s.run!;
  const decidedAt = run.decision?.at ?? run.anchors['step-opened'] ?? nowIso();
  s.holder = newHolderPart(e, { decidedAt, certificateNumber: run.decision?.certificateNumber });
  const level = run.decision?.level;
  if (level) grantLevel(e, level, s.holder.validity.validFrom, s.holder.validity.expiresAt);
  s.lastRun = run;
  s.run = undefined;
  s.caseKind = 'holder';
  return e.c.continueAsNewNow();
}

/** The second keuring after a rejection: of the application, or of a holder's renewal (flow.holder.renewal.secondKeuring). */
function registerSecondKeuring(e: Engine): void {
  const s = e.state;
  const renewalRound = () => {
    const hp = s.holder!;
    return hp.renewal?.forExpiry === hp.validity.expiresAt ? hp.renewal : undefined;
  };
  on(e, 'secondKeuringRequested', {
    guard: () => {
      const rule = e.flow.rejection.second?.rule ?? 'second keuring';
      if (s.holder) {
        const part = e.flow.holder.renewal;
        if (s.holder.ended) throw new Refused(`secondKeuringRequested: the keurmerk has ended (${s.holder.ended.stage})`);
        if (!part?.secondKeuring || !e.flow.rejection.second) {
          throw new Refused(`secondKeuringRequested: the ${e.scheme.name} has no second keuring after a rejected ${part?.label ?? 'renewal'}`);
        }
        const r = renewalRound();
        refuseIf(
          holderSecondKeuringRefusal(e.scheme, {
            renewalRejected: r?.outcome === 'rejected',
            secondKeuringenUsed: r?.secondKeuringenUsed ?? 0,
            keuringInProgress: !!s.run,
          }),
        );
        return;
      }
      if (s.stage !== STAGES.REJECTED) throw new Refused(`secondKeuringRequested: the case is at ${s.stage}, this action belongs to ${STAGES.REJECTED}`);
      if (!secondKeuringAllowed(e.scheme, s.rejectionsUsed)) throw new Refused(`${rule}: the second keuring has already been used`);
      if (s.secondKeuringRequestedAt) throw new Refused('secondKeuringRequested: already requested');
    },
    apply: (v) => {
      const second = e.flow.rejection.second!;
      if (s.holder) {
        const r = renewalRound()!;
        r.secondKeuringenUsed = (r.secondKeuringenUsed ?? 0) + 1;
        r.secondRequestedAt = v.at;
        const documents = s.lastRun?.documents ?? [];
        e.c.record(`second keuring requested: ${v.causesRemoved}`, second.rule, v.by, v.at);
        const run = e.newRun('renewal', v.at, documents);
        run.round = 'second';
        e.enter(second.restartAt, { at: v.at });
        e.c.setStage(registerStage(s));
        return `second keuring: the procedure resumes at ${second.restartAt}`;
      }
      s.secondKeuringRequestedAt = v.at;
      s.rejectionsUsed += 1;
      e.c.record(`second keuring requested: ${v.causesRemoved}`, second.rule, v.by, v.at);
      return `second keuring: the procedure resumes at ${second.restartAt}`;
    },
  });
}

export { certificateNumberFor, validityOf };
