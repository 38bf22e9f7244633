// Help text for the options derived from the domain schemas: what a value looks like (recognised by
// the domain's own building blocks) and, for the fields every action shares, what it means.
import type { z } from 'zod';
import { DateTime } from 'luxon';
import { actor, email, isoDate, isoDuration, isoInstant } from '../domain/primitives';
import { ApplicationSchema } from '../domain/inputs/application';
import type { HintOf, SchemaField } from './schema-options';

const hints = new Map<z.ZodType, string>([
  [isoInstant, 'date-time'],
  [isoDate, 'YYYY-MM-DD'],
  [email, 'email'],
  [isoDuration, 'duration'],
  [actor, 'name'],
  [ApplicationSchema.shape.company.shape.kvkNumber, '8 digits'],
]);

export const hintOf: HintOf = (schema) => hints.get(schema);

const meanings: Record<string, string> = {
  at: 'when it happened (default: now)',
  submittedAt: 'when the application was submitted (default: now)',
  kind: 'a first application or a re-keuring (default: first)',
  'company.name': 'name of the company (public in the register)',
  'company.activeSince': 'since when the company is active (SEBO-E3 look-back)',
  'company.establishments': 'municipality of each establishment (SEBO-E1)',
  'company.zzp': 'self-employed without staff',
  'contact.name': 'contact person at the company',
  'contact.email': "the contact person's email; reminders go there",
  'figures.establishments': 'number of establishments',
  by: 'who records it (kept out of logs)',
  notes: 'notes for the case history',
  reason: 'why',
  until: 'until when',
};

export function describeField(field: SchemaField): string {
  const name = field.path[field.path.length - 1]!;
  const meaning = meanings[field.path.join('.')] ?? meanings[name] ?? '';
  const choices = field.kind === 'list' ? 'comma-separated or repeated' : '';
  return [meaning, choices].filter(Boolean).join('; ');
}

/** "Now" as the domain's instants are written: ISO-8601 with the offset of the scheme's time zone. */
export function nowIso(zone: string): string {
  return DateTime.now().setZone(zone).toISO({ suppressMilliseconds: true })!;
}
