// Queries as legacy query tasks: a workflow task poll response with `query` set and the current
// history, answered by RespondQueryTaskCompleted. A query waits while a workflow task is scheduled or
// running, and is refused cleanly before the first workflow task completed (sdk-core would otherwise
// see an activation for a workflow it never initialised).
import { randomUUID } from 'node:crypto';
import { status } from '@grpc/grpc-js';
import { failedPrecondition, notFound, RpcError } from '../errors';
import type { Engine, Exec, PendingQuery } from './engine';
import { isOpen, QueryRejectCondition, QueryResultType, WorkflowStatus } from './enums';
import type { PollCall } from './task-queues';
import { decodeToken, encodeToken } from './tokens';
import { historyPage } from './encoded-history';
import { workflowTaskResponseBase } from './workflow-tasks';

const QUERY_TIMEOUT_MS = 30_000;

export async function queryWorkflow(engine: Engine, namespace: string, req: any, call: PollCall): Promise<any> {
  const exec = engine.get(namespace, req.execution);
  const st = exec.s.status;
  const condition = req.queryRejectCondition ?? 0;
  if (
    (condition === QueryRejectCondition.QUERY_REJECT_CONDITION_NOT_OPEN && !isOpen(st)) ||
    (condition === QueryRejectCondition.QUERY_REJECT_CONDITION_NOT_COMPLETED_CLEANLY &&
      !isOpen(st) &&
      st !== WorkflowStatus.WORKFLOW_EXECUTION_STATUS_COMPLETED)
  ) {
    return { queryRejected: { status: st } };
  }
  // Like the real server: no workflow task ever scheduled (start delay) → not ready; a first task
  // that is scheduled or running → the query waits for it; a failing task → refused.
  if (!exec.s.lastCompletedWftStartedId && (!exec.s.wft || !isOpen(st))) {
    throw new RpcError(status.FAILED_PRECONDITION, 'Workflow state is not ready to handle the request.', [
      { typeName: 'temporal.api.errordetails.v1.WorkflowNotReadyFailure', value: {} },
    ]);
  }
  if (exec.s.wft && exec.s.wft.attempt > 1 && isOpen(st)) {
    throw failedPrecondition('Cannot query workflow due to Workflow Task in failed state.');
  }
  const result = await new Promise<{ answer?: any; failure?: any; errorMessage?: string }>((resolve, reject) => {
    const budget = call.deadline ? Math.max(0, call.deadline - Date.now() - 500) : QUERY_TIMEOUT_MS;
    const query: PendingQuery = {
      id: randomUUID(),
      query: req.query,
      dispatched: false,
      resolve: (r) => {
        clearTimeout(timer);
        resolve(r);
      },
    };
    const giveUp = (message: string) => {
      const i = exec.queries.indexOf(query);
      if (i >= 0) exec.queries.splice(i, 1);
      reject(new RpcError(status.DEADLINE_EXCEEDED, message));
    };
    const timer = setTimeout(() => giveUp('query timed out: no worker answered'), Math.min(QUERY_TIMEOUT_MS, budget));
    call.onCancel(() => {
      clearTimeout(timer);
      giveUp('query cancelled');
    });
    exec.queries.push(query);
    dispatchPendingQueries(engine, exec);
  });
  if (result.failure || result.errorMessage !== undefined) {
    throw new RpcError(status.INVALID_ARGUMENT, result.errorMessage || result.failure?.message || 'query failed', [
      { typeName: 'temporal.api.errordetails.v1.QueryFailedFailure', value: { failure: result.failure } },
    ]);
  }
  return { queryResult: result.answer ?? { payloads: [] } };
}

/** Send waiting queries to the worker when no workflow task is scheduled or running. */
export function dispatchPendingQueries(engine: Engine, exec: Exec): void {
  if (exec.s.wft || !exec.s.lastCompletedWftStartedId) return;
  for (const query of exec.queries) {
    if (query.dispatched) continue;
    query.dispatched = true;
    // Matched to the next poll, ahead of other cases' workflow tasks (the real server's queryTaskC).
    engine.matching.offer(
      exec.s.namespace,
      'workflow',
      exec.s.taskQueue,
      { start: (poll) => startQueryTask(exec, query, poll) },
      { query: true },
    );
  }
}

function startQueryTask(exec: Exec, query: PendingQuery, _poll: any): any | null {
  if (!exec.queries.includes(query)) return null;
  if (exec.s.wft) {
    // A workflow task came first; the query follows it.
    query.dispatched = false;
    return null;
  }
  const last = exec.s.lastCompletedWftStartedId;
  return {
    ...workflowTaskResponseBase(exec),
    taskToken: encodeToken({
      kind: 'query',
      namespace: exec.s.namespace,
      workflowId: exec.s.workflowId,
      runId: exec.s.runId,
      id: query.id,
      dispatch: 0,
    }),
    previousStartedEventId: last,
    startedEventId: last,
    attempt: 1,
    history: historyPage(exec),
    query: query.query,
  };
}

export function respondQueryTaskCompleted(engine: Engine, req: any): any {
  const t = decodeToken(req.taskToken);
  const exec = t.kind === 'query' ? engine.find(t.namespace, t.workflowId, t.runId) : undefined;
  const query = exec?.queries.find((q) => q.id === t.id);
  if (!exec || !query) throw notFound('query task not found or already answered');
  exec.queries.splice(exec.queries.indexOf(query), 1);
  if (req.completedType === QueryResultType.QUERY_RESULT_TYPE_FAILED) {
    query.resolve({ failure: req.failure, errorMessage: req.errorMessage ?? '' });
  } else {
    query.resolve({ answer: req.queryResult });
  }
  return {};
}
