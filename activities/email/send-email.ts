// The one activity that sends email. An email must reach its recipients exactly once even though
// Temporal delivers activities at least once (retries, a worker that dies mid-activity). So:
//  1. the idempotency key is the activity's identity in its workflow run (workflow id + run id +
//     activity id): identical for every retry of this activity, different for every other email;
//  2. the durable sent-ledger is claimed first; a key found sent there means "already sent": return;
//     a key another attempt claimed less than EMAIL_CLAIM_LEASE_MS ago means "maybe sending right
//     now": fail (retryable) and come back when that claim's lease ends;
//  3. the Message-ID is derived from the key, so even a duplicate that slips through (below) carries
//     the same Message-ID and mail clients/servers that de-duplicate on it show it once;
//  4. right after SMTP accepted the message, the key is written to the ledger (synchronous, fsync'd).
// The remaining window: the process dies after the SMTP server accepted the message and before the
// ledger row is committed (microseconds of local I/O). Then the retry sends again, with the same
// Message-ID. Closing it fully would need the SMTP server to take part in a transaction, which SMTP
// cannot do; a crash between the ledger write and the activity's completion (much wider: a network
// round trip to Temporal) is covered by the ledger.
import { Context } from '@temporalio/activity';
import { ApplicationFailure } from '@temporalio/common';
import { createHash, randomUUID } from 'node:crypto';
import type { Transporter } from 'nodemailer';
import { z } from 'zod';
import { email } from '../../domain/primitives';
import { renderEmail } from './render';
import { actionWording, NOTICES, noticeRules, stepParagraphs } from './wording';
import { digestWording } from './digest-wording';
import { SROI_NOTICES } from './sroi-wording';
import type { SentLedger } from './sent-ledger';
import { renderCertificate } from '../certificate/render-certificate';
import { toolkitLogos } from '../certificate/toolkit';

const isoInstant = z.string().refine((s) => !Number.isNaN(Date.parse(s)), 'expected an ISO-8601 date-time');

export const emailRequestSchema = z.object({
  template: z.enum(['step-reminder', 'step-escalation', 'meeting-agenda', 'notice', 'sroi-notice', 'escalation-digest']),
  /** for template 'notice': which notice (see wording.ts) */
  notice: z.string().optional(),
  to: z.array(email).min(1, 'an email needs at least one recipient'),
  cc: z.array(email).default([]),
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
  /** MVS-2: attach the holder's toolkit (the scheme's logo in colour and black-and-white, SVG). */
  toolkit: z.boolean().optional(),
  /** set by callers that send several emails from one activity (holder broadcasts) */
  idempotencySuffix: z.string().optional(),
});
export type EmailRequest = z.input<typeof emailRequestSchema>;

export interface EmailResult {
  messageId: string;
  alreadySent: boolean;
  /** Recipients the SMTP server refused for good (5xx) while it accepted the others; absent when none. */
  rejected?: RejectedRecipient[];
  /** The email's subject, when some recipients were refused (for the notice to the accountmanager). */
  subject?: string;
}

export interface RejectedRecipient {
  address: string;
  /** The SMTP server's reply, e.g. "550 5.1.1 mailbox unavailable". */
  reason: string;
}

/** The ApplicationFailure type of an email that can never be delivered (every recipient or the message refused with 5xx). */
export const EMAIL_UNDELIVERABLE = 'EmailUndeliverable';

/** What the workflow learns about an undeliverable email (the failure's details). */
export interface UndeliverableDetails {
  rejected: RejectedRecipient[];
  reason: string;
  subject?: string;
}

interface SmtpError extends Error {
  code?: string;
  command?: string;
  responseCode?: number;
  response?: string;
  rejected?: string[];
  rejectedErrors?: SmtpError[];
}

/**
 * A permanent refusal of this email by the SMTP server: a 5xx reply to the recipients (RCPT TO) or to
 * the message itself (DATA: too large, content refused). Retrying cannot help, so the activity fails
 * at once (non-retryable) and the case carries on without it. A 5xx to our own login or sender
 * (AUTH, MAIL FROM) is a wrong setting that every email shares: that stays retryable until fixed.
 */
export function permanentRefusal(err: unknown, to: string[]): UndeliverableDetails | undefined {
  const e = err as SmtpError;
  if (typeof e?.responseCode !== 'number' || e.responseCode < 500 || e.responseCode > 599) return undefined;
  if (e.code === 'EAUTH' || /^(MAIL|AUTH|EHLO|HELO)/i.test(e.command ?? '')) return undefined;
  const reason = (e.response ?? e.message).slice(0, 500);
  const rejected = e.rejected?.length
    ? e.rejected.map((address, i) => ({ address, reason: (e.rejectedErrors?.[i]?.response ?? reason).slice(0, 500) }))
    : to.map((address) => ({ address, reason }));
  return { rejected, reason };
}

/** The ApplicationFailure type of an attempt that found another attempt sending the same email (retried). */
export const EMAIL_BEING_SENT = 'EmailBeingSent';

/**
 * How long a claim stands when its attempt dies without a word: longer than one SMTP exchange can take
 * with the worker's transport timeouts (10 s connect, 10 s greeting, 15 s idle) and than the activity's
 * 30 s start-to-close timeout, after which Temporal retries it (docs/decisions/email-exactly-once.md).
 */
