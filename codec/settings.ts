// Settings of the standalone codec server (codec/serve.ts), validated with zod like the worker's.
import { z } from 'zod';
import { DEFAULT_CODEC_PORT } from './codec-server';
import { ENCRYPTION_KEYS_ENV } from './keys';

const origins = z
  .string()
  .transform((s) => s.split(',').map((o) => o.trim()).filter(Boolean))
  .pipe(z.array(z.url({ protocol: /^https?$/, error: 'expected an origin such as http://127.0.0.1:8233' })));

export const codecServerSettingsSchema = z.object({
  [ENCRYPTION_KEYS_ENV]: z.string({ error: 'required: "<key id>:<base64 key>[,...]" (make one with codec/generate-key.ts)' }).min(1, 'required'),
  KEURMERK_CODEC_TOKEN: z
    .string({ error: 'required: a secret of at least 16 characters that every caller of the codec server must present (no default)' })
    .min(16, { error: 'at least 16 characters' })
    .describe('the secret callers of the codec server present (Authorization: Bearer, or the cookie set by /session)'),
  KEURMERK_CODEC_HOST: z.string().min(1).default('127.0.0.1').describe('address the codec server listens on'),
  KEURMERK_CODEC_PORT: z.coerce.number().int().min(0).max(65535).default(DEFAULT_CODEC_PORT).describe('port of the codec server'),
  KEURMERK_CODEC_CORS_ORIGINS: origins
    .default(['http://127.0.0.1:8233', 'http://localhost:8233'])
    .describe('comma-separated origins of the Temporal UI allowed to call the codec server'),
  TEMPORAL_NAMESPACE: z.string().min(1).default('default').describe('the only namespace served'),
});

export type CodecServerSettings = z.infer<typeof codecServerSettingsSchema>;

export function loadCodecServerSettings(env: NodeJS.ProcessEnv = process.env): CodecServerSettings {
  const parsed = codecServerSettingsSchema.safeParse(env);
  if (parsed.success) return parsed.data;
  const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
  throw new Error(`invalid codec server configuration:\n${lines.join('\n')}`);
}
