// The scheme definition: every number and rule of a keurmerk or SROI obligation as data, so a
// municipality's variant is a file, not code. Field comments name the DOMAIN.md rule they carry.
import { IANAZone } from 'luxon';
import { z } from 'zod';
import { count, isoDate, isoDuration, share, text } from './primitives';
import { toDuration } from './time';
import { FlowSchema, flowProblems } from './procedure';
import { lazy } from './lazy';

/** Rough length of a valid duration, only to compare two offsets of the same definition. */
const approxMs = (iso: string) => toDuration(iso).toMillis();

/** Every period a scheme may use; a scheme leaves out the steps it does not have. */
export const PeriodsSchema = lazy(() =>
  z
    .object({
      /** SEBO-T4: the CI plans the audit within this period after receiving the application. */
      auditWithin: isoDuration.optional(),
      /** SEBO-T5: supplements after the audit still count within this period (the auditor may extend). */
      supplementsWithin: isoDuration.optional(),
      /** SEBO-T6: the CI reports with an advice within this period after the audit. */
      reportWithin: isoDuration.optional(),
      /** SEBO-T7 (after the report) / WP-4 (after the application): the owner decides within this period. */
      decisionWithin: isoDuration.optional(),
      /** PSO-2: the certificate follows the audit within about this period. */
      certificateWithin: isoDuration.optional(),
      /** SEBO-T9: after a rejected second keuring, a new keuring only after this period. */
      waitAfterSecondRejection: isoDuration.optional(),
      /** SEBO-T10, WP-4, MVS-1: validity of the first grant. */
      validityFirst: isoDuration.optional(),
      /** SEBO-T10, WP-4: validity of each later grant (renewal). */
      validityRenewal: isoDuration.optional(),
      /** SEBO-T11: the SEBO conversation with the accountmanager recurs with this period. */
      conversationEvery: isoDuration.optional(),
      /** SEBO-T12, PSO-2: remind holder (and CI) this long before expiry. */
      renewalReminderBefore: isoDuration.optional(),
      /** SEBO-T12: escalate to the accountmanager this long before expiry if the re-keuring has not started. */
      renewalEscalationBefore: isoDuration.optional(),
      /** SEBO-R2: a suspension lasts at most this long. */
      suspensionMax: isoDuration.optional(),
      /** SEBO-R2: one extension of a suspension by at most this long. */
      suspensionExtensionMax: isoDuration.optional(),
      /** SEBO-R1: a criteria change binds no earlier than this long after the notice. */
      criteriaTransition: isoDuration.optional(),
      /** SEBO-R1: a holder that objects keeps the old criteria at most this long after the notice. */
      criteriaOptOutMax: isoDuration.optional(),
      /** SROI-3: after award the contractor contacts the WSP within this period. */
      contactWithin: isoDuration.optional(),
      /** SROI-4: the WSP approves the plan within this period after award. */
      planApprovalWithin: isoDuration.optional(),
      /** SROI-4: extendable in writing up to this period after award. */
      planApprovalExtendedMax: isoDuration.optional(),
      /** SROI-2/3: the final evaluation (with evidence) is held within this period after the contract end. **decision** */
      finalEvaluationWithin: isoDuration.optional(),
    })
    .strict(),
);
export type Periods = z.infer<typeof PeriodsSchema>;
export type PeriodName = keyof Periods;

/** What each period means, in plain words with its rule id (used by docs/schemes.md). */
export const periodMeaning: Record<PeriodName, string> = {
  auditWithin: 'the CI makes the audit appointment within this period after receiving the application (SEBO-T4)',
  supplementsWithin: 'corrective measures or extra documents after the audit still count within this period; the auditor may extend (SEBO-T5)',
  reportWithin: 'the CI reports findings and advice within this period after the audit (SEBO-T6)',
  decisionWithin: 'the owner decides within this period after the report (SEBO-T7) or the application (WP-4)',
  certificateWithin: 'the certificate follows within about this period after the audit (PSO-2)',
  waitAfterSecondRejection: 'after a rejected second keuring, a new keuring only after this period (SEBO-T9)',
  validityFirst: 'validity of the first grant (SEBO-T10, WP-4, MVS-1)',
  validityRenewal: 'validity of each later grant (SEBO-T10, WP-4)',
  conversationEvery: 'the holder has a SEBO conversation with the accountmanager this often (SEBO-T11)',
  renewalReminderBefore: 'holder and CI are reminded this long before expiry (SEBO-T12, PSO-2)',
  renewalEscalationBefore: 'the accountmanager is alerted this long before expiry if the re-keuring has not started (SEBO-T12)',
  suspensionMax: 'a suspension lasts at most this long (SEBO-R2)',
  suspensionExtensionMax: 'a suspension may be extended by at most this long (SEBO-R2)',
  criteriaTransition: 'changed criteria bind no earlier than this long after the notice (SEBO-R1)',
  criteriaOptOutMax: 'a holder that objects keeps the old criteria at most this long after the notice (SEBO-R1)',
  contactWithin: 'after award the contractor contacts the WSP within this period (SROI-3)',
  planApprovalWithin: 'the WSP approves the plan within this period after award (SROI-4)',
  planApprovalExtendedMax: 'the WSP may extend plan approval in writing up to this period after award (SROI-4)',
  finalEvaluationWithin: 'the final evaluation with its evidence is held within this period after the contract end (SROI-3)',
};

