// Order in time within a keuring (SEBO-T4..T6) and at the door (SEBO-T1, SEBO-D1): what cannot have
// happened yet, or not in this order. Each function gives the reason to refuse, or undefined.
import type { SubmittedDocument } from '../inputs/application';
import type { SchemeDefinition } from '../scheme';
import { type DateInput, toDateTime } from '../time';

const msOf = (at: DateInput) => toDateTime(at).toMillis();

/** SEBO-T4/T5: an audit cannot be recorded as done before its planned time (neither dated nor recorded before it). */
export function auditDoneRefusal(auditAt: DateInput, at: DateInput, now: DateInput): string | undefined {
  if (msOf(at) >= msOf(auditAt) && msOf(now) >= msOf(auditAt)) return undefined;
  return `auditDone.at: the audit is planned for ${String(auditAt)}; it cannot be recorded as done before then (dated ${String(at)})`;
}

/**
 * SEBO-T5: "na de audit heeft de Keurmerkaanvrager/-houder 2 weken gelegenheid om nadere informatie op
 * te sturen; de auditor betrekt deze in de eindrapportage". The report cannot close that window (or the
 * extension the auditor granted): it is accepted only once the window has ended.
 */
export function reportRefusal(supplementsUntil: DateInput | undefined, at: DateInput, now: DateInput): string | undefined {
  if (!supplementsUntil) return undefined;
  if (msOf(at) > msOf(supplementsUntil) && msOf(now) > msOf(supplementsUntil)) return undefined;
  return `SEBO-T5: the applicant may still send supplements until ${String(supplementsUntil)}, and the report must take them into account; record the report after that`;
}

/** SEBO-T1: an application cannot be submitted in the future (beyond a small clock tolerance). */
export function submittedInFutureRefusal(submittedAt: DateInput, now: DateInput, toleranceMs: number): string | undefined {
  if (msOf(submittedAt) <= msOf(now) + toleranceMs) return undefined;
  return `submittedAt: ${String(submittedAt)} is in the future; an application is submitted when it is received (now or earlier)`;
}

/** SEBO-D1: document ids the scheme does not know (a typo must not be silently ignored). */
export function unknownDocumentsRefusal(scheme: SchemeDefinition, documents: readonly SubmittedDocument[], field = 'documents'): string | undefined {
  const known = new Set(scheme.documents.map((d) => d.id));
  const unknown = [...new Set(documents.map((d) => d.id).filter((id) => !known.has(id)))];
  if (unknown.length === 0) return undefined;
  return `${field}: unknown document id ${unknown.map((u) => `"${u}"`).join(', ')}; expected one of ${[...known].join(', ')}`;
}
