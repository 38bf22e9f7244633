// What every notice's wording shares: who reads it (`lezer`: one role per email, issue 13), dates as
// Dutch calendar dates, the source's own references instead of our rule ids (the definition's
// `references`), the objection route (the definition's `objection`), and the command a member of staff
// types next. Employers, holders and contractors never read a rule id; the rule ids travel in the
// X-Keurmerk-Rule header.
import { DateTime } from 'luxon';

export type Data = Record<string, unknown>;
export type Reader = 'applicant' | 'accountmanager' | 'certifying-institution' | 'municipality' | 'covenant-partner' | 'holders';
export type Wording = { titel: string; alineas: string[] };
export type Notice = (x: Data) => Wording;

/** A rule id of this project (DOMAIN.md): SEBO-T5, SEBO-E1, WP-4, MVS-1, PSO-2, SROI-3; not a certificate number (SEBO-2027-014). */
export const RULE_ID = /\b(?:SEBO-[ETDRA]\d{1,2}|(?:WP|MVS|PSO|SROI)-\d)\b(?!-\d)/g;

export function reader(x: Data): Reader {
  return (typeof x.lezer === 'string' ? x.lezer : 'applicant') as Reader;
}

/** The employer (applicant or holder), or every holder of the register: the readers who never see a rule id. */
export function isEmployer(x: Data): boolean {
  const r = reader(x);
  return r === 'applicant' || r === 'holders';
}

export function d(value: unknown): string {
  if (typeof value !== 'string') return '';
  const dt = DateTime.fromISO(value, { zone: 'Europe/Amsterdam' });
  return dt.isValid ? dt.setLocale('nl').toFormat('d MMMM yyyy') : value;
}

/** The source's own reference for a rule id ("keuringsprocedure (bijlage 2), punt 8"), or undefined. */
export function source(x: Data, ruleId: unknown): string | undefined {
  if (typeof ruleId !== 'string' || !ruleId) return undefined;
  const refs = (x.verwijzingen ?? {}) as Record<string, string>;
  return refs[ruleId];
}

/** " (keuringsprocedure (bijlage 2), punt 8)" for a rule id, or "" when the definition has no reference for it. */
export function ref(x: Data, ...ruleIds: unknown[]): string {
  const refs = [...new Set(ruleIds.map((r) => source(x, r)).filter((r): r is string => !!r))];
  return refs.length ? ` (${refs.join('; ')})` : '';
}

/** The rule of the step or notice (`regel` in the data), as its source's reference. */
export function stepRef(x: Data): string {
  return ref(x, x.regel);
}

/**
 * How to object to a negative decision (the definition's `objection`, e.g. SEBO: Keurmerkreglement,
 * artikel 8). The employer reads the route itself; staff read that the employer was told it.
 */
export function objection(x: Data): string[] {
  const b = x.bezwaar as { paragraphs: string[]; reference?: string } | undefined;
  if (!b) {
    return isEmployer(x)
      ? [`Bent u het niet eens met deze beslissing, dan kunt u binnen zes weken na de datum van deze e-mail schriftelijk bezwaar maken bij ${x.eigenaar}. Vermeld uw KvK-nummer (${x.kvk}) en waarom u het er niet mee eens bent.`]
      : [`De ondernemer is gewezen op de mogelijkheid van bezwaar bij ${x.eigenaar}.`];
  }
  if (isEmployer(x)) return [...b.paragraphs, ...(b.reference ? [`Zo staat het in: ${b.reference}.`] : [])];
  return [`${x.bedrijf} is in de eigen e-mail gewezen op de mogelijkheid van bezwaar${b.reference ? ` (${b.reference})` : ''}.`];
}

/** The admin command a member of staff types next (with --scheme for every scheme but the default). */
export function command(x: Data, name: string, rest = ''): string {
  const scheme = typeof x.regelingId === 'string' && x.regelingId !== 'sebo' ? ` --scheme ${x.regelingId}` : '';
  return `keurmerk ${name} ${x.kvk}${scheme}${rest ? ` ${rest}` : ''}`;
}

/** The applicant as staff know them: "Anna de Vries (anna@korenschoof.nl)". */
export function contact(x: Data): string {
  return x.contactNaam ? `${x.contactNaam}${x.contactEmail ? ` (${x.contactEmail})` : ''}` : 'de contactpersoon van het bedrijf';
}

/** Criteria found not met, by their names: "3.1 Samenwerking met onderwijsinstellingen ...". */
export function unmetCriteria(x: Data): string[] {
  const list = Array.isArray(x.onvoldaan) ? (x.onvoldaan as { id: string; titel?: string }[]) : [];
  return list.map((c) => `- ${c.id} ${c.titel ?? ''}`.trimEnd());
}

/** The documents the employer sends, each as a list line ("- Uittreksel KvK (niet ouder dan één jaar)"), the missing ones marked. */
export function documentLines(x: Data): string[] {
  const list = Array.isArray(x.documenten) ? (x.documenten as { label: string; ontbreekt?: boolean; verplicht?: boolean }[]) : [];
  return list.map((doc, i) => `${i + 1}. ${doc.label}${doc.verplicht === false ? ' (indien van toepassing)' : ''}${doc.ontbreekt === false ? ' — ontvangen' : ''}`);
}

/** Paragraphs for the reader: picks the reader's own, or the employer's text when the role has none of its own. */
export function forReader(x: Data, by: Partial<Record<Reader | 'staff', () => string[]>>): string[] {
  const r = reader(x);
  const own = by[r] ?? (r !== 'applicant' && r !== 'holders' ? by.staff : undefined) ?? by.applicant ?? (() => []);
  return own();
}
