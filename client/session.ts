// What every command shares: the configuration, a connection made only when a command needs one,
// where output goes, and what the command is about (so a failure can name the case).
import type { Client } from '@temporalio/client';
import { loadConfig, type Config } from '../worker/config';
import { temporalAddress } from '../worker/connection';
import { EncryptionKeysError } from '../codec/keys';
import { Unreachable, UsageError, type FailureContext } from './failures';

export interface Io {
  out(text: string): void;
  err(text: string): void;
}

export const processIo: Io = {
  out: (text) => process.stdout.write(text.endsWith('\n') ? text : `${text}\n`),
  err: (text) => process.stderr.write(text.endsWith('\n') ? text : `${text}\n`),
};

export class Session {
  /** Filled by the running command; read when something fails. */
  readonly failure: FailureContext = {};
  private loaded?: Config;
  private connected?: Promise<Client>;

  constructor(
    readonly io: Io = processIo,
    private readonly env: NodeJS.ProcessEnv = process.env,
  ) {}

  get config(): Config {
    this.loaded ??= loadConfig(this.env);
    return this.loaded;
  }

  get zone(): string {
    return this.config.KEURMERK_TIME_ZONE;
  }

  client(): Promise<Client> {
    this.failure.address = temporalAddress(this.config);
    this.failure.namespace = this.config.TEMPORAL_NAMESPACE;
    // The SDK is loaded with the first connection (client/sdk.ts).
    this.connected ??= (require('./connection') as typeof import('./connection')).connect(this.config, this.env).catch((err: unknown) => {
      throw err instanceof EncryptionKeysError || err instanceof UsageError ? err : new Unreachable(this.failure.address!, err);
    });
    return this.connected;
  }

  async close(): Promise<void> {
    if (!this.connected) return;
    const client = await this.connected.catch(() => undefined);
    await client?.connection.close();
  }
}
