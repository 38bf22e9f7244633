// `keurmerk sroi ...`: SROI obligations (seed 003, SROI-1..4). `award` starts one case per awarded
// contract; one command per action of the case (each the workflow's Update of that name, validated
// here with the domain schema first, then by the case); `list` and `report` read the coordinator's
// figures from the search attributes (visibility), so they work the same on the devserver and a real
// Temporal server. A case is named by its contract reference.
import { Option, type Command } from 'commander';
import type { WorkflowExecutionInfo } from '@temporalio/client';
import { temporalClient } from '../sdk';
import type { z } from 'zod';
import { getScheme, SroiCaseStartSchema, sroiActions, type SroiActionName } from '../../domain';
import {
  CASE_KIND,
  COMPANY_NAME,
  KVK_NUMBER,
  NEXT_DEADLINE,
  STAGE,
  SROI_AWARDED_AT,
  SROI_CONTRACT,
  SROI_CONTRACT_END,
  SROI_MUNICIPALITY,
  SROI_OBLIGATION,
  SROI_PEOPLE,
  SROI_PERCENT,
  SROI_REALISED,
} from '../../workflows/search-attributes';
import { SROI_UPDATES, SROI_WORKFLOW_TYPE, sroiStatusQuery, sroiWorkflowId, type SroiStart } from '../../workflows/sroi-definitions';
import { memoCompanyName } from '../../workflows/case-memo';
import { checkedScheme, knownSchemes } from '../case';
import { describeField, hintOf, nowIso } from '../field-help';
import { InvalidInput, Refusal } from '../failures';
import { readInputFile } from '../input-file';
import { json, table, when } from '../output';
import { addSchemaOptions, datesInZone, filledByCommand, inputFromOptions, schemaFields, setPath, type SchemaField } from '../schema-options';
import type { Session } from '../session';
import { validated } from '../validate';
import { collectRepeated } from './actions';

const AWARD_FLAGS = {
  'award.contractReference': '--contract',
  'award.awardedAt': '--awarded-at',
  'award.contractor.name': '--company',
  'award.contractor.kvkNumber': '--kvk',
  'award.contractor.contact.name': '--contact',
  'award.contractor.contact.email': '--email',
  'award.contractSum': '--contract-sum',
  'award.contractSumIsEstimate': '--estimate',
  'award.basis': '--basis',
  'award.wageSum': '--wage-sum',
  'award.accountmanager.name': '--coordinator-name',
  'award.accountmanager.email': '--coordinator-email',
  'award.by': '--by',
  municipality: '--municipality',
  contractEndsOn: '--contract-end',
  coordinatorCode: '--coordinator',
} as const;

export interface SroiActionCommand {
  command: string;
  action: SroiActionName;
  summary: string;
  example: string;
}

export const SROI_ACTION_COMMANDS: readonly SroiActionCommand[] = [
  { command: 'contact', action: 'sroiContactRecorded', summary: 'the contractor contacted the WSP (within 1 week of the award, SROI-3)', example: '--notes "kennismaking op de bouwplaats"' },
  { command: 'plan', action: 'sroiPlanAssessed', summary: 'the plan of approach, valued by bouwblok: approved or refused with the shortfall (SROI-2, SROI-4)', example: '--line hire-benefit:12 --line bbl-place:2 --interim-evaluations 2027-09-01' },
  { command: 'extend', action: 'sroiPlanTermExtended', summary: 'the WSP extends the plan approval term in writing, to at most 12 weeks (SROI-4)', example: '--until 2027-05-01 --reason "kandidaten in selectie"' },
  { command: 'realisation', action: 'sroiRealisationRecorded', summary: 'realisation of one bouwblok with its evidence (SROI-2)', example: '--bouwblok hire-benefit --units 6 --people 1 --evidence "arbeidsovereenkomst AO-17"' },
  { command: 'subcontractor', action: 'sroiSubcontractorRecorded', summary: 'a subcontractor carries part of the obligation (SROI-2)', example: '--name "Installatie Soest" --kvk-number 87654321 --obligation 5000' },
  { command: 'interim', action: 'sroiInterimEvaluation', summary: 'an interim evaluation on its planned date (SROI-3)', example: '--planned-on 2027-09-01 --findings "op schema" --evidence "verslag TE-1"' },
  { command: 'final', action: 'sroiFinalEvaluation', summary: 'the final evaluation after the contract end: fulfilled or the shortfall (SROI-3)', example: '--findings "alle plaatsingen gerealiseerd" --evidence "eindverslag"' },
];

