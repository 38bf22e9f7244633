// `keurmerk register`: the public list of holders (SEBO-R6). Suspended holders are listed as suspended,
// with the period (SEBO-R2); lapsed and withdrawn holders are not in it. The visibility query selects
// the published stages, and each holder's own status confirms it (search attributes may trail the
// workflow by a moment).
import { Option, type Command } from 'commander';
import { publishedRegisterQuery, statusQuery, type CaseStatus } from '../../workflows/definitions';
import { checkedScheme, schemeName } from '../case';
import { isoDay, table } from '../output';
import { formatRegister, REGISTER_FORMATS, type RegisterEntry, type RegisterFormat } from '../register-formats';
import type { Session } from '../session';

const QUERIES_AT_ONCE = 8;

export async function registerEntries(session: Session, schemeId?: string): Promise<RegisterEntry[]> {
  const client = await session.client();
  const ids: string[] = [];
  for await (const info of client.workflow.list({ query: publishedRegisterQuery(schemeId) })) ids.push(info.workflowId);
  const entries: RegisterEntry[] = [];
  // A few queries at a time: quick for a municipality's hundreds of holders, light on the worker.
  for (let i = 0; i < ids.length; i += QUERIES_AT_ONCE) {
    const statuses = await Promise.all(ids.slice(i, i + QUERIES_AT_ONCE).map((id) => client.workflow.getHandle(id).query(statusQuery)));
    for (const status of statuses) {
      const listedAs = status.listedAs ?? (status.inRegister ? 'holder' : undefined);
      if (!listedAs) continue;
      entries.push({
        // PSO-1: a ladder scheme's holder is listed with its level.
        scheme: `${schemeName(status.schemeId)}${status.level ? ` (${status.level.replace(/-/g, ' ')})` : ''}`,
        company: status.companyName,
        kvk: status.kvkNumber,
        status: listedAs === 'suspended' ? 'suspended' : 'current',
        validThrough: validThrough(status, session.zone),
        ...(listedAs === 'suspended' && status.suspension
          ? { suspendedFrom: isoDay(status.suspension.from, session.zone), suspendedUntil: isoDay(status.suspension.until, session.zone) }
          : {}),
      });
    }
  }
  return entries;
}

/** SEBO-T10/T13: the last valid day, as the holder's status gives it (or, from an older worker, the day before expiry). */
function validThrough(status: CaseStatus, zone: string): string | undefined {
  if (status.validity?.validThrough) return status.validity.validThrough;
  const expiresAt = status.validity?.expiresAt;
  return expiresAt ? isoDay(new Date(new Date(expiresAt).getTime() - 1).toISOString(), zone) : undefined;
}

export function addRegisterCommand(program: Command, session: Session): Command {
  return program
    .command('register')
    .summary('the public list of holders, suspended ones as suspended (SEBO-R6, SEBO-R2)')
    .description('The public register of keurmerk holders, to publish on the municipality\'s website: each with the last day it is valid ("geldig tot en met"); suspended holders are listed as suspended with the period (SEBO-R2); lapsed and withdrawn holders are left out (SEBO-R3, T13).')
    .option('--scheme <id>', 'only this scheme, e.g. sebo')
    .addOption(new Option('--format <format>', 'output format').choices(['table', ...REGISTER_FORMATS]).default('table'))
    .option('--json', 'the same as --format json')
    .addHelpText('after', '\nExamples:\n  keurmerk register\n  keurmerk register --scheme sebo --format html > register.html\n  keurmerk register --format csv > houders.csv')
    .action(async (values: { scheme?: string; format: 'table' | RegisterFormat; json?: boolean }) => {
      const entries = await registerEntries(session, values.scheme && checkedScheme(session, values.scheme));
      const format = values.json ? 'json' : values.format;
      if (format !== 'table') {
        session.io.out(formatRegister(entries, format, isoDay(new Date().toISOString(), session.zone)));
        return;
      }
      const sorted = JSON.parse(formatRegister(entries, 'json')) as RegisterEntry[];
      session.io.out(
        sorted.length === 0
          ? 'no current holders'
          : table(sorted, [
              { header: 'keurmerk', value: (e) => e.scheme },
              { header: 'kvk', value: (e) => e.kvk },
              { header: 'status', value: (e) => (e.status === 'suspended' ? `suspended ${e.suspendedFrom} to ${e.suspendedUntil}` : 'current') },
              { header: 'valid through', value: (e) => e.validThrough },
              { header: 'company', value: (e) => e.company },
            ]),
      );
    });
}
