// Settings of the embedded default only (`npm start` without TEMPORAL_ADDRESS): where its own
// devserver, UI and mail catcher listen. Validated like every other setting.
import { z } from 'zod';

const port = (fallback: number) => z.coerce.number().int().min(1).max(65535).default(fallback);

export const embeddedSchema = z.object({
  KEURMERK_HOST: z.string().default('127.0.0.1').describe('address the embedded services listen on'),
  KEURMERK_TEMPORAL_PORT: port(7233).describe('gRPC port of the embedded devserver'),
  KEURMERK_UI_PORT: port(8233).describe('port of the Temporal UI and HTTP API of the embedded devserver'),
  KEURMERK_SMTP_PORT: port(1025).describe('SMTP port of the embedded mail catcher'),
  KEURMERK_MAIL_WEB_PORT: port(1080).describe('web page (and REST API) of the embedded mail catcher'),
});

export type EmbeddedSettings = z.infer<typeof embeddedSchema>;
