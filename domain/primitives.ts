// The small zod building blocks every schema uses, each with a plain-language message.
// Dates cross Temporal as ISO strings, so dates and instants are validated strings, not Date objects.
import { DateTime } from 'luxon';
import { z } from 'zod';
import { isIsoDuration } from './time';
import { lazy } from './lazy';

const shown = (input: unknown) => (typeof input === 'string' ? `"${input}"` : String(input));

export const isoDuration = lazy(() =>
  z.string().refine(isIsoDuration, {
    error: (iss) => `expected an ISO-8601 duration, got ${shown(iss.input)} (e.g. "P1M", "P2W", "P1Y")`,
  }),
);

/** A calendar date, YYYY-MM-DD. */
export const isoDate = lazy(() =>
  z.string().refine((s) => /^\d{4}-\d{2}-\d{2}$/.test(s) && DateTime.fromISO(s).isValid, {
    error: (iss) => `expected a date as YYYY-MM-DD, got ${shown(iss.input)}`,
  }),
);

/** An instant with its offset or Z, e.g. 2026-03-01T10:00:00+01:00; a plain date means its start in Amsterdam. */
export const isoInstant = lazy(() =>
  z
    .string()
    .refine(
      (s) =>
        (/^\d{4}-\d{2}-\d{2}$/.test(s) || /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(s)) &&
        DateTime.fromISO(s).isValid,
      { error: (iss) => `expected a date (YYYY-MM-DD) or date-time with offset (2026-03-01T10:00:00+01:00), got ${shown(iss.input)}` },
    ),
);

/**
 * Free text (notes, reasons, findings): at most 10,000 characters. Everything a person types ends up in
 * the case's state and history, which Temporal carries as payloads of at most 2 MB: no field may grow
 * without bound, or a case could no longer be saved.
 */
export const TEXT_MAX_LENGTH = 10_000;
export const text = lazy(() =>
  z
    .string()
    .trim()
    .min(1, { error: 'must not be empty' })
    .max(TEXT_MAX_LENGTH, { error: (iss) => `at most ${TEXT_MAX_LENGTH} characters, got ${(iss.input as string).length}` }),
);

/**
 * A name (company, person, establishment): at most 500 characters (the KvK's longest statutory name),
 * which also keeps it under the 2,048 bytes the Temporal server allows a keyword search attribute value.
 */
export const NAME_MAX_LENGTH = 500;
export const name = lazy(() =>
  z
    .string()
    .trim()
    .min(1, { error: 'must not be empty' })
    .max(NAME_MAX_LENGTH, { error: (iss) => `at most ${NAME_MAX_LENGTH} characters, got ${(iss.input as string).length}` }),
);

/** Octets of a string in UTF-8 (limits of the server and SMTP count octets, not characters); no Buffer in the sandbox. */
export function utf8Length(s: string): number {
  let n = 0;
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    n += c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
  }
  return n;
}

/** RFC 5321 §4.5.3.1: a local part of at most 64 octets, a whole address (a path) of at most 254. */
export const EMAIL_MAX_LENGTH = 254;
export const EMAIL_LOCAL_PART_MAX_LENGTH = 64;

const clipped = (input: unknown) => (typeof input === 'string' && input.length > 80 ? `"${input.slice(0, 60)}…" (${input.length} characters)` : shown(input));

export const email = lazy(() =>
  z
    .string({ error: (iss) => `expected an email address, got ${shown(iss.input)}` })
    .max(EMAIL_MAX_LENGTH, { error: (iss) => `an email address has at most ${EMAIL_MAX_LENGTH} characters (RFC 5321), got ${clipped(iss.input)}` })
    .refine((s) => utf8Length(s.split('@')[0] ?? '') <= EMAIL_LOCAL_PART_MAX_LENGTH, {
      error: (iss) => `the part before @ has at most ${EMAIL_LOCAL_PART_MAX_LENGTH} characters (RFC 5321), got ${clipped(iss.input)}`,
    })
    .pipe(z.email({ error: (iss) => `expected an email address, got ${clipped(iss.input)}` })),
);

export const share = lazy(() =>
  z
    .number()
    .min(0, { error: 'must be a fraction between 0 and 1 (e.g. 0.03 for 3 %)' })
    .max(1, { error: 'must be a fraction between 0 and 1 (e.g. 0.03 for 3 %)' }),
);

export const count = lazy(() =>
  z
    .number()
    .int({ error: 'must be a whole number' })
    .min(0, { error: 'must not be negative' })
    .max(10_000_000, { error: 'must be at most 10,000,000' }),
);

export const amount = lazy(() =>
  z.number().min(0, { error: 'must not be negative' }),
);

/** Who performed a human action (name or role); kept out of logs and search attributes. */
export const actor = lazy(() =>
  text.max(200),
);
