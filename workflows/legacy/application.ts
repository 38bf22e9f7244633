// One application for a keurmerk, SEBO-E1..E3 and SEBO-T1..T9 (and SEBO-A1 when the scheme is the
// ambassadorship: no audit, the holders' approval grants it). It waits for people at every step and
// never decides for them. A grant continues as new into the holder workflow under the same workflow
// id; a second rejection keeps the case alive in WAITING_PERIOD so no new application can start
// before SEBO-T9's year is over.
import {
  allHandlersFinished,
  ApplicationFailure,
  condition,
  continueAsNew,
  makeContinueAsNewFunc,
  patched,
  setHandler,
  sleep,
  workflowInfo,
} from '@temporalio/workflow';
import {
  ApplicationSchema,
  checkDocuments,
  checkEligibility,
  deadline,
  earliestNewKeuring,
  findingRuleIds,
  findingRuleId,
  listedOnAgenda,
  meetingForIntake,
  meetingOutcomeRefusal,
  msUntil,
  newKeuringFrom,
  nextMeeting,
  submittedInFutureRefusal,
  unknownDocumentsRefusal,
  parseWith,
  formatProblem,
  getScheme,
  secondKeuringAllowed,
  type Application,
  type Meeting,
} from '../../domain';
import { STAGES, statusQuery, type ApplicationStart, type CaseStatus, type Stage } from '../definitions';
import { Case, coreStatus, nowIso, nowMs, Refused } from '../case';
import { DONE, keuringFacts, keuringStatus, newKeuring, onAction, registerKeuringActions, runKeuring, type KeuringHost } from './keuring';
import { reminderPolicy } from '../reminder-policy';
import { acts } from '../activity-api';
import type { HolderInput } from './holder';

/** The schemes this SEBO code runs. */
const SCHEMES_WITH_WORKFLOWS: readonly string[] = ['sebo', 'sebo-ambassadeur'];

export interface ApplicationState extends KeuringHost {
  application: Application;
  intakeAt?: string;
  meeting?: Meeting;
  meetingOutcome?: 'approved' | 'rejected' | 'deferred';
  /** The reason the meeting gave for a rejection or deferral (told to the applicant). */
  meetingReason?: string;
  secondKeuringenUsed: number;
  secondKeuringRequestedAt?: string;
  waitingUntil?: string;
  /** SEBO-T2: when the application was put on its meeting's agenda (the meeting workflow was told). */
  meetingListedAt?: string;
}

export type ApplicationResult =
  | { outcome: 'not-eligible'; reasons: string[]; alternatives: string[] }
  | { outcome: 'meeting-rejected' }
  | { outcome: 'rejected'; waitedUntil: string };

/** Clock difference between the office that entered an application and the server that is tolerated. */
const SUBMITTED_CLOCK_TOLERANCE_MS = 5 * 60 * 1000;

function initialState(start: ApplicationStart, workflowId: string): ApplicationState {
  const parsed = parseWith(ApplicationSchema, start.application);
  if (!parsed.ok) {
    throw ApplicationFailure.nonRetryable(`invalid application: ${parsed.problems.map(formatProblem).join('; ')}`, 'InvalidApplication');
  }
  const a = parsed.value;
  if (!SCHEMES_WITH_WORKFLOWS.includes(a.schemeId)) {
    throw ApplicationFailure.nonRetryable(
      `scheme "${a.schemeId}" has no workflow yet; applications run for: ${SCHEMES_WITH_WORKFLOWS.join(', ')}`,
      'UnsupportedScheme',
    );
  }
  // SEBO-T1, SEBO-D1: not submitted in the future; no document id the scheme does not know. Patched:
  // applications started before these checks replay without them.
  if (patched('sebo-application-order-in-time')) {
    const scheme = getScheme(a.schemeId);
    const refusal = submittedInFutureRefusal(a.submittedAt, nowIso(), SUBMITTED_CLOCK_TOLERANCE_MS) ?? unknownDocumentsRefusal(scheme, a.documents);
    if (refusal) throw ApplicationFailure.nonRetryable(`invalid application: ${refusal}`, 'InvalidApplication');
  }
  return {
    workflowId,
    schemeId: a.schemeId,
    caseKind: 'application',
    stage: STAGES.INTAKE,
    company: { name: a.company.name, kvkNumber: a.company.kvkNumber },
    contact: a.contact,
    accountmanager: a.accountmanager,
    accountmanagerCode: start.accountmanagerCode,
    policy: checkedReminderPolicy(start.reminders),
    history: [],
    open: [],
    outbox: [],
    application: a,
    secondKeuringenUsed: 0,
    continueAsNewAfterEvents: start.continueAsNewAfterEvents,
  };
}

