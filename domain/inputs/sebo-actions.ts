// Every human action of the SEBO procedure (seed 004, bijlagen 2 and 3), one zod schema each, shared
// by the admin command and the workflow update validators. Each names the rule it belongs to.
// `at` is when it happened (ISO); `by` is who recorded it (kept out of logs).
import { z } from 'zod';
import { actor, count, isoDate, isoInstant, text } from '../primitives';
import { SelfAssessmentSchema, SubmittedDocumentSchema } from './application';
import { lazy } from '../lazy';

/** What every action records: when, and by whom (built with the schemas that spread it). */
const base = () => ({ at: isoInstant, by: actor.optional() });

/** SEBO-T1: the accountmanager held the intake conversation (kennismakingsgesprek). */
export const IntakeRecorded = lazy(() =>
  z.object({ ...base(), notes: text.optional() }).strict(),
);

/** SEBO-T2, SEBO-A1: outcome of the members' meeting for this application. */
export const MeetingOutcome = lazy(() =>
  z
    .object({
      ...base(),
      meetingDate: isoDate,
      outcome: z.enum(['approved', 'rejected', 'deferred'], { error: 'outcome must be "approved", "rejected" or "deferred"' }),
      reason: text.optional(),
    })
    .strict()
    .superRefine((v, ctx) => {
      if (v.outcome !== 'approved' && !v.reason) {
        ctx.addIssue({ code: 'custom', path: ['reason'], message: `a reason is required when the outcome is "${v.outcome}"` });
      }
    }),
);

/** SEBO-T3, SEBO-D1: documents the applicant sent (the KvK extract with its date). */
export const DocumentsReceived = lazy(() =>
  z
    .object({ ...base(), documents: z.array(SubmittedDocumentSchema).min(1, { error: 'name at least one document' }).max(100, { error: 'at most 100 documents' }) })
    .strict(),
);

/** SEBO-T4: the CI made the audit appointment. */
export const AuditPlanned = lazy(() =>
  z.object({ ...base(), auditAt: isoInstant, auditor: text.optional() }).strict(),
);

/** SEBO-T5: the audit took place; the auditor shared the findings. */
export const AuditDone = lazy(() =>
  z
    .object({
      ...base(),
      shortcomings: z.enum(['none', 'minor', 'serious'], { error: 'shortcomings must be "none", "minor" or "serious"' }),
      findings: text.optional(),
    })
    .strict(),
);

/** SEBO-T5: corrective measures or extra documents arrived after the audit. */
export const SupplementsReceived = lazy(() =>
  z.object({ ...base(), description: text }).strict(),
);

/** SEBO-T5: the auditor extended the 2-week supplements period on request. */
export const SupplementsDeadlineExtended = lazy(() =>
  z.object({ ...base(), until: isoInstant, reason: text }).strict(),
);

/** SEBO-T6: the CI's report with its advice; on disagreement both views are reported. */
export const ReportAndAdvice = lazy(() =>
  z
    .object({
      ...base(),
      advice: z.enum(['positive', 'negative'], { error: 'advice must be "positive" or "negative"' }),
      /** Criterion ids not met, per the toetsingskader (e.g. ["3.1"]). */
      unmetCriteria: z.array(text).max(100, { error: 'at most 100 criteria' }).default([]),
      disagreement: z.object({ auditorView: text, applicantView: text }).strict().optional(),
    })
    .strict(),
);

/** SEBO-T6: both sides were heard on a disagreement (required before the decision). */
export const BothSidesHeard = lazy(() =>
  z.object({ ...base(), notes: text.optional() }).strict(),
);

/** SEBO-T7, SEBO-T10: the municipality's decision. */
export const Decision = lazy(() =>
  z
    .object({
      ...base(),
      outcome: z.enum(['granted', 'rejected'], { error: 'outcome must be "granted" or "rejected"' }),
      reason: text.optional(),
      certificateNumber: text.optional(),
      /** PSO-1, PSO-2: the level the certificate states (a level of the scheme's ladder); absent: the provisional one. */
      level: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, { error: 'level is a level id such as "trede-1"' }).optional(),
    })
    .strict()
    .superRefine((v, ctx) => {
      if (v.outcome === 'rejected' && !v.reason) {
        ctx.addIssue({ code: 'custom', path: ['reason'], message: 'a reason is required when the application is rejected' });
      }
    }),
);

/** SEBO-T8: after a rejection the applicant tells the CI the causes are removed. */
export const SecondKeuringRequested = lazy(() =>
  z.object({ ...base(), causesRemoved: text }).strict(),
);

/** SEBO-R2: suspension, by the municipality or at the holder's own request. */
export const Suspend = lazy(() =>
  z
    .object({
      ...base(),
      until: isoInstant,
      reason: text,
      requestedByHolder: z.boolean().default(false),
    })
    .strict(),
);