const euro = (n: number | undefined) => (n === undefined ? undefined : new Intl.NumberFormat('nl-NL', { style: 'currency', currency: 'EUR' }).format(n).replace(/\u00a0/g, ' '));

export function addSroiCommands(program: Command, session: Session): Command {
  const sroi = program
    .command('sroi')
    .summary('SROI obligations: award, record, list, report (SROI-1..4)')
    .description('Social-return obligations of awarded contracts, one case per contract, named by its contract reference.');
  addAwardCommand(sroi, session);
  for (const spec of SROI_ACTION_COMMANDS) addSroiActionCommand(sroi, session, spec);
  addSroiStatusCommand(sroi, session);
  addSroiListCommand(sroi, session);
  addSroiReportCommand(sroi, session);
  return sroi;
}

function addAwardCommand(parent: Command, session: Session): void {
  const schema = SroiCaseStartSchema as unknown as z.ZodObject;
  const fields = filledByCommand(schemaFields(schema, { hintOf, flags: AWARD_FLAGS, skip: ['award.schemeId'] }), ['award.awardedAt']);
  const command = parent
    .command('award')
    .summary('start the SROI case of an awarded contract (SROI-1)')
    .description('Start one durable case for an awarded contract: the obligation is computed by the scheme and shown in euros; a live keurmerk of the contractor lowers it as the scheme says.')
    .addOption(new Option('--scheme <id>', 'the SROI scheme').default('sroi-amersfoort'))
    .option('--file <path>', 'JSON or YAML file with the case start (options win)')
    .option('--json', 'print the started case as JSON');
  addSchemaOptions(command, fields, describeField);
  command.addHelpText(
    'after',
    `
Example:
  keurmerk sroi award --contract AMF-2027-014 --municipality Amersfoort --kvk 12345678 \\
    --company "Bouwbedrijf Eemland" --contact "Sanne Visser" --email sanne@eemland.nl \\
    --contract-sum 1250000 --contract-end 2029-03-31 --coordinator sr-01 \\
    --coordinator-name "Roy de Vries" --coordinator-email sr@wsp-amersfoort.nl`,
  );
  command.action(async (values: Record<string, unknown>) => {
    const file = values.file as string | undefined;
    const input = inputFromOptions(fields, values, file ? readInputFile(file) : {});
    setPath(input, ['award', 'schemeId'], checkedScheme(session, values.scheme as string));
    const award = input.award as Record<string, unknown>;
    award.awardedAt ??= nowIso(session.zone);
    const start = validated(SroiCaseStartSchema, input, { fields, values, file });
    const scheme = getScheme(start.award.schemeId, knownSchemes());
    if (scheme.kind !== 'sroi') throw new InvalidInput([`--scheme: "${scheme.id}" is not an SROI scheme`]);
    const known = scheme.assessment.method === 'sroi-bouwblokken' ? scheme.assessment.municipalities : [];
    if (known.length && !known.some((m) => m.toLowerCase() === start.municipality.toLowerCase())) {
      throw new InvalidInput([`--municipality: expected one of ${known.join(', ')}, got "${start.municipality}"`]);
    }
    const workflowId = sroiWorkflowId(scheme.id, start.award.contractReference);
    session.failure.kvk = start.award.contractor.kvkNumber;
    const client = await session.client();
    try {
      const handle = await client.workflow.start(SROI_WORKFLOW_TYPE, {
        workflowId,
        taskQueue: session.config.TEMPORAL_TASK_QUEUE,
        args: [{ case: start } satisfies SroiStart],
        workflowIdConflictPolicy: 'FAIL',
      });
      const status = await waitForAward(handle);
      if (values.json) session.io.out(json({ workflowId, obligation: status?.obligation, baseObligation: status?.baseObligation, credit: status?.credit }));
      else {
        const base = status?.baseObligation;
        const lines = [`SROI case started for contract ${start.award.contractReference} (${start.award.contractor.name}, ${start.municipality}): ${workflowId}`];
        if (base?.kind === 'amount') lines.push(`obligation: ${euro(base.amount)} (${base.basis === 'wage-sum' ? '10 % of the wage sum' : '5 % of the contract sum'})`);
        else if (base) lines.push('obligation: a social activity (contract sum below the threshold); its value is set in the plan');
        if (status?.credit) lines.push(`keurmerk credit: ${status.credit.schemeId} ${Math.round(status.credit.share * 100)} % = ${euro(status.credit.amount)}; obligation now ${euro(status.obligation)}`);
        lines.push(`next: keurmerk sroi contact ${start.award.contractReference}   (status: keurmerk sroi status ${start.award.contractReference})`);
        session.io.out(lines.join('\n'));
      }
    } catch (err) {
      if (err instanceof temporalClient().WorkflowExecutionAlreadyStartedError) throw new Refusal(`contract ${start.award.contractReference} already has an SROI case (${workflowId})`);
      throw err;
    }
  });
}

