// The public face of the keurmerk workflows: every name the admin command, the worker and the tests
// share. Workflow types, the workflow id convention, the task queue, one Update per human action
// (argument types are the domain's zod schemas), the signals between workflows and the `status`
// query. Keep these names stable: running cases depend on them.
import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { ApplicationInput } from '../domain/inputs/application';
import { builtInSchemeInputs } from '../domain/catalogue';
import type { SchemeDefinition } from '../domain/scheme';
import type { CaseActionInput, CaseActionName, SeboActionInput, SeboActionName } from '../domain/inputs/sebo-actions';

/**
 * The built-in schemes whose definition has a procedure (flow) the case engine runs; a loaded
 * definition file with a flow runs too (`schemesWithWorkflows`). SROI runs in its own workflow.
 */
export const SCHEMES_WITH_WORKFLOWS: readonly string[] = builtInSchemeInputs.filter((s) => !!s.flow).map((s) => s.id);

/** Every scheme (built-in or loaded) a case can run on: its definition has a flow. */
export function schemesWithWorkflows(loaded: readonly SchemeDefinition[] = []): string[] {
  const ids = new Set(SCHEMES_WITH_WORKFLOWS);
  for (const s of loaded) if (s.flow) ids.add(s.id);
  else ids.delete(s.id);
  return [...ids];
}

/** Default task queue of the keurmerk worker (worker/config.ts TEMPORAL_TASK_QUEUE may override). */
export const TASK_QUEUE = 'keurmerk';

/** Workflow type names (the exported workflow functions in workflows/index.ts). */
export const WORKFLOW_TYPES = {
  /** The case engine: any scheme's case from application to lapse, run from its definition (workflows/engine). */
  case: 'keurmerkCase',
  /** A new application starts a case on the engine (alias kept for callers and test helpers). */
  application: 'keurmerkCase',
  /** An imported holder starts a case on the engine in its holder phase (input `{ grant }`). */
  holder: 'keurmerkCase',
  /** Frozen SEBO code for applications started before the engine (workflows/legacy; see docs/decisions/case-engine.md). */
  legacyApplication: 'keurmerkApplication',
  /** Frozen SEBO code for holders started before the engine. */
  legacyHolder: 'keurmerkHolder',
  /** SEBO-T2: the members' meeting calendar of one scheme family (agenda to holders). */
  membersMeeting: 'membersMeeting',
  /** SEBO-R1: publishing changed criteria (notifies every holder). */
  criteriaChange: 'criteriaChange',
  /** One digest of overdue steps per accountmanager per working day (docs/decisions/escalation-digest.md). */
  accountmanagerDigest: 'accountmanagerDigest',
} as const;

/**
 * One case per scheme and company: `<schemeId>-<kvkNumber>`, e.g. `sebo-12345678`. The application
 * and, after a grant, the holder life run under this id (continue-as-new keeps it), so starting a second
 * application for the same company is refused by Temporal itself (WorkflowIdConflictPolicy FAIL) while
 * the first is alive: applying, holding, or waiting out SEBO-T9's year (stage WAITING_PERIOD).
 */
export function caseWorkflowId(schemeId: string, kvkNumber: string): string {
  return `${schemeId}-${kvkNumber}`;
}

/** The members' meeting of a scheme family; the SEBO-Keurmerk and the ambassadorship share one meeting. */
export function membersMeetingWorkflowId(meetingSchemeId = 'sebo'): string {
  return `${meetingSchemeId}-members-meeting`;
}

/**
 * The digest workflow of one accountmanager: from the accountmanager's code (a code, never a name or an
 * address: the id is visible to every operator and in Temporal's logs).
 */
export function accountmanagerDigestWorkflowId(accountmanagerCode: string): string {
  return `accountmanager-digest-${accountmanagerCode}`;
}

/** One criteria change per published version. */
export function criteriaChangeWorkflowId(schemeId: string, criteriaVersion: string): string {
  return `${schemeId}-criteria-${criteriaVersion}`;
}

