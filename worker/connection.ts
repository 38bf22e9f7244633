// How the worker and the admin command reach Temporal, from the same settings: the embedded devserver
// by default, or a hosted Temporal with a TLS client certificate or an API key.
import { readFileSync } from 'node:fs';
import type { ConnectionOptions } from '@temporalio/client';
import type { NativeConnectionOptions } from '@temporalio/worker';
import { ConfigError, type Config } from './config';

/** Where everything goes when TEMPORAL_ADDRESS is unset: the embedded server of `npm start`. */
export const DEFAULT_ADDRESS = '127.0.0.1:7233';

export function temporalAddress(config: Config): string {
  return config.TEMPORAL_ADDRESS ?? DEFAULT_ADDRESS;
}

/** Options for the client's Connection; NativeConnection (the worker's) takes the same shape. */
export function connectionOptions(config: Config): ConnectionOptions & NativeConnectionOptions {
  const options: ConnectionOptions & NativeConnectionOptions = { address: temporalAddress(config) };
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
    throw new ConfigError(`${setting}: cannot read ${path} (${(err as NodeJS.ErrnoException).code ?? String(err)})`);
  }
}
