// Every way a command can fail, as one clear line per problem and an exit code:
//   0  done
//   1  refused or failed: invalid values, an action that does not fit the case, an unknown case,
//      a duplicate application, Temporal unreachable
//   2  the command line itself is wrong: unknown command or option, missing argument, unreadable
//      --file, invalid configuration (including KEURMERK_ENCRYPTION_KEYS, or none while the cases'
//      data is encrypted)
import type { ServiceError, WorkflowUpdateFailedError } from '@temporalio/client';
import { ZodError } from 'zod';
import { ENCRYPTION_KEYS_ENV, EncryptionKeysError } from '../codec/keys';
import { ConfigError } from '../worker/config';
import { describeIssue, issuesFromMessage, optionName, type FieldNamer } from './input-errors';
import { inCommandWords } from './wording';
import { temporalClient } from './sdk';

export const EXIT_REFUSED = 1;
export const EXIT_USAGE = 2;

/** The command line cannot be understood (exit 2). */
export class UsageError extends Error {}

/** The command understood the request and refuses it for a reason of its own (exit 1). */
export class Refusal extends Error {}

/** Invalid values, already described field by field. */
export class InvalidInput extends Error {
  constructor(readonly lines: string[]) {
    super(lines.join('\n'));
  }
}

/** No Temporal server answered at the configured address (exit 1). */
export class Unreachable extends Error {
  constructor(
    readonly address: string,
    cause: unknown,
  ) {
    super(`cannot reach Temporal at ${address} (nothing answers there); is \`npm start\` running, or TEMPORAL_ADDRESS set?`, { cause });
  }
}

/** What the failing command was about, so a message can name the case instead of a workflow id. */
export interface FailureContext {
  kvk?: string;
  scheme?: string;
  address?: string;
  namespace?: string;
  fieldName?: FieldNamer;
}

export interface Explained {
  lines: string[];
  exitCode: number;
}

export function explain(err: unknown, ctx: FailureContext = {}): Explained {
  const refused = (...lines: string[]): Explained => ({ lines, exitCode: EXIT_REFUSED });
  const caseName = ctx.kvk ? `KvK ${ctx.kvk}` : 'this KvK number';

  if (err instanceof UsageError) return { lines: [err.message], exitCode: EXIT_USAGE };
  if (err instanceof ConfigError) return { lines: err.message.split('\n'), exitCode: EXIT_USAGE };
  if (err instanceof EncryptionKeysError) return { lines: err.message.split('\n'), exitCode: EXIT_USAGE };
  if (err instanceof InvalidInput) return refused(...err.lines);
  if (err instanceof ZodError) return refused(...err.issues.map((i) => describeIssue(i, ctx.fieldName ?? optionName)));
  if (err instanceof Refusal || err instanceof Unreachable) return refused(err.message);
  // Every failure above is the command's own; the SDK is loaded only to tell its errors apart.
  const {
    ServiceError,
    WorkflowExecutionAlreadyStartedError,
    WorkflowNotFoundError,
    WorkflowUpdateFailedError,
    WorkflowUpdateRPCTimeoutOrCancelledError,
    QueryNotRegisteredError,
    QueryRejectedError,
    NamespaceNotFoundError,
  } = temporalClient();
  if (err instanceof WorkflowUpdateFailedError) return refused(...reasonLines(err, ctx));
  if (err instanceof WorkflowNotFoundError) {
    return refused(`no ${ctx.scheme ? `${ctx.scheme} ` : ''}case for ${caseName} in namespace "${ctx.namespace ?? 'default'}"`);
  }
  if (err instanceof WorkflowExecutionAlreadyStartedError) {
    return refused(`an application for ${caseName} is already running`);
  }
  if (err instanceof NamespaceNotFoundError) return refused(`namespace ${err.namespace} does not exist on the Temporal server`);
  if (err instanceof QueryNotRegisteredError || err instanceof QueryRejectedError) {
    return refused(`the case for ${caseName} cannot answer this question (its workflow is of another kind or version); try \`keurmerk status\``);
  }
  if (err instanceof WorkflowUpdateRPCTimeoutOrCancelledError) {
    return refused(`no worker answered for ${caseName} in time; is the keurmerk worker running?`);
  }
  if (err instanceof ServiceError) return refused(serviceMessage(err, ctx));
  // The SDK's payload converter meets a payload the worker encrypted, and this command has no codec.
  if (err instanceof Error && /Unknown encoding: binary\/encrypted/.test(err.message)) {
    return { lines: [`the cases' data is encrypted and this command has no key: set ${ENCRYPTION_KEYS_ENV} to the worker's keys (codec/README.md)`], exitCode: EXIT_USAGE };
  }
  if (err instanceof Error) return refused(inCommandWords(err.message));
  return refused(String(err));
}

/** The validator's or handler's own reason: it is the message of the failure the update carried. */
function reasonLines(err: WorkflowUpdateFailedError, ctx: FailureContext): string[] {
  const reason = err.cause?.message || err.message;
  const issues = issuesFromMessage(reason);
  if (issues) return issues.map((i) => describeIssue(i, ctx.fieldName ?? optionName));
  return [`refused: ${inCommandWords(reason)}`];
}

function serviceMessage(err: ServiceError, ctx: FailureContext): string {
  const detail = (err.cause as { details?: string } | undefined)?.details || err.cause?.message || err.message;
  const code = (err.cause as { code?: number } | undefined)?.code;
  // 14 UNAVAILABLE, 4 DEADLINE_EXCEEDED: nothing answers at the address.
  if (code === 14 || code === 4 || /connect|unavailable|deadline/i.test(detail)) {
    return `cannot reach Temporal at ${ctx.address ?? 'the configured address'} (no answer in time); is \`npm start\` running, or TEMPORAL_ADDRESS set?`;
  }
  // e.g. a query while the case's workflow task fails: the worker's log says why (not shown here: it is
  // the server's wording, not ours).
  const about = ctx.kvk ? `the case for KvK ${ctx.kvk}` : 'the Temporal server';
  if (code === 7 || code === 16) return `${about}: the server refused the connection's credentials (TEMPORAL_API_KEY, TEMPORAL_TLS_CERT/KEY)`;
  if (code === 3) return `${about}: the server refused the request as invalid; check the KvK number and options (keurmerk <command> --help)`;
  return `${about} could not answer just now (the keurmerk worker may be down, busy or failing on this case; its log says why); try again, or look at the case in the Temporal UI`;
}