/** A bad override ends the case at once with the reason, instead of failing its task forever. */
function checkedReminderPolicy(overrides: ApplicationStart['reminders']) {
  try {
    return reminderPolicy(overrides);
  } catch (err) {
    throw ApplicationFailure.nonRetryable((err as Error).message, 'InvalidReminderPolicy');
  }
}

export function applicationStatus(s: ApplicationState): CaseStatus {
  return {
    ...coreStatus(s),
    keuring: s.keuring && keuringStatus(getScheme(s.schemeId), s.keuring),
    intakeAt: s.intakeAt,
    meeting: s.meeting && { date: s.meeting.date, startsAt: s.meeting.startsAt, outcome: s.meetingOutcome },
    secondKeuringenUsed: s.secondKeuringenUsed,
    waitingUntil: s.waitingUntil,
    unmetCriteria: s.keuring?.unmetCriteria,
    inRegister: false,
  };
}

export async function keurmerkApplication(start: ApplicationStart, resume?: ApplicationState): Promise<ApplicationResult> {
  const fresh = !resume;
  const state = resume ?? initialState(start, workflowInfo().workflowId);
  const c = new Case(state);
  c.continueAsNewFn = (s) => continueAsNew<typeof keurmerkApplication>(start, s);
  c.noticeFacts = () => ({ ...keuringFacts(c), ...(state.meetingReason ? { redenVergadering: state.meetingReason } : {}), ...(state.meeting ? { vergadering: state.meeting.startsAt } : {}) });

  setHandler(statusQuery, () => applicationStatus(state));
  registerApplicationActions(c);
  registerKeuringActions(c, (step) => c.setStage(step === DONE ? state.stage : step));
  // A cancelled case must not stay on the members' meeting agenda (SEBO-T2).
  c.onCancel = async () => {
    if (state.stage === STAGES.MEETING) await acts.leaveMeeting({ workflowId: state.workflowId, schemeId: state.schemeId });
  };
  c.beside(c.runMailer());
  return c.endsOnCancel(() => runApplication(c, start, fresh));
}

