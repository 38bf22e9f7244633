// Task tokens are opaque to the SDK; ours name the run, the task and the dispatch they belong to, so
// an answer to a task that timed out or was handed out again is recognised as stale.
import { invalidArgument } from '../errors';

export interface TaskToken {
  kind: 'wft' | 'activity' | 'query';
  namespace: string;
  workflowId: string;
  runId: string;
  /** scheduledEventId of the workflow/activity task, or the query id. */
  id: string;
  dispatch: number;
}

export function encodeToken(t: TaskToken): Buffer {
  return Buffer.from(JSON.stringify([t.kind, t.namespace, t.workflowId, t.runId, t.id, t.dispatch]));
}

export function decodeToken(bytes: Uint8Array | undefined | null): TaskToken {
  try {
    const [kind, namespace, workflowId, runId, id, dispatch] = JSON.parse(Buffer.from(bytes ?? []).toString('utf8'));
    if (typeof kind !== 'string' || typeof runId !== 'string') throw new Error('shape');
    return { kind: kind as TaskToken['kind'], namespace, workflowId, runId, id: String(id), dispatch: Number(dispatch) };
  } catch {
    throw invalidArgument('invalid task token');
  }
}