/** The case computes the obligation and the credit in its first steps; ask until it has. */
async function waitForAward(handle: { query: (q: typeof sroiStatusQuery) => Promise<Awaited<ReturnType<typeof statusOf>>> }) {
  for (let i = 0; i < 40; i++) {
    const s = await statusOf(handle).catch(() => undefined);
    if (s && s.history.length > 0) return s;
    await new Promise((r) => setTimeout(r, 250));
  }
  return undefined;
}

function statusOf(handle: { query: (q: typeof sroiStatusQuery) => Promise<unknown> }) {
  return handle.query(sroiStatusQuery) as Promise<import('../../workflows/sroi-definitions').SroiStatus>;
}

/** `--line hire-benefit:12` or `--line social-activity:1:2500`: a bouwblok, its units and (valued beforehand) its value per unit. */
function lineFromOption(value: string): Record<string, unknown> {
  const [bouwblok, units, valuePerUnit] = value.split(':');
  return { bouwblok, units: Number(units), ...(valuePerUnit !== undefined ? { valuePerUnit: Number(valuePerUnit) } : {}) };
}

const LINE_FIELD: SchemaField = { path: ['lines'], flag: '--line', kind: 'list', required: true, hint: 'bouwblok:units[:valuePerUnit]' };

function addSroiActionCommand(parent: Command, session: Session, spec: SroiActionCommand): void {
  const schema = sroiActions[spec.action] as unknown as z.ZodObject;
  const fields = filledByCommand(schemaFields(schema, { hintOf, skip: ['lines'] }), ['at']);
  const takesLines = 'lines' in schema.shape;
  const command = parent
    .command(spec.command)
    .summary(spec.summary)
    .description(`Records: ${spec.summary}.\nSent to the case as its \`${spec.action}\` update; refused, and nothing changes, when it does not fit the case.`)
    .argument('<contract>', 'the contract reference of the case')
    .addOption(new Option('--scheme <id>', 'the SROI scheme').default('sroi-amersfoort'))
    .option('--file <path>', 'JSON or YAML file with the fields (options win)')
    .option('--json', 'print the result as JSON');
  addSchemaOptions(command, fields, describeField);
  if (takesLines) command.option('--line <bouwblok:units[:valuePerUnit]>', 'a line of the plan (repeat per bouwblok)', collectRepeated);
  command.addHelpText('after', `\nExample:\n  keurmerk sroi ${spec.command} AMF-2027-014 ${spec.example}`.trimEnd());
  command.action(async (contract: string, values: Record<string, unknown>) => {
    const scheme = checkedScheme(session, values.scheme as string);
    const file = values.file as string | undefined;
    const input = inputFromOptions(fields, values, file ? readInputFile(file) : {});
    input.at ??= nowIso(session.zone);
    datesInZone(fields, input, getScheme(scheme, knownSchemes()).zone);
    if (takesLines && values.line) setPath(input, ['lines'], (values.line as string[]).map(lineFromOption));
    const valid = validated(sroiActions[spec.action], input, { fields: takesLines ? [...fields, LINE_FIELD] : fields, values, file });
    const client = await session.client();
    const handle = client.workflow.getHandle(sroiWorkflowId(scheme, contract));
    const result = await handle.executeUpdate(SROI_UPDATES[spec.action] as never, { args: [valid as never] }).catch((err: unknown) => {
      const e = err as { cause?: { message?: string }; message?: string; name?: string };
      if (e.name === 'WorkflowNotFoundError') throw new Refusal(`no SROI case for contract ${contract}`);
      throw new Refusal(`refused: ${e.cause?.message ?? e.message ?? String(err)}`);
    });
    const r = result as { stage: string; message: string };
    session.io.out(values.json ? json(r, session.zone) : `${r.message}\nstage: ${r.stage}`);
  });
}

