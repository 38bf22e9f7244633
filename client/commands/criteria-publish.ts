// `keurmerk criteria-publish`: the municipality publishes changed criteria (SEBO-R1). Not an action
// on one case: it starts the scheme's criteriaChange workflow, which notifies every holder. One
// workflow per published version, so publishing the same version twice is refused.
import { Option, type Command } from 'commander';
import { temporalClient } from '../sdk';
import type { z } from 'zod';
import { CriteriaPublished } from '../../domain/inputs/sebo-actions';
import { bindingFromRefusal, getScheme } from '../../domain';
import { WORKFLOW_TYPES, criteriaChangeWorkflowId, type CriteriaChangeStart } from '../../workflows/definitions';
import { checkedScheme, schemeName } from '../case';
import { describeField, hintOf, nowIso } from '../field-help';
import { Refusal } from '../failures';
import { readInputFile } from '../input-file';
import { json } from '../output';
import { addSchemaOptions, filledByCommand, inputFromOptions, schemaFields } from '../schema-options';
import type { Session } from '../session';
import { validated } from '../validate';

export function addCriteriaPublishCommand(program: Command, session: Session): Command {
  const schema = CriteriaPublished as unknown as z.ZodObject;
  const fields = filledByCommand(schemaFields(schema, { hintOf }), ['at']);
  const command = program
    .command('criteria-publish')
    .summary('publish changed criteria; every holder is told (SEBO-R1)')
    .description('Publish a new version of the criteria. Every current holder is notified; the new criteria bind after the transition period, and a holder may object (keurmerk criteria-object).')
    .addOption(new Option('--scheme <id>', 'scheme whose criteria change').default('sebo'))
    .option('--file <path>', 'JSON or YAML file with the fields (options win)')
    .option('--json', 'print the started change as JSON');
  addSchemaOptions(command, fields, describeField);
  command.addHelpText('after', '\nExample:\n  keurmerk criteria-publish --criteria-version 2027 --summary "criterium 3.1: twee programma\'s in plaats van één"');
  command.action(async (values: Record<string, unknown>) => {
    const schemeId = checkedScheme(session, values.scheme as string);
    const file = values.file as string | undefined;
    const input = inputFromOptions(fields, values, file ? readInputFile(file) : {});
    input.at ??= nowIso(session.zone);
    const notice = validated(schema, input, { fields, values, file }) as z.output<typeof CriteriaPublished>;
    // SEBO-R1: a binding date less than six full months after the notice is refused with the earliest allowed date.
    const tooEarly = notice.bindingFrom ? bindingFromRefusal(getScheme(schemeId), notice.at, notice.bindingFrom) : undefined;
    if (tooEarly) throw new Refusal(`--binding-from: ${tooEarly.replace(/^bindingFrom: /, '')}`);
    const client = await session.client();
    const workflowId = criteriaChangeWorkflowId(schemeId, notice.criteriaVersion);
    const args: CriteriaChangeStart = { ...notice, schemeId };
    try {
      await client.workflow.start(WORKFLOW_TYPES.criteriaChange, {
        workflowId,
        taskQueue: session.config.TEMPORAL_TASK_QUEUE,
        args: [args],
        workflowIdConflictPolicy: 'FAIL',
        workflowIdReusePolicy: 'REJECT_DUPLICATE',
      });
    } catch (err) {
      if (err instanceof temporalClient().WorkflowExecutionAlreadyStartedError) {
        throw new Refusal(`criteria version ${notice.criteriaVersion} of the ${schemeName(schemeId)} were already published`);
      }
      throw err;
    }
    if (values.json) session.io.out(json({ workflowId, schemeId, criteriaVersion: notice.criteriaVersion }));
    else session.io.out(`criteria ${notice.criteriaVersion} of the ${schemeName(schemeId)} published; every holder is notified (case ${workflowId})`);
  });
  return command;
}
