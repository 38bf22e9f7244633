// How long a command waits for the keurmerk worker, and what it says when the worker does not answer.
// An action (an Update) or a status (a Query) is answered by the worker, not by Temporal: with the worker
// stopped or swamped, the server holds the request and the command would hang. So every such call gets
// a deadline (KEURMERK_WORKER_WAIT seconds), and when it passes the command asks the server whether any
// worker is polling the case's task queue, to say what is really wrong: no worker, or a busy one.
//
// What an unanswered action means: Temporal has admitted the Update and holds it for the case; when a
// worker picks the case up, the Update's validator runs then and the action may still be recorded. There
// is no way to withdraw it, so the command says so, and how to find out (`keurmerk status`).
import type { Client } from '@temporalio/client';
import { Refusal } from './failures';
import type { Session } from './session';
import { temporalApi, temporalClient } from './sdk';

/** A worker that polled within this long counts as running (the server keeps pollers for minutes). */
const RECENT_POLL_MS = 2 * 60 * 1000;

export type WorkerState = 'absent' | 'busy' | 'unknown';

/** Is any worker polling the task queue? (DescribeTaskQueue: the pollers the server saw lately.) */
export async function workerState(client: Client, taskQueue: string): Promise<WorkerState> {
  try {
    const { enums } = temporalApi();
    const response = await client.withDeadline(Date.now() + 5_000, () =>
      client.workflowService.describeTaskQueue({
        namespace: client.options.namespace,
        taskQueue: { name: taskQueue, kind: enums.v1.TaskQueueKind.TASK_QUEUE_KIND_NORMAL },
        taskQueueType: enums.v1.TaskQueueType.TASK_QUEUE_TYPE_WORKFLOW,
      }),
    );
    const now = Date.now();
    const recent = (response.pollers ?? []).filter((p) => {
      const seconds = Number(p.lastAccessTime?.seconds ?? 0);
      return seconds === 0 || now - seconds * 1000 < RECENT_POLL_MS;
    });
    return recent.length > 0 ? 'busy' : 'absent';
  } catch {
    return 'unknown';
  }
}

/** The worker did not answer in time: says whether one is running and what became of the request (exit 1). */
export class NoWorkerAnswer extends Refusal {
  constructor(
    readonly state: WorkerState,
    readonly kind: 'action' | 'query',
    readonly caseName: string,
    readonly seconds: number,
    readonly taskQueue: string,
  ) {
    super(noAnswerMessage(state, kind, caseName, seconds, taskQueue));
  }
}

function noAnswerMessage(state: WorkerState, kind: 'action' | 'query', caseName: string, seconds: number, taskQueue: string): string {
  const who =
    state === 'absent'
      ? `no keurmerk worker is running (none polls task queue "${taskQueue}"; start one: \`npm start\` or \`npm run worker\`)`
      : state === 'busy'
        ? `the keurmerk worker is running but busy (it polls task queue "${taskQueue}" and did not get to this case)`
        : 'the keurmerk worker did not answer';
  const head = `no answer for ${caseName} within ${seconds} s: ${who}.`;
  if (kind === 'query') return `${head} Temporal itself is reachable; try again in a moment.`;
  return `${head} The action was handed to Temporal and is NOT recorded yet; it may still be recorded when a worker takes up the case. Check with \`keurmerk status\` before repeating it.`;
}

export function waitSeconds(session: Session): number {
  return session.config.KEURMERK_WORKER_WAIT;
}

function timedOut(err: unknown): boolean {
  const { ServiceError, WorkflowUpdateRPCTimeoutOrCancelledError } = temporalClient();
  if (err instanceof WorkflowUpdateRPCTimeoutOrCancelledError) return true;
  const code = (err as { code?: number })?.code ?? ((err instanceof ServiceError ? err.cause : undefined) as { code?: number } | undefined)?.code;
  // 4 DEADLINE_EXCEEDED (our deadline or the server's), 1 CANCELLED
  return code === 4 || code === 1 || (err instanceof ServiceError && /deadline|timed out|no worker answered/i.test(`${err.message} ${err.cause?.message ?? ''}`));
}

/** The action whose Update is on its way, if any: what Ctrl-C interrupts (client/main.ts says what that means). */
export const inFlight: { action?: string } = {};

/** What a Ctrl-C during a command means for the case. */
export function interruptedMessage(): string {
  if (!inFlight.action) return 'interrupted: nothing was recorded';
  return `interrupted while waiting for the worker: the ${inFlight.action} was already handed to Temporal and may still be recorded when a worker takes up the case. Check with \`keurmerk status\` before repeating it.`;
}

/** Runs a call the worker must answer, within the wait; an unanswered one becomes NoWorkerAnswer. */
export async function answeredByWorker<T>(session: Session, kind: 'action' | 'query', fn: () => Promise<T>, what = 'action'): Promise<T> {
  const client = await session.client();
  const seconds = waitSeconds(session);
  if (kind === 'action') inFlight.action = `${what} for ${session.failure.kvk ? `KvK ${session.failure.kvk}` : 'this case'}`;
  try {
    return await client.withDeadline(Date.now() + seconds * 1000, fn);
  } catch (err) {
    if (!timedOut(err)) throw err;
    const taskQueue = session.config.TEMPORAL_TASK_QUEUE;
    const caseName = session.failure.kvk ? `KvK ${session.failure.kvk}` : 'this case';
    throw new NoWorkerAnswer(await workerState(client, taskQueue), kind, caseName, seconds, taskQueue);
  } finally {
    if (kind === 'action') inFlight.action = undefined;
  }
}