function addSroiStatusCommand(parent: Command, session: Session): void {
  parent
    .command('status')
    .summary('one SROI case: obligation, credit, plan, realisation, open deadlines, history')
    .argument('<contract>', 'the contract reference of the case')
    .addOption(new Option('--scheme <id>', 'the SROI scheme').default('sroi-amersfoort'))
    .option('--json', 'print the status as JSON')
    .action(async (contract: string, values: { scheme: string; json?: boolean }) => {
      const client = await session.client();
      const s = await statusOf(client.workflow.getHandle(sroiWorkflowId(checkedScheme(session, values.scheme), contract))).catch(() => {
        throw new Refusal(`no SROI case for contract ${contract}`);
      });
      if (values.json) return session.io.out(json(s, session.zone));
      const lines = [
        `contract ${s.contractReference} (${s.municipality}), ${s.companyName} (KvK ${s.kvkNumber}): ${s.stage}`,
        `obligation ${euro(s.obligation)}${s.credit && !s.credit.lostAt ? ` after a ${s.credit.schemeId} credit of ${euro(s.credit.amount)}` : ''}${s.credit?.lostAt ? ` (credit lost: ${s.credit.lostReason})` : ''}`,
        `realised ${euro(s.progress.realised)} (${s.progress.percent} %), people placed ${s.progress.peoplePlaced}; contract end ${s.contractEndsOn}`,
        ...s.openDeadlines.map((d) => `open: ${d.action} by ${when(d.dueAt, session.zone)} (${d.ruleId})`),
        ...s.history.map((h) => `${when(h.at, session.zone)}  ${h.what}${h.ruleId ? ` (${h.ruleId})` : ''}`),
      ];
      session.io.out(lines.join('\n'));
    });
}

export interface SroiRow {
  workflowId: string;
  contract?: string;
  municipality?: string;
  companyName?: string;
  kvkNumber?: string;
  stage?: string;
  obligation?: number;
  realised?: number;
  percent?: number;
  peoplePlaced?: number;
  awardedAt?: string;
  contractEnd?: string;
  nextDeadline?: string;
  overdue: boolean;
  status: string;
}

export function sroiRow(info: WorkflowExecutionInfo, now: Date): SroiRow {
  const sa = info.typedSearchAttributes;
  const next = sa.get(NEXT_DEADLINE);
  return {
    workflowId: info.workflowId,
    contract: sa.get(SROI_CONTRACT),
    municipality: sa.get(SROI_MUNICIPALITY),
    // SEBO-R5: from the (encrypted) memo; cases from before the company-name-in-memo patch kept it as a search attribute.
    companyName: memoCompanyName(info.memo) ?? sa.get(COMPANY_NAME),
    kvkNumber: sa.get(KVK_NUMBER),
    stage: sa.get(STAGE),
    obligation: sa.get(SROI_OBLIGATION),
    realised: sa.get(SROI_REALISED),
    percent: sa.get(SROI_PERCENT),
    peoplePlaced: sa.get(SROI_PEOPLE),
    awardedAt: sa.get(SROI_AWARDED_AT)?.toISOString(),
    contractEnd: sa.get(SROI_CONTRACT_END)?.toISOString(),
    nextDeadline: next?.toISOString(),
    overdue: info.status.name === 'RUNNING' && !!next && next < now,
    status: info.status.name,
  };
}

