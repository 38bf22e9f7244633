// Eager workflow start, as the real server does it (temporalio/temporal
// service/history/api/startworkflow/api.go: prepare, generateResponse): a StartWorkflowExecution
// with requestEagerExecution creates the run with its first workflow task already started for the
// calling worker (WorkflowTaskScheduled + WorkflowTaskStarted, identity of the request) and returns
// that task as `eagerWorkflowTask`, a PollWorkflowTaskQueueResponse, without going through matching.
// Denied (a normal start) when the first workflow task is delayed (start delay); the dynamic config
// system.enableEagerWorkflowStart is on by default and always on here. The Java test server does the
// same (TestWorkflowMutableStateImpl, eagerWorkflowTask), so both modes hand it out.
import type { Engine, Exec } from './engine';
import { ms } from './enums';
import { enqueueWorkflowTask, startWorkflowTask } from './workflow-tasks';

export function eagerStartAllowed(req: any): boolean {
  return Boolean(req.requestEagerExecution) && !(ms(req.workflowStartDelay) > 0);
}

/**
 * Start the new run's first workflow task for the caller. Should that not be possible, the task goes
 * to matching after all (it was held back from it) and the start is an ordinary one.
 */
export function startEagerTask(engine: Engine, exec: Exec, req: any): any | undefined {
  const wft = exec.s.wft;
  if (!wft || wft.startedEventId) return undefined;
  const task = startWorkflowTask(engine, exec, wft.scheduledEventId, wft.dispatch, { identity: req.identity ?? '' });
  if (!task) {
    enqueueWorkflowTask(engine, exec);
    return undefined;
  }
  // As generateResponse: no previous started event and no further pages.
  return { ...task, previousStartedEventId: 0 };
}
