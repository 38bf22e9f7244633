// One connection per command, from the same configuration the worker uses: a local devserver by
// default, or a hosted Temporal with a TLS client certificate or an API key.
import { readFileSync } from 'node:fs';
import { Client, Connection, type ConnectionOptions } from '@temporalio/client';
import { dataConverterFor } from '../codec/data-converter';
import { ENCRYPTION_KEYS_ENV } from '../codec/keys';
import type { Config } from '../worker/config';
import { UsageError } from './failures';

/** Where the admin command goes when TEMPORAL_ADDRESS is unset: the embedded server of `npm start`. */
export const DEFAULT_ADDRESS = '127.0.0.1:7233';

export function temporalAddress(config: Config): string {
  return config.TEMPORAL_ADDRESS ?? DEFAULT_ADDRESS;
}

export function connectionOptions(config: Config): ConnectionOptions {
  const options: ConnectionOptions = { address: temporalAddress(config), connectTimeout: '5s' };
  if (config.TEMPORAL_TLS_CERT && config.TEMPORAL_TLS_KEY) {
    options.tls = {
      clientCertPair: { crt: readPem(config.TEMPORAL_TLS_CERT, 'TEMPORAL_TLS_CERT'), key: readPem(config.TEMPORAL_TLS_KEY, 'TEMPORAL_TLS_KEY') },
    };
  }
  if (config.TEMPORAL_API_KEY) {
    // A hosted Temporal that takes an API key only answers over TLS.
    options.apiKey = config.TEMPORAL_API_KEY;
    options.tls = options.tls ?? true;
  }
  return options;
}

function readPem(path: string, setting: string): Buffer {
  try {
    return readFileSync(path);
  } catch (err) {
    throw new UsageError(`${setting}: cannot read ${path} (${(err as NodeJS.ErrnoException).code ?? String(err)})`);
  }
}

/**
 * With KEURMERK_ENCRYPTION_KEYS set, everything the command sends is encrypted and everything it reads
 * decrypted with the worker's keys (codec/); a bad setting stops the command before it connects.
 */
export async function connect(config: Config, env: NodeJS.ProcessEnv = process.env): Promise<Client> {
  const dataConverter = dataConverterFor(env[ENCRYPTION_KEYS_ENV]);
  const connection = await Connection.connect(connectionOptions(config));
  return new Client({ connection, namespace: config.TEMPORAL_NAMESPACE, dataConverter });
}