/** SEBO-R2: the one extension in special cases. */
export const ExtendSuspension = lazy(() =>
  z.object({ ...base(), until: isoInstant, reason: text }).strict(),
);

/** SEBO-R2: the cause is removed; the holder may use the keurmerk again. */
export const LiftSuspension = lazy(() =>
  z.object({ ...base(), reason: text.optional() }).strict(),
);

/** SEBO-R3: withdrawal, made public; costs of publication charged to the holder. */
export const Withdraw = lazy(() =>
  z
    .object({
      ...base(),
      ground: z.enum(['suspension-terms-not-met', 'misuse-in-bad-faith', 'false-impression'], {
        error: 'ground must be "suspension-terms-not-met", "misuse-in-bad-faith" or "false-impression"',
      }),
      explanation: text,
    })
    .strict(),
);

/** SEBO-R1: the municipality notifies holders in writing of changed criteria. */
export const CriteriaPublished = lazy(() =>
  z
    .object({ ...base(), criteriaVersion: text, summary: text, bindingFrom: isoInstant.optional() })
    .strict(),
);

/** SEBO-R1: the holder does not agree; it keeps the old criteria for at most 1 year after the notice. */
export const HolderObjects = lazy(() =>
  z.object({ ...base(), criteriaVersion: text, reason: text.optional() }).strict(),
);

/** SEBO-T11: the yearly SEBO conversation with the accountmanager was held. */
export const YearlyConversationHeld = lazy(() =>
  z.object({ ...base(), notes: text.optional() }).strict(),
);

/** SEBO-T12: the re-keuring has started (the procedure resumes at SEBO-T3); WP-2 / PSO-1: with the new figures. */
export const RenewalStarted = lazy(() =>
  z
    .object({ ...base(), activities: z.record(z.string(), count).optional(), selfAssessment: SelfAssessmentSchema.optional() })
    .strict(),
);

/** WP-3: the municipality screened integrity (and whether the WP-3 exclusion applies). */
export const IntegrityScreened = lazy(() =>
  z
    .object({
      ...base(),
      outcome: z.enum(['cleared', 'excluded'], { error: 'outcome must be "cleared" or "excluded"' }),
      ground: z.enum(['integrity', 'reintegration-company'], { error: 'ground must be "integrity" or "reintegration-company"' }).optional(),
      notes: text.optional(),
    })
    .strict()
    .superRefine((v, ctx) => {
      if (v.outcome === 'excluded' && !v.ground) ctx.addIssue({ code: 'custom', path: ['ground'], message: 'a ground is required when the company is excluded' });
    }),
);

/** MVS-1: the covenant is signed. */
export const CovenantSigned = lazy(() =>
  z.object({ ...base(), signatory: text.optional(), pledgedPlacements: count.optional() }).strict(),
);

/** MVS-3: residents placed at work by the holder (counted against the programme goal). */
export const PlacementsRecorded = lazy(() =>
  z
    .object({ ...base(), count: count.refine((n) => n > 0, { error: 'must be at least 1' }), description: text.optional() })
    .strict(),
);

/** Every SEBO action by name: the update names the workflows use. */
export const seboActions = {
  intakeRecorded: IntakeRecorded,
  meetingOutcome: MeetingOutcome,
  documentsReceived: DocumentsReceived,
  auditPlanned: AuditPlanned,
  auditDone: AuditDone,
  supplementsReceived: SupplementsReceived,
  supplementsDeadlineExtended: SupplementsDeadlineExtended,
  reportAndAdvice: ReportAndAdvice,
  bothSidesHeard: BothSidesHeard,
  decision: Decision,
  secondKeuringRequested: SecondKeuringRequested,
  suspend: Suspend,
  extendSuspension: ExtendSuspension,
  liftSuspension: LiftSuspension,
  withdraw: Withdraw,
  criteriaPublished: CriteriaPublished,
  holderObjects: HolderObjects,
  yearlyConversationHeld: YearlyConversationHeld,
  renewalStarted: RenewalStarted,
} as const;

/**
 * Every human action of any scheme's procedure: the SEBO ones plus those other schemes' steps need
 * (WP-3 integrity screening, MVS-1 covenant, MVS-3 placements). The engine registers one Update each.
 */
export const caseActions = {
  ...seboActions,
  integrityScreened: IntegrityScreened,
  covenantSigned: CovenantSigned,
  placementsRecorded: PlacementsRecorded,
} as const;

export type CaseActionName = keyof typeof caseActions;
export type CaseAction<N extends CaseActionName> = z.output<(typeof caseActions)[N]>;
export type CaseActionInput<N extends CaseActionName> = z.input<(typeof caseActions)[N]>;

export type SeboActionName = keyof typeof seboActions;
export type SeboAction<N extends SeboActionName> = z.output<(typeof seboActions)[N]>;
export type SeboActionInput<N extends SeboActionName> = z.input<(typeof seboActions)[N]>;
