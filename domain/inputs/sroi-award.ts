// An awarded contract with a social-return obligation (SROI-1..4, seed 003), and the contractor's plan.
import { z } from 'zod';
import { actor, amount, email, isoInstant, name, text } from '../primitives';
import { lazy } from '../lazy';

export const SroiAwardSchema = lazy(() =>
  z
    .object({
      schemeId: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, { error: 'schemeId is a scheme id such as "sroi-amersfoort"' }),
      contractReference: text,
      awardedAt: isoInstant,
      contractor: z
        .object({
          name,
          kvkNumber: z.string().regex(/^\d{8}$/, { error: 'a KvK number has exactly 8 digits' }),
          contact: z.object({ name, email }).strict(),
        })
        .strict(),
      /** SROI-3: the contract sum, or the expected sum when not yet known. */
      contractSum: amount,
      contractSumIsEstimate: z.boolean().default(false),
      /** SEBO's definition: 10 % of the wage sum may be the basis instead of 5 % of the contract sum. */
      basis: z.enum(['contract-sum', 'wage-sum'], { error: 'basis must be "contract-sum" or "wage-sum"' }).default('contract-sum'),
      wageSum: amount.optional(),
      accountmanager: z.object({ name, email }).strict().optional(),
      by: actor.optional(),
    })
    .strict()
    .superRefine((a, ctx) => {
      if (a.basis === 'wage-sum' && a.wageSum === undefined) {
        ctx.addIssue({ code: 'custom', path: ['wageSum'], message: 'is required when basis is "wage-sum"' });
      }
    }),
);
export type SroiAward = z.output<typeof SroiAwardSchema>;
export type SroiAwardInput = z.input<typeof SroiAwardSchema>;

/** SROI-2/3: one line of the plan: a bouwblok and how many units; `value` only for a block valued beforehand. */
export const PlanLineSchema = lazy(() =>
  z
    .object({
      bouwblok: z.string().regex(/^[a-z0-9-]+$/, { error: 'bouwblok is a bouwblok id such as "bbl-place"' }),
      units: z.number().positive({ error: 'units must be more than 0' }),
      /** Euro value per unit set beforehand by the Bureau Social Return (social activities). */
      valuePerUnit: z.number().positive().optional(),
      description: text.optional(),
    })
    .strict(),
);
export const SroiPlanSchema = lazy(() =>
  z
    .object({
      lines: z.array(PlanLineSchema).min(1, { error: 'a plan needs at least one bouwblok' }),
      submittedAt: isoInstant,
    })
    .strict(),
);
export type SroiPlan = z.output<typeof SroiPlanSchema>;
export type PlanLine = z.output<typeof PlanLineSchema>;
