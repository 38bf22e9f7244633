// ExecuteMultiOperation: Update-with-Start, the one combination the real server accepts: start (or,
// with USE_EXISTING, join) a workflow and run an update on that run. A failure names the operation
// that failed and marks the other aborted, as the SDK expects.
import { status } from '@grpc/grpc-js';
import { invalidArgument, RpcError } from '../errors';
import { encode, lookupType } from '../proto';
import type { Engine } from './engine';
import type { PollCall } from './task-queues';
import { startWorkflow } from './start';
import { updateWorkflowExecution } from './updates';

const ABORTED = 'temporal.api.failure.v1.MultiOperationExecutionAborted';

function multiOperationFailure(err: unknown, failedIndex: number): unknown {
  if (!(err instanceof RpcError)) return err;
  const statuses = [0, 1].map((i) =>
    i === failedIndex
      ? {
          code: err.code,
          message: err.message,
          details: err.details.map((d) => ({ type_url: `type.googleapis.com/${d.typeName}`, value: encode(lookupType(d.typeName), d.value) })),
        }
      : { code: status.ABORTED, message: 'Operation was aborted.', details: [{ type_url: `type.googleapis.com/${ABORTED}`, value: Buffer.alloc(0) }] },
  );
  return new RpcError(err.code, `Update-with-Start could not be executed: ${err.message}`, [
    { typeName: 'temporal.api.errordetails.v1.MultiOperationExecutionFailure', value: { statuses } },
  ]);
}

export async function executeMultiOperation(engine: Engine, namespace: string, req: any, call: PollCall): Promise<any> {
  const [first, second] = req.operations ?? [];
  const start = first?.startWorkflow;
  const update = second?.updateWorkflow;
  if (req.operations?.length !== 2 || !start || !update) {
    throw invalidArgument('operations must be exactly [startWorkflow, updateWorkflow] (Update-with-Start)');
  }
  if (update.workflowExecution?.workflowId && update.workflowExecution.workflowId !== start.workflowId) {
    throw invalidArgument('the update must name the workflow id of the start operation');
  }
  let outcome;
  try {
    // Like the real frontend (errMultiOpEagerWorkflow): Update-with-Start cannot be eager.
    if (start.requestEagerExecution) throw invalidArgument('RequestEagerExecution is not supported.');
    outcome = startWorkflow(engine, namespace, start);
  } catch (err) {
    throw multiOperationFailure(err, 0);
  }
  const { exec, started } = outcome;
  try {
    const updateResponse = await updateWorkflowExecution(
      engine,
      namespace,
      { ...update, workflowExecution: { workflowId: exec.s.workflowId, runId: exec.s.runId } },
      call,
    );
    return {
      responses: [{ startWorkflow: { runId: exec.s.runId, started, status: exec.s.status } }, { updateWorkflow: updateResponse }],
    };
  } catch (err) {
    throw multiOperationFailure(err, 1);
  }
}
