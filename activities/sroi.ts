// SROI look-ups across schemes: the contractor's keurmerk cases (Werkpakt, PSO, SEBO, ...) found by KvK
// number through visibility, and each asked for its own status (validity, suspension, stage), so the SROI
// case can apply the credit its scheme sets and notice a suspension or lapse later.
import type { Client } from '@temporalio/client';
import type { KeurmerkHolding } from '../domain';
import { statusQuery } from '../workflows/definitions';

export function createSroiActivities(deps: { client: Client }) {
  return {
    /** Every running keurmerk holder case of this KvK number, with what its status query says. */
    async sroiKeurmerkHoldings(input: { kvkNumber: string }): Promise<KeurmerkHolding[]> {
      if (!/^\d{8}$/.test(input.kvkNumber)) throw new Error(`kvkNumber: expected 8 digits, got "${input.kvkNumber}"`);
      const query = `KeurmerkKvkNumber = '${input.kvkNumber}' AND KeurmerkCaseKind = 'holder' AND ExecutionStatus = 'Running'`;
      const out: KeurmerkHolding[] = [];
      for await (const wf of deps.client.workflow.list({ query })) {
        const status = await deps.client.workflow.getHandle(wf.workflowId).query(statusQuery);
        out.push({
          schemeId: status.schemeId,
          workflowId: wf.workflowId,
          stage: status.stage,
          validity: status.validity && { validFrom: status.validity.validFrom, expiresAt: status.validity.expiresAt },
          suspension: status.suspension && { from: status.suspension.from, until: status.suspension.until },
          running: true,
        });
      }
      return out.sort((a, b) => a.workflowId.localeCompare(b.workflowId));
    },
  };
}
