// Applications and helpers for the SEBO workflow tests. Each test uses its own KvK number, so cases
// in one shared server never collide (the workflow id is sebo-<kvk>).
import { WorkflowIdConflictPolicy } from '@temporalio/common';
import type { ApplicationInput } from '../../domain';
import { caseWorkflowId, statusQuery, WORKFLOW_TYPES, type ApplicationStart, type CaseStatus } from '../../workflows/definitions';
import type { HolderInput } from '../../workflows/holder';
import type { KeurmerkTestEnv } from './keurmerk-env';

let counter = 0;
/** A fresh 8-digit KvK number per call within this process. */
export function nextKvk(): string {
  counter += 1;
  return String(10_000_000 + ((process.pid % 5_000) * 1_000 + counter) % 89_999_999).padStart(8, '0');
}

export function seboApplication(kvk: string, submittedAt: Date, overrides: Partial<ApplicationInput> = {}): ApplicationInput {
  return {
    schemeId: 'sebo',
    kind: 'first',
    submittedAt: submittedAt.toISOString(),
    company: {
      name: `Bakker & Zn ${kvk}`,
      kvkNumber: kvk,
      establishments: ['Zoetermeer'],
      zzp: false,
      affiliation: 'none',
      activeSince: '2015-01-01',
    },
    contact: { name: 'Els de Bakker', email: `els.${kvk}@bakker.example` },
    accountmanager: { name: 'Ahmed Accountmanager', email: `am.${kvk}@wsp.example` },
    ...overrides,
  };
}

export const SEBO_DOCUMENTS = [
  'organisation-description',
  'kvk-extract',
  'sebo-goals',
  'accountmanager-contact',
  'plan-of-approach',
  'external-partners',
  'inflow-measures',
  'unpaid-hours',
];

export function allDocuments(at: Date) {
  return SEBO_DOCUMENTS.map((id) => ({ id, receivedAt: at.toISOString(), ...(id === 'kvk-extract' ? { issuedOn: at.toISOString().slice(0, 10) } : {}) }));
}

export async function startApplication(t: KeurmerkTestEnv, application: ApplicationInput, extra: Partial<ApplicationStart> = {}) {
  const start: ApplicationStart = { application, accountmanagerCode: 'AM-017', ...extra };
  return t.client.workflow.start(WORKFLOW_TYPES.application, {
    taskQueue: t.taskQueue,
    workflowId: caseWorkflowId(application.schemeId, application.company.kvkNumber),
    workflowIdConflictPolicy: WorkflowIdConflictPolicy.FAIL,
    args: [start],
  });
}

/** An existing holder (imported), e.g. to receive the members' meeting agenda. */
export async function startHolder(
  t: KeurmerkTestEnv,
  kvk: string,
  validFrom: Date,
  expiresAt: Date,
  schemeId = 'sebo',
  extra: Partial<NonNullable<HolderInput['grant']>> = {},
) {
  const input: HolderInput = {
    grant: {
      schemeId,
      company: { name: `Houder ${kvk}`, kvkNumber: kvk },
      contact: { name: 'Hans Houder', email: `houder.${kvk}@holder.example` },
      accountmanager: { name: 'Ahmed Accountmanager', email: `am.${kvk}@wsp.example` },
      accountmanagerCode: 'AM-017',
      decidedAt: validFrom.toISOString(),
      activeSince: '2010-01-01',
      validity: { validFrom: validFrom.toISOString(), expiresAt: expiresAt.toISOString() },
      ...extra,
    },
  };
  return t.client.workflow.start(WORKFLOW_TYPES.holder, {
    taskQueue: t.taskQueue,
    workflowId: caseWorkflowId(schemeId, kvk),
    workflowIdConflictPolicy: WorkflowIdConflictPolicy.FAIL,
    args: [input],
  });
}

export async function status(t: KeurmerkTestEnv, workflowId: string): Promise<CaseStatus> {
  return t.client.workflow.getHandle(workflowId).query(statusQuery);
}

export const DAY = 24 * 60 * 60 * 1000;
