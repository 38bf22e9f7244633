// The admin command's human actions, in the order a case meets them: the command a person types, the
// workflow Update it sends, a summary naming the rule and an example. No imports of the client's
// machinery, so every part of the client (messages included) can name commands instead of updates.
import type { MORE_UPDATES, UPDATES } from '../workflows/definitions';

type ActionName = keyof typeof UPDATES;

export interface ActionCommand {
  command: string;
  action: ActionName;
  summary: string;
  example: string;
}

/** The commands, in the order a case meets them. Summaries name the rule each action belongs to. */
export const ACTION_COMMANDS: readonly ActionCommand[] = [
  { command: 'intake', action: 'intakeRecorded', summary: 'the intake conversation was held (SEBO-T1)', example: '--notes "kennismaking op locatie"' },
  { command: 'meeting-outcome', action: 'meetingOutcome', summary: "outcome of the members' meeting (SEBO-T2)", example: '--meeting-date 2027-02-09 --outcome approved   (the date: keurmerk agenda)' },
  { command: 'documents', action: 'documentsReceived', summary: 'documents received from the applicant (SEBO-T3, SEBO-D1)', example: '--document kvk-extract:2026-01-15 --document sebo-goals' },
  { command: 'audit-planned', action: 'auditPlanned', summary: 'the CI made the audit appointment (SEBO-T4)', example: '--audit-at 2026-04-02T10:00:00+02:00 --auditor "CI Noord"' },
  { command: 'audit-done', action: 'auditDone', summary: 'the audit took place, findings shared (SEBO-T5)', example: '--shortcomings minor --findings "plan van aanpak ontbreekt"' },
  { command: 'supplements', action: 'supplementsReceived', summary: 'corrective measures or extra documents arrived (SEBO-T5)', example: '--description "plan van aanpak nagestuurd"' },
  { command: 'supplements-extended', action: 'supplementsDeadlineExtended', summary: 'the auditor extended the supplements period (SEBO-T5)', example: '--until 2026-05-01 --reason "ziekte"' },
  { command: 'report', action: 'reportAndAdvice', summary: "the CI's report and advice (SEBO-T6)", example: '--advice negative --unmet-criteria 3.1,4.1' },
  { command: 'both-sides-heard', action: 'bothSidesHeard', summary: 'both sides were heard on a disagreement (SEBO-T6)', example: '--notes "hoorzitting 12 mei"' },
  { command: 'decision', action: 'decision', summary: "the municipality's decision (SEBO-T7, SEBO-T10)", example: '--outcome granted --certificate-number SEBO-2026-014' },
  { command: 'second-keuring', action: 'secondKeuringRequested', summary: 'the applicant asks for the second keuring (SEBO-T8)', example: '--causes-removed "samenwerking met ROC gestart"' },
  { command: 'suspend', action: 'suspend', summary: 'suspend the keurmerk, at most 6 months (SEBO-R2)', example: '--until 2026-09-01 --reason "klacht in onderzoek"' },
  { command: 'extend-suspension', action: 'extendSuspension', summary: 'extend a suspension once (SEBO-R2)', example: '--until 2027-03-01 --reason "onderzoek loopt nog"' },
  { command: 'lift-suspension', action: 'liftSuspension', summary: 'lift a suspension (SEBO-R2)', example: '--reason "klacht ongegrond"' },
  { command: 'withdraw', action: 'withdraw', summary: 'withdraw the keurmerk (SEBO-R3)', example: '--ground misuse-in-bad-faith --explanation "logo gebruikt na schorsing"' },
  { command: 'criteria-object', action: 'holderObjects', summary: 'the holder objects to new criteria (SEBO-R1)', example: '--criteria-version 2027 --reason "niet haalbaar dit jaar"' },
  { command: 'conversation-held', action: 'yearlyConversationHeld', summary: 'the yearly SEBO conversation was held (SEBO-T11)', example: '--notes "doelen 2027 besproken"' },
  { command: 'renewal-started', action: 'renewalStarted', summary: 'the re-keuring has started (SEBO-T12)', example: '' },
];

/** The actions other schemes' steps add (WP-3, MVS-1, MVS-3): same commands, any scheme whose procedure has the step. */
export const MORE_ACTION_COMMANDS: readonly { command: string; action: keyof typeof MORE_UPDATES; summary: string; example: string }[] = [
  { command: 'integrity', action: 'integrityScreened', summary: 'integrity screened, or the company excluded (WP-3)', example: '--scheme werkpakt --outcome cleared --notes "VOG gezien"' },
  { command: 'covenant-signed', action: 'covenantSigned', summary: 'the covenant is signed (MVS-1)', example: '--scheme mvs --signatory "J. de Vries" --pledged-placements 3' },
  { command: 'placements', action: 'placementsRecorded', summary: 'residents placed at work by the holder (MVS-3)', example: '--scheme mvs --count 2 --description "twee leerwerkplekken"' },
];
