// The procedure of a keurmerk as data (docs/scheme-definitions.md): the steps of an application, who
// acts in each, each step's deadline (a period counted from an anchor), the outcomes and where each
// leads, what a rejection allows, and the holder phase (certificate, yearly conversation, renewal,
// lapse, suspension, withdrawal, criteria change, benefits that end). The case engine (workflows/)
// runs whatever this describes; it knows the kinds of action, never a scheme.
import { z } from 'zod';
import { isoDuration, text } from './primitives';
import { lazy } from './lazy';

/** The kinds of finding of the eligibility check (domain/eligibility.ts), each of which a rule may refuse. */
export const FINDING_KINDS = ['establishment', 'zzp', 'affiliation', 'look-back', 'document-missing', 'document-too-old'] as const;

/** Who acts in a step or receives an email. */
export const ACTORS = ['employer', 'accountmanager', 'certifying-institution', 'municipality', 'holders-meeting', 'covenant-partner'] as const;
export const ActorSchema = lazy(() =>
  z.enum(ACTORS, { error: `actor must be one of ${ACTORS.join(', ')}` }),
);
export type Actor = z.infer<typeof ActorSchema>;

/** The instants a step's period can be counted from. */
export const ANCHORS = ['application', 'step-opened', 'meeting', 'audit-appointment', 'audit-done', 'report'] as const;
export const AnchorSchema = lazy(() =>
  z.enum(ANCHORS, { error: `from must be one of ${ANCHORS.join(', ')}` }),
);
export type Anchor = z.infer<typeof AnchorSchema>;

/** The office's own agreements (workflows/reminder-policy.ts) a step may use as its period. */
export const OFFICE_PERIODS = ['intakeWithin', 'meetingOutcomeWithin', 'documentsWithin', 'conversationWithin'] as const;

/** The kinds of human action a step can wait for: the engine knows what each records and checks. */
export const STEP_ACTIONS = [
  'intakeRecorded',
  'meetingOutcome',
  'auditPlanned',
  'auditDone',
  'reportAndAdvice',
  'decision',
  'integrityScreened',
  'covenantSigned',
] as const;
export type StepAction = (typeof STEP_ACTIONS)[number];

/** Outcome values per action (the field of the action's input that decides where the case goes). */
export const ACTION_OUTCOMES: Partial<Record<StepAction, readonly string[]>> = {
  meetingOutcome: ['approved', 'rejected', 'deferred'],
  auditDone: ['none', 'minor', 'serious'],
  decision: ['granted', 'rejected'],
  integrityScreened: ['cleared', 'excluded'],
};

const slug = lazy(() =>
  z.string().regex(/^[a-z0-9][a-z0-9-]*$/, { error: 'an id uses lower-case a-z, 0-9 and -' }),
);
const stageName = lazy(() =>
  z.string().regex(/^[A-Z][A-Z0-9_]*$/, { error: 'a stage is written in capitals, e.g. AUDIT_PLANNING' }),
);

/**
 * A deadline: `from` an anchor, plus one period: a period of this definition (`period`), one of the
 * office's agreements (`office`), or a duration written here (`duration`). None: due at the anchor.
 */
export const DueSchema = lazy(() =>
  z
    .object({
      from: AnchorSchema,
      period: text.optional(),
      office: z.enum(OFFICE_PERIODS, { error: `office must be one of ${OFFICE_PERIODS.join(', ')}` }).optional(),
      duration: isoDuration.optional(),
    })
    .strict()
    .refine((d) => [d.period, d.office, d.duration].filter(Boolean).length <= 1, { error: 'give at most one of period, office, duration' }),
);
export type Due = z.infer<typeof DueSchema>;

/** An email: a notice (activities/email/wording.ts) to some actors. */
export const MailSchema = lazy(() =>
  z.object({ notice: slug, to: z.array(ActorSchema).min(1) }).strict(),
);
export type Mail = z.infer<typeof MailSchema>;

/**
 * Where an outcome leads: another step (`step`), the grant (`grant`), the rejection rules (`reject`)
 * or the end of the case in a stage (`end`). `quiet`: enter the step again without its opening email
 * (a new audit after serious shortcomings).
 */
