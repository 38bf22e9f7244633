// Entry of the admin command (client/bin/keurmerk.js). Runs one command, prints every failure as
// `error: ...` lines on stderr and leaves the exit code of failures.ts.
import { CommanderError } from 'commander';
import { ZodError } from 'zod';
import { EXIT_USAGE, InvalidInput, explain } from './failures';
import { buildProgramFor } from './program';
import { loadedSchemes } from './case';
import { humanized } from './output';
import { Session, processIo, type Io } from './session';
import { interruptedMessage } from './worker-wait';

export async function run(argv: string[], io: Io = processIo, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const session = new Session(io, env);
  const program = buildProgramFor(session, argv);
  // Issue 10: the municipality's scheme files are read when any command starts (as the worker does),
  // so a wrong file stops every command with its path and problems, not only the ones that use it.
  program.hook('preAction', () => {
    if (session.config.KEURMERK_SCHEME_FILES.length) loadedSchemes(session);
  });
  try {
    await program.parseAsync(argv);
    return 0;
  } catch (err) {
    // Commander has printed its own message (or the help) already.
    if (err instanceof CommanderError) return err.exitCode === 0 ? 0 : EXIT_USAGE;
    const { lines, exitCode } = explain(err, session.failure);
    const zone = displayZone(session);
    // A case's own words get human dates; a message about typed input keeps the formats it asks for.
    const fromCase = !(err instanceof InvalidInput || err instanceof ZodError || exitCode === EXIT_USAGE);
    for (const line of lines) io.err(`error: ${fromCase ? humanized(line, zone) : line}`);
    return exitCode;
  } finally {
    await session.close();
  }
}

/** The display zone, or Amsterdam's when the configuration itself is what failed. */
function displayZone(session: Session): string {
  try {
    return session.zone;
  } catch {
    return 'Europe/Amsterdam';
  }
}

export function main(argv: string[]): void {
  // `keurmerk list | head`: the reader has gone, which is not an error of the command.
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw err;
  });
  // Ctrl-C: say what became of an action already on its way (an admitted Update may still be recorded).
  process.once('SIGINT', () => {
    process.stderr.write(`\n${interruptedMessage()}\n`);
    process.exit(130);
  });
  run(argv).then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      process.stderr.write(`error: ${String(err)}\n`);
      process.exitCode = 1;
    },
  );
}
