// One connection per command, from the same configuration the worker uses: a local devserver by
// default, or a hosted Temporal with a TLS client certificate or an API key.
import { Client, Connection } from '@temporalio/client';
import { connectionOptions } from '../worker/connection';
import { dataConverterFor } from '../codec/data-converter';
import { ENCRYPTION_KEYS_ENV } from '../codec/keys';
import type { Config } from '../worker/config';

export { DEFAULT_ADDRESS, connectionOptions, temporalAddress } from '../worker/connection';

/**
 * With KEURMERK_ENCRYPTION_KEYS set, everything the command sends is encrypted and everything it reads
 * decrypted with the worker's keys (codec/); a bad setting stops the command before it connects.
 */
export async function connect(config: Config, env: NodeJS.ProcessEnv = process.env): Promise<Client> {
  const dataConverter = dataConverterFor(env[ENCRYPTION_KEYS_ENV]);
  const connection = await Connection.connect({ ...connectionOptions(config), connectTimeout: '5s' });
  return new Client({ connection, namespace: config.TEMPORAL_NAMESPACE, dataConverter });
}
