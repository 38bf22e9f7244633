// The embedded SMTP catcher of `npm start`: nodemailer's smtp-server and mailparser (the libraries the
// worker's own tests use, Node >= 20) with a small web page and REST API of our own, keeping each mail
// as a JSON file under the data folder (owner only) so it survives a restart like the cases do.
//   GET /                the mails, newest first, with their text
//   GET /api/email       every mail as JSON: id, subject, from, to, cc, date, text, html, attachments
//   GET /api/email/:id   one mail; /api/email/:id/html its HTML part as a page
// It replaces MailDev, whose current release needs Node >= 22 (README "Dependencies").
import { createServer, type Server } from 'node:http';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { SMTPServer } from 'smtp-server';
import { simpleParser, type AddressObject } from 'mailparser';
import Handlebars from 'handlebars';

export interface MailCatcher {
  webUrl: string;
  smtpUrl: string;
  stop(): Promise<void>;
}

interface StoredMail {
  id: string;
  subject: string;
  from: { address: string; name: string }[];
  to: { address: string; name: string }[];
  cc: { address: string; name: string }[];
  envelopeTo: string[];
  date: string;
  text: string;
  html: string;
  attachments: { filename?: string; contentType: string; size: number }[];
}

const people = (a: AddressObject | AddressObject[] | undefined) =>
  (a ? (Array.isArray(a) ? a : [a]) : []).flatMap((o) => o.value.map((v) => ({ address: (v.address ?? '').toLowerCase(), name: v.name ?? '' })));

const page = Handlebars.compile(`<!DOCTYPE html>
<html lang="nl"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>keurmerk mail ({{mails.length}})</title>
<style>body{font-family:system-ui,sans-serif;margin:1.5rem auto;max-width:70rem;padding:0 1rem}article{border:1px solid #ccc;border-radius:6px;margin:0 0 1rem;padding:.75rem 1rem}
h2{font-size:1.1rem;margin:.2rem 0}dl{display:grid;grid-template-columns:6rem 1fr;margin:.3rem 0;font-size:.9rem}dt{color:#555}pre{white-space:pre-wrap;background:#f6f6f6;padding:.6rem;border-radius:4px}</style></head>
<body><h1>Mail sent by keurmerk ({{mails.length}})</h1><p>Newest first. JSON: <a href="api/email">api/email</a>.</p>
{{#each mails}}<article><h2>{{subject}}</h2><dl><dt>To</dt><dd>{{#each to}}{{name}} &lt;{{address}}&gt; {{/each}}</dd>{{#if cc.length}}<dt>Cc</dt><dd>{{#each cc}}{{name}} &lt;{{address}}&gt; {{/each}}</dd>{{/if}}
<dt>Date</dt><dd>{{date}}</dd>{{#if attachments.length}}<dt>Attached</dt><dd>{{#each attachments}}{{filename}} ({{size}} bytes) {{/each}}</dd>{{/if}}</dl>
{{#if html}}<p><a href="api/email/{{id}}/html">as HTML</a></p>{{/if}}<pre>{{text}}</pre></article>
{{else}}<p>No mail yet.</p>{{/each}}</body></html>`);

export async function startMailCatcher(host: string, smtpPort: number, webPort: number, dataDir: string): Promise<MailCatcher> {
  const dir = join(dataDir, 'mail');
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const mails: StoredMail[] = readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')) as StoredMail)
    .sort((a, b) => a.date.localeCompare(b.date));

  const smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    size: 25 * 1024 * 1024,
    onData(stream, session, callback) {
      simpleParser(stream)
        .then((parsed) => {
          const mail: StoredMail = {
            id: randomUUID(),
            subject: parsed.subject ?? '',
            from: people(parsed.from),
            to: people(parsed.to),
            cc: people(parsed.cc),
            envelopeTo: session.envelope.rcptTo.map((r) => r.address.toLowerCase()),
            date: (parsed.date ?? new Date()).toISOString(),
            text: parsed.text ?? '',
            html: typeof parsed.html === 'string' ? parsed.html : '',
            attachments: parsed.attachments.map((a) => ({ filename: a.filename, contentType: a.contentType, size: a.size })),
          };
          writeFileSync(join(dir, `${mail.date.replace(/[:.]/g, '-')}-${mail.id}.json`), JSON.stringify(mail), { mode: 0o600 });
          mails.push(mail);
          callback();
        })
        .catch((err: Error) => callback(err));
    },
  });

  const web: Server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://catcher').pathname;
    const send = (status: number, type: string, body: string) => {
      res.writeHead(status, { 'content-type': `${type}; charset=utf-8`, 'cache-control': 'no-store' });
      res.end(body);
    };
    if (req.method !== 'GET') return send(405, 'text/plain', 'only GET');
    const newestFirst = [...mails].reverse();
    if (path === '/' || path === '/index.html') return send(200, 'text/html', page({ mails: newestFirst }));
    if (path === '/api/email') return send(200, 'application/json', JSON.stringify(mails));
    const one = /^\/api\/email\/([0-9a-f-]{36})(\/html)?$/.exec(path);
    const mail = one && mails.find((m) => m.id === one[1]);
    if (!mail) return send(404, 'text/plain', 'no such mail');
    // The HTML part is shown in a sandbox: a mail cannot run scripts on this page.
    if (one[2]) {
      res.setHeader('content-security-policy', "sandbox; default-src 'none'; img-src data:; style-src 'unsafe-inline'");
      return send(200, 'text/html', mail.html || '<p>(no HTML part)</p>');
    }
    return send(200, 'application/json', JSON.stringify(mail));
  });

  await new Promise<void>((ok, fail) => {
    smtp.server.once('error', fail);
    smtp.listen(smtpPort, host, () => ok());
  });
  await new Promise<void>((ok, fail) => {
    web.once('error', fail);
    web.listen(webPort, host, () => ok());
  });
  return {
    webUrl: `http://${host}:${webPort}`,
    smtpUrl: `smtp://${host}:${smtpPort}`,
    stop: async () => {
      const closed = new Promise<void>((ok) => web.close(() => ok()));
      web.closeAllConnections();
      await closed;
      await new Promise<void>((ok) => smtp.close(() => ok()));
    },
  };
}
