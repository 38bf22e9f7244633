// The embedded SMTP catcher: MailDev (from the npm registry) with its web page and REST API, keeping
// mail under the data folder so it survives a restart like the cases do.
import { join } from 'node:path';
import { mkdirSync } from 'node:fs';

export interface MailCatcher {
  webUrl: string;
  smtpUrl: string;
  stop(): Promise<void>;
}

export async function startMailCatcher(host: string, smtpPort: number, webPort: number, dataDir: string): Promise<MailCatcher> {
  const mailDirectory = join(dataDir, 'mail');
  mkdirSync(mailDirectory, { recursive: true });
  // maildev is an ES module; this file is CommonJS, so load it with a real dynamic import.
  const { MailDev } = await (new Function('m', 'return import(m)') as (m: string) => Promise<typeof import('maildev')>)('maildev');
  const maildev = new MailDev({ smtp: smtpPort, web: webPort, ip: host, webIp: host, mailDirectory, silent: true, basePathname: '/' } as any);
  await maildev.start();
  return {
    webUrl: `http://${host}:${webPort}`,
    smtpUrl: `smtp://${host}:${smtpPort}`,
    stop: () => maildev.stop(),
  };
}