export const TransitionSchema = lazy(() =>
  z
    .object({
      step: slug.optional(),
      grant: z.literal(true).optional(),
      reject: z.literal(true).optional(),
      end: stageName.optional(),
      quiet: z.boolean().default(false),
      mail: MailSchema.optional(),
      /** Rule id recorded with the transition (e.g. the grant on the holders' approval). */
      rule: text.optional(),
    })
    .strict()
    .refine((t) => [t.step, t.grant, t.reject, t.end].filter((x) => x !== undefined).length === 1, {
      error: 'a transition leads to exactly one of step, grant, reject, end',
    }),
);
export type Transition = z.infer<typeof TransitionSchema>;

export const StepSchema = lazy(() =>
  z
    .object({
      id: slug,
      /** The case's stage while it is at this step (search attribute KeurmerkStage). */
      stage: stageName,
      /** What the step waits for: the human action (an Update of the case) that completes it. */
      action: z.enum(STEP_ACTIONS, { error: `action must be one of ${STEP_ACTIONS.join(', ')}` }),
      /** Who acts: gets the reminder before the deadline and the escalation after it. */
      actor: ActorSchema,
      /** The rule this step carries (history, refusals, emails). */
      rule: text.optional(),
      /** The deadline; absent: the case waits without a term (no reminder, no escalation). */
      due: DueSchema.optional(),
      /** The step waits for the members' meeting: on the agenda of the next meeting, due counted from it. */
      meeting: z.boolean().default(false),
      /** Documents asked beside this step (SEBO-D1 style): who sends them, by when, the rule. */
      documents: z.object({ actor: ActorSchema, due: DueSchema, rule: text.optional() }).strict().optional(),
      /** After an audit: supplements still count within this period of the audit (the auditor may extend). */
      supplements: z.object({ period: text, rule: text.optional() }).strict().optional(),
      /** On a disagreement in the report, both sides are heard before this step's action (rule). */
      hearing: z.object({ rule: text.optional() }).strict().optional(),
      /** Email when the case enters the step. */
      onEnter: MailSchema.optional(),
      /** History line when the case enters the step. */
      enterRecord: z.object({ what: text, rule: text.optional() }).strict().optional(),
      /** Where the case goes when the action has no outcome (or as the default). */
      next: TransitionSchema.optional(),
      /** Per outcome value of the action (see ACTION_OUTCOMES). */
      outcomes: z.record(z.string(), TransitionSchema).optional(),
    })
    .strict(),
);
export type Step = z.infer<typeof StepSchema>;

/** After a rejection: how many second keuringen, where they resume, what a final rejection means. */
export const RejectionSchema = lazy(() =>
  z
    .object({
      /** SEBO-T8 style: the rule and the step a second keuring resumes at. */
      second: z.object({ rule: text.optional(), restartAt: slug, mail: MailSchema }).strict().optional(),
      /** The final rejection (no second keuring left): rule, email; the wait is periods.waitAfterSecondRejection. */
      final: z.object({ rule: text.optional(), mail: MailSchema, waitOverMail: MailSchema.optional() }).strict(),
    })
    .strict(),
);