const weekday = lazy(() =>
  z
    .number()
    .int()
    .min(1, { error: 'weekday is 1 (Monday) to 7 (Sunday)' })
    .max(7, { error: 'weekday is 1 (Monday) to 7 (Sunday)' }),
);
const month = lazy(() =>
  z.number().int().min(1, { error: 'month is 1 to 12' }).max(12, { error: 'month is 1 to 12' }),
);

export const MeetingRuleSchema = lazy(() =>
  z
    .object({
      kind: z.literal('rule'),
      /** 1 = first, 2 = second, ... 5; -1 = last weekday of the month. */
      nth: z.number().int().refine((n) => n === -1 || (n >= 1 && n <= 5), { error: 'nth is 1 to 5, or -1 for the last' }),
      weekday,
      months: z.array(month).min(1),
    })
    .strict(),
);

export const MeetingDatesSchema = lazy(() =>
  z
    .object({
      kind: z.literal('dates'),
      dates: z.array(isoDate).min(1),
    })
    .strict(),
);

/** SEBO-T2, SEBO-A1: the members' meeting (3× a year) and when its agenda closes. */
export const MeetingCalendarSchema = lazy(() =>
  z
    .object({
      schedule: z.discriminatedUnion('kind', [MeetingRuleSchema, MeetingDatesSchema], {
        error: 'kind must be "rule" or "dates"',
      }),
      /** Local start time, HH:mm. */
      time: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, { error: 'expected a time as HH:mm' }).default('16:00'),
      /** The agenda closes this long before the meeting starts. */
      agendaCutOff: isoDuration,
    })
    .strict(),
);
export type MeetingCalendar = z.infer<typeof MeetingCalendarSchema>;

export const DocumentSchema = lazy(() =>
  z
    .object({
      id: z.string().regex(/^[a-z0-9-]+$/, { error: 'document id uses a-z, 0-9 and -' }),
      label: text,
      /** e.g. SEBO-D1: the KvK extract may not be older than P1Y when submitted. */
      maxAge: isoDuration.optional(),
      required: z.boolean().default(true),
    })
    .strict(),
);
export type RequiredDocument = z.infer<typeof DocumentSchema>;

export const CriterionSchema = lazy(() =>
  z
    .object({
      id: text,
      title: text,
      /** How the CI or the owner checks it (toetsingsmethode / toetsingsresultaat). */
      assessedBy: text,
      /** A hard fail means "no approval" whatever else is met (SEBO 3.1, 4.1 for zzp). */
      hardFail: z.boolean().default(false),
    })
    .strict(),
);
export type Criterion = z.infer<typeof CriterionSchema>;

export const EligibilitySchema = lazy(() =>
  z
    .object({
      /** SEBO-E1: municipalities where an establishment must be; empty = anywhere. */
      establishmentIn: z.array(text).default([]),
      zzpAllowed: z.boolean().default(true),
      /** SEBO-E2, WP-3: affiliations that cannot hold this scheme. */
      excludedAffiliations: z
        .array(z.enum(['municipal-entity', 'subsidised-foundation', 'reintegration-company']))
        .default([]),
      /** SEBO-A: affiliations that may ONLY hold this scheme (the ambassadorship). */
      requiredAffiliations: z.array(z.enum(['municipal-entity', 'subsidised-foundation'])).default([]),
      /** SEBO-E3: history needed to look back on for a first application and a renewal. */
      lookBackFirst: isoDuration.optional(),
      lookBackRenewal: isoDuration.optional(),
      /** WP-3: the owner screens integrity before granting. */
      integrityScreening: z.boolean().default(false),
      /** PSO-2: the aspirant status can be had only once. */
      aspirantOnlyOnce: z.boolean().default(false),
    })
    .strict(),
);
export type Eligibility = z.infer<typeof EligibilitySchema>;

