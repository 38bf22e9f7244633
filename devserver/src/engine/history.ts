// GetWorkflowExecutionHistory (paging, long poll for new events, close-event filter) and its
// reverse variant. Page tokens name the run and the next event, so later pages stay on that run.
import { invalidArgument } from '../errors';
import type { Engine, Exec } from './engine';
import { HistoryEventFilterType, isOpen } from './enums';
import type { PollCall } from './task-queues';
import { LONG_POLL_MS } from './task-queues';
import { historyPage, pageLength } from './encoded-history';

const DEFAULT_PAGE_SIZE = 1000;

function encodePage(runId: string, next: number): Buffer {
  return Buffer.from(JSON.stringify({ runId, next }));
}

function decodePage(token: Uint8Array | undefined | null): { runId: string; next: number } | undefined {
  if (!token || token.length === 0) return undefined;
  try {
    const page = JSON.parse(Buffer.from(token).toString('utf8'));
    if (typeof page.runId === 'string' && Number.isInteger(page.next)) return page;
  } catch {
    // fall through
  }
  throw invalidArgument('invalid nextPageToken');
}

/** Resolves when `ready` holds, the run changes and `ready` holds, or the long poll ends. */
function waitUntil(exec: Exec, ready: () => boolean, call: PollCall): Promise<void> {
  if (ready()) return Promise.resolve();
  return new Promise((resolve) => {
    const budget = call.deadline ? Math.max(0, call.deadline - Date.now() - 1000) : LONG_POLL_MS;
    const done = () => {
      exec.historyWaiters.delete(wake);
      clearTimeout(timer);
      resolve();
    };
    const wake = () => {
      if (ready()) done();
    };
    const timer = setTimeout(done, Math.min(LONG_POLL_MS, budget));
    call.onCancel(done);
    exec.historyWaiters.add(wake);
  });
}

export async function getWorkflowExecutionHistory(engine: Engine, namespace: string, req: any, call: PollCall): Promise<any> {
  const page = decodePage(req.nextPageToken);
  const exec = engine.get(namespace, { workflowId: req.execution?.workflowId, runId: page?.runId || req.execution?.runId });
  const closeOnly = req.historyEventFilterType === HistoryEventFilterType.HISTORY_EVENT_FILTER_TYPE_CLOSE_EVENT;
  const from = page?.next ?? 1;
  if (req.waitNewEvent) {
    await waitUntil(exec, () => !isOpen(exec.s.status) || (!closeOnly && engine.visibleLength(exec) >= from), call);
  }
  if (closeOnly) {
    if (isOpen(exec.s.status)) return { history: { events: [] }, nextPageToken: encodePage(exec.s.runId, from) };
    // A result awaited with waitNewEvent: its client relocks time skipping next (see holdForRelock).
    if (req.waitNewEvent) engine.clock.holdForRelock();
    return { history: historyPage(exec, exec.log.length - 1) };
  }
  const size = req.maximumPageSize > 0 ? req.maximumPageSize : DEFAULT_PAGE_SIZE;
  const visible = engine.visibleLength(exec);
  const history = historyPage(exec, from - 1, Math.min(visible, from - 1 + size));
  const next = from + pageLength(history);
  const more = next <= visible || (req.waitNewEvent && isOpen(exec.s.status));
  return { history, nextPageToken: more ? encodePage(exec.s.runId, next) : undefined };
}

export function getWorkflowExecutionHistoryReverse(engine: Engine, namespace: string, req: any): any {
  const page = decodePage(req.nextPageToken);
  const exec = engine.get(namespace, { workflowId: req.execution?.workflowId, runId: page?.runId || req.execution?.runId });
  const size = req.maximumPageSize > 0 ? req.maximumPageSize : DEFAULT_PAGE_SIZE;
  const last = page?.next ?? engine.visibleLength(exec);
  const first = Math.max(1, last - size + 1);
  return { history: historyPage(exec, first - 1, last, true), nextPageToken: first > 1 ? encodePage(exec.s.runId, first - 1) : undefined };
}