/** The holder phase; a part left out is a step the scheme does not have (its action is refused). */
export const HolderPhaseSchema = lazy(() =>
  z
    .object({
      /** The grant: the certificate (or notice) to these actors; `renewedNotice` after a renewal. */
      certificate: z
        .object({ rule: text.optional(), mail: MailSchema, renewedNotice: slug.default('validity-extended'), toolkit: z.boolean().default(false) })
        .strict(),
      /** The yearly conversation (periods.conversationEvery), held within the office's conversationWithin. */
      conversation: z.object({ rule: text.optional(), label: text.default('yearly conversation'), actor: ActorSchema, mail: MailSchema }).strict().optional(),
      /**
       * Renewal: reminder periods.renewalReminderBefore ahead of expiry (escalation at
       * renewalEscalationBefore when given); `restartAt` the step a renewal starts at (absent: the holder
       * is told to apply anew); `actor` starts it (renewalStarted).
       */
      renewal: z
        .object({
          rule: text.optional(),
          label: text.default('renewal'),
          actor: ActorSchema,
          restartAt: slug.optional(),
          mail: MailSchema,
          rejectedMail: MailSchema.optional(),
          /**
           * A rejected renewal may use the second keuring of `rejection.second` (its rule, restart step
           * and count, procedure.secondKeuringen) while the validity lasts; absent: no second keuring.
           */
          secondKeuring: z.boolean().optional(),
        })
        .strict()
        .optional(),
      /**
       * Lapse at expiry; `warning`: a last warning (remindBefore) ahead of it. `renewalContinues`: a
       * renewal (or its second keuring) still in progress at expiry goes on: the right to use the keurmerk
       * ends then (stage LAPSED, out of the register), and a grant afterwards starts a new validity.
       * Absent: the case ends at expiry.
       */
      lapse: z
        .object({
          rule: text.optional(),
          warning: z.boolean().default(true),
          mail: MailSchema,
          warningMail: MailSchema.optional(),
          renewalContinues: z.boolean().optional(),
        })
        .strict(),
      /** Suspension (periods.suspensionMax, procedure.suspensionExtensions); `actor` decides to lift it. */
      suspension: z.object({ rule: text.optional(), actor: ActorSchema, informHolders: z.boolean().default(false) }).strict().optional(),
      withdrawal: z.object({ rule: text.optional(), informHolders: z.boolean().default(false) }).strict().optional(),
      /** Criteria change with a transition and objection (periods.criteriaTransition, criteriaOptOutMax). */
      criteriaChange: z.object({ rule: text.optional() }).strict().optional(),
      /** Placements reported by the holder (programme goals, MVS-3). */
      placements: z.object({ rule: text.optional() }).strict().optional(),
      /**
       * The public register: the rule it carries; `listsSuspended`: a suspended holder stays in the
       * published list, marked as suspended with the period (absent: it is left out while suspended).
       */
      register: z.object({ rule: text.optional(), listsSuspended: z.boolean().optional() }).strict().default({}),
    })
    .strict(),
);
export type HolderPhase = z.infer<typeof HolderPhaseSchema>;

/** The steps from application to decision, the rejection rules and the holder phase. */
export const FlowSchema = lazy(() =>
  z
    .object({
      /** Rule id of receiving the application (history). */
      receivedRule: text.optional(),
      /** Email when the application is received (absent: none). */
      received: MailSchema.optional(),
      /**
       * An application that is not eligible: the rule and the email (who may apply, and the alternatives).
       * `findingRules`: the rule that refuses each kind of finding (a refusal cites the rule that refused
       * it); a kind not listed is cited under `rule`.
       */
      notEligible: z
        .object({
          rule: text.optional(),
          findingRules: z.partialRecord(z.enum(FINDING_KINDS, { error: `a finding kind is one of ${FINDING_KINDS.join(', ')}` }), text).optional(),
          mail: MailSchema,
        })
        .strict(),
      steps: z.array(StepSchema).min(1),
      /** The first step (default: the first in the list). */
      start: slug.optional(),
      rejection: RejectionSchema,
      holder: HolderPhaseSchema,
    })
    .strict(),
);
export type Flow = z.infer<typeof FlowSchema>;

