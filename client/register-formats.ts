// The public register of keurmerk holders (SEBO-R6) in the three forms a municipality publishes: JSON
// for its website's scripts, CSV for a spreadsheet, HTML as a complete page. Suspended holders are
// listed as suspended, with the period (SEBO-R2: "vermeldt schorsingen op de website"). Only
// organisation data goes in (SEBO-R5): no person names, no email addresses.
import { registerPage } from './register-page';

export interface RegisterEntry {
  scheme: string;
  company: string;
  kvk: string;
  /** SEBO-R2: a current holder, or a suspended one (which may not use the keurmerk meanwhile). */
  status: 'current' | 'suspended';
  /**
   * YYYY-MM-DD, the last day the keurmerk is valid ("geldig tot en met"), the same date as on the
   * certificate: the day before the case lapses (SEBO-T10, SEBO-T13; domain lastValidDay).
   */
  validThrough?: string;
  /** SEBO-R2: first and last day of the suspension (YYYY-MM-DD). */
  suspendedFrom?: string;
  suspendedUntil?: string;
}

export const REGISTER_FORMATS = ['json', 'csv', 'html'] as const;
export type RegisterFormat = (typeof REGISTER_FORMATS)[number];

const CSV_HEADER = ['scheme', 'company', 'kvk', 'status', 'validThrough', 'suspendedFrom', 'suspendedUntil'] as const;

/** RFC 4180: a field with a comma, quote or line break is quoted, quotes doubled; lines end CRLF. */
function csvField(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value; // no formulas when opened in a spreadsheet
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function registerCsv(entries: RegisterEntry[]): string {
  const rows = [CSV_HEADER.map(String), ...entries.map((e) => CSV_HEADER.map((k) => e[k] ?? ''))];
  return rows.map((row) => row.map(csvField).join(',')).join('\r\n') + '\r\n';
}

export function registerJson(entries: RegisterEntry[]): string {
  return `${JSON.stringify(entries, null, 2)}\n`;
}

/** A complete, styled, accessible page (client/register-page.ts). */
export function registerHtml(entries: RegisterEntry[], asOf?: string): string {
  return registerPage(entries, { asOf });
}

export function formatRegister(entries: RegisterEntry[], format: RegisterFormat, asOf?: string): string {
  const sorted = [...entries].sort((a, b) => a.scheme.localeCompare(b.scheme) || a.company.localeCompare(b.company, 'nl'));
  switch (format) {
    case 'json':
      return registerJson(sorted);
    case 'csv':
      return registerCsv(sorted);
    case 'html':
      return registerHtml(sorted, asOf);
  }
}