/** What the admin command passes to start an application (`keurmerk apply`). */
export interface ApplicationStart {
  /** The application as entered (domain/inputs/application.ts; validated again by the workflow). */
  application: ApplicationInput;
  /** The accountmanager's code (search attribute KeurmerkAccountmanager; never a name or address). */
  accountmanagerCode: string;
  /** Overrides of the reminder policy (workflows/reminder-policy.ts), ISO-8601 durations. */
  reminders?: Partial<ReminderPolicy>;
  /** Continue as new after this many history events (default 4,000): for operators and tests. */
  continueAsNewAfterEvents?: number;
  /**
   * The definition the case runs (the admin command passes the built-in or loaded one); fixed for the
   * life of the case. Absent: the built-in definition of `application.schemeId` at start.
   */
  definition?: SchemeDefinition;
  /** Levels that can be had only once and this company held before (PSO-2 aspirant), from earlier cases. */
  onceLevelsHeld?: { level: string; from: string; until?: string }[];
}

/** When reminders and escalations go out; not part of the scheme definition (yet), so configurable here. */
export interface ReminderPolicy {
  /** A reminder goes to the responsible party this long before a deadline. */
  remindBefore: string;
  /** After a deadline, the first repeat of the escalation comes this long after the first one. */
  escalateEvery: string;
  /** Each later interval is this many times the one before (default 2: one, two, four weeks, ...). */
  escalationGrowth?: number;
  /** ... but never longer than this (default P4W): a forgotten step is still named once a month. */
  escalateAtMost?: string;
  /** SEBO-T1 has no period in the seed: the intake is expected within this period (**decision**). */
  intakeWithin: string;
  /** SEBO-T2: the accountmanager records the meeting outcome within this period after the meeting (**decision**). */
  meetingOutcomeWithin: string;
  /** SEBO-D1/T3: the documents are expected within this period after forwarding to the CI (**decision**). */
  documentsWithin: string;
  /** SEBO-T11: the yearly conversation is expected within this period after it falls due (**decision**). */
  conversationWithin: string;
  /**
   * When the accountmanager's escalations go out: "HH:mm" (Europe/Amsterdam) = one digest per
   * accountmanager each working day (Monday to Friday) at that time, listing every escalation that came
   * due since the last one (default "08:00"); "off" = one email per escalation, as before
   * (docs/decisions/escalation-digest.md). Policies recorded before this field existed get the default.
   */
  digestAt?: string;
}

// ---- Updates: one per human action; names = the domain's action names (domain/inputs/sebo-actions.ts).

export interface ActionResult {
  /**
   * The stage when the action was recorded. The case moves on right after, in the same workflow task,
   * so a `status` query sent after the update returns already shows where it went.
   */
  stage: Stage;
  /** What happened, in a line (also added to the case history). */
  message: string;
}

function action<N extends CaseActionName>(name: N) {
  return defineUpdate<ActionResult, [CaseActionInput<N>], N>(name);
}

export const intakeRecorded = action('intakeRecorded');
export const meetingOutcome = action('meetingOutcome');
export const documentsReceived = action('documentsReceived');
export const auditPlanned = action('auditPlanned');
export const auditDone = action('auditDone');
export const supplementsReceived = action('supplementsReceived');
export const supplementsDeadlineExtended = action('supplementsDeadlineExtended');
export const reportAndAdvice = action('reportAndAdvice');
export const bothSidesHeard = action('bothSidesHeard');
export const decision = action('decision');
export const secondKeuringRequested = action('secondKeuringRequested');
export const suspend = action('suspend');
export const extendSuspension = action('extendSuspension');
export const liftSuspension = action('liftSuspension');
export const withdraw = action('withdraw');
export const holderObjects = action('holderObjects');
export const yearlyConversationHeld = action('yearlyConversationHeld');
export const renewalStarted = action('renewalStarted');
export const integrityScreened = action('integrityScreened');
export const covenantSigned = action('covenantSigned');
export const placementsRecorded = action('placementsRecorded');

/** Every update, by name: which workflow kind accepts it (the validator still checks the stage). */
export const UPDATES = {
  intakeRecorded: ['application'],
  meetingOutcome: ['application'],
  documentsReceived: ['application', 'holder'],
  auditPlanned: ['application', 'holder'],
  auditDone: ['application', 'holder'],
  supplementsReceived: ['application', 'holder'],
  supplementsDeadlineExtended: ['application', 'holder'],
  reportAndAdvice: ['application', 'holder'],
  bothSidesHeard: ['application', 'holder'],
  decision: ['application', 'holder'],
  secondKeuringRequested: ['application', 'holder'],
  suspend: ['holder'],
  extendSuspension: ['holder'],
  liftSuspension: ['holder'],
  withdraw: ['holder'],
  holderObjects: ['holder'],
  yearlyConversationHeld: ['holder'],
  renewalStarted: ['holder'],
} as const satisfies Record<Exclude<SeboActionName, 'criteriaPublished'>, readonly CaseKind[]>;

