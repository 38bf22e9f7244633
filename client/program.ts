// The `keurmerk` command line: one sub-command per thing an accountmanager does, each with examples.
import { Command } from 'commander';
import type { Session } from './session';

export function buildProgram(session: Session): Command {
  const program = new Command('keurmerk')
    .description('Admin command for keurmerk cases: apply, record what happened, inspect cases, publish the register.')
    .configureOutput({ writeOut: (t) => session.io.out(t), writeErr: (t) => session.io.err(t) })
    .exitOverride()
    .showHelpAfterError('(add --help for usage)')
    .showSuggestionAfterError(true);
  program.addHelpText(
    'after',
    `
Connection: TEMPORAL_ADDRESS (default 127.0.0.1:7233, the server of \`npm start\`), TEMPORAL_NAMESPACE,
TEMPORAL_TLS_CERT + TEMPORAL_TLS_KEY or TEMPORAL_API_KEY for a hosted Temporal.
Exit codes: 0 done, 1 refused or failed (the reason is printed), 2 wrong command line.`,
  );
  return program;
}
