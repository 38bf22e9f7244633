// SROI cases for workflow tests: an award per test (own KvK number and contract reference), the
// actions as the coordinator records them at the server's current time, and the status query.
import { WorkflowIdConflictPolicy } from '@temporalio/common';
import type { WorkflowHandle } from '@temporalio/client';
import type { SroiCaseStartInput } from '../../domain';
import { SROI_WORKFLOW_TYPE, sroiStatusQuery, sroiWorkflowId, type SroiActionResult, type SroiStart, type SroiStatus } from '../../workflows/sroi-definitions';
import type { KeurmerkTestEnv } from './keurmerk-env';

export const contractorMail = (kvk: string) => `sroi.${kvk}@bouw.example`;
export const coordinatorMail = (kvk: string) => `coordinator.${kvk}@wsp-amersfoort.example`;

export function sroiCase(kvk: string, awardedAt: string, overrides: { contractSum?: number; contractEndsOn: string; municipality?: string; basis?: 'contract-sum' | 'wage-sum'; wageSum?: number }): SroiCaseStartInput {
  return {
    award: {
      schemeId: 'sroi-amersfoort',
      contractReference: `AMF-${kvk}`,
      awardedAt,
      contractor: { name: `Bouwbedrijf Eemland ${kvk}`, kvkNumber: kvk, contact: { name: 'Sanne Visser', email: contractorMail(kvk) } },
      contractSum: overrides.contractSum ?? 1_250_000,
      basis: overrides.basis ?? 'contract-sum',
      ...(overrides.wageSum !== undefined ? { wageSum: overrides.wageSum } : {}),
      accountmanager: { name: 'Roel Coördinator', email: coordinatorMail(kvk) },
    },
    municipality: overrides.municipality ?? 'Amersfoort',
    contractEndsOn: overrides.contractEndsOn,
    coordinatorCode: 'SR-01',
  };
}

export async function startSroi(t: KeurmerkTestEnv, input: SroiCaseStartInput, extra: Partial<SroiStart> = {}) {
  return t.client.workflow.start(SROI_WORKFLOW_TYPE, {
    taskQueue: t.taskQueue,
    workflowId: sroiWorkflowId(input.award.schemeId, input.award.contractReference),
    workflowIdConflictPolicy: WorkflowIdConflictPolicy.FAIL,
    args: [{ case: input, ...extra } satisfies SroiStart],
  });
}

export async function sroiAct(t: KeurmerkTestEnv, h: WorkflowHandle, name: string, args: Record<string, unknown> = {}): Promise<SroiActionResult> {
  const at = new Date((await t.env.currentTimeMs()) as number).toISOString();
  return h.executeUpdate<SroiActionResult, [unknown]>(name, { args: [{ at, by: 'test', ...args }] });
}

export async function sroiState(h: WorkflowHandle): Promise<SroiStatus> {
  return h.query(sroiStatusQuery);
}

/** The message of a refused update (the validator's reason). */
export async function refusal(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (err) {
    const e = err as { message?: string; cause?: { message?: string } };
    return e.cause?.message ?? e.message ?? String(err);
  }
  throw new Error('expected the action to be refused');
}

/**
 * Waits until the cases have sent every email they decided on. A test ends with this: terminating a
 * case while its email activity runs would keep that activity's time-skipping lock for ever (as on the
 * official test server), and the next test's sleep would never end.
 */
export async function drained(...handles: WorkflowHandle[]): Promise<void> {
  for (const h of handles) {
    for (let i = 0; ; i++) {
      if ((await sroiState(h)).emailsPending === 0) break;
      if (i > 400) throw new Error(`${h.workflowId}: emails still pending after 20 s`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }
}