/** The Updates other schemes' steps add (WP-3, MVS-1, MVS-3); every engine case accepts them (its validator checks the scheme has the step). */
export const MORE_UPDATES = {
  integrityScreened: ['application', 'holder'],
  covenantSigned: ['application', 'holder'],
  placementsRecorded: ['holder'],
} as const satisfies Record<Exclude<CaseActionName, SeboActionName>, readonly CaseKind[]>;

/** Every Update of an engine case. */
export const ALL_UPDATES = { ...UPDATES, ...MORE_UPDATES } as const;

/** SEBO-R1 publishing is not an update of one case: it starts a `criteriaChange` workflow with this input. */
export type CriteriaChangeStart = SeboActionInput<'criteriaPublished'> & { schemeId: string };

// ---- Signals between workflows (not for people: human actions are updates).

export interface MeetingItem {
  workflowId: string;
  schemeId: string;
  companyName: string;
  kvkNumber: string;
  /** YYYY-MM-DD of the meeting it is on. */
  meetingDate: string;
}
/** An application asks to be on the agenda of a meeting (sent with signalWithStart by an activity). */
export const enqueueForMeeting = defineSignal<[MeetingItem]>('enqueueForMeeting');
/** An application's outcome is recorded (or it ended): off the agenda. */
export const leaveMeeting = defineSignal<[{ workflowId: string }]>('leaveMeeting');

/** One escalation for an accountmanager's digest (docs/decisions/escalation-digest.md). */
export interface DigestItem {
  /** The case's workflow id and its open step: an item is one step of one case. */
  workflowId: string;
  action: string;
  /** Who must act (the accountmanager, the CI, the municipality, the applicant). */
  party: Party;
  schemeId: string;
  schemeName: string;
  owner: string;
  companyName: string;
  kvkNumber: string;
  /** The step's deadline: overdue since. */
  dueAt: string;
  /** Which escalation of this step this is (1 = at the deadline). */
  escalation: number;
  /** When the case escalated (workflow time). */
  escalatedAt: string;
  /** The rule of the step: only in the digest's X-Keurmerk-Rule header. */
  ruleId?: string;
  /** The source's own reference of that rule (the definition's `references`), for the text. */
  reference?: string;
  /** The accountmanager as the case knows them (the digest's one reader). */
  accountmanager: { name: string; email: string };
  /** The case's policy.digestAt ("HH:mm"). */
  digestAt: string;
}

/** A case adds an escalation to, or takes a step off, its accountmanager's digest (signalWithStart by an activity). */
export type DigestChange = { add: DigestItem } | { remove: { workflowId: string; action?: string } };
export const digestChanged = defineSignal<[DigestChange]>('digestChanged');

/** What an accountmanager's digest holds (query `digest`; no names or addresses). */
export interface DigestStatus {
  accountmanagerCode: string;
  pending: Pick<DigestItem, 'workflowId' | 'action' | 'dueAt' | 'escalation' | 'escalatedAt'>[];
  nextDigestAt?: string;
  digestsSent: number;
  lastDigestAt?: string;
  /** Digests the mail server refused for good. */
  undeliverable: number;
}
export const digestQuery = defineQuery<DigestStatus>('digest');

export interface CriteriaNotice {
  schemeId: string;
  criteriaVersion: string;
  noticeAt: string;
  bindingFrom: string;
  oldCriteriaUntil: string;
}
/** SEBO-R1: a holder is told of new criteria. */
export const criteriaNotified = defineSignal<[CriteriaNotice]>('criteriaNotified');

// ---- Queries

export type CaseKind = 'application' | 'holder' | 'sroi';


