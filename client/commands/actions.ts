// One command per human action on a case, each sent as the workflow's Update of the same name. The
// options come from the action's domain schema; the input is validated here first, then the
// workflow's validator decides whether the action fits the case's stage. A refusal changes nothing.
import { Command, Option } from 'commander';
import type { UpdateDefinition } from '@temporalio/common';
import type { z } from 'zod';
import { caseActions, type CaseActionName } from '../../domain/inputs/sebo-actions';
import * as defs from '../../workflows/definitions';
import { STAGES, statusQuery } from '../../workflows/definitions';
import type { WorkflowHandle } from '@temporalio/client';
import { diagnosed } from '../diagnose';
import { caseHandle, checkedKvk, checkedScheme, knownSchemes } from '../case';
import { getScheme } from '../../domain/catalogue';
import { describeField, hintOf, nowIso } from '../field-help';
import { readInputFile } from '../input-file';
import { humanized, json } from '../output';
import { inCommandWords } from '../wording';
import { datesInZone, addSchemaOptions, filledByCommand, inputFromOptions, schemaFields, setPath, type SchemaField } from '../schema-options';
import type { Session } from '../session';
import { validated } from '../validate';
import { answeredByWorker } from '../worker-wait';
import { ACTION_COMMANDS, MORE_ACTION_COMMANDS, type ActionCommand } from '../action-commands';

type ActionName = keyof typeof defs.UPDATES;

export { ACTION_COMMANDS, MORE_ACTION_COMMANDS, type ActionCommand } from '../action-commands';


function updateOf(action: ActionName | keyof typeof defs.MORE_UPDATES): UpdateDefinition<defs.ActionResult, [unknown], string> {
  return defs[action] as unknown as UpdateDefinition<defs.ActionResult, [unknown], string>;
}

/** `--document kvk-extract:2026-01-15`: a document id and, optionally, the date on the document. */
export function documentFromOption(value: string, receivedAt: unknown): Record<string, unknown> {
  const [id, issuedOn] = value.split(':', 2);
  return issuedOn ? { id, receivedAt, issuedOn } : { id, receivedAt };
}

/** Names problems in `documents[i]...` after the option that carries them. */
export const DOCUMENTS_FIELD: SchemaField = { path: ['documents'], flag: '--document', kind: 'list', required: false, hint: 'id[:issuedOn]' };

/** WP-1, WP-2: `--activities job-fair=2,placement=1`: how often each activity of the points table happened. */
export function activitiesFromOption(value: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const part of value.split(',').map((p) => p.trim()).filter(Boolean)) {
    const [id, n] = part.split('=', 2);
    out[id.trim()] = n === undefined ? 1 : Number(n.trim());
  }
  return out;
}

export const ACTIVITIES_FIELD: SchemaField = { path: ['activities'], flag: '--activities', kind: 'text', required: false, hint: 'id=n,...' };

export function collectRepeated(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

export function addActionCommand(program: Command, session: Session, spec: ActionCommand | (typeof MORE_ACTION_COMMANDS)[number]): Command {
  const schema = caseActions[spec.action as CaseActionName] as unknown as z.ZodObject;
  const fields = filledByCommand(schemaFields(schema, { hintOf }), ['at']);
  const takesDocuments = 'documents' in schema.shape;
  const takesActivities = 'activities' in schema.shape;
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
  if (takesActivities) command.option('--activities <id=n,...>', 'activities of the previous year and how often (WP-1, WP-2), e.g. job-fair=2,placement=1');
  command.addHelpText('after', `\nExample:\n  keurmerk ${spec.command} 12345678 ${spec.example}`.trimEnd());
  command.action(async (kvkArg: string, values: Record<string, unknown>) => {
    const kvk = checkedKvk(kvkArg);
    const scheme = checkedScheme(session, values.scheme as string);
    const file = values.file as string | undefined;
    const input = inputFromOptions(fields, values, file ? readInputFile(file) : {});
    input.at ??= nowIso(session.zone);
    datesInZone(fields, input, getScheme(scheme, knownSchemes()).zone);
    if (takesDocuments && values.document) {
      setPath(input, ['documents'], (values.document as string[]).map((d) => documentFromOption(d, input.at)));
    }
    if (takesActivities && values.activities) input.activities = activitiesFromOption(values.activities as string);
    const extraFields = [...(takesDocuments ? [DOCUMENTS_FIELD] : []), ...(takesActivities ? [ACTIVITIES_FIELD] : [])];
    const valid = validated(schema, input, { fields: [...fields, ...extraFields], values, file });
    const handle = await caseHandle(session, scheme, kvk);
    const about = { scheme, kvk, action: spec.action };
    const result = await answeredByWorker(session, 'action', () => handle.executeUpdate(updateOf(spec.action), { args: [valid] }), `\`${spec.command}\``).catch(
      async (err: unknown) => {
        throw await diagnosed(err, session, about);
      },
    );
    const stage = await stageAfter(session, handle, result.stage, spec.action === 'decision');
    if (values.json) session.io.out(json({ message: result.message, stage }, session.zone));
    else session.io.out(`${humanized(inCommandWords(result.message), session.zone)}\nstage: ${stage}`);
  });
  return command;
}

/**
 * The stage after the move. The case moves on right after the handler, mostly in the same workflow
 * task; a grant becomes a holder only after its decision emails are sent (then the application
 * continues as the holder), so a case still at DECISION is asked again for a bounded while.
 */
async function stageAfter(session: Session, handle: WorkflowHandle, recorded: string, mayBecomeHolder: boolean): Promise<string> {
  let stage = recorded;
  for (let i = 0; i < (mayBecomeHolder ? 40 : 1); i++) {
    stage = (await answeredByWorker(session, 'query', () => handle.query(statusQuery)).catch(() => ({ stage }))).stage;
    if (stage !== STAGES.DECISION) return stage;
    await new Promise((r) => setTimeout(r, 250));
  }
  return stage;
}

export function addActionCommands(program: Command, session: Session): void {
  for (const spec of ACTION_COMMANDS) addActionCommand(program, session, spec);
  for (const spec of MORE_ACTION_COMMANDS) addActionCommand(program, session, spec);
}