export const EMAIL_CLAIM_LEASE_MS = 45_000;

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
  // The action in words; the paragraphs of a reminder or escalation are written for its reader.
  if (typeof data.actie === 'string') {
    data.actieId = data.actie;
    data.actie = actionWording(data.actie);
  }
  if (req.template === 'step-reminder' || req.template === 'step-escalation') Object.assign(data, stepParagraphs(req.template === 'step-reminder' ? 'reminder' : 'escalation', data));
  if (req.template === 'escalation-digest') Object.assign(data, digestWording(data));
  if (req.template === 'notice') {
    const notice = req.notice && NOTICES[req.notice];
    if (!notice) throw new Error(`unknown notice "${req.notice}"`);
    Object.assign(data, notice(data));
  }
  if (req.template === 'sroi-notice') {
    const notice = req.notice && SROI_NOTICES[req.notice];
    if (!notice) throw new Error(`unknown SROI notice "${req.notice}"`);
    Object.assign(data, notice(data));
  }
  return data;
}

/** X-Keurmerk-Rule (the rule ids the email is about) and X-Keurmerk-Reader (the one role it is written for). */
function emailHeaders(data: Record<string, unknown>): Record<string, string> {
  const rules = noticeRules(data);
  return {
    ...(rules.length ? { 'X-Keurmerk-Rule': rules.join(', ') } : {}),
    ...(typeof data.lezer === 'string' ? { 'X-Keurmerk-Reader': data.lezer } : {}),
  };
}

/** The subject, text and HTML an email request renders to (what the reader will see). */
export function renderRequest(input: EmailRequest): { subject: string; text: string; html: string; headers: Record<string, string> } {
  const req = emailRequestSchema.parse(input);
  return { ...renderEmail(req.template, templateData(req)), headers: emailHeaders(req.data) };
}

export async function deliverEmail(deps: EmailDeps, input: EmailRequest, idempotencyKey: string): Promise<EmailResult> {
  const req = emailRequestSchema.parse(input);
  const messageId = messageIdFor(idempotencyKey, deps.from);
  const owner = randomUUID();
  const claim = await deps.ledger.claim({ idempotencyKey, messageId, owner, leaseMs: EMAIL_CLAIM_LEASE_MS });
  if (claim.state === 'sent') {
    const seen = claim.record;
    return { messageId: seen.messageId, alreadySent: true, ...(seen.rejected?.length ? { rejected: seen.rejected } : {}) };
  }
  if (claim.state === 'busy') {
    throw ApplicationFailure.create({
      type: EMAIL_BEING_SENT,
      message: `another attempt is sending this email (its claim ends ${claim.until.toISOString()}); tried again then`,
      nextRetryDelay: Math.max(1_000, claim.until.getTime() - Date.now() + 1_000),
    });
  }
  try {
    return await sendClaimed(deps, req, idempotencyKey, messageId);
  } catch (err) {
    // The attempt failed: its claim ends now, so the retry need not wait for the lease (after markSent
    // there is no claim left to release: the key stays sent).
    await Promise.resolve(deps.ledger.release(idempotencyKey, owner)).catch(() => undefined);
    throw err;
  }
}

async function sendClaimed(deps: EmailDeps, req: z.infer<typeof emailRequestSchema>, idempotencyKey: string, messageId: string): Promise<EmailResult> {
  const rendered = renderEmail(req.template, templateData(req));
  const attachments: { filename: string; content: Buffer | string; contentType: string }[] = req.certificate
    ? [{ filename: `certificaat-${req.certificate.certificateNumber}.pdf`, content: await renderCertificate(req.certificate), contentType: 'application/pdf' }]
    : [];
  if (req.toolkit) attachments.push(...toolkitLogos(String(req.data.regeling ?? 'keurmerk')));
  let info: { rejected?: unknown[]; rejectedErrors?: SmtpError[] };
  try {
    info = await deps.transport.sendMail({
      from: deps.from,
      to: req.to,
      cc: req.cc.length ? req.cc : undefined,
      subject: rendered.subject,
      text: rendered.text,
      html: rendered.html,
      date: new Date(req.date),
      messageId,
      attachments,
      // Our rule ids and the reader's role for logs and filters; the text cites the source's references.
      headers: emailHeaders(req.data),
    });
  } catch (err) {
    const refusal = permanentRefusal(err, [...req.to, ...req.cc]);
    if (!refusal) throw err;
    throw ApplicationFailure.create({
      type: EMAIL_UNDELIVERABLE,
      nonRetryable: true,
      // No address in the message: it is logged by the worker; the details are payloads (encrypted with a codec).
      message: `the SMTP server refused this email for good (${(err as SmtpError).responseCode} to ${(err as SmtpError).command ?? 'the message'})`,
      details: [{ ...refusal, subject: rendered.subject }],
    });
  }
  // Some recipients refused, the others accepted: sent (once), and the refused ones are reported.
  const rejected = (info.rejected ?? []).map((a, i) => ({
    address: typeof a === 'string' ? a : String((a as { address?: string }).address ?? a),
    reason: (info.rejectedErrors?.[i]?.response ?? 'refused by the SMTP server').slice(0, 500),
  }));
  await deps.ledger.markSent({ idempotencyKey, messageId, acceptedAt: new Date().toISOString(), ...(rejected.length ? { rejected } : {}) });
  await deps.afterSent?.(idempotencyKey);
  return { messageId, alreadySent: false, ...(rejected.length ? { rejected, subject: rendered.subject } : {}) };
}
