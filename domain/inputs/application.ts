// The application for any keurmerk, as the accountmanager enters it (SEBO application form, seed 004 §2).
import { z } from 'zod';
import { actor, count, email, isoDate, isoInstant, name } from '../primitives';
import { lazy } from '../lazy';

export const Affiliation = lazy(() =>
  z.enum(['none', 'municipal-entity', 'subsidised-foundation', 'reintegration-company'], {
    error: 'affiliation must be "none", "municipal-entity", "subsidised-foundation" or "reintegration-company"',
  }),
);
export type Affiliation = z.infer<typeof Affiliation>;

export const SubmittedDocumentSchema = lazy(() =>
  z
    .object({
      /** A document id of the scheme, e.g. "kvk-extract". */
      id: z.string().max(100, { error: 'a document id has at most 100 characters' }).regex(/^[a-z0-9-]+$/, { error: 'document id uses a-z, 0-9 and -' }),
      receivedAt: isoInstant,
      /** Date on the document itself (the KvK extract's date, SEBO-D1). */
      issuedOn: isoDate.optional(),
    })
    .strict(),
);
export type SubmittedDocument = z.infer<typeof SubmittedDocumentSchema>;

/** PSO-1: the own entry of the figures (fte), from which the provisional level follows. */
export const SelfAssessmentSchema = lazy(() =>
  z
    .object({
      totalFte: z.number().positive({ error: 'must be more than 0' }),
      targetGroupFte: z.number().min(0, { error: 'must not be negative' }),
      indirectFte: z.number().min(0, { error: 'must not be negative' }).default(0),
    })
    .strict(),
);

export const ApplicationSchema = lazy(() =>
  z
    .object({
      schemeId: z.string().max(100, { error: 'a scheme id has at most 100 characters' }).regex(/^[a-z0-9][a-z0-9-]*$/, { error: 'schemeId is a scheme id such as "sebo"' }),
      /** A first application or a re-keuring (renewal) of a current holder (SEBO-E3 look-back differs). */
      kind: z.enum(['first', 'renewal'], { error: 'kind must be "first" or "renewal"' }),
      submittedAt: isoInstant,
      company: z
        .object({
          name,
          kvkNumber: z.string().regex(/^\d{8}$/, { error: 'a KvK number has exactly 8 digits' }),
          /** Municipalities of the establishments (vestigingen), SEBO-E1. */
          establishments: z
            .array(name)
            .min(1, { error: 'at least one establishment (municipality) is needed' })
            .max(500, { error: 'at most 500 establishments' }),
          zzp: z.boolean({ error: 'zzp must be true or false' }),
          affiliation: Affiliation.default('none'),
          /** Since when the company has been active; the look-back of SEBO-E3 counts from here. */
          activeSince: isoDate,
        })
        .strict(),
      contact: z.object({ name, email }).strict(),
      accountmanager: z.object({ name, email }).strict().optional(),
      figures: z
        .object({
          employees: count,
          fte: z.number().min(0, { error: 'must not be negative' }).max(10_000_000, { error: 'must be at most 10,000,000' }),
          establishments: count,
          internshipPlaces: count,
          distanceToLabourMarket: count,
          unpaidHoursPerYear: z.number().min(0, { error: 'must not be negative' }).max(10_000_000, { error: 'must be at most 10,000,000' }),
        })
        .strict()
        .optional(),
      documents: z.array(SubmittedDocumentSchema).max(100, { error: 'at most 100 documents' }).default([]),
      /** WP-1, WP-2: how often each activity of the points table happened in the previous year. */
      activities: z.record(z.string().regex(/^[a-z0-9-]+$/, { error: 'activity id uses a-z, 0-9 and -' }), count).optional(),
      /** PSO-1: the self-assessment. */
      selfAssessment: SelfAssessmentSchema.optional(),
      /** Who entered it (accountmanager). */
      by: actor.optional(),
    })
    .strict()
    .superRefine((a, ctx) => {
      if (a.company.zzp && a.figures && a.figures.employees > 0) {
        ctx.addIssue({ code: 'custom', path: ['figures', 'employees'], message: 'a zzp (self-employed without staff) has 0 employees' });
      }
    }),
);
export type Application = z.output<typeof ApplicationSchema>;
export type ApplicationInput = z.input<typeof ApplicationSchema>;
