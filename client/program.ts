// The `keurmerk` command line: one sub-command per thing an accountmanager does, each with examples.
import { Command } from 'commander';
import { addActionCommands } from './commands/actions';
import { addAgendaCommand } from './commands/agenda';
import { addApplyCommand } from './commands/apply';
import { addCriteriaPublishCommand } from './commands/criteria-publish';
import { addListCommand } from './commands/list';
import { addRegisterCommand } from './commands/register';
import { addReportCommand } from './commands/report';
import { addStatusCommand } from './commands/status';
import { addSroiCommands } from './commands/sroi';
import type { Session } from './session';

export function buildProgram(session: Session): Command {
  const program = new Command('keurmerk')
    .description('Admin command for keurmerk cases: apply, record what happened, inspect cases, publish the register.')
    .configureOutput({ writeOut: (t) => session.io.out(t), writeErr: (t) => session.io.err(t) })
    .exitOverride()
    .showHelpAfterError('(add --help for usage)')
    .showSuggestionAfterError(true)
    .configureHelp({ sortSubcommands: false });
  addApplyCommand(program, session);
  addActionCommands(program, session);
  addCriteriaPublishCommand(program, session);
  addStatusCommand(program, session);
  addListCommand(program, session);
  addAgendaCommand(program, session);
  addRegisterCommand(program, session);
  addSroiCommands(program, session);
  addReportCommand(program, session);
  program.addHelpText(
    'after',
    `
Examples:
  keurmerk apply --kvk 12345678 --company "Bakkerij De Korenschoof" --contact "Anna de Vries" \\
    --email anna@korenschoof.nl --accountmanager wsp-017 --establishment Zoetermeer --active-since 2019-05-01
  keurmerk intake 12345678 --notes "kennismaking op locatie"
  keurmerk agenda
  keurmerk meeting-outcome 12345678 --meeting-date 2027-02-09 --outcome approved
  keurmerk status 12345678
  keurmerk list --overdue
  keurmerk register --format html > register.html
Every action takes --at (when it happened, default now) and --by (who records it);
\`keurmerk <command> --help\` shows its options. Read commands take --json.

Connection: TEMPORAL_ADDRESS (default 127.0.0.1:7233, the server of \`npm start\`), TEMPORAL_NAMESPACE,
TEMPORAL_TLS_CERT + TEMPORAL_TLS_KEY or TEMPORAL_API_KEY for a hosted Temporal.
Exit codes: 0 done, 1 refused or failed (the reason is printed), 2 wrong command line.`,
  );
  return program;
}