/** Stages; the search attribute KeurmerkStage holds the same value. */
export const STAGES = {
  // application (SEBO-T1..T9)
  INTAKE: 'INTAKE',
  MEETING: 'MEETING',
  AUDIT_PLANNING: 'AUDIT_PLANNING',
  AUDIT: 'AUDIT',
  REPORT: 'REPORT',
  DECISION: 'DECISION',
  REJECTED: 'REJECTED',
  WAITING_PERIOD: 'WAITING_PERIOD',
  NOT_ELIGIBLE: 'NOT_ELIGIBLE',
  MEETING_REJECTED: 'MEETING_REJECTED',
  CLOSED: 'CLOSED',
  // holder (SEBO-T10..T13, R1..R3); REGISTERED and RENEWAL are in the public register (SEBO-R6)
  REGISTERED: 'REGISTERED',
  RENEWAL: 'RENEWAL',
  SUSPENDED: 'SUSPENDED',
  LAPSED: 'LAPSED',
  WITHDRAWN: 'WITHDRAWN',
  // either kind: an operator cancelled the workflow (Temporal cancel); the execution ends as Canceled
  CANCELLED: 'CANCELLED',
  // SROI obligation (SROI-1..4): workflows/sroi-obligation.ts
  CONTACT: 'CONTACT',
  PLAN: 'PLAN',
  REALISATION: 'REALISATION',
  FINAL_EVALUATION: 'FINAL_EVALUATION',
  FULFILLED: 'FULFILLED',
  SHORTFALL: 'SHORTFALL',
  // members' meeting / criteria change
  SCHEDULING: 'SCHEDULING',
  NOTIFIED: 'NOTIFIED',
} as const;
export type Stage = (typeof STAGES)[keyof typeof STAGES];

/** SEBO-R6: the stages in which a holder appears in the public register. */
export const REGISTER_STAGES: readonly Stage[] = [STAGES.REGISTERED, STAGES.RENEWAL];
/** SEBO-R2, SEBO-R6: the stages the published list shows: current holders, and suspended ones as suspended. */
export const PUBLISHED_STAGES: readonly Stage[] = [...REGISTER_STAGES, STAGES.SUSPENDED];
/** The visibility query of the published list (`keurmerk register`): current and suspended holders. */
export function publishedRegisterQuery(schemeId?: string): string {
  const stages = PUBLISHED_STAGES.map((s) => `'${s}'`).join(', ');
  const scheme = schemeId ? ` AND KeurmerkScheme = '${schemeId}'` : '';
  return `KeurmerkCaseKind = 'holder' AND KeurmerkStage IN (${stages})${scheme} AND ExecutionStatus = 'Running'`;
}
/** The visibility query of the current holders (SEBO-R6): holders in a register stage (agenda and notices go to them). */
export function registerQuery(schemeId?: string): string {
  const stages = REGISTER_STAGES.map((s) => `'${s}'`).join(', ');
  const scheme = schemeId ? ` AND KeurmerkScheme = '${schemeId}'` : '';
  return `KeurmerkCaseKind = 'holder' AND KeurmerkStage IN (${stages})${scheme} AND ExecutionStatus = 'Running'`;
}

export type Party = 'applicant' | 'accountmanager' | 'certifying-institution' | 'municipality' | 'covenant-partner' | 'holders';

export interface OpenDeadline {
  /** The update that ends it (e.g. auditPlanned), or a description for timers (e.g. expiry). */
  action: string;
  party: Party;
  dueAt: string;
  ruleId: string;
}

export interface HistoryEntry {
  at: string;
  /** The rule id the event belongs to, e.g. SEBO-T5. */
  ruleId?: string;
  what: string;
  /** Who recorded a human action (as given with the action). */
  by?: string;
  /** What was recorded with a human action besides when and by whom: notes, findings, reasons, dates. */
  details?: Record<string, unknown>;
}

/** A keuring (SEBO-T3..T7) as the status query shows it. */
export interface KeuringStatus {
  round: 'first' | 'second' | 'renewal';
  step: Stage;
  forwardedAt: string;
  documentsReceived: { id: string; receivedAt: string; issuedOn?: string }[];
  /** SEBO-D1: what is still missing or too old, in the domain's words. */
  documentsMissing: string[];
  auditAt?: string;
  auditor?: string;
  auditDoneAt?: string;
  shortcomings?: 'none' | 'minor' | 'serious';
  findings?: string;
  supplementsUntil?: string;
  supplements: string[];
  reportAt?: string;
  advice?: 'positive' | 'negative';
  unmetCriteria?: string[];
  disagreement: boolean;
  bothSidesHeard: boolean;
  outcome?: 'granted' | 'rejected';
  decidedAt?: string;
  reason?: string;
}

