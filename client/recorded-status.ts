// What Temporal itself recorded about a case (DescribeWorkflowExecution: the case's search attributes
// and run), for `keurmerk status` when the worker cannot answer in time (issue 16): the stage, the next
// deadline and the accountmanager are as current as the case's last completed step; the open deadlines
// and the history need the worker.
import type { WorkflowHandle } from '@temporalio/client';
import { ACCOUNTMANAGER, CASE_KIND, KVK_NUMBER, NEXT_DEADLINE, SCHEME, STAGE } from '../workflows/search-attributes';
import { fields, when } from './output';
import type { WorkerState } from './worker-wait';

export interface RecordedStatus {
  workflowId: string;
  schemeId?: string;
  caseKind?: string;
  stage?: string;
  kvkNumber?: string;
  accountmanagerCode?: string;
  nextDeadline?: string;
  /** RUNNING, COMPLETED, ... */
  status: string;
  startedAt: string;
  /** events in the case's history so far */
  historyLength: number;
}

export async function recordedSummary(handle: WorkflowHandle): Promise<RecordedStatus> {
  const d = await handle.describe();
  const sa = d.typedSearchAttributes;
  return {
    workflowId: d.workflowId,
    schemeId: sa.get(SCHEME),
    caseKind: sa.get(CASE_KIND),
    stage: sa.get(STAGE),
    kvkNumber: sa.get(KVK_NUMBER),
    accountmanagerCode: sa.get(ACCOUNTMANAGER),
    nextDeadline: sa.get(NEXT_DEADLINE)?.toISOString(),
    status: d.status.name,
    startedAt: d.startTime.toISOString(),
    historyLength: d.historyLength,
  };
}

export function formatRecorded(r: RecordedStatus, zone: string): string {
  return [
    'As recorded by Temporal (the worker has not answered yet: no open deadlines or history)',
    fields([
      ['case', r.workflowId],
      ['kvk', r.kvkNumber],
      ['scheme', r.schemeId],
      ['kind', r.caseKind],
      ['stage', r.stage ? `${r.stage}${r.status === 'RUNNING' ? '' : ` (${r.status.toLowerCase()})`}` : `not recorded yet (the worker has not taken up the case since it started ${when(r.startedAt, zone)})`],
      ['next deadline', r.nextDeadline && when(r.nextDeadline, zone)],
      ['accountmanager', r.accountmanagerCode],
    ]),
  ].join('\n');
}

export function busyNotice(state: WorkerState, taskQueue: string, seconds: number): string {
  const who =
    state === 'busy'
      ? `the keurmerk worker is running but busy (it polls task queue "${taskQueue}" and did not answer within ${seconds} s)`
      : `the keurmerk worker did not answer within ${seconds} s`;
  return `note: ${who}; above is what Temporal recorded. Temporal itself is reachable. The open deadlines and the history follow when the worker answers: try again in a moment.`;
}
