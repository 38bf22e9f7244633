// The `keurmerk` command line: one sub-command per thing an accountmanager does, each with examples.
import { Command } from 'commander';
import type { Session } from './session';

type AddCommands = (program: Command, session: Session) => void;

/**
 * Every sub-command group in help order, each loaded only when it is built: a group's module pulls in
 * what its commands need (the action commands derive their options from the domain's schemas), and
 * loading all of them cost most of a `keurmerk status`'s start-up (issue 14). `only` names the
 * commands a group defines, so `buildProgramFor` can build just the one typed.
 */
const GROUPS: { only?: readonly string[]; add: () => AddCommands }[] = [
  { only: ['apply'], add: () => require('./commands/apply').addApplyCommand },
  { add: () => require('./commands/actions').addActionCommands },
  { only: ['criteria-publish'], add: () => require('./commands/criteria-publish').addCriteriaPublishCommand },
  { only: ['status'], add: () => require('./commands/status').addStatusCommand },
  { only: ['list'], add: () => require('./commands/list').addListCommand },
  { only: ['agenda'], add: () => require('./commands/agenda').addAgendaCommand },
  { only: ['register'], add: () => require('./commands/register').addRegisterCommand },
  { only: ['sroi'], add: () => require('./commands/sroi').addSroiCommands },
  { only: ['programme'], add: () => require('./commands/report').addReportCommand },
];

/** The program with every command (help, suggestions for a mistyped command, the command table test). */
export function buildProgram(session: Session): Command {
  return programWith(session, GROUPS);
}

/**
 * The program for one command line: when its first word is a command of a group that says which
 * commands it has, only that group is built; anything else (help, an action, a mistyped word) builds
 * them all, so help and suggestions are unchanged.
 */
export function buildProgramFor(session: Session, argv: readonly string[]): Command {
  const word = argv.slice(2).find((a) => !a.startsWith('-'));
  const group = word === undefined ? undefined : GROUPS.find((g) => g.only?.includes(word));
  return programWith(session, group ? [group] : GROUPS);
}

function programWith(session: Session, groups: readonly { add: () => AddCommands }[]): Command {
  const program = new Command('keurmerk')
    .description('Admin command for keurmerk cases: apply, record what happened, inspect cases, publish the register.')
    .configureOutput({ writeOut: (t) => session.io.out(t), writeErr: (t) => session.io.err(t) })
    .exitOverride()
    .showHelpAfterError('(add --help for usage)')
    .showSuggestionAfterError(true)
    .configureHelp({ sortSubcommands: false });
  for (const group of groups) group.add()(program, session);
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
