// A workflow without a run: its latest run, as the official UI does.
import { error, redirect } from '@sveltejs/kit';
import { fetchWorkflowForRunId } from '@temporalio/ui/services/workflow-service';
import { routeForEventHistory } from '@temporalio/ui/utilities/route-for';

export const load = async ({ params, fetch }) => {
  const { runId } = await fetchWorkflowForRunId({ namespace: params.namespace, workflowId: params.workflow }, fetch);
  if (!runId) error(404, `No workflow with id ${params.workflow} in namespace ${params.namespace}`);
  redirect(302, routeForEventHistory({ namespace: params.namespace, workflow: params.workflow, run: runId }));
};
