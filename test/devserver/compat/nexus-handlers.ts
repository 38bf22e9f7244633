// The worker side of the Nexus scenarios: a sync handler and two handlers that start a workflow
// (@temporalio/nexus WorkflowRunOperationHandler), whose close completes or cancels the operation.
import * as nexus from 'nexus-rpc';
import { startWorkflow, WorkflowRunOperationHandler } from '@temporalio/nexus';
import { shoutService } from './nexus-service';

export const shoutHandler = nexus.serviceHandler(shoutService, {
  shoutNow: async (_ctx, input) => `${input.toUpperCase()}!`,
  shoutLater: new WorkflowRunOperationHandler<string, string>((ctx, input) =>
    startWorkflow(ctx, 'shoutAfterATimer', { workflowId: `shout-later-${ctx.requestId}`, args: [input] }),
  ),
  waitForCancel: new WorkflowRunOperationHandler<string, string>((ctx, input) =>
    startWorkflow(ctx, 'waitUntilCancelled', { workflowId: `wait-for-cancel-${input}`, args: [input] }),
  ),
});
