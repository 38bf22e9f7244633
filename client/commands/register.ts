// `keurmerk register`: the public list of current holders (SEBO-R6). Suspended, lapsed and withdrawn
// holders are not in it: the visibility query selects the register stages, and each holder's own
// status confirms it (search attributes may trail the workflow by a moment).
import { Option, type Command } from 'commander';
import { registerQuery, statusQuery } from '../../workflows/definitions';
import { checkedScheme, schemeName } from '../case';
import { isoDay, table, when } from '../output';
import { formatRegister, REGISTER_FORMATS, type RegisterEntry, type RegisterFormat } from '../register-formats';
import type { Session } from '../session';

const QUERIES_AT_ONCE = 8;

export async function registerEntries(session: Session, schemeId?: string): Promise<RegisterEntry[]> {
  const client = await session.client();
  const ids: string[] = [];
  for await (const info of client.workflow.list({ query: registerQuery(schemeId) })) ids.push(info.workflowId);
  const entries: RegisterEntry[] = [];
  // A few queries at a time: quick for a municipality's hundreds of holders, light on the worker.
  for (let i = 0; i < ids.length; i += QUERIES_AT_ONCE) {
    const statuses = await Promise.all(ids.slice(i, i + QUERIES_AT_ONCE).map((id) => client.workflow.getHandle(id).query(statusQuery)));
    for (const status of statuses.filter((s) => s.inRegister)) {
      entries.push({
        scheme: schemeName(status.schemeId),
        company: status.companyName,
        kvk: status.kvkNumber,
        expiresOn: isoDay(status.validity?.expiresAt, session.zone),
      });
    }
  }
  return entries;
}

export function addRegisterCommand(program: Command, session: Session): Command {
  return program
    .command('register')
    .summary('the public list of current holders (SEBO-R6)')
    .description('The public register of current keurmerk holders, to publish on the municipality\'s website. Suspended, lapsed and withdrawn holders are left out (SEBO-R2, R3, T13).')
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
              { header: 'expires on', value: (e) => when(e.expiresOn, session.zone) },
              { header: 'company', value: (e) => e.company },
            ]),
      );
    });
}
