// Every setting of the worker, the admin command and `npm start`, read from the environment and
// validated with zod at start: a wrong setting stops the start with a message naming the setting.
import { IANAZone } from 'luxon';
import { z } from 'zod';

const optionalString = z.string().trim().min(1).optional();

export const configSchema = z
  .object({
    TEMPORAL_ADDRESS: z
      .string()
      .regex(/^[^:\s]+:\d{1,5}$/, 'expected host:port, e.g. 127.0.0.1:7233')
      .optional()
      .describe('Temporal frontend; when unset `npm start` runs the embedded devserver'),
    TEMPORAL_NAMESPACE: z.string().min(1).default('default').describe('Temporal namespace'),
    TEMPORAL_TASK_QUEUE: z.string().min(1).default('keurmerk').describe('task queue of the keurmerk worker'),
    TEMPORAL_TLS_CERT: optionalString.describe('path to a TLS client certificate (PEM) for a hosted Temporal'),
    TEMPORAL_TLS_KEY: optionalString.describe('path to the key of TEMPORAL_TLS_CERT (PEM)'),
    TEMPORAL_API_KEY: optionalString.describe('API key for a hosted Temporal (instead of a client certificate)'),
    SMTP_URL: z
      .string()
      .regex(/^smtps?:\/\/\S+$/, 'expected smtp://host:port or smtps://user:pass@host:port')
      .default('smtp://127.0.0.1:1025')
      .describe('where email is sent'),
    MAIL_FROM: z.string().email('expected an email address').default('keurmerk@gemeente.example').describe('sender of every email'),
    KEURMERK_CI_EMAIL: z
      .string()
      .email('expected an email address')
      .default('audit@certificerende-instelling.example')
      .describe('the certifying institution (SEBO-T3..T6): audit, report and renewal emails'),
    KEURMERK_MUNICIPALITY_EMAIL: z
      .string()
      .email('expected an email address')
      .default('keurmerk@gemeente.example')
      .describe('the municipality as owner of the keurmerk (SEBO-T7, R2, R3): decisions and escalations without an accountmanager'),
    KEURMERK_ENCRYPTION_KEYS: optionalString.describe('payload encryption keys (codec/README.md); the same value for worker and admin command'),
    KEURMERK_TIME_ZONE: z
      .string()
      .refine((zone) => IANAZone.isValidZone(zone), { error: (iss) => `expected an IANA time zone such as Europe/Amsterdam, got "${String(iss.input)}"` })
      .default('Europe/Amsterdam').describe('time zone the admin command shows dates in (deadlines are computed in each scheme\'s own zone)'),
    KEURMERK_SCHEME_FILES: z
      .string()
      .optional()
      .transform((v) => (v ? v.split(',').map((s) => s.trim()).filter(Boolean) : []))
      .describe('comma-separated JSON or YAML scheme definitions loaded besides the built-in ones'),
    KEURMERK_WORKER_WAIT: z.coerce
      .number({ error: 'expected a number of seconds' })
      .int({ error: 'expected a whole number of seconds' })
      .min(1, { error: 'at least 1 second' })
      .max(600, { error: 'at most 600 seconds' })
      .default(20)
      .describe('seconds the admin command waits for the worker to answer an action or a status before it says why not'),
    KEURMERK_LEDGER_URL: z
      .string()
      .trim()
      .regex(/^postgres(ql)?:\/\/[^\s/]+\/[^\s/?]+(\?\S*)?$/, 'expected postgres://user:password@host:5432/database')
      .optional()
      .describe('the shared email ledger of several workers (PostgreSQL); unset: a file per worker in KEURMERK_DATA_DIR'),
    KEURMERK_STATUS_WAIT: z.coerce
      .number({ error: 'expected a number of seconds' })
      .min(0.1, { error: 'at least 0.1 seconds' })
      .max(600, { error: 'at most 600 seconds' })
      .default(1)
      .describe("seconds `keurmerk status` waits for the worker's full answer before it shows what Temporal recorded and why the rest is missing"),
    KEURMERK_WORKFLOW_TASK_SLOTS: z.coerce
      .number({ error: 'expected a whole number' })
      .int({ error: 'expected a whole number' })
      .min(2, { error: 'at least 2' })
      .max(200, { error: 'at most 200' })
      .default(8)
      .describe('workflow tasks the worker works on at once: few enough that each finishes well within its 10 s timeout'),
    KEURMERK_ACTIVITY_SLOTS: z.coerce
      .number({ error: 'expected a whole number' })
      .int({ error: 'expected a whole number' })
      .min(1, { error: 'at least 1' })
      .max(500, { error: 'at most 500' })
      .default(20)
      .describe('activities (emails, look-ups) the worker runs at once'),
    KEURMERK_DATA_DIR: z.string().default('./data').describe('where the embedded devserver and the email ledger keep their files'),
  })
  .superRefine((c, ctx) => {
    if (Boolean(c.TEMPORAL_TLS_CERT) !== Boolean(c.TEMPORAL_TLS_KEY)) {
      ctx.addIssue({ code: 'custom', path: [c.TEMPORAL_TLS_CERT ? 'TEMPORAL_TLS_KEY' : 'TEMPORAL_TLS_CERT'], message: 'TEMPORAL_TLS_CERT and TEMPORAL_TLS_KEY go together' });
    }
  });

export type Config = z.infer<typeof configSchema>;

export class ConfigError extends Error {}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = configSchema.safeParse(env);
  if (parsed.success) return parsed.data;
  const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
  throw new ConfigError(`invalid configuration:\n${lines.join('\n')}`);
}
