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
  parsed: ParsedMail;
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
  close(): Promise<void>;
}

const addresses = (a: AddressObject | AddressObject[] | undefined): string[] =>
  (a ? (Array.isArray(a) ? a : [a]) : []).flatMap((o) => o.value.map((v) => (v.address ?? '').toLowerCase()));

export interface SmtpCatcherOptions {
  /** Recipients this server refuses for good, as a real one refuses an unknown mailbox: 550 to RCPT TO. */
  rejectRecipient?: (address: string) => boolean;
  /** Runs when a client starts sending a message (after DATA), before it is read (fault injection). */
  onDataStart?: (session: { id: string; client: string }) => void | Promise<void>;
}

export async function startSmtpCatcher(options: SmtpCatcherOptions = {}): Promise<SmtpCatcher> {
  const mails: CaughtMail[] = [];
  const abandoned: CaughtMail[] = [];
  const closed = new Set<string>();
  const closeWaiters = new Map<string, (() => void)[]>();
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
          (closed.has(session.id) ? abandoned : mails).push({
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
            parsed,
          });
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
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
