// `keurmerk status <kvk>`: where a case stands, what is due and by whom, and what happened when.
import { Option, type Command } from 'commander';
import { statusQuery, type CaseStatus } from '../../workflows/definitions';
import { ACTION_COMMANDS } from './actions';
import { caseHandle, checkedKvk, checkedScheme, schemeName } from '../case';
import { fields, json, table, when } from '../output';
import type { Session } from '../session';
import { answeredByWorker } from '../worker-wait';

export function formatStatus(status: CaseStatus, zone: string): string {
  const day = (v: string | undefined) => when(v, zone);
  const summary = fields([
    ['case', `${status.workflowId} (${status.caseKind})`],
    ['keurmerk', schemeName(status.schemeId)],
    ['company', `${status.companyName} (KvK ${status.kvkNumber})`],
    ['stage', status.renewalStep ? `${status.stage} (re-keuring: ${status.renewalStep})` : status.stage],
    ['accountmanager', status.accountmanagerCode],
    ['valid', status.validity && `${day(status.validity.validFrom)} to ${day(status.validity.expiresAt)}`],
    ['certificate', status.validity?.certificateNumber],
    ['suspended', status.suspension && `${day(status.suspension.from)} to ${day(status.suspension.until)}${status.suspension.extended ? ' (extended)' : ''}`],
    ['criteria', status.criteria && criteriaLine(status.criteria, zone)],
    ['second keuring', status.secondKeuringenUsed ? `${status.secondKeuringenUsed} used (SEBO-T8)` : undefined],
    ['new application', status.waitingUntil && `possible from ${day(status.waitingUntil)} (SEBO-T9)`],
    ['in register', status.inRegister ? 'yes' : 'no'],
  ]);
  const deadlines = status.openDeadlines.length
    ? table(status.openDeadlines, [
        { header: 'due', value: (d) => day(d.dueAt) },
        { header: 'rule', value: (d) => d.ruleId },
        { header: 'party', value: (d) => d.party },
        { header: 'action', value: (d) => d.action },
        { header: 'record with', value: (d) => commandFor(d.action, status) },
      ])
    : 'none';
  const history = status.history.length
    ? table(status.history, [
        { header: 'when', value: (h) => day(h.at) },
        { header: 'rule', value: (h) => h.ruleId },
        { header: 'by', value: (h) => h.by },
        { header: 'what', value: (h) => h.what },
      ])
    : 'nothing yet';
  return `${summary}\n\nOpen deadlines\n${deadlines}\n\nHistory\n${history}`;
}

/** The command that ends an open step, e.g. `keurmerk audit-planned 12345678`. */
function commandFor(action: string, status: CaseStatus): string | undefined {
  const command = ACTION_COMMANDS.find((c) => c.action === action)?.command;
  if (!command) return undefined;
  const scheme = status.schemeId === 'sebo' ? '' : ` --scheme ${status.schemeId}`;
  return `keurmerk ${command} ${status.kvkNumber}${scheme}`;
}

function criteriaLine(criteria: NonNullable<CaseStatus['criteria']>, zone: string): string {
  const pending = criteria.pending;
  if (!pending) return criteria.version;
  const binding = pending.objected
    ? `objected; old criteria until ${when(pending.oldCriteriaUntil, zone)}`
    : `binding from ${when(pending.bindingFrom, zone)}`;
  return `${criteria.version}; new ${pending.criteriaVersion} ${binding} (SEBO-R1)`;
}

export function addStatusCommand(program: Command, session: Session): Command {
  return program
    .command('status')
    .summary("a case's stage, open deadlines and history")
    .description('Show where the case of one company stands: its stage, the deadlines still open and who must act, and its history.')
    .argument('<kvk>', 'KvK number of the company (8 digits)')
    .addOption(new Option('--scheme <id>', 'scheme of the case').default('sebo'))
    .option('--json', 'print the status as JSON')
    .addHelpText('after', '\nExample:\n  keurmerk status 12345678\n  keurmerk status 12345678 --json')
    .action(async (kvkArg: string, values: { scheme: string; json?: boolean }) => {
      const kvk = checkedKvk(kvkArg);
      const handle = await caseHandle(session, checkedScheme(session, values.scheme), kvk);
      const status = await answeredByWorker(session, 'query', () => handle.query(statusQuery));
      session.io.out(values.json ? json(status) : formatStatus(status, session.zone));
    });
}
