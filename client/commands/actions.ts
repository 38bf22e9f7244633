// One command per human action on a case, each sent as the workflow's Update of the same name. The
// options come from the action's domain schema; the input is validated here first, then the
// workflow's validator decides whether the action fits the case's stage. A refusal changes nothing.
import { Command, Option } from 'commander';
import type { UpdateDefinition } from '@temporalio/common';
import type { z } from 'zod';
import { seboActions, type SeboActionName } from '../../domain/inputs/sebo-actions';
import * as defs from '../../workflows/definitions';
import { statusQuery } from '../../workflows/definitions';
import { caseHandle, checkedKvk, checkedScheme } from '../case';
import { describeField, hintOf, nowIso } from '../field-help';
import { readInputFile } from '../input-file';
import { json } from '../output';
import { addSchemaOptions, filledByCommand, inputFromOptions, schemaFields, setPath, type SchemaField } from '../schema-options';
import type { Session } from '../session';
import { validated } from '../validate';
import { answeredByWorker } from '../worker-wait';

type ActionName = keyof typeof defs.UPDATES;

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

function updateOf(action: ActionName): UpdateDefinition<defs.ActionResult, [unknown], string> {
  return defs[action] as unknown as UpdateDefinition<defs.ActionResult, [unknown], string>;
}

/** `--document kvk-extract:2026-01-15`: a document id and, optionally, the date on the document. */
export function documentFromOption(value: string, receivedAt: unknown): Record<string, unknown> {
  const [id, issuedOn] = value.split(':', 2);
  return issuedOn ? { id, receivedAt, issuedOn } : { id, receivedAt };
}

/** Names problems in `documents[i]...` after the option that carries them. */
export const DOCUMENTS_FIELD: SchemaField = { path: ['documents'], flag: '--document', kind: 'list', required: false, hint: 'id[:issuedOn]' };

export function collectRepeated(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

export function addActionCommand(program: Command, session: Session, spec: ActionCommand): Command {
  const schema = seboActions[spec.action as SeboActionName] as unknown as z.ZodObject;
  const fields = filledByCommand(schemaFields(schema, { hintOf }), ['at']);
  const takesDocuments = 'documents' in schema.shape;
  const command = program
    .command(spec.command)
    .summary(spec.summary)
    .description(`Records: ${spec.summary}.\nSent to the case as its \`${spec.action}\` update; refused, and nothing changes, when it does not fit the case's stage.`)
    .argument('<kvk>', 'KvK number of the company (8 digits)')
    .addOption(new Option('--scheme <id>', 'scheme of the case').default('sebo'))
    .option('--file <path>', 'JSON or YAML file with the fields (options win)')
    .option('--json', 'print the result as JSON');
  addSchemaOptions(command, fields, describeField);
  if (takesDocuments) {
    command.option('--document <id[:issuedOn]>', 'a document received, with the date on it if it matters (repeat per document)', collectRepeated);
  }
  command.addHelpText('after', `\nExample:\n  keurmerk ${spec.command} 12345678 ${spec.example}`.trimEnd());
  command.action(async (kvkArg: string, values: Record<string, unknown>) => {
    const kvk = checkedKvk(kvkArg);
    const scheme = checkedScheme(session, values.scheme as string);
    const file = values.file as string | undefined;
    const input = inputFromOptions(fields, values, file ? readInputFile(file) : {});
    input.at ??= nowIso(session.zone);
    if (takesDocuments && values.document) {
      setPath(input, ['documents'], (values.document as string[]).map((d) => documentFromOption(d, input.at)));
    }
    const valid = validated(schema, input, { fields: takesDocuments ? [...fields, DOCUMENTS_FIELD] : fields, values, file });
    const handle = await caseHandle(session, scheme, kvk);
    const result = await answeredByWorker(session, 'action', () => handle.executeUpdate(updateOf(spec.action), { args: [valid] }), `\`${spec.command}\``);
    // The case moves on after its handler returns, so the stage is read afterwards from the case itself.
    const stage = (await answeredByWorker(session, 'query', () => handle.query(statusQuery)).catch(() => result)).stage;
    if (values.json) session.io.out(json({ message: result.message, stage }));
    else session.io.out(`${result.message}\nstage: ${stage}`);
  });
  return command;
}

export function addActionCommands(program: Command, session: Session): void {
  for (const spec of ACTION_COMMANDS) addActionCommand(program, session, spec);
}
