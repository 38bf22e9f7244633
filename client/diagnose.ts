// When a command about one case fails in a way only the server can explain (no such workflow, a closed
// one, an action the case's kind has no handler for), look at the case and say in the project's words
// what is wrong and which command would be right. Never shows SDK text.
import type { Client, WorkflowUpdateFailedError } from '@temporalio/client';
import { SCHEMES_WITH_WORKFLOWS, UPDATES, caseWorkflowId, statusQuery, type CaseStatus } from '../workflows/definitions';
import { schemeName } from './case';
import { Refusal } from './failures';
import { when } from './output';
import type { Session } from './session';
import { commandOf, inCommandWords, kindWords } from './wording';
import { commandFor, notYet } from './case-view';
import { temporalClient } from './sdk';

export interface CaseAbout {
  scheme: string;
  kvk: string;
  /** The action the command sent, if it was one. */
  action?: string;
}

/** The Update had no handler in the case's workflow: the action belongs to another kind of case. */
function noHandler(err: unknown): string | undefined {
  if (!(err instanceof temporalClient().WorkflowUpdateFailedError)) return undefined;
  const text = `${err.cause?.message ?? ''} ${err.message}`;
  // An engine case registers every action and refuses one of the other kind of case with type WrongCaseKind.
  const wrong = (err.cause as { type?: string } | undefined)?.type === 'WrongCaseKind' ? /^(\S+?):/.exec(err.cause?.message ?? '')?.[1] : undefined;
  return wrong ?? /No registered handler for update: (\S+)/.exec(text)?.[1];
}

function isNotFound(err: unknown): boolean {
  if (err instanceof temporalClient().WorkflowNotFoundError) return true;
  const code = (err as { code?: number; cause?: { code?: number } })?.cause?.code ?? (err as { code?: number })?.code;
  const text = err instanceof Error ? `${err.message} ${(err.cause as Error | undefined)?.message ?? ''}` : '';
  return code === 5 || /already completed|not found/i.test(text);
}

/** Commands that would be right now: the ones closing the case's open deadlines. */
export function commandsNow(status: CaseStatus): string[] {
  const scheme = status.schemeId === 'sebo' ? '' : ` --scheme ${status.schemeId}`;
  const commands = status.openDeadlines
    .map((d) => commandOf(d.action))
    .filter((c): c is string => !!c)
    .map((c) => `keurmerk ${c} ${status.kvkNumber}${scheme}`);
  return [...new Set(commands)];
}

function caseLabel(status: CaseStatus): string {
  return `the ${schemeName(status.schemeId)} case of KvK ${status.kvkNumber}`;
}

async function statusOf(client: Client, scheme: string, kvk: string): Promise<CaseStatus | undefined> {
  try {
    return await client.workflow.getHandle(caseWorkflowId(scheme, kvk)).query(statusQuery);
  } catch {
    return undefined;
  }
}

/** A refusal in the project's words for a failure about one case, or the error itself when it is not one of these. */
export async function diagnosed(err: unknown, session: Session, about: CaseAbout): Promise<unknown> {
  if (err instanceof Refusal) return err;
  const missingHandler = noHandler(err);
  if (missingHandler) return wrongKind(session, about, missingHandler);
  if (isNotFound(err)) return missingCase(session, about);
  if (err instanceof temporalClient().WorkflowUpdateFailedError && about.action) return (await whenPossible(err, session, about)) ?? err;
  return err;
}

/** A refused action that a running clock will make possible: the refusal says from when. */
async function whenPossible(err: WorkflowUpdateFailedError, session: Session, about: CaseAbout): Promise<Refusal | undefined> {
  const reason = err.cause?.message ?? '';
  if (!reason || reason.trimStart().startsWith('[')) return undefined;
  const status = await statusOf(await session.client(), about.scheme, about.kvk);
  const command = status && commandFor(about.action!, status);
  const later = status && notYet(status).find((n) => n.command === command);
  if (!later) return undefined;
  const possible = later.from ? `from ${when(later.from, session.zone)}` : `once ${later.after}`;
  return new Refusal(`refused: ${inCommandWords(reason)}; \`${command}\` is possible ${possible}: ${later.why}`);
}

async function wrongKind(session: Session, about: CaseAbout, action: string): Promise<Refusal> {
  const client = await session.client();
  const command = commandOf(action) ?? action;
  const kinds = (UPDATES as Record<string, readonly string[]>)[action] ?? [];
  const status = await statusOf(client, about.scheme, about.kvk);
  const belongs = kinds.length ? `\`${command}\` is an action on ${kinds.map(kindWords).join(' or ')}` : `\`${command}\` is not an action of this case`;
  if (!status) return new Refusal(`${belongs}; the case of KvK ${about.kvk} does not take it`);
  const now = commandsNow(status);
  return new Refusal(
    `${belongs}; ${caseLabel(status)} is ${kindWords(status.caseKind)} at stage ${status.stage}, so nothing was recorded.` +
      (now.length ? ` What it waits for now: ${now.join(', ')}` : ` Its status: keurmerk status ${about.kvk}${about.scheme === 'sebo' ? '' : ` --scheme ${about.scheme}`}`),
  );
}

/** No running case under this scheme and KvK number: closed, under another scheme, or none at all. */
export async function missingCase(session: Session, about: CaseAbout): Promise<Refusal> {
  const client = await session.client();
  const name = schemeName(about.scheme);
  const id = caseWorkflowId(about.scheme, about.kvk);
  // The other schemes are asked at once, beside this one, rather than one after the other: each is a
  // round trip, and a KvK number without any case needed all of them (issue 14).
  const running = (scheme: string) =>
    client.workflow
      .getHandle(caseWorkflowId(scheme, about.kvk))
      .describe()
      .then(
        (d) => d.status.name === 'RUNNING',
        () => false, // no case under that scheme either
      );
  const othersSoon = Promise.all(SCHEMES_WITH_WORKFLOWS.filter((s) => s !== about.scheme).map(async (other) => ((await running(other)) ? [other] : [])));
  let closed: { status: string; closeTime?: Date } | undefined;
  try {
    const d = await client.workflow.getHandle(id).describe();
    if (d.status.name !== 'RUNNING') closed = { status: d.status.name, closeTime: d.closeTime };
  } catch {
    closed = undefined;
  }
  if (closed) {
    const status = await statusOf(client, about.scheme, about.kvk);
    const stage = status ? ` at stage ${status.stage}` : '';
    const end = closed.closeTime ? ` on ${when(closed.closeTime, session.zone)}` : '';
    const how = closed.status === 'TERMINATED' || closed.status === 'CANCELED' ? ' (stopped by an operator)' : '';
    const action = about.action ? `; \`${commandOf(about.action) ?? about.action}\` cannot be recorded on it any more` : '';
    return new Refusal(
      `the ${name} case of KvK ${about.kvk} has ended${stage}${end}${how}${action}. A new application: keurmerk apply --scheme ${about.scheme} --kvk ${about.kvk} ...`,
    );
  }
  const others = (await othersSoon).flat();
  if (others.length) {
    return new Refusal(
      `KvK ${about.kvk} has no ${name} case, but has a case for ${others.map((o) => `${schemeName(o)} (add --scheme ${o})`).join(' and ')}`,
    );
  }
  const ns = session.config.TEMPORAL_NAMESPACE;
  return new Refusal(
    `no ${name} case for KvK ${about.kvk} in namespace "${ns}"; start one with \`keurmerk apply --scheme ${about.scheme} --kvk ${about.kvk} ...\`, or check the KvK number, --scheme and TEMPORAL_NAMESPACE`,
  );
}
