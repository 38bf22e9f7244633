// An SROI case from award to final evaluation (seed 003, SROI-1..4): what starts it and every human
// action on it, one zod schema each, shared by the admin command and the workflow's update validators.
// `at` is when it happened (ISO); `by` is who recorded it (kept out of logs and search attributes).
import { z } from 'zod';
import { actor, amount, count, isoDate, isoInstant, name, text } from '../primitives';
import { PlanLineSchema, SroiAwardSchema } from './sroi-award';
import { lazy } from '../lazy';

/** What every action records: when, and by whom (built with the schemas that spread it). */
const base = () => ({ at: isoInstant, by: actor.optional() });

/** A reference to a piece of evidence (a document number, a file name in the WSP's archive): never the document itself. */
const evidence = lazy(() =>
  z
    .array(text.max(200))
    .min(1, { error: 'name at least one piece of evidence (a reference such as "factuur 2027-114")' })
    .max(100, { error: 'at most 100 pieces of evidence per action' }),
);

/** The coordinator's code (search attribute, like the accountmanager's): letters, digits, . _ - */
export const coordinatorCode = lazy(() =>
  z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$/, { error: (iss) => `expected the coordinator's code (letters, digits, . _ -), got "${String(iss.input)}"` }),
);

/** SROI-1: an awarded contract starts one case: the award, the municipality, the contract end. */
export const SroiCaseStartSchema = lazy(() =>
  z
    .object({
      award: SroiAwardSchema,
      /** The municipality that awarded the contract (one of the scheme's municipalities). */
      municipality: name,
      /** Last day of the contract: the final evaluation follows it (SROI-3). */
      contractEndsOn: isoDate,
      /** The WSP coordinator who follows this contract (search attribute; the name and address are in `award.accountmanager`). */
      coordinatorCode,
    })
    .strict()
    .superRefine((s, ctx) => {
      if (!s.award.accountmanager) {
        ctx.addIssue({ code: 'custom', path: ['award', 'accountmanager'], message: "the WSP coordinator's name and email are required: every step is emailed to them" });
      }
      if (s.contractEndsOn <= s.award.awardedAt.slice(0, 10)) {
        ctx.addIssue({ code: 'custom', path: ['contractEndsOn'], message: `must be after the award date ${s.award.awardedAt.slice(0, 10)}` });
      }
    }),
);
export type SroiCaseStart = z.output<typeof SroiCaseStartSchema>;
export type SroiCaseStartInput = z.input<typeof SroiCaseStartSchema>;

/** SROI-3: the contractor contacted the WSP after the award. */
export const SroiContactRecorded = lazy(() =>
  z.object({ ...base(), notes: text.optional() }).strict(),
);

/**
 * SROI-3/4: the plan of approach as the WSP assesses it: the contract sum (or the expected one), the
 * chosen bouwblokken with units (social activities with their value set beforehand), the planned
 * interim evaluations and the final evaluation. The case values it (SROI-2): covered → approved,
 * not covered → refused with the shortfall.
 */
export const SroiPlanAssessed = lazy(() =>
  z
    .object({
      ...base(),
      contractSum: amount.optional(),
      contractSumIsEstimate: z.boolean().optional(),
      lines: z.array(PlanLineSchema).min(1, { error: 'a plan needs at least one bouwblok' }).max(200, { error: 'at most 200 lines in a plan' }),
      interimEvaluations: z.array(isoDate).max(50, { error: 'at most 50 interim evaluations' }).default([]),
      finalEvaluationOn: isoDate.optional(),
    })
    .strict()
    .superRefine((p, ctx) => {
      p.interimEvaluations.forEach((d, i) => {
        if (i > 0 && p.interimEvaluations[i - 1] >= d) ctx.addIssue({ code: 'custom', path: ['interimEvaluations', i], message: 'dates must be in ascending order without repeats' });
      });
    }),
);

/** SROI-4: the WSP extends the approval term in writing (at most to 12 weeks after the award). */
export const SroiPlanTermExtended = lazy(() =>
  z.object({ ...base(), until: isoInstant, reason: text }).strict(),
);

/** SROI-2: realisation of one bouwblok, with its evidence. */
export const SroiRealisationRecorded = lazy(() =>
  z
    .object({
      ...base(),
      bouwblok: z.string().regex(/^[a-z0-9-]+$/, { error: 'bouwblok is a bouwblok id such as "bbl-place"' }),
      /** Months of a placement, years of a BBL place, euros of an invoice or a Power Certificate. */
      units: z.number().positive({ error: 'units must be more than 0' }),
      /** People placed by this realisation (a placement, a BBL place); a count only, never who. */
      people: count.default(0),
      evidence,
      description: text.optional(),
      /** KvK number of the subcontractor that realised it (recorded with sroiSubcontractor first). */
      subcontractorKvk: z.string().regex(/^\d{8}$/, { error: 'a KvK number has exactly 8 digits' }).optional(),
    })
    .strict(),
);

/** SROI-2 tip: a subcontractor carries part of the obligation in its own contract. */
export const SroiSubcontractorRecorded = lazy(() =>
  z
    .object({
      ...base(),
      name,
      kvkNumber: z.string().regex(/^\d{8}$/, { error: 'a KvK number has exactly 8 digits' }),
      obligation: amount,
    })
    .strict(),
);

/** SROI-3: an interim evaluation held on (or after) its planned date, with evidence. */
export const SroiInterimEvaluation = lazy(() =>
  z.object({ ...base(), plannedOn: isoDate, findings: text, evidence }).strict(),
);

/** SROI-3: the final evaluation at the contract end, with evidence; the case states fulfilled or the shortfall. */
export const SroiFinalEvaluation = lazy(() =>
  z.object({ ...base(), findings: text, evidence }).strict(),
);

export const sroiActions = {
  sroiContactRecorded: SroiContactRecorded,
  sroiPlanAssessed: SroiPlanAssessed,
  sroiPlanTermExtended: SroiPlanTermExtended,
  sroiRealisationRecorded: SroiRealisationRecorded,
  sroiSubcontractorRecorded: SroiSubcontractorRecorded,
  sroiInterimEvaluation: SroiInterimEvaluation,
  sroiFinalEvaluation: SroiFinalEvaluation,
} as const;
export type SroiActionName = keyof typeof sroiActions;
export type SroiActionInput<N extends SroiActionName> = z.input<(typeof sroiActions)[N]>;
export type SroiAction<N extends SroiActionName> = z.output<(typeof sroiActions)[N]>;
