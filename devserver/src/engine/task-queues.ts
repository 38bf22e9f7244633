// Long-poll matching of tasks to pollers. A queued task is a closure that starts the task for one
// poll request (writing e.g. WorkflowTaskStarted) and answers the poll response, or null when the
// task went stale meanwhile (workflow closed, activity cancelled). Polls hold until a task arrives,
// the call is cancelled or the poll times out; a cancelled poll never receives a task.
// A query task is matched to a poller only, never stored in the backlog, as the real server's matcher
// does (TaskMatcher.OfferQuery: a sync match on its own channel, beside the one the backlog feeds):
// it goes to the next poll ahead of the workflow tasks waiting there.

export type TaskKind = 'workflow' | 'activity' | 'nexus';

export interface QueuedTask {
  start(pollRequest: any): any | null;
}

export interface PollCall {
  cancelled: () => boolean;
  onCancel: (fn: () => void) => void;
  deadline?: number;
}

interface Poller {
  request: any;
  identity: string;
  call: PollCall;
  done: boolean;
  resolve(response: any | null): void;
}

interface Queue {
  tasks: QueuedTask[];
  /** Query tasks waiting for a poller (not backlog: they are handed out first). */
  queries: QueuedTask[];
  pollers: Poller[];
  /** identity → last poll time, for DescribeTaskQueue. */
  recentPollers: Map<string, number>;
}

/** A task that cannot be started is dropped (its timeout recovers it), never failing the caller. */
function startSafely(task: QueuedTask, request: any): any | null {
  try {
    return task.start(request);
  } catch (err) {
    console.error('keurmerk-devserver: could not hand out a task', err);
    return null;
  }
}

/** How long a poll is held before an empty answer (sdk-core simply polls again). */
export const LONG_POLL_MS = 20_000;

export class Matching {
  private queues = new Map<string, Queue>();

  private queue(namespace: string, kind: TaskKind, name: string): Queue {
    const key = `${namespace}\u0000${kind}\u0000${name}`;
    let q = this.queues.get(key);
    if (!q) {
      q = { tasks: [], queries: [], pollers: [], recentPollers: new Map() };
      this.queues.set(key, q);
    }
    return q;
  }

  /** Hands the task to a waiting poller, else queues it: a query ahead of the backlog (`query`). */
  offer(namespace: string, kind: TaskKind, name: string, task: QueuedTask, options: { query?: boolean } = {}): void {
    const q = this.queue(namespace, kind, name);
    while (q.pollers.length) {
      const poller = q.pollers.shift()!;
      if (poller.done || poller.call.cancelled()) continue;
      const response = startSafely(task, poller.request);
      if (response === null) return;
      poller.done = true;
      poller.resolve(response);
      return;
    }
    (options.query ? q.queries : q.tasks).push(task);
  }

  poll(namespace: string, kind: TaskKind, name: string, request: any, call: PollCall, now: number): Promise<any | null> {
    const q = this.queue(namespace, kind, name);
    const identity = request.identity ?? '';
    q.recentPollers.set(identity, now);
    while (q.queries.length || q.tasks.length) {
      const task = (q.queries.length ? q.queries : q.tasks).shift()!;
      const response = startSafely(task, request);
      if (response !== null) return Promise.resolve(response);
    }
    return new Promise((resolve) => {
      const poller: Poller = { request, identity, call, done: false, resolve };
      const finish = () => {
        if (poller.done) return;
        poller.done = true;
        clearTimeout(timer);
        const i = q.pollers.indexOf(poller);
        if (i >= 0) q.pollers.splice(i, 1);
        resolve(null);
      };
      const budget = call.deadline ? Math.max(0, call.deadline - Date.now() - 1000) : LONG_POLL_MS;
      const timer = setTimeout(finish, Math.min(LONG_POLL_MS, budget));
      poller.resolve = (response) => {
        clearTimeout(timer);
        resolve(response);
      };
      call.onCancel(finish);
      q.pollers.push(poller);
    });
  }

  /** Answer every waiting poll of this worker identity empty (ShutdownWorker). */
  releasePollers(namespace: string, identity: string): void {
    for (const [key, q] of this.queues) {
      if (!key.startsWith(`${namespace}\u0000`)) continue;
      for (const poller of [...q.pollers]) {
        if (poller.identity !== identity || poller.done) continue;
        poller.done = true;
        q.pollers.splice(q.pollers.indexOf(poller), 1);
        poller.resolve(null);
      }
    }
  }

  describe(namespace: string, kind: TaskKind, name: string): { pollers: { identity: string; lastAccessTime: number }[]; backlog: number } {
    const q = this.queue(namespace, kind, name);
    return {
      pollers: [...q.recentPollers].map(([identity, lastAccessTime]) => ({ identity, lastAccessTime })),
      backlog: q.tasks.length,
    };
  }
}