/**
 * A clock of the case that runs without anyone having to act yet (a holder's yearly conversation,
 * re-keuring, expiry; the end of a suspension; new criteria binding): when, and which action it opens.
 */
export interface CaseClock {
  what: string;
  at: string;
  ruleId: string;
  /** The action that becomes possible (or due) at `at`, if any. */
  action?: string;
}

export interface CaseStatus {
  workflowId: string;
  schemeId: string;
  caseKind: CaseKind;
  stage: Stage;
  companyName: string;
  kvkNumber: string;
  accountmanagerCode: string;
  openDeadlines: OpenDeadline[];
  history: HistoryEntry[];
  /** The company's contact person (the applicant's reader of every email). */
  contact?: { name: string; email: string };
  /** The WSP accountmanager as given with the application (name and email), besides the code. */
  accountmanager?: { name: string; email: string };
  /** The keuring in progress or last decided (SEBO-T3..T7): dates, what was recorded, what is missing. */
  keuring?: KeuringStatus;
  /** SEBO-T1: when the intake was held. */
  intakeAt?: string;
  /** SEBO-T2: the members' meeting the application is on. */
  meeting?: { date: string; startsAt: string; outcome?: 'approved' | 'rejected' | 'deferred' };
  /** Running clocks with their dates (holder: conversation, re-keuring, expiry; suspension end; criteria). */
  clocks?: CaseClock[];
  /** SEBO-T8: second keuringen used. */
  secondKeuringenUsed?: number;
  /** SEBO-T9: no new keuring before this instant (stage WAITING_PERIOD). */
  waitingUntil?: string;
  /**
   * SEBO-T10: current validity of the grant. `expiresAt` is the instant it lapses (SEBO-T13);
   * `validThrough` (YYYY-MM-DD) the last day it may be used: what "geldig tot en met" says everywhere.
   */
  validity?: { validFrom: string; expiresAt: string; certificateNumber?: string; validThrough?: string };
  /** SEBO-R2 */
  suspension?: { from: string; until: string; extended: boolean };
  /** SEBO-R1: criteria the holder is bound by and what is pending. */
  criteria?: { version: string; pending?: CriteriaNotice & { objected: boolean } };
  /** A renewal keuring in progress (SEBO-T12): its step. */
  renewalStep?: Stage;
  /** SEBO-R6: listed as a current holder. */
  inRegister: boolean;
  /** SEBO-R2, SEBO-R6: how the public register lists the holder (a suspended holder is listed as suspended). */
  listedAs?: 'holder' | 'suspended';
  /** Criteria 3.1/4.1: criterion ids the last report found not met. */
  unmetCriteria?: string[];
  /** SEBO-T13: the keurmerk lapsed at this instant while a keuring was still in progress. */
  lapsedAt?: string;
  /** Engine cases: the definition the case runs (version and hash fixed at start) and its current step. */
  definitionVersion?: string;
  definitionHash?: string;
  step?: string;
  /** The assessment of the application (WP-2 points and capacity, PSO-1 provisional level). */
  assessment?: Record<string, unknown>;
  /** PSO-1: the level granted. */
  level?: string;
  /** PSO-2: once-only levels held, with when. */
  onceLevelsHeld?: { level: string; from: string; until?: string }[];
  /** Benefits that end (MVS-2 free membership). */
  benefits?: { label: string; endsAt: string; told: boolean }[];
  /** MVS-3: residents placed at work, in total. */
  placements?: number;
  /** WP-3 */
  integrity?: { outcome: string; at: string; notes?: string };
  /** MVS-1 */
  covenantSignedAt?: string;
}

export const statusQuery = defineQuery<CaseStatus>('status');

/** Contact of a holder, for activities that write to every holder (agenda, SEBO-R1/R2 notices). Not in search attributes. */
export const holderContactQuery = defineQuery<{ companyName: string; email: string; name: string }>('holderContact');

export interface MeetingAgendaStatus {
  schemeId: string;
  stage: Stage;
  nextMeeting?: { date: string; startsAt: string; agendaClosesAt: string };
  pending: MeetingItem[];
  agendasSent: { meetingDate: string; items: number; sentAt: string }[];
}
export const agendaQuery = defineQuery<MeetingAgendaStatus>('agenda');
