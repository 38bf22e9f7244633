// `keurmerk apply`: start the application of one company for one scheme. Everything is validated
// with the domain's application schema before anything is sent; Temporal itself refuses a second
// case for the same scheme and KvK number while the first is alive (one workflow id per case).
import { Option, type Command } from 'commander';
import type { Client } from '@temporalio/client';
import { temporalClient } from '../sdk';
import { z } from 'zod';
import { ApplicationSchema } from '../../domain/inputs/application';
import { firstStep, submittedInFutureRefusal, unknownDocumentsRefusal } from '../../domain';
import { STAGES, WORKFLOW_TYPES, schemesWithWorkflows, caseWorkflowId, statusQuery, type ApplicationStart, type CaseStatus } from '../../workflows/definitions';
import { builtInSchemes, getScheme } from '../../domain/catalogue';
import { checkedScheme, knownSchemes, loadedSchemes, schemeDefinition, schemeName } from '../case';
import { checkEligibility } from '../../domain/eligibility';
import type { Application } from '../../domain/inputs/application';
import { describeField, hintOf, nowIso } from '../field-help';
import { InvalidInput, Refusal } from '../failures';
import { readInputFile } from '../input-file';
import { json, when } from '../output';
import { datesInZone, addSchemaOptions, filledByCommand, inputFromOptions, schemaFields, setPath, type SchemaField } from '../schema-options';
import type { Session } from '../session';
import { answeredByWorker } from '../worker-wait';
import { validated } from '../validate';
import { ACTIVITIES_FIELD, DOCUMENTS_FIELD, MORE_ACTION_COMMANDS, activitiesFromOption, collectRepeated, documentFromOption } from './actions';
import { ACTION_COMMANDS } from '../action-commands';

/** Short options for the fields typed most; the rest keep their schema names (`--figures-fte`). */
const FLAGS = {
  schemeId: '--scheme',
  'company.name': '--company',
  'company.kvkNumber': '--kvk',
  'company.establishments': '--establishment',
  'company.zzp': '--zzp',
  'company.affiliation': '--affiliation',
  'company.activeSince': '--active-since',
  'contact.name': '--contact',
  'contact.email': '--email',
} as const;

/** The accountmanager is stored by code (search attribute, SEBO-R5): never a name or an address. */
const accountmanagerCode = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$/, { error: (iss) => `expected the accountmanager's code (letters, digits, . _ -), got "${String(iss.input)}"` });

const ACCOUNTMANAGER_FIELD: SchemaField = { path: ['accountmanagerCode'], flag: '--accountmanager', kind: 'text', required: true, hint: 'code' };

const StartSchema = z.object({ application: ApplicationSchema, accountmanagerCode });

