// `keurmerk list`: the cases, filtered on the Keurmerk* search attributes through Temporal's own
// visibility (ListWorkflowExecutions), so it works the same against the devserver and a real server.
// The company name is not a search attribute (SEBO-R5: often a zzp's own name): it comes from each
// case's memo, which the admin command decodes (and decrypts) itself, so `--company` filters here,
// after the server answered (docs/decisions/company-name-not-searchable.md).
import { Option, type Command } from 'commander';
import type { WorkflowExecutionInfo } from '@temporalio/client';
import { STAGES, type CaseKind } from '../../workflows/definitions';
import { ACCOUNTMANAGER, CASE_KIND, COMPANY_NAME, KVK_NUMBER, NEXT_DEADLINE, SCHEME, STAGE } from '../../workflows/search-attributes';
import { memoCompanyName } from '../../workflows/case-memo';
import { checkedKvk, checkedScheme } from '../case';
import { InvalidInput } from '../failures';
import { json, table, when } from '../output';
import type { Session } from '../session';

export interface ListFilter {
  scheme?: string;
  stage?: string;
  kind?: CaseKind;
  /** One company's cases, by its KvK number (a search attribute). */
  kvk?: string;
  /** Cases whose next deadline is before this instant. */
  overdueAt?: Date;
  /** Closed cases too. */
  all?: boolean;
}

/** A visibility query; values are quoted with single quotes doubled, as Temporal's SQL-like syntax wants. */
export function listQuery(filter: ListFilter): string {
  const quote = (v: string) => `'${v.replace(/'/g, "''")}'`;
  const parts = [filter.kind ? `KeurmerkCaseKind = ${quote(filter.kind)}` : `KeurmerkCaseKind IN ('application', 'holder')`];
  if (filter.scheme) parts.push(`KeurmerkScheme = ${quote(filter.scheme)}`);
  if (filter.stage) parts.push(`KeurmerkStage = ${quote(filter.stage)}`);
  if (filter.kvk) parts.push(`KeurmerkKvkNumber = ${quote(filter.kvk)}`);
  if (filter.overdueAt) parts.push(`KeurmerkNextDeadline < ${quote(filter.overdueAt.toISOString())}`);
  if (!filter.all) parts.push(`ExecutionStatus = 'Running'`);
  return parts.join(' AND ');
}

export interface CaseRow {
  workflowId: string;
  schemeId?: string;
  caseKind?: string;
  stage?: string;
  companyName?: string;
  kvkNumber?: string;
  accountmanagerCode?: string;
  nextDeadline?: string;
  status: string;
}

export function caseRow(info: WorkflowExecutionInfo): CaseRow {
  const sa = info.typedSearchAttributes;
  return {
    workflowId: info.workflowId,
    schemeId: sa.get(SCHEME),
    caseKind: sa.get(CASE_KIND),
    stage: sa.get(STAGE),
    // Cases from before the company-name-in-memo patch that have not taken a step since still carry it as a search attribute.
    companyName: memoCompanyName(info.memo) ?? sa.get(COMPANY_NAME),
    kvkNumber: sa.get(KVK_NUMBER),
    accountmanagerCode: sa.get(ACCOUNTMANAGER),
    nextDeadline: sa.get(NEXT_DEADLINE)?.toISOString(),
    status: info.status.name,
  };
}

export function formatCases(rows: CaseRow[], zone: string, now: Date): string {
  if (rows.length === 0) return 'no cases';
  const overdue = (r: CaseRow) => r.nextDeadline !== undefined && r.status === 'RUNNING' && new Date(r.nextDeadline) < now;
  return table(rows, [
    { header: 'kvk', value: (r) => r.kvkNumber },
    { header: 'scheme', value: (r) => r.schemeId },
    { header: 'kind', value: (r) => r.caseKind },
    { header: 'stage', value: (r) => (r.status === 'RUNNING' ? r.stage : `${r.stage ?? '-'} (${r.status.toLowerCase()})`) },
    { header: 'next deadline', value: (r) => (r.nextDeadline ? `${when(r.nextDeadline, zone)}${overdue(r) ? ' OVERDUE' : ''}` : undefined) },
    { header: 'accountmanager', value: (r) => r.accountmanagerCode },
    { header: 'company', value: (r) => r.companyName },
  ]);
}