async function runApplication(c: Case<ApplicationState>, start: ApplicationStart, fresh: boolean): Promise<ApplicationResult> {
  const state = c.state;
  const scheme = c.scheme;
  const drained = () => condition(() => state.outbox.length === 0);

  c.publish();
  if (fresh) {
    c.record(`application received for ${scheme.name}`, 'SEBO-T1', state.application.by, state.application.submittedAt);
    const eligibility = checkEligibility(scheme, state.application);
    if (!eligibility.eligible) {
      const reasons = eligibility.findings.map((f) => f.message);
      // Each finding under the rule that refused it (SEBO-E2 for a municipal entity, pointing to the ambassadorship).
      for (const rule of findingRuleIds(eligibility.findings)) {
        const mine = eligibility.findings.filter((f) => findingRuleId(f.kind) === rule).map((f) => f.message);
        c.record(`not eligible: ${mine.join('; ')}`, rule);
      }
      c.notice(['applicant', 'accountmanager'], 'not-eligible', { redenen: eligibility.findings.map((f) => f.kind), alternatieven: eligibility.alternatives, regels: findingRuleIds(eligibility.findings) });
      c.setStage(STAGES.NOT_ELIGIBLE);
      await drained();
      return { outcome: 'not-eligible', reasons, alternatives: eligibility.alternatives };
    }
    if (scheme.procedure.intake) c.notice(['applicant', 'accountmanager'], 'application-received');
    else enterAfterIntake(c);
  }

  for (;;) {
    const stage: Stage = state.stage;
    if (stage === STAGES.INTAKE) {
      await c.waitFor(
        { action: 'intakeRecorded', party: 'accountmanager', dueAt: deadline(state.application.submittedAt, state.policy.intakeWithin), ruleId: 'SEBO-T1' },
        () => !!state.intakeAt,
        { mayContinueAsNew: true },
      );
      enterAfterIntake(c);
    } else if (stage === STAGES.MEETING) {
      const meeting = state.meeting!;
      const step = { action: 'meetingOutcome', party: 'accountmanager' as const, dueAt: deadline(meeting.startsAt, state.policy.meetingOutcomeWithin), ruleId: 'SEBO-T2' };
      c.open(step);
      await acts.registerForMeeting({
        workflowId: state.workflowId,
        schemeId: state.schemeId,
        companyName: state.company.name,
        kvkNumber: state.company.kvkNumber,
        meetingDate: meeting.date,
      });
      // SEBO-T2: the agenda went out before the application reached it: it goes to the next meeting.
      if (!state.meetingListedAt && patched('sebo-t2-listed-on-agenda')) {
        state.meetingListedAt = nowIso();
        if (!listedOnAgenda(meeting, state.meetingListedAt)) {
          c.close('meetingOutcome');
          state.meetingListedAt = undefined;
          scheduleMeeting(c, nowIso(), false);
          continue;
        }
      }
      await c.waitFor(
        step,
        () => !!state.meetingOutcome,
        { mayContinueAsNew: true, data: { vergadering: meeting.startsAt } },
      );
      await afterMeeting(c);
    } else if (stage === STAGES.REJECTED) {
      await condition(() => !!state.secondKeuringRequestedAt || c.historyIsLong());
      if (!state.secondKeuringRequestedAt) await c.continueAsNewNow();
      startKeuring(c, 'second');
    } else if (stage === STAGES.WAITING_PERIOD) {
      await sleep(msUntil(state.waitingUntil!, nowMs()));
      c.record(`waiting period over: a new keuring may be requested`, 'SEBO-T9');
      c.notice(['applicant', 'accountmanager'], 'waiting-period-over');
      c.setStage(STAGES.CLOSED);
      await drained();
      return { outcome: 'rejected', waitedUntil: state.waitingUntil! };
    } else if (stage === STAGES.MEETING_REJECTED) {
      await drained();
      return { outcome: 'meeting-rejected' };
    } else if (stage === STAGES.AUDIT_PLANNING || stage === STAGES.AUDIT || stage === STAGES.REPORT || stage === STAGES.DECISION) {
      const outcome = await runKeuring(c, true);
      if (outcome === 'granted') return grant(c);
      afterRejection(c);
    } else {
      throw ApplicationFailure.nonRetryable(`application in unexpected stage ${stage}`);
    }
  }
}

function enterAfterIntake(c: Case<ApplicationState>): void {
  const s = c.state;
  if (c.scheme.procedure.membersMeeting) {
    // SEBO-T2: a meeting still to come when the intake is recorded (not one whose cut-off passed meanwhile).
    const intakeAt = s.intakeAt ?? s.application.submittedAt;
    if (patched('sebo-t2-meeting-at-recording')) scheduleMeetingFor(c, meetingForIntake(c.scheme, intakeAt, nowIso()), intakeAt);
    else scheduleMeeting(c, intakeAt, false);
  } else {
    startKeuring(c, 'first');
  }
}

