// The one activity that sends email. An email must reach its recipients exactly once even though
// Temporal delivers activities at least once (retries, a worker that dies mid-activity). So:
//  1. the idempotency key is the activity's identity in its workflow run (workflow id + run id +
//     activity id): identical for every retry of this activity, different for every other email;
//  2. the durable sent-ledger is checked first; a key found there means "already sent": return;
//  3. the Message-ID is derived from the key, so even a duplicate that slips through (below) carries
//     the same Message-ID and mail clients/servers that de-duplicate on it show it once;
//  4. right after SMTP accepted the message, the key is written to the ledger (synchronous, fsync'd).
// The remaining window: the process dies after the SMTP server accepted the message and before the
// ledger row is committed (microseconds of local I/O). Then the retry sends again, with the same
// Message-ID. Closing it fully would need the SMTP server to take part in a transaction, which SMTP
// cannot do; a crash between the ledger write and the activity's completion (much wider: a network
// round trip to Temporal) is covered by the ledger.
import { Context } from '@temporalio/activity';
import { createHash } from 'node:crypto';
import type { Transporter } from 'nodemailer';
import { z } from 'zod';
import { renderEmail } from './render';
import { actionWording, NOTICES } from './wording';
import type { SentLedger } from './sent-ledger';
import { renderCertificate } from '../certificate/render-certificate';

const isoInstant = z.string().refine((s) => !Number.isNaN(Date.parse(s)), 'expected an ISO-8601 date-time');

export const emailRequestSchema = z.object({
  template: z.enum(['step-reminder', 'step-escalation', 'meeting-agenda', 'notice']),
  /** for template 'notice': which notice (see wording.ts) */
  notice: z.string().optional(),
  to: z.array(z.string().email('expected an email address')).min(1, 'an email needs at least one recipient'),
  cc: z.array(z.string().email('expected an email address')).default([]),
  /** the workflow's time when it decided to send: the email's Date header (tests skip time) */
  date: isoInstant,
  data: z.record(z.string(), z.unknown()),
  certificate: z
    .object({
      certificateNumber: z.string(),
      schemeName: z.string(),
      companyName: z.string(),
      kvkNumber: z.string(),
      validFrom: isoInstant,
      validUntil: isoInstant,
      issuedAt: isoInstant,
    })
    .optional(),
  /** set by callers that send several emails from one activity (holder broadcasts) */
  idempotencySuffix: z.string().optional(),
});
export type EmailRequest = z.input<typeof emailRequestSchema>;

export interface EmailResult {
  messageId: string;
  alreadySent: boolean;
}

export interface EmailDeps {
  transport: Transporter;
  ledger: SentLedger;
  from: string;
  /** test seam: runs after the ledger write and before the activity completes (crash tests) */
  afterSent?: (idempotencyKey: string) => void | Promise<void>;
}

export function messageIdFor(idempotencyKey: string, from: string): string {
  const domain = from.split('@')[1] ?? 'keurmerk.local';
  return `<${createHash('sha256').update(idempotencyKey).digest('hex').slice(0, 40)}@${domain}>`;
}

export function currentIdempotencyKey(suffix?: string): string {
  const info = Context.current().info;
  const run = info.workflowExecution;
  if (!run) throw new Error('an email is only sent from a workflow activity (its idempotency key is the workflow run + activity id)');
  const base = `${run.workflowId}/${run.runId}/${info.activityId}`;
  return suffix ? `${base}/${suffix}` : base;
}

function templateData(req: z.infer<typeof emailRequestSchema>): Record<string, unknown> {
  const data: Record<string, unknown> = { ...req.data };
  if (typeof data.actie === 'string') data.actie = actionWording(data.actie);
  if (req.template === 'notice') {
    const notice = req.notice && NOTICES[req.notice];
    if (!notice) throw new Error(`unknown notice "${req.notice}"`);
    Object.assign(data, notice(data));
  }
  return data;
}

export async function deliverEmail(deps: EmailDeps, input: EmailRequest, idempotencyKey: string): Promise<EmailResult> {
  const req = emailRequestSchema.parse(input);
  const messageId = messageIdFor(idempotencyKey, deps.from);
  const seen = deps.ledger.find(idempotencyKey);
  if (seen) return { messageId: seen.messageId, alreadySent: true };
  const rendered = renderEmail(req.template, templateData(req));
  const attachments = req.certificate
    ? [{ filename: `certificaat-${req.certificate.certificateNumber}.pdf`, content: await renderCertificate(req.certificate), contentType: 'application/pdf' }]
    : [];
  await deps.transport.sendMail({
    from: deps.from,
    to: req.to,
    cc: req.cc.length ? req.cc : undefined,
    subject: rendered.subject,
    text: rendered.text,
    html: rendered.html,
    date: new Date(req.date),
    messageId,
    attachments,
  });
  deps.ledger.markSent({ idempotencyKey, messageId, acceptedAt: new Date().toISOString() });
  await deps.afterSent?.(idempotencyKey);
  return { messageId, alreadySent: false };
}