const quote = (v: string) => `'${v.replace(/'/g, "''")}'`;

export function sroiQuery(f: { municipality?: string; stage?: string; overdueAt?: Date; from?: string; to?: string; all?: boolean }): string {
  const parts = [`${CASE_KIND.name} = 'sroi'`];
  if (f.municipality) parts.push(`${SROI_MUNICIPALITY.name} = ${quote(f.municipality)}`);
  if (f.stage) parts.push(`${STAGE.name} = ${quote(f.stage)}`);
  if (f.overdueAt) parts.push(`${NEXT_DEADLINE.name} < ${quote(f.overdueAt.toISOString())}`);
  if (f.from) parts.push(`${SROI_AWARDED_AT.name} >= ${quote(f.from)}`);
  if (f.to) parts.push(`${SROI_AWARDED_AT.name} < ${quote(f.to)}`);
  if (!f.all) parts.push(`ExecutionStatus = 'Running'`);
  return parts.join(' AND ');
}

async function sroiRows(session: Session, query: string): Promise<SroiRow[]> {
  const client = await session.client();
  const now = new Date();
  const rows: SroiRow[] = [];
  for await (const info of client.workflow.list({ query })) rows.push(sroiRow(info, now));
  return rows.sort((a, b) => (a.contractEnd ?? '').localeCompare(b.contractEnd ?? '') || a.workflowId.localeCompare(b.workflowId));
}

function checkedMunicipality(session: Session, m: string | undefined, scheme: string): string | undefined {
  if (!m) return undefined;
  const s = getScheme(scheme, knownSchemes());
  const known = s.assessment.method === 'sroi-bouwblokken' ? s.assessment.municipalities : [];
  const hit = known.find((k) => k.toLowerCase() === m.trim().toLowerCase());
  if (known.length && !hit) throw new InvalidInput([`--municipality: expected one of ${known.join(', ')}, got "${m}"`]);
  return hit ?? m;
}

function checkedDay(flag: string, v: string | undefined): string | undefined {
  if (!v) return undefined;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(v)) throw new InvalidInput([`${flag}: expected a date as YYYY-MM-DD, got "${v}"`]);
  const d = new Date(`${v}T00:00:00Z`);
  if (Number.isNaN(d.getTime())) throw new InvalidInput([`${flag}: expected a date as YYYY-MM-DD, got "${v}"`]);
  return d.toISOString();
}

function addSroiListCommand(parent: Command, session: Session): void {
  parent
    .command('list')
    .summary('the SROI cases: percentage realised, overdue, contract end; filterable')
    .addOption(new Option('--scheme <id>', 'the SROI scheme').default('sroi-amersfoort'))
    .option('--municipality <name>', 'only this municipality')
    .option('--stage <stage>', 'only this stage (CONTACT, PLAN, REALISATION, FINAL_EVALUATION, FULFILLED, SHORTFALL)')
    .option('--overdue', 'only cases with a deadline that has passed')
    .option('--all', 'include closed cases')
    .option('--json', 'print the cases as JSON')
    .addHelpText('after', '\nExamples:\n  keurmerk sroi list --overdue\n  keurmerk sroi list --municipality Soest --json')
    .action(async (v: { scheme: string; municipality?: string; stage?: string; overdue?: boolean; all?: boolean; json?: boolean }) => {
      const scheme = checkedScheme(session, v.scheme);
      const now = new Date();
      const rows = await sroiRows(
        session,
        sroiQuery({ municipality: checkedMunicipality(session, v.municipality, scheme), stage: v.stage?.toUpperCase(), overdueAt: v.overdue ? now : undefined, all: v.all }),
      );
      if (v.json) return session.io.out(json(rows));
      if (rows.length === 0) return session.io.out('no SROI cases');
      session.io.out(
        table(rows, [
          { header: 'contract', value: (r) => r.contract },
          { header: 'municipality', value: (r) => r.municipality },
          { header: 'stage', value: (r) => (r.status === 'RUNNING' ? r.stage : `${r.stage} (${r.status.toLowerCase()})`) },
          { header: 'obligation', value: (r) => euro(r.obligation) },
          { header: 'realised', value: (r) => `${euro(r.realised)} (${r.percent ?? 0} %)` },
          { header: 'next deadline', value: (r) => (r.nextDeadline ? `${when(r.nextDeadline, session.zone)}${r.overdue ? ' OVERDUE' : ''}` : undefined) },
          { header: 'contract end', value: (r) => when(r.contractEnd, session.zone)?.slice(0, 10) },
          { header: 'company', value: (r) => r.companyName },
        ]),
      );
    });
}

