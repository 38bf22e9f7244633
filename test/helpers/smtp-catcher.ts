// A real SMTP server in the test process (nodemailer's smtp-server + mailparser): the keurmerk worker
// sends through plain SMTP exactly as in production, and tests read what arrived.
import { SMTPServer } from 'smtp-server';
import { simpleParser, type ParsedMail, type AddressObject } from 'mailparser';
import type { AddressInfo } from 'node:net';

export interface CaughtMail {
  /** The name the sending client gave in EHLO (nodemailer's `name`, e.g. `smtp://host:port/?name=worker-a`). */
  client: string;
  /** Envelope recipients (RCPT TO), the addresses that really received it. */
  recipients: string[];
  subject: string;
  text: string;
  html: string;
  date?: Date;
  messageId?: string;
  to: string[];
  cc: string[];
  attachments: { filename?: string; contentType: string; size: number; content: Buffer }[];
  /** X-Keurmerk-Reader: the one role the email is written for (applicant, accountmanager, ...). */
  reader?: string;
  /** X-Keurmerk-Rule: the rule ids the email is about (never in the text an employer reads). */
  rules: string[];
  parsed: ParsedMail;
}

/** Readers outside the organisation: they read the source's references, never a rule id (issue 13). */
export const EMPLOYER_READERS = ['applicant', 'holders', 'contractor'];
/** A rule id of DOMAIN.md (SEBO-T5, WP-4, SROI-3), not a certificate number (SEBO-2027-014). */
export const RULE_ID_PATTERN = /\b(?:SEBO-[ETDRA]\d{1,2}|(?:WP|MVS|PSO|SROI)-\d)\b(?!-\d)/;

/** What is wrong with an email an employer reads: a rule id in its subject, text or HTML. */
export function employerMailProblem(m: CaughtMail): string | undefined {
  if (!m.reader || !EMPLOYER_READERS.includes(m.reader)) return undefined;
  for (const [part, body] of [['subject', m.subject], ['text', m.text], ['html', m.html]] as const) {
    const hit = RULE_ID_PATTERN.exec(body);
    if (hit) return `email "${m.subject}" to ${m.reader} (${m.recipients.join(', ')}) shows the rule id ${hit[0]} in its ${part}`;
  }
  return undefined;
}

export interface SmtpCatcher {
  url: string;
  port: number;
  mails: CaughtMail[];
  /**
   * Messages whose client went away before this server answered 250 to them: not delivered (the
   * server takes responsibility for a message only with its 250, RFC 5321 section 4.1.1.4).
   */
  abandoned: CaughtMail[];
  /** Resolves when the connection of an SMTP session has closed. */
  sessionClosed(sessionId: string): Promise<void>;
  /** Resolves when `count` mails match `pred` (polls; fails after `timeoutMs`). */
  waitFor(pred: (m: CaughtMail) => boolean, count?: number, timeoutMs?: number): Promise<CaughtMail[]>;
  matching(pred: (m: CaughtMail) => boolean): CaughtMail[];
  /** Employer emails that showed a rule id (close() fails with them). */
  problems: string[];
  close(): Promise<void>;
}

function header(parsed: ParsedMail, name: string): string | undefined {
  const v = parsed.headers.get(name);
  return typeof v === 'string' ? v : undefined;
}

const addresses = (a: AddressObject | AddressObject[] | undefined): string[] =>
  (a ? (Array.isArray(a) ? a : [a]) : []).flatMap((o) => o.value.map((v) => (v.address ?? '').toLowerCase()));

export interface SmtpCatcherOptions {
  /** Recipients this server refuses for good, as a real one refuses an unknown mailbox: 550 to RCPT TO. */
  rejectRecipient?: (address: string) => boolean;
  /** Runs when a client starts sending a message (after DATA), before it is read (fault injection). */
  onDataStart?: (session: { id: string; client: string }) => void | Promise<void>;
  /** Let an employer's email show a rule id (only for a test that proves the scan itself). */
  allowRuleIds?: boolean;
}

export async function startSmtpCatcher(options: SmtpCatcherOptions = {}): Promise<SmtpCatcher> {
  const mails: CaughtMail[] = [];
  const abandoned: CaughtMail[] = [];
  const closed = new Set<string>();
  const closeWaiters = new Map<string, (() => void)[]>();
  // Every email any suite's workflows send to an employer is scanned for rule ids; close() fails the suite.
  const problems: string[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onRcptTo(address, _session, callback) {
      if (options.rejectRecipient?.(address.address.toLowerCase())) {
        callback(Object.assign(new Error(`5.1.1 <${address.address}>: mailbox unavailable`), { responseCode: 550 }));
        return;
      }
      callback();
    },
    onClose(session) {
      closed.add(session.id);
      for (const resolve of closeWaiters.get(session.id) ?? []) resolve();
      closeWaiters.delete(session.id);
    },
    onData(stream, session, callback) {
      Promise.resolve(options.onDataStart?.({ id: session.id, client: session.hostNameAppearsAs }))
        .then(() => simpleParser(stream))
        .then((parsed) => {
          const caught: CaughtMail = {
            client: session.hostNameAppearsAs,
            recipients: session.envelope.rcptTo.map((r) => r.address.toLowerCase()),
            subject: parsed.subject ?? '',
            text: parsed.text ?? '',
            html: typeof parsed.html === 'string' ? parsed.html : '',
            date: parsed.date,
            messageId: parsed.messageId,
            to: addresses(parsed.to),
            cc: addresses(parsed.cc),
            attachments: parsed.attachments.map((a) => ({ filename: a.filename, contentType: a.contentType, size: a.size, content: a.content })),
            reader: header(parsed, 'x-keurmerk-reader'),
            rules: (header(parsed, 'x-keurmerk-rule') ?? '').split(',').map((r) => r.trim()).filter(Boolean),
            parsed,
          };
          (closed.has(session.id) ? abandoned : mails).push(caught);
          const problem = options.allowRuleIds ? undefined : employerMailProblem(caught);
          if (problem) problems.push(problem);
          callback();
        })
        .catch(callback);
    },
  });
  // A client killed mid-session resets its connection (ECONNRESET): an ordinary event for a server.
  server.on('error', () => undefined);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  const matching = (pred: (m: CaughtMail) => boolean) => mails.filter(pred);
  return {
    url: `smtp://127.0.0.1:${port}`,
    port,
    mails,
    abandoned,
    sessionClosed: (sessionId) =>
      closed.has(sessionId) ? Promise.resolve() : new Promise<void>((resolve) => closeWaiters.set(sessionId, [...(closeWaiters.get(sessionId) ?? []), resolve])),
    matching,
    async waitFor(pred, count = 1, timeoutMs = 20_000) {
      const until = Date.now() + timeoutMs;
      for (;;) {
        const found = matching(pred);
        if (found.length >= count) return found;
        if (Date.now() > until) {
          const seen = mails.map((m) => `  ${m.recipients.join(',')}: ${m.subject}`).join('\n');
          throw new Error(`expected ${count} matching email(s), found ${found.length}; received:\n${seen}`);
        }
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    problems,
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      if (problems.length) throw new Error(`employers must read the source's references, never rule ids:\n${problems.join('\n')}`);
    },
  };
}