/** SEBO-T2: the next members' meeting whose agenda is open (deferred: simply the next meeting). */
function scheduleMeeting(c: Case<ApplicationState>, after: string, deferred: boolean): void {
  scheduleMeetingFor(c, nextMeeting(c.scheme, after, { ignoreCutOff: deferred }), after, deferred);
}

function scheduleMeetingFor(c: Case<ApplicationState>, meeting: Meeting | undefined, after: string, deferred = false): void {
  if (!meeting) throw ApplicationFailure.nonRetryable(`scheme ${c.scheme.id} has no members' meeting after ${after}: add meeting dates`);
  c.state.meeting = meeting;
  c.state.meetingListedAt = undefined;
  c.state.meetingOutcome = undefined;
  c.record(`on the agenda of the members' meeting of ${meeting.date}`, 'SEBO-T2');
  c.notice(['applicant', 'accountmanager'], deferred ? 'meeting-deferred' : 'meeting-scheduled', {
    vergadering: meeting.startsAt,
    volgendeVergadering: meeting.startsAt,
  });
  c.setStage(STAGES.MEETING);
}

async function afterMeeting(c: Case<ApplicationState>): Promise<void> {
  const s = c.state;
  const outcome = s.meetingOutcome!;
  const meeting = s.meeting!;
  if (outcome === 'deferred') {
    c.close('meetingOutcome');
    scheduleMeeting(c, meeting.startsAt, true);
    return;
  }
  // Stage first (the status query sees it as soon as the update is done), then the agenda.
  const leave = () => acts.leaveMeeting({ workflowId: s.workflowId, schemeId: s.schemeId });
  if (outcome === 'rejected') {
    c.notice(['applicant', 'accountmanager'], 'meeting-rejected', { vergadering: meeting.startsAt });
    c.setStage(STAGES.MEETING_REJECTED);
    await leave();
    return;
  }
  c.notice(['applicant', 'accountmanager'], 'meeting-approved', { vergadering: meeting.startsAt });
  if (c.scheme.procedure.audit) {
    startKeuring(c, 'first');
    await leave();
  } else {
    // SEBO-A1: no audit; the holders' approval is the grant.
    s.keuring = { ...newKeuring('first'), step: DONE, outcome: 'granted', decidedAt: nowIso() };
    c.record(`granted on the holders' approval`, 'SEBO-A1');
    await leave();
    await grant(c);
  }
}

/** SEBO-T3: forwarded to the certifying institution; documents given so far still count. */
function startKeuring(c: Case<ApplicationState>, round: 'first' | 'second'): void {
  const s = c.state;
  const documents = s.keuring?.documents ?? s.application.documents;
  s.keuring = newKeuring(round, documents);
  // Documents given earlier count if they are still complete and fresh now (SEBO-D1: KvK extract < 1 year).
  s.keuring.documentsComplete = documents.length > 0 && checkDocuments(c.scheme, documents, s.keuring.forwardedAt).length === 0;
  const auditBy = deadline(s.keuring.forwardedAt, c.scheme.periods.auditWithin ?? 'P1M');
  c.record(round === 'second' ? 'second keuring: resumes at forwarding to the CI' : 'forwarded to the certifying institution', round === 'second' ? 'SEBO-T8' : 'SEBO-T3');
  c.notice(['certifying-institution', 'applicant', 'accountmanager'], 'forwarded-to-ci', { termijn: auditBy });
  c.setStage(STAGES.AUDIT_PLANNING);
}