export interface SroiReportLine {
  municipality: string;
  contracts: number;
  obligations: number;
  realised: number;
  percent: number;
  peoplePlaced: number;
}

export function sroiReport(rows: SroiRow[]): SroiReportLine[] {
  const by = new Map<string, SroiReportLine>();
  for (const r of rows) {
    const m = r.municipality ?? '(none)';
    const line = by.get(m) ?? { municipality: m, contracts: 0, obligations: 0, realised: 0, percent: 0, peoplePlaced: 0 };
    line.contracts += 1;
    line.obligations = Math.round((line.obligations + (r.obligation ?? 0)) * 100) / 100;
    line.realised = Math.round((line.realised + (r.realised ?? 0)) * 100) / 100;
    line.peoplePlaced += r.peoplePlaced ?? 0;
    line.percent = line.obligations > 0 ? Math.floor((line.realised / line.obligations) * 100) : 0;
    by.set(m, line);
  }
  return [...by.values()].sort((a, b) => a.municipality.localeCompare(b.municipality, 'nl'));
}

function addSroiReportCommand(parent: Command, session: Session): void {
  parent
    .command('report')
    .summary('per municipality: obligations, realised euros, people placed, for contracts awarded in a period')
    .addOption(new Option('--scheme <id>', 'the SROI scheme').default('sroi-amersfoort'))
    .option('--municipality <name>', 'only this municipality')
    .option('--from <date>', 'contracts awarded on or after this date (YYYY-MM-DD)')
    .option('--to <date>', 'contracts awarded before this date (YYYY-MM-DD)')
    .addOption(new Option('--format <format>', 'table, csv or json').choices(['table', 'csv', 'json']).default('table'))
    .addHelpText('after', '\nExamples:\n  keurmerk sroi report --from 2027-01-01 --to 2028-01-01\n  keurmerk sroi report --format csv > sroi-2027.csv')
    .action(async (v: { scheme: string; municipality?: string; from?: string; to?: string; format: 'table' | 'csv' | 'json' }) => {
      const scheme = checkedScheme(session, v.scheme);
      const from = checkedDay('--from', v.from);
      const to = checkedDay('--to', v.to);
      if (from && to && from >= to) throw new InvalidInput([`--to: ${v.to} must be after --from ${v.from}`]);
      const rows = await sroiRows(session, sroiQuery({ municipality: checkedMunicipality(session, v.municipality, scheme), from, to, all: true }));
      const lines = sroiReport(rows);
      if (v.format === 'json') return session.io.out(json(lines));
      if (v.format === 'csv') {
        const out = ['municipality,contracts,obligations_eur,realised_eur,realised_percent,people_placed', ...lines.map((l) => [csv(l.municipality), l.contracts, l.obligations.toFixed(2), l.realised.toFixed(2), l.percent, l.peoplePlaced].join(','))];
        return session.io.out(out.join('\n'));
      }
      if (lines.length === 0) return session.io.out('no SROI cases in this period');
      session.io.out(
        table(lines, [
          { header: 'municipality', value: (l) => l.municipality },
          { header: 'contracts', value: (l) => String(l.contracts) },
          { header: 'obligations', value: (l) => euro(l.obligations) },
          { header: 'realised', value: (l) => `${euro(l.realised)} (${l.percent} %)` },
          { header: 'people placed', value: (l) => String(l.peoplePlaced) },
        ]),
      );
    });
}

function csv(v: string): string {
  return /[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}
