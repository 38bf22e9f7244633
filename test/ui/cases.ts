// The cases the browser test looks at: real keurmerk applications started through the client.
import { WorkflowIdConflictPolicy } from '@temporalio/common';
import type { Client } from '@temporalio/client';
import type { ApplicationInput } from '../../domain';
import { caseWorkflowId, WORKFLOW_TYPES, type ApplicationStart } from '../../workflows/definitions';
import { seboApplication } from '../helpers/sebo-fixtures';

export async function startCase(client: Client, taskQueue: string, application: ApplicationInput) {
  const start: ApplicationStart = { application, accountmanagerCode: 'AM-017' };
  return client.workflow.start(WORKFLOW_TYPES.application, {
    taskQueue,
    workflowId: caseWorkflowId(application.schemeId, application.company.kvkNumber),
    workflowIdConflictPolicy: WorkflowIdConflictPolicy.FAIL,
    args: [start],
  });
}

export { seboApplication };