function afterRejection(c: Case<ApplicationState>): void {
  const s = c.state;
  if (secondKeuringAllowed(c.scheme, s.secondKeuringenUsed)) {
    c.notice(['applicant', 'accountmanager', 'certifying-institution'], 'decision-rejected');
    c.setStage(STAGES.REJECTED);
    return;
  }
  // SEBO-T9: a full year, counted in whole days (patched: cases rejected before keep their date).
  s.waitingUntil = patched('sebo-t9-full-year') ? newKeuringFrom(c.scheme, s.keuring!.decidedAt!) : earliestNewKeuring(c.scheme, s.keuring!.decidedAt!);
  c.record(`rejected again: no new keuring before ${s.waitingUntil}`, 'SEBO-T9');
  c.notice(['applicant', 'accountmanager', 'certifying-institution'], 'decision-rejected-final', { wachtTot: s.waitingUntil });
  c.setStage(STAGES.WAITING_PERIOD);
}

/** SEBO-T7 granted → SEBO-T10 in the holder workflow, same workflow id (continue-as-new). */
async function grant(c: Case<ApplicationState>): Promise<never> {
  const s = c.state;
  if (c.scheme.procedure.audit) c.notice(['applicant', 'accountmanager', 'certifying-institution'], 'decision-granted');
  await condition(() => s.outbox.length === 0 && allHandlersFinished());
  const k = s.keuring!;
  const holder: HolderInput = {
    grant: {
      schemeId: s.schemeId,
      company: s.company,
      contact: s.contact,
      accountmanager: s.accountmanager,
      accountmanagerCode: s.accountmanagerCode,
      policy: s.policy,
      decidedAt: k.decidedAt!,
      certificateNumber: k.certificateNumber,
      activeSince: s.application.company.activeSince,
      history: s.history,
      continueAsNewAfterEvents: s.continueAsNewAfterEvents,
    },
  };
  const toHolder = makeContinueAsNewFunc<(input: HolderInput) => Promise<unknown>>({ workflowType: 'keurmerkHolder' });
  return toHolder(holder);
}

function registerApplicationActions(c: Case<ApplicationState>): void {
  const s = c.state;
  const inStage = (action: string, ...stages: Stage[]) => {
    if (!stages.includes(s.stage)) throw new Refused(`${action}: the case is at ${s.stage}, this action belongs to ${stages.join(' or ')}`);
  };

  onAction(
    c,
    'intakeRecorded',
    () => inStage('intakeRecorded', STAGES.INTAKE),
    (v) => {
      s.intakeAt = v.at;
      c.record('intake conversation held', 'SEBO-T1', v.by, v.at);
      return 'intake recorded';
    },
  );

  onAction(
    c,
    'meetingOutcome',
    (v) => {
      inStage('meetingOutcome', STAGES.MEETING);
      const m = s.meeting!;
      if (s.meetingOutcome) throw new Refused(`meetingOutcome: the outcome of ${m.date} is already recorded`);
      // SEBO-T2: only for the meeting whose agenda listed it, once that meeting has taken place.
      const refusal = meetingOutcomeRefusal(m, { meetingDate: v.meetingDate, now: nowIso(), listedAt: s.meetingListedAt });
      if (refusal) throw new Refused(refusal);
    },
    (v) => {
      s.meetingOutcome = v.outcome;
      s.meetingReason = v.reason;
      c.record(`members' meeting of ${v.meetingDate}: ${v.outcome}${v.reason ? ` (${v.reason})` : ''}`, 'SEBO-T2', v.by, v.at);
      return `meeting outcome recorded: ${v.outcome}`;
    },
  );

  onAction(
    c,
    'secondKeuringRequested',
    () => {
      inStage('secondKeuringRequested', STAGES.REJECTED);
      if (!secondKeuringAllowed(c.scheme, s.secondKeuringenUsed)) throw new Refused('SEBO-T8: the second keuring has already been used');
      if (s.secondKeuringRequestedAt) throw new Refused('secondKeuringRequested: already requested');
    },
    (v) => {
      s.secondKeuringRequestedAt = v.at;
      s.secondKeuringenUsed += 1;
      c.record(`second keuring requested: ${v.causesRemoved}`, 'SEBO-T8', v.by, v.at);
      return 'second keuring: the procedure resumes at SEBO-T3';
    },
  );
}

