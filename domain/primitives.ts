// The small zod building blocks every schema uses, each with a plain-language message.
// Dates cross Temporal as ISO strings, so dates and instants are validated strings, not Date objects.
import { DateTime } from 'luxon';
import { z } from 'zod';
import { isIsoDuration } from './time';

const shown = (input: unknown) => (typeof input === 'string' ? `"${input}"` : String(input));

export const isoDuration = z.string().refine(isIsoDuration, {
  error: (iss) => `expected an ISO-8601 duration, got ${shown(iss.input)} (e.g. "P1M", "P2W", "P1Y")`,
});

/** A calendar date, YYYY-MM-DD. */
export const isoDate = z.string().refine((s) => /^\d{4}-\d{2}-\d{2}$/.test(s) && DateTime.fromISO(s).isValid, {
  error: (iss) => `expected a date as YYYY-MM-DD, got ${shown(iss.input)}`,
});

/** An instant with its offset or Z, e.g. 2026-03-01T10:00:00+01:00; a plain date means its start in Amsterdam. */
export const isoInstant = z
  .string()
  .refine(
    (s) =>
      (/^\d{4}-\d{2}-\d{2}$/.test(s) || /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(s)) &&
      DateTime.fromISO(s).isValid,
    { error: (iss) => `expected a date (YYYY-MM-DD) or date-time with offset (2026-03-01T10:00:00+01:00), got ${shown(iss.input)}` },
  );

export const text = z.string().trim().min(1, { error: 'must not be empty' });

export const email = z.email({ error: (iss) => `expected an email address, got ${shown(iss.input)}` });

export const share = z
  .number()
  .min(0, { error: 'must be a fraction between 0 and 1 (e.g. 0.03 for 3 %)' })
  .max(1, { error: 'must be a fraction between 0 and 1 (e.g. 0.03 for 3 %)' });

export const count = z.number().int({ error: 'must be a whole number' }).min(0, { error: 'must not be negative' });

export const amount = z.number().min(0, { error: 'must not be negative' });

/** Who performed a human action (name or role); kept out of logs and search attributes. */
export const actor = text.max(200);