/** Which steps the procedure has; workflows read this instead of branching on the scheme id. */
export const ProcedureSchema = lazy(() =>
  z
    .object({
      /** SEBO-T1 */
      intake: z.boolean(),
      /** SEBO-T2, SEBO-A1 */
      membersMeeting: z.boolean(),
      /** SEBO-T3..T6, PSO */
      audit: z.boolean(),
      /** SEBO-T8: how many second keuringen after a rejection (SEBO: 1). */
      secondKeuringen: count,
      /** SEBO-R2: how many times a suspension may be extended (SEBO: 1). */
      suspensionExtensions: count,
      /** MVS-1: a covenant is signed. */
      covenant: z.boolean().default(false),
      /** SEBO-T10, MVS-2: a certificate is issued on a grant. */
      certificate: z.boolean().default(true),
    })
    .strict(),
);

const pointsActivity = lazy(() =>
  z
    .object({ id: z.string().regex(/^[a-z0-9-]+$/), label: text, points: z.number().positive(), maxPerYear: count.optional() })
    .strict(),
);

export const SeboChecklistSchema = lazy(() =>
  z
    .object({
      method: z.literal('sebo-checklist'),
      /** 4.1: a zzp must show at least this many unpaid hours a year in the municipality. */
      zzpMinUnpaidHours: z.number().positive(),
      /** 3.1: at least this many forms of cooperation with education. */
      minEducationForms: z.number().int().positive(),
      /** 3.1: participation in at least this many of the listed local programmes. */
      minLocalProgrammes: z.number().int().positive(),
      localProgrammes: z.array(text).min(1),
    })
    .strict(),
);

export const WerkpaktPointsSchema = lazy(() =>
  z
    .object({
      method: z.literal('werkpakt-points'),
      /** WP-2 */
      minPoints: z.number().positive(),
      /** WP-1: capacity, share of staff placed from the target groups. */
      minCapacityShare: share,
      /** Points per activity in the previous year, by ABC criterion. A **decision**: the seed gives no table. */
      activities: z.object({ A: z.array(pointsActivity), B: z.array(pointsActivity), C: z.array(pointsActivity) }).strict(),
    })
    .strict(),
);

export const PsoLadderSchema = lazy(() =>
  z
    .object({
      method: z.literal('pso-ladder'),
      /**
       * Minimum score (share of staff with a distance to the labour market + credited indirect share) per
       * level, by level id. The levels are data: adding one (PSO's basistrede of 2023) is a definition change.
       */
      thresholds: z
        .record(z.string().regex(/^[a-z0-9][a-z0-9-]*$/, { error: 'a level id uses a-z, 0-9 and -' }), share)
        .refine((t) => Object.keys(t).length > 0, { error: 'at least one level' }),
      /** The level below the lowest threshold (PSO: the aspirant status; once only when eligibility.aspirantOnlyOnce). */
      entryLevel: z.string().regex(/^[a-z0-9][a-z0-9-]*$/).default('aspirant'),
      /** Indirect contribution (social purchasing) counts for at most this share of the score. */
      indirectMaxShareOfScore: share,
    })
    .strict(),
);

export const MembersApprovalSchema = lazy(() =>
  z.object({ method: z.literal('members-approval') }).strict(),
);
export const CovenantSchema = lazy(() =>
  z.object({ method: z.literal('covenant') }).strict(),
);

const bouwblok = lazy(() =>
  z
    .object({
      id: z.string().regex(/^[a-z0-9-]+$/, { error: 'bouwblok id uses a-z, 0-9 and -' }),
      label: text,
      unit: text,
      /** Value in euro per unit; absent = set beforehand per activity by the Bureau Social Return (SROI-2). */
      valuePerUnit: z.number().positive().optional(),
      /** At most this share of the obligation may be filled with this block (e.g. Power Certificates). */
      maxShareOfObligation: share.optional(),
    })
    .strict(),
);

export const SroiBouwblokkenSchema = lazy(() =>
  z
    .object({
      method: z.literal('sroi-bouwblokken'),
      /** SROI-1: share of the contract sum for a large contract. */
      contractSumShare: share,
      /** SEBO definition of SROI: alternatively a share of the wage sum. */
      wageSumShare: share,
      /** SROI-1: below this contract sum a social activity is asked instead of a percentage. **decision** */
      largeContractFrom: z.number().positive(),
      bouwblokken: z.array(bouwblok).min(1),
      /** The municipalities whose contracts this scheme carries (the report groups by them). */
      municipalities: z.array(text).default([]),
      /**
       * Keurmerk credit: a contractor holding a live keurmerk of `schemeId` on the award date has the
       * obligation lowered by `share` of it (WP-5 "korting op SROI", PSO counted for SROI). Not cumulative:
       * the highest credit applies. `source` names where the figure comes from (or the decision).
       */
      keurmerkCredit: z.array(z.object({ schemeId: z.string().regex(/^[a-z0-9][a-z0-9-]*$/), share, source: text }).strict()).default([]),
    })
    .strict(),
);

