// Who may apply (SEBO-E1..E3, SEBO-D1, WP-3, SEBO-A1) and whether the documents are complete and fresh.
import type { Application, SubmittedDocument } from './inputs/application';
import type { SchemeDefinition } from './scheme';
import { type DateInput, toDateTime, toDuration } from './time';
import { builtInSchemes } from './catalogue';

export type FindingKind = 'establishment' | 'zzp' | 'affiliation' | 'look-back' | 'document-missing' | 'document-too-old';

export interface Finding {
  kind: FindingKind;
  message: string;
}

export interface EligibilityResult {
  eligible: boolean;
  findings: Finding[];
  /** When excluded by affiliation: schemes this applicant can apply for instead (SEBO-E2 → sebo-ambassadeur). */
  alternatives: string[];
}

/** SEBO-E3: at least 1 year (first) or 2 years (renewal) of history before `at`. */
export function lookBackSatisfied(scheme: SchemeDefinition, activeSince: DateInput, at: DateInput, renewal: boolean): boolean {
  const period = renewal ? (scheme.eligibility.lookBackRenewal ?? scheme.eligibility.lookBackFirst) : scheme.eligibility.lookBackFirst;
  if (!period) return true;
  return toDateTime(activeSince, scheme.zone).startOf('day').plus(toDuration(period)) <= toDateTime(at, scheme.zone);
}

/** SEBO-D1: a document with a maximum age (KvK extract: 1 year) is fresh when issued on or after `at` − maxAge (calendar day). */
export function documentFresh(maxAge: string, issuedOn: DateInput, at: DateInput, zone = 'Europe/Amsterdam'): boolean {
  const oldestAllowed = toDateTime(at, zone).startOf('day').minus(toDuration(maxAge));
  return toDateTime(issuedOn, zone).startOf('day') >= oldestAllowed;
}

/** SEBO-D1: the required documents missing or too old at `at`. */
export function checkDocuments(scheme: SchemeDefinition, documents: readonly SubmittedDocument[], at: DateInput): Finding[] {
  const findings: Finding[] = [];
  for (const doc of scheme.documents) {
    const given = documents.filter((d) => d.id === doc.id);
    if (given.length === 0) {
      if (doc.required) findings.push({ kind: 'document-missing', message: `missing document "${doc.id}" (${doc.label})` });
      continue;
    }
    if (!doc.maxAge) continue;
    const latest = given.map((d) => d.issuedOn).filter((d): d is string => !!d).sort().at(-1);
    if (!latest) {
      findings.push({ kind: 'document-too-old', message: `document "${doc.id}" needs the date on the document (issuedOn) to check it is not older than ${doc.maxAge}` });
    } else if (!documentFresh(doc.maxAge, latest, at, scheme.zone)) {
      findings.push({ kind: 'document-too-old', message: `document "${doc.id}" of ${latest} is older than ${doc.maxAge} allows` });
    }
  }
  return findings;
}

/** Eligibility of an application for a scheme at `at` (normally its submittedAt). Documents are checked separately. */
export function checkEligibility(scheme: SchemeDefinition, application: Application, at: DateInput = application.submittedAt): EligibilityResult {
  const { eligibility: rules } = scheme;
  const company = application.company;
  const findings: Finding[] = [];
  let alternatives: string[] = [];

  const region = rules.establishmentIn.map((m) => m.toLowerCase());
  if (region.length > 0 && !company.establishments.some((m) => region.includes(m.trim().toLowerCase()))) {
    findings.push({ kind: 'establishment', message: `needs an establishment in ${rules.establishmentIn.join(' or ')}` });
  }
  if (company.zzp && !rules.zzpAllowed) {
    findings.push({ kind: 'zzp', message: `${scheme.name} is not open to self-employed without staff (zzp)` });
  }
  if (company.affiliation !== 'none' && (rules.excludedAffiliations as string[]).includes(company.affiliation)) {
    alternatives = builtInSchemes
      .filter((s) => (s.eligibility.requiredAffiliations as string[]).includes(company.affiliation) && s.id !== scheme.id)
      .map((s) => s.id);
    findings.push({
      kind: 'affiliation',
      message: `a ${company.affiliation} cannot hold ${scheme.name}${alternatives.length ? `; it may apply for ${alternatives.join(', ')}` : ''}`,
    });
  }
  if (rules.requiredAffiliations.length > 0 && !(rules.requiredAffiliations as string[]).includes(company.affiliation)) {
    findings.push({ kind: 'affiliation', message: `${scheme.name} is only for a ${rules.requiredAffiliations.join(' or ')}` });
  }
  const renewal = application.kind === 'renewal';
  if (!lookBackSatisfied(scheme, company.activeSince, at, renewal)) {
    const period = renewal ? (rules.lookBackRenewal ?? rules.lookBackFirst) : rules.lookBackFirst;
    findings.push({ kind: 'look-back', message: `needs ${period} of history to look back on (active since ${company.activeSince})` });
  }
  return { eligible: findings.length === 0, findings, alternatives };
}