/** Soonest deadline first; cases without one after, by company. */
function byDeadline(a: CaseRow, b: CaseRow): number {
  if (a.nextDeadline && b.nextDeadline) return a.nextDeadline.localeCompare(b.nextDeadline);
  if (a.nextDeadline || b.nextDeadline) return a.nextDeadline ? -1 : 1;
  return (a.companyName ?? '').localeCompare(b.companyName ?? '', 'nl');
}

const KNOWN_STAGES = Object.values(STAGES) as string[];

function checkedStage(stage: string): string {
  const upper = stage.trim().toUpperCase().replace(/-/g, '_');
  if (!KNOWN_STAGES.includes(upper)) throw new InvalidInput([`--stage: expected one of ${KNOWN_STAGES.join(', ')}, got "${stage}"`]);
  return upper;
}

/** `--company`: every word of the text in the company name, case and accents ignored. */
export function companyMatches(companyName: string | undefined, text: string): boolean {
  const fold = (v: string) => v.normalize('NFD').replace(/\p{M}/gu, '').toLocaleLowerCase('nl');
  const name = fold(companyName ?? '');
  return fold(text).split(/\s+/).filter(Boolean).every((word) => name.includes(word));
}

function checkedCompany(text: string): string {
  if (!text.trim()) throw new InvalidInput(['--company: expected a word of the company name, got an empty value']);
  if (text.length > 200) throw new InvalidInput([`--company: expected at most 200 characters, got ${text.length}`]);
  return text;
}

export async function listCases(session: Session, query: string, company?: string): Promise<CaseRow[]> {
  const client = await session.client();
  const rows: CaseRow[] = [];
  for await (const info of client.workflow.list({ query })) {
    const row = caseRow(info);
    if (company === undefined || companyMatches(row.companyName, company)) rows.push(row);
  }
  return rows.sort(byDeadline);
}

export function addListCommand(program: Command, session: Session): Command {
  return program
    .command('list')
    .summary('the cases, filtered by scheme, stage, overdue')
    .description('List the running cases (with --all also the closed ones), soonest deadline first.')
    .option('--scheme <id>', 'only this scheme, e.g. sebo')
    .option('--stage <stage>', `only this stage (${KNOWN_STAGES.join(', ')})`)
    .addOption(new Option('--kind <kind>', 'only applications or holders').choices(['application', 'holder']))
    .option('--kvk <number>', "only this company's cases, by its KvK number")
    .option('--company <text>', 'only cases whose company name holds these words (case and accents ignored)')
    .option('--overdue', 'only cases whose next deadline has passed')
    .option('--all', 'include closed cases')
    .option('--json', 'print the cases as JSON')
    .addHelpText('after', '\nExamples:\n  keurmerk list --overdue\n  keurmerk list --scheme sebo --stage AUDIT --json\n  keurmerk list --kvk 12345678 --all\n  keurmerk list --company "de korenschoof"')
    .action(async (values: { scheme?: string; stage?: string; kind?: CaseKind; kvk?: string; company?: string; overdue?: boolean; all?: boolean; json?: boolean }) => {
      const now = new Date();
      const query = listQuery({
        scheme: values.scheme && checkedScheme(session, values.scheme),
        stage: values.stage && checkedStage(values.stage),
        kind: values.kind,
        kvk: values.kvk === undefined ? undefined : checkedKvk(values.kvk, '--kvk'),
        overdueAt: values.overdue ? now : undefined,
        all: values.all,
      });
      const company = values.company === undefined ? undefined : checkedCompany(values.company);
      const rows = await listCases(session, query, company);
      session.io.out(values.json ? json(rows) : formatCases(rows, session.zone, now));
    });
}