/** Problems of a flow that zod alone cannot see: step ids that do not exist, outcomes of the wrong action. */
export function flowProblems(flow: Flow, periodNames: readonly string[], path: (string | number)[]): { path: (string | number)[]; message: string }[] {
  const out: { path: (string | number)[]; message: string }[] = [];
  const ids = new Set<string>();
  flow.steps.forEach((s, i) => {
    if (ids.has(s.id)) out.push({ path: [...path, 'steps', i, 'id'], message: `duplicate step id "${s.id}"` });
    ids.add(s.id);
  });
  const known = [...ids].join(', ');
  const checkStep = (id: string | undefined, p: (string | number)[]) => {
    if (id !== undefined && !ids.has(id)) out.push({ path: p, message: `no step "${id}"; the steps are ${known}` });
  };
  const checkPeriod = (name: string | undefined, p: (string | number)[]) => {
    if (name !== undefined && !periodNames.includes(name)) out.push({ path: p, message: `no period "${name}" in periods; expected one of ${periodNames.join(', ')}` });
  };
  const checkTransition = (t: Transition | undefined, p: (string | number)[]) => {
    if (t) checkStep(t.step, [...p, 'step']);
  };
  checkStep(flow.start, [...path, 'start']);
  flow.steps.forEach((s, i) => {
    const p = [...path, 'steps', i];
    checkPeriod(s.due?.period, [...p, 'due', 'period']);
    checkPeriod(s.documents?.due.period, [...p, 'documents', 'due', 'period']);
    checkPeriod(s.supplements?.period, [...p, 'supplements', 'period']);
    checkTransition(s.next, [...p, 'next']);
    const allowed = ACTION_OUTCOMES[s.action];
    for (const [value, t] of Object.entries(s.outcomes ?? {})) {
      if (!allowed || !allowed.includes(value)) {
        out.push({ path: [...p, 'outcomes', value], message: `${s.action} has ${allowed ? `the outcomes ${allowed.join(', ')}` : 'no outcomes (use next)'}, not "${value}"` });
      }
      checkTransition(t, [...p, 'outcomes', value]);
    }
    if (!s.next && !(allowed && s.outcomes && allowed.every((v) => v in s.outcomes!))) {
      out.push({ path: [...p, 'next'], message: allowed ? `give next, or an outcome for each of ${allowed.join(', ')}` : 'is required: where the case goes after this step' });
    }
  });
  checkStep(flow.rejection.second?.restartAt, [...path, 'rejection', 'second', 'restartAt']);
  checkStep(flow.holder.renewal?.restartAt, [...path, 'holder', 'renewal', 'restartAt']);
  return out;
}

/** The step with this id (the flow is validated: ids exist). */
export function stepById(flow: Flow, id: string): Step {
  const step = flow.steps.find((s) => s.id === id);
  if (!step) throw new RangeError(`no step "${id}"; the steps are ${flow.steps.map((s) => s.id).join(', ')}`);
  return step;
}

export function firstStep(flow: Flow): Step {
  return flow.start ? stepById(flow, flow.start) : flow.steps[0];
}

/** Every action name a case of this flow accepts, with the step (or holder part) it belongs to. */
export function flowActions(flow: Flow): { action: string; step: string }[] {
  const out: { action: string; step: string }[] = [];
  for (const s of flow.steps) {
    out.push({ action: s.action, step: s.id });
    if (s.documents) out.push({ action: 'documentsReceived', step: s.id });
    if (s.supplements) out.push({ action: 'supplementsReceived', step: s.id }, { action: 'supplementsDeadlineExtended', step: s.id });
    if (s.hearing) out.push({ action: 'bothSidesHeard', step: s.id });
  }
  if (flow.rejection.second) out.push({ action: 'secondKeuringRequested', step: 'rejection' });
  const h = flow.holder;
  if (h.conversation) out.push({ action: 'yearlyConversationHeld', step: 'conversation' });
  if (h.renewal?.restartAt) out.push({ action: 'renewalStarted', step: 'renewal' });
  if (h.suspension) out.push({ action: 'suspend', step: 'suspension' }, { action: 'extendSuspension', step: 'suspension' }, { action: 'liftSuspension', step: 'suspension' });
  if (h.withdrawal) out.push({ action: 'withdraw', step: 'withdrawal' });
  if (h.criteriaChange) out.push({ action: 'holderObjects', step: 'criteria change' });
  if (h.placements) out.push({ action: 'placementsRecorded', step: 'placements' });
  return out;
}

/** A short stable fingerprint of a definition (FNV-1a over its canonical JSON): which version a case runs. */
export function definitionHash(definition: unknown): string {
  const canonical = (v: unknown): string => {
    if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
    if (v && typeof v === 'object') {
      return `{${Object.keys(v as object)
        .sort()
        .filter((k) => (v as Record<string, unknown>)[k] !== undefined)
        .map((k) => `${JSON.stringify(k)}:${canonical((v as Record<string, unknown>)[k])}`)
        .join(',')}}`;
    }
    return JSON.stringify(v);
  };
  const s = canonical(definition);
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, '0');
}