export function addApplyCommand(program: Command, session: Session): Command {
  const schema = ApplicationSchema as unknown as z.ZodObject;
  const fields = filledByCommand(schemaFields(schema, { hintOf, flags: FLAGS, skip: ['documents'] }), ['schemeId', 'kind', 'submittedAt']);
  const command = program
    .command('apply')
    .summary('start an application for a keurmerk (SEBO-T1..T10)')
    .description(
      'Start the application of one company for a keurmerk. The input is checked against the scheme\'s application form first; ' +
        'a second application for the same scheme and KvK number is refused while the first case is alive.',
    )
    .addOption(new Option('--scheme <id>', 'scheme to apply for').default('sebo'))
    .addOption(new Option('--accountmanager <code>', "the WSP accountmanager's code (required)"))
    .option('--file <path>', 'JSON or YAML file with the application (options win)')
    .option('--json', 'print the started case as JSON');
  addSchemaOptions(
    command,
    fields.filter((f) => f.flag !== '--scheme'),
    describeField,
  );
  command.option('--document <id[:issuedOn]>', 'a document handed in with the application (repeat per document)', collectRepeated);
  command.option('--activities <id=n,...>', 'Werkpakt (WP-1, WP-2): activities of the previous year and how often, e.g. job-fair=2,placement=1');
  command.addHelpText('after', () => `\n${schemesHelp(session)}`);
  command.addHelpText(
    'after',
    `
Examples, per scheme:
  SEBO-Keurmerk (sebo, the default):
  keurmerk apply --scheme sebo --kvk 12345678 --company "Bakkerij De Korenschoof" \\
    --contact "Anna de Vries" --email anna@korenschoof.nl --accountmanager wsp-017 \\
    --accountmanager-name "Ahmed Yilmaz" --accountmanager-email a.yilmaz@wsp.example \\
    --establishment Zoetermeer --active-since 2019-05-01
  SEBO-ambassadeurschap (sebo-ambassadeur: a municipal entity or subsidised foundation, SEBO-E2, SEBO-A1):
  keurmerk apply --scheme sebo-ambassadeur --kvk 23456789 --company "Stichting Werkkracht" \\
    --contact "Fatima El Amrani" --email fatima@werkkracht.example --accountmanager wsp-017 \\
    --establishment Zoetermeer --active-since 2018-03-01 --affiliation subsidised-foundation
  From a file (YAML or JSON with the same fields):
  keurmerk apply --file aanvraag.yaml --accountmanager wsp-017
Options that go together: --accountmanager-name with --accountmanager-email (without them, mail
for the accountmanager goes to the municipality); the --figures-* options all together or none.
  Werkpakt-keurmerk (werkpakt, WP-1, WP-2: the ABC activities of the previous year):
  keurmerk apply --scheme werkpakt --kvk 34567890 --company "Twentse Bouw BV" --contact "Jan Smit" \
    --email jan@twentsebouw.example --accountmanager wsp-031 --establishment Enschede --active-since 2015-01-01 \
    --figures-employees 40 --figures-fte 36 --figures-establishments 1 --figures-internship-places 2 \
    --figures-distance-to-labour-market 2 --figures-unpaid-hours-per-year 0 --activities placement=2,job-fair=3,work-visit=2
The eligibility is checked before anything starts; a company that cannot apply is told why.
The schemes listed above run with the same commands wherever their procedure has that step.`,
  );
  command.action(async (values: Record<string, unknown>, self: Command) => {
    const file = values.file as string | undefined;
    const fromFile = file ? readInputFile(file) : {};
    const { accountmanagerCode: codeInFile, ...applicationInFile } = fromFile;
    const application = inputFromOptions(fields, values, applicationInFile);
    if (self.getOptionValueSource('scheme') === 'cli' || application.schemeId === undefined) application.schemeId = values.scheme;
    application.kind ??= 'first';
    application.submittedAt ??= nowIso(session.zone);
    datesInZone(fields, application, zoneOf(String(application.schemeId)));
    if (values.document) {
      setPath(application, ['documents'], (values.document as string[]).map((d) => documentFromOption(d, application.submittedAt)));
    }
    if (values.activities) setPath(application, ['activities'], activitiesFromOption(values.activities as string));
    const source = {
      fields: [...fields, DOCUMENTS_FIELD, ACTIVITIES_FIELD, ACCOUNTMANAGER_FIELD].map((f) => ({ ...f, path: prefixed(f) })),
      values: { ...values, accountmanagerCode: values.accountmanager },
      file,
      fileRoot: ['application'],
    };
    const start = validated(StartSchema, { application, accountmanagerCode: values.accountmanager ?? codeInFile }, source);
    const schemeId = checkedScheme(session, start.application.schemeId);
    const running = schemesWithWorkflows(loadedSchemes(session));
    if (!running.includes(schemeId)) {
      throw new InvalidInput([`--scheme: ${schemeId} is in the catalogue but has no workflow yet; applications run for ${running.join(', ')}`]);
    }
    // SEBO-T1, SEBO-D1: not submitted in the future; only document ids the scheme knows.
    const orderProblem =
      submittedInFutureRefusal(start.application.submittedAt, nowIso(session.zone), 5 * 60_000) ??
      unknownDocumentsRefusal(getScheme(schemeId, knownSchemes()), start.application.documents, '--document');
    if (orderProblem) throw new InvalidInput([orderProblem.replace(/^submittedAt:/, '--submitted-at:')]);
    // The case runs this definition for its whole life (fixed at start, docs/scheme-definitions.md).
    const definition = schemeDefinition(session, schemeId);
    const kvk = start.application.company.kvkNumber;
    refuseIfNotEligible(schemeId, start.application as Application, values);
    session.failure.scheme = schemeId;
    session.failure.kvk = kvk;
    const client = await session.client();
    const workflowId = caseWorkflowId(schemeId, kvk);
    const args: ApplicationStart = { application: start.application, accountmanagerCode: start.accountmanagerCode, definition };
    try {
      const handle = await client.workflow.start(WORKFLOW_TYPES.application, {
        workflowId,
        taskQueue: session.config.TEMPORAL_TASK_QUEUE,
        args: [args],
        workflowIdConflictPolicy: 'FAIL',
      });
      if (values.json) session.io.out(json({ workflowId, runId: handle.firstExecutionRunId, schemeId, kvkNumber: kvk }));
      else {
        const flag = schemeId === 'sebo' ? '' : ` --scheme ${schemeId}`;
        // The first step of the scheme's own procedure (SEBO: the intake; Werkpakt: the screening; MVS: the covenant).
        const first = definition.flow ? firstStep(definition.flow) : undefined;
        const spec = first && [...ACTION_COMMANDS, ...MORE_ACTION_COMMANDS].find((c) => c.action === first.action);
        const next = spec ? `keurmerk ${spec.command} ${kvk}${flag}${spec.example ? ` ${spec.example.replace(/--scheme \S+ ?/, '').trim()}` : ''}` : `keurmerk status ${kvk}${flag}`;
        session.io.out(
          `${schemeName(schemeId)} application started for ${start.application.company.name} (KvK ${kvk}): case ${workflowId}\n` +
            `next: ${next}   (status: keurmerk status ${kvk}${flag})`,
        );
      }
    } catch (err) {
      if (err instanceof temporalClient().WorkflowExecutionAlreadyStartedError) throw await duplicateRefusal(client, session, schemeId, kvk);
      throw err;
    }
  });
  return command;
}

