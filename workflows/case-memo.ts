// The memo every keurmerk case keeps for the operators' views (`keurmerk list`, the Temporal UI's
// "Memo" of a case). Unlike search attributes, a memo is a payload: with KEURMERK_ENCRYPTION_KEYS set
// the worker's codec encrypts it, so the server stores no plaintext of it (SEBO-R5). The company name
// lives here, not in a search attribute, because a zzp's company is often the person's own name
// (docs/decisions/company-name-not-searchable.md).

/** The memo's fields, as the workflow upserts them and the admin command reads them. */
export interface CaseMemo {
  companyName: string;
}

/** The company name from a decoded memo (undefined when the memo is absent or still encrypted). */
export function memoCompanyName(memo: Record<string, unknown> | undefined): string | undefined {
  const value = memo?.companyName;
  return typeof value === 'string' ? value : undefined;
}
