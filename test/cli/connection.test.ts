// The admin command connects like the worker: the configured address (default the embedded server of
// `npm start`), a TLS client certificate or an API key for a hosted Temporal.
import { describe, expect, it } from '@jest/globals';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadConfig } from '../../worker/config';
import { connectionOptions } from '../../client/connection';
import { thrownBy } from '../helpers/thrown';

describe('connection options', () => {
  it('default to 127.0.0.1:7233 without TLS', () => {
    const options = connectionOptions(loadConfig({}));
    expect(options.address).toBe('127.0.0.1:7233');
    expect(options.tls).toBeUndefined();
    expect(options.apiKey).toBeUndefined();
  });

  it('use the client certificate pair from the configured files', () => {
    const dir = mkdtempSync(join(tmpdir(), 'keurmerk-tls-'));
    writeFileSync(join(dir, 'client.pem'), 'CERT');
    writeFileSync(join(dir, 'client.key'), 'KEY');
    const options = connectionOptions(
      loadConfig({ TEMPORAL_ADDRESS: 'keurmerk.tmprl.example:7233', TEMPORAL_TLS_CERT: join(dir, 'client.pem'), TEMPORAL_TLS_KEY: join(dir, 'client.key') }),
    );
    expect(options.address).toBe('keurmerk.tmprl.example:7233');
    expect(options.tls).toStrictEqual({ clientCertPair: { crt: Buffer.from('CERT'), key: Buffer.from('KEY') } });
  });

  it('send an API key over TLS', () => {
    const options = connectionOptions(loadConfig({ TEMPORAL_ADDRESS: 'eu-west-1.aws.api.temporal.example:7233', TEMPORAL_API_KEY: 'secret' }));
    expect(options.apiKey).toBe('secret');
    expect(options.tls).toBe(true);
  });

  it('name the setting whose file cannot be read', () => {
    const err = thrownBy(() => connectionOptions(loadConfig({ TEMPORAL_TLS_CERT: '/nonexistent/client.pem', TEMPORAL_TLS_KEY: '/nonexistent/client.key' })), ConfigError);
    expect(err.message).toBe('TEMPORAL_TLS_CERT: cannot read /nonexistent/client.pem (ENOENT)');
  });
});