/**
 * SEBO-E1..E3 (and the ambassadorship's own conditions) are checked here, with the domain's rules,
 * before anything starts: a company that cannot hold the keurmerk is told why at once (exit 1) instead
 * of a case that ends NOT_ELIGIBLE with a refusal email. SEBO-E2: an excluded affiliation is pointed to
 * the ambassadorship, with the command to apply for it.
 */
function refuseIfNotEligible(schemeId: string, application: Application, values: Record<string, unknown>): void {
  const scheme = getScheme(schemeId, knownSchemes());
  const result = checkEligibility(scheme, application);
  if (result.eligible) return;
  const kvk = application.company.kvkNumber;
  const lines = [`KvK ${kvk} cannot apply for the ${scheme.name}; nothing was started:`, ...result.findings.map((f) => `  - ${f.message}`)];
  for (const alternative of result.alternatives) {
    lines.push(`it may apply for the ${schemeName(alternative)} instead: keurmerk apply --scheme ${alternative} ${sameOptions(values)}`.trimEnd());
  }
  throw new InvalidInput(lines);
}

/** The options as typed, minus --scheme, so the offered command can be copied. */
function sameOptions(values: Record<string, unknown>): string {
  const quote = (v: string) => (/^[\w@.:/-]+$/.test(v) ? v : `"${v.replace(/"/g, '\\"')}"`);
  const pairs: [string, unknown][] = [
    ['--kvk', values.kvk], ['--company', values.company], ['--contact', values.contact], ['--email', values.email],
    ['--accountmanager', values.accountmanager], ['--establishment', values.establishment], ['--active-since', values.activeSince],
    ['--affiliation', values.affiliation], ['--file', values.file],
  ];
  return pairs
    .filter(([, v]) => v !== undefined && v !== false)
    .map(([flag, v]) => (Array.isArray(v) ? v.map((x) => `${flag} ${quote(String(x))}`).join(' ') : `${flag} ${quote(String(v))}`))
    .join(' ');
}

/** The scheme's zone for date-only inputs; an unknown scheme is refused later with its own message. */
function zoneOf(schemeId: string): string {
  try {
    return getScheme(schemeId, knownSchemes()).zone;
  } catch {
    return 'Europe/Amsterdam';
  }
}

/** `keurmerk apply --help`: the schemes a case can run on, built in and loaded (KEURMERK_SCHEME_FILES). */
function schemesHelp(session: Session): string {
  let loaded: ReturnType<typeof loadedSchemes> = [];
  let problem = '';
  try {
    loaded = loadedSchemes(session);
  } catch (err) {
    problem = `\n  (KEURMERK_SCHEME_FILES could not be loaded: ${(err as Error).message.split('\n')[0]})`;
  }
  const running = schemesWithWorkflows(loaded);
  const line = (s: { id: string; name: string }, from: string) => `  ${s.id.padEnd(28)} ${s.name} (${from}${running.includes(s.id) ? '' : ', no procedure to run'})`;
  const builtIn = builtInSchemes.filter((s) => s.kind !== 'sroi' && !loaded.some((l) => l.id === s.id)).map((s) => line(s, 'built in'));
  const files = loaded.map((s) => line(s, 'loaded'));
  return `Schemes (--scheme):\n${[...builtIn, ...files].join('\n')}${problem}`;
}

/** Problems are reported on the start input, so application fields sit under `application`. */
function prefixed(field: SchemaField): string[] {
  return field.flag === '--accountmanager' ? field.path : ['application', ...field.path];
}

/** Why the running case blocks a new application, from its own status (SEBO-T9's date included). */
async function duplicateRefusal(client: Client, session: Session, schemeId: string, kvk: string): Promise<Refusal> {
  let status: CaseStatus;
  try {
    status = await answeredByWorker(session, 'query', () => client.workflow.getHandle(caseWorkflowId(schemeId, kvk)).query(statusQuery));
  } catch {
    return new Refusal(`an application for KvK ${kvk} is already running`);
  }
  const scheme = schemeName(schemeId);
  if (status.stage === STAGES.WAITING_PERIOD) {
    const until = when(status.waitingUntil, session.zone) ?? 'one year after the decision';
    return new Refusal(
      `KvK ${kvk}: the second keuring for the ${scheme} was rejected (SEBO-T9); a new application is possible from ${until}`,
    );
  }
  if (status.stage === STAGES.REJECTED) {
    return new Refusal(
      `KvK ${kvk}: the application for the ${scheme} was rejected; the applicant may ask for the second keuring instead (keurmerk second-keuring ${kvk}, SEBO-T8)`,
    );
  }
  if (status.caseKind === 'holder') {
    return new Refusal(`KvK ${kvk} already holds the ${scheme} (stage ${status.stage}); a re-keuring starts with \`keurmerk renewal-started ${kvk}\``);
  }
  return new Refusal(`an application for KvK ${kvk} is already running (stage ${status.stage})`);
}
