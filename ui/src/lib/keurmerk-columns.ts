// keurmerk's own search attributes (workflows/search-attributes.ts: every name starts with
// "Keurmerk") as columns of the workflows list, unless the operator already chose columns for this
// namespace (the library keeps that choice in localStorage).
import { get } from 'svelte/store';
import { persistedWorkflowTableColumns } from '@temporalio/ui/stores/configurable-table-columns';

const PREFIX = 'Keurmerk';
const ORDER = ['KeurmerkScheme', 'KeurmerkCaseKind', 'KeurmerkStage', 'KeurmerkKvkNumber', 'KeurmerkNextDeadline'];
/** Registered for cases from before, written by none since (the company name is in the encrypted memo). */
const RETIRED = new Set(['KeurmerkCompanyName']);

export function showKeurmerkColumns(namespace: string, customAttributes: string[]): void {
  const chosen = get(persistedWorkflowTableColumns) as Record<string, { label: string }[]>;
  if (chosen?.[namespace]?.length) return;
  const keurmerk = customAttributes
    .filter((name) => name.startsWith(PREFIX) && !RETIRED.has(name))
    .sort((a, b) => rank(a) - rank(b));
  if (!keurmerk.length) return;
  persistedWorkflowTableColumns.set({
    ...chosen,
    [namespace]: [
      { label: 'Status' },
      { label: 'Workflow ID' },
      { label: 'Type' },
      ...keurmerk.map((label) => ({ label })),
      { label: 'Start' },
      { label: 'End' },
    ],
  });
}

function rank(name: string): number {
  const index = ORDER.indexOf(name);
  return index === -1 ? ORDER.length : index;
}