export const AssessmentSchema = lazy(() =>
  z.discriminatedUnion(
    'method',
    [SeboChecklistSchema, WerkpaktPointsSchema, PsoLadderSchema, MembersApprovalSchema, CovenantSchema, SroiBouwblokkenSchema],
    { error: 'method must be one of sebo-checklist, werkpakt-points, pso-ladder, members-approval, covenant, sroi-bouwblokken' },
  ),
);
export type Assessment = z.infer<typeof AssessmentSchema>;

export const SchemeDefinitionSchema = lazy(() =>
  z
    .object({
      id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, { error: 'id uses lower-case a-z, 0-9 and -' }),
      name: text,
      kind: z.enum(['keurmerk', 'ambassadeurschap', 'sroi']),
      /** The owner that decides (municipality, TNO, WSP). */
      owner: text,
      /** Where the rules come from (seed file, regulation and date). */
      source: text,
      /** Rule ids of DOMAIN.md this definition carries. */
      rules: z.array(text).default([]),
      zone: text
        .refine((z) => IANAZone.isValidZone(z), { error: (iss) => `expected an IANA time zone such as "Europe/Amsterdam", got "${String(iss.input)}"` })
        .default('Europe/Amsterdam'),
      /** The scheme whose members' meeting and holders this one shares (the ambassadorship shares the keurmerk's). */
      sharesHoldersWith: z.string().regex(/^[a-z0-9][a-z0-9-]*$/).optional(),
      /** Version of this definition (a case records it with the definition's hash when it starts). */
      version: text.default('1'),
      procedure: ProcedureSchema,
      /** The procedure as data: steps, outcomes, rejection, holder phase (docs/scheme-definitions.md). */
      flow: FlowSchema.optional(),
      periods: PeriodsSchema,
      meetings: MeetingCalendarSchema.optional(),
      eligibility: EligibilitySchema,
      documents: z.array(DocumentSchema).default([]),
      /** SEBO-D1: where the employer sends the documents, in the source's words (emails tell the employer). */
      documentsTo: text.max(500).optional(),
      criteria: z.array(CriterionSchema).default([]),
      assessment: AssessmentSchema,
      /** What a holder gets (WP-5, MVS-2); `lasts` when a benefit is time-limited (one year of free SEN membership). */
      benefits: z.array(z.object({ label: text, rule: text.optional(), lasts: isoDuration.optional() }).strict()).default([]),
      /** Programme goals to report on (MVS-3: 100 entrepreneurs and 200 extra residents at work in 2 years). */
      programmeGoals: z
        .array(
          z
            .object({
              label: text,
              target: z.number().positive(),
              unit: text,
              within: isoDuration,
              rule: text.optional(),
              /** When the programme started (the `within` counts from here). */
              from: isoDate.optional(),
              /** What counts: holders whose covenant was signed in the period, or residents placed by holders. */
              measure: z.enum(['holders-signed', 'placements']).optional(),
            })
            .strict(),
        )
        .default([]),
      /**
       * SEBO-T10: how the certificate looks (activities/certificate): the scheme's emblem as vector data
       * (a colour, the letters in its seal and, optionally, an SVG path drawn in a 100 x 100 box), who
       * issues it and who signs. A municipality's own scheme file brings its own.
       */
      certificate: z
        .object({
          colour: z.string().regex(/^#[0-9a-fA-F]{6}$/, { error: 'expected a colour as #rrggbb' }),
          accent: z.string().regex(/^#[0-9a-fA-F]{6}$/, { error: 'expected a colour as #rrggbb' }).optional(),
          logoText: text.max(8),
          logoPath: z.string().max(4000).optional(),
          issuer: text,
          place: text,
          signatory: text,
        })
        .strict()
        .optional(),
      /**
       * Rule id of DOMAIN.md → the source's own reference ("SEBO-T7" → "bijlage 2, punt 8"): what an
       * employer reads in an email and can look up in the regulation. Our rule ids stay in logs, history
       * and the X-Keurmerk-Rule header.
       */
      references: z.record(z.string().regex(/^[A-Z]+-[A-Z]*\d+$/, { error: 'a reference is keyed by a rule id such as "SEBO-T7"' }), text.max(300)).default({}),
      /**
       * How an applicant or holder objects to a negative decision (a rejection, suspension, withdrawal,
       * exclusion, lapse), in the source's route and terms: paragraphs as the employer reads them, and
       * the reference they come from (SEBO: Keurmerkreglement, artikel 8). Where the source is silent
       * the route is a **decision** (see `decisions`).
       */
      objection: z.object({ paragraphs: z.array(text.max(1000)).min(1), reference: text.max(300).optional() }).strict().optional(),
      /** Other facts from the source worth showing (confidentiality, disputes, publication). */
      notes: z.array(text).default([]),
      /** Choices made where the seed is silent or ambiguous (**decision** in DOMAIN.md), with the reason. */
      decisions: z.array(z.object({ about: text, choice: text, why: text }).strict()).default([]),
    })
    .strict()
    .superRefine((s, ctx) => {
      const need = (cond: boolean, path: (string | number)[], message: string) => {
        if (!cond) ctx.addIssue({ code: 'custom', path, message });
      };
      if (s.kind !== 'sroi') {
        need(!!s.periods.validityFirst, ['periods', 'validityFirst'], 'is required for a keurmerk (how long a grant is valid)');
      }
      if (s.procedure.membersMeeting) need(!!s.meetings, ['meetings'], 'is required when procedure.membersMeeting is true');
      if (s.procedure.audit) {
        for (const p of ['auditWithin', 'reportWithin'] as const) {
          need(!!s.periods[p], ['periods', p], 'is required when procedure.audit is true');
        }
      }
      if (s.procedure.secondKeuringen > 0) {
        need(!!s.periods.waitAfterSecondRejection, ['periods', 'waitAfterSecondRejection'], 'is required when procedure.secondKeuringen > 0');
      }
      if (s.procedure.suspensionExtensions > 0) {
        need(!!s.periods.suspensionExtensionMax, ['periods', 'suspensionExtensionMax'], 'is required when procedure.suspensionExtensions > 0');
      }
      if (s.kind === 'sroi') need(s.assessment.method === 'sroi-bouwblokken', ['assessment', 'method'], 'an SROI scheme is assessed with "sroi-bouwblokken"');
      const unique = (list: { id: string }[], field: 'documents' | 'criteria') => {
        const ids = new Set<string>();
        list.forEach((d, i) => {
          need(!ids.has(d.id), [field, i, 'id'], `duplicate id "${d.id}"`);
          ids.add(d.id);
        });
      };
      unique(s.documents, 'documents');
      unique(s.criteria, 'criteria');
      // Order of offsets: an escalation comes after the reminder, an extension after the normal term.
      const longer = (a: string | undefined, b: string | undefined) => !a || !b || approxMs(a) > approxMs(b);
      need(
        longer(s.periods.renewalReminderBefore, s.periods.renewalEscalationBefore),
        ['periods', 'renewalEscalationBefore'],
        'must be shorter than renewalReminderBefore (the escalation follows the reminder)',
      );
      need(
        longer(s.periods.planApprovalExtendedMax, s.periods.planApprovalWithin),
        ['periods', 'planApprovalExtendedMax'],
        'must be longer than planApprovalWithin',
      );
      if (s.flow) {
        for (const p of flowProblems(s.flow, Object.keys(PeriodsSchema.shape), ['flow'])) ctx.addIssue({ code: 'custom', path: p.path, message: p.message });
        if (s.flow.holder.suspension) need(!!s.periods.suspensionMax, ['periods', 'suspensionMax'], 'is required when flow.holder.suspension is set (how long a suspension may last)');
        if (s.flow.steps.some((st) => st.meeting)) need(!!s.meetings, ['meetings'], 'is required when a step waits for the members\' meeting');
      }
      if (s.meetings?.schedule.kind === 'dates') {
        const dates = s.meetings.schedule.dates;
        dates.forEach((d, i) => need(i === 0 || dates[i - 1] < d, ['meetings', 'schedule', 'dates', i], 'dates must be in ascending order without repeats'));
      }
    }),
);

/** The source's own reference for a rule id ("bijlage 2, punt 8"), or undefined when the definition has none. */
export function sourceReference(s: Pick<SchemeDefinition, 'references'>, ruleId: string | undefined): string | undefined {
  return ruleId ? s.references?.[ruleId] : undefined;
}

/** A validated scheme definition (output: defaults filled in). */
export type SchemeDefinition = z.output<typeof SchemeDefinitionSchema>;
/** What a definition file holds (input: defaults may be left out). */
export type SchemeDefinitionInput = z.input<typeof SchemeDefinitionSchema>;
