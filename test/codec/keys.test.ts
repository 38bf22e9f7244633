// The key setting KEURMERK_ENCRYPTION_KEYS: current key first, every bad entry named, key material
// never echoed in an error (SEBO-R5: the keys guard the confidential case data).
import { describe, expect, it } from '@jest/globals';
import { DefaultFailureConverter } from '@temporalio/common';
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { EncryptionKeysError, generateKey, parseEncryptionKeys } from '../../codec/keys';
import { dataConverterFor, codecFor, FAILURE_CONVERTER_PATH } from '../../codec/data-converter';

const key16 = Buffer.alloc(16, 7).toString('base64');

function refusal(setting: string): string {
  try {
    parseEncryptionKeys(setting);
  } catch (err) {
    expect(err).toBeInstanceOf(EncryptionKeysError);
    return (err as EncryptionKeysError).message;
  }
  throw new Error(`setting ${JSON.stringify(setting)} was accepted`);
}

describe('parseEncryptionKeys', () => {
  it('takes the first entry as the current key and knows all of them', () => {
    const ring = parseEncryptionKeys(` k2:${generateKey()} , k1:${generateKey()}`);
    expect(ring.current.id).toBe('k2');
    expect([...ring.byId.keys()]).toStrictEqual(['k2', 'k1']);
    expect(ring.current.key.symmetricKeySize).toBe(32);
  });

  it('refuses a key that is not 32 bytes, naming the entry and key id but not the key', () => {
    const message = refusal(`k2:${generateKey()},k1:${key16}`);
    expect(message).toMatch(/KEURMERK_ENCRYPTION_KEYS/);
    expect(message).toMatch(/entry 2 \(key id "k1"\), key: expected 32 bytes in base64 \(AES-256\), got 16 bytes/);
    // the key material must not appear in the error
    expect(message).not.toContain(key16);
  });

  it('refuses characters outside base64', () => {
    expect(refusal('k1:not*base64!')).toMatch(/entry 1 \(key id "k1"\), key: expected 32 bytes in standard base64/);
  });

  it('refuses an entry without a colon and a stray comma', () => {
    expect(refusal(`k2:${generateKey()},k1`)).toMatch(/entry 2: expected "<key id>:<base64 key>", found no ":"/);
    expect(refusal(`k2:${generateKey()},`)).toMatch(/entry 2: empty entry \(a stray comma\?\)/);
  });

  it('refuses a duplicate key id and a bad key id', () => {
    const key = generateKey();
    expect(refusal(`k1:${key},k1:${generateKey()}`)).toMatch(/entry 2 \(key id "k1"\), key id: key id "k1" appears twice/);
    expect(refusal(`bad id:${key}`)).toMatch(/entry 1 \(key id "bad id"\), key id: key id must be 1-64 letters/);
  });

  it('lists every bad entry at once', () => {
    const message = refusal(`k3:${key16},k2,k1:${key16}`);
    expect(message).toMatch(/entry 1 .*got 16 bytes/);
    expect(message).toMatch(/entry 2: expected/);
    expect(message).toMatch(/entry 3 .*got 16 bytes/);
  });

  it('refuses an empty setting', () => {
    expect(refusal('  ')).toMatch(/KEURMERK_ENCRYPTION_KEYS: expected "<key id>:<base64 key>\[,...\]", got an empty value/);
  });
});

describe('generateKey and codec/generate-key.ts', () => {
  it('makes distinct 32-byte keys', () => {
    const a = generateKey();
    expect(Buffer.from(a, 'base64').length).toBe(32);
    expect(a).not.toBe(generateKey());
  });

  it('prints an entry the setting accepts', () => {
    const script = resolve(__dirname, '../../codec/generate-key.ts');
    const run = spawnSync(process.execPath, ['--import', 'tsx', script, 'k2027'], { encoding: 'utf8' });
    // run.stderr
    expect(run.status).toBe(0);
    const entry = run.stdout.trim();
    expect(entry).toMatch(/^k2027:/);
    expect(parseEncryptionKeys(entry).current.id).toBe('k2027');
  });
});

describe('dataConverterFor', () => {
  it('is undefined when the setting is unset or empty (payloads stay plain)', () => {
    expect(dataConverterFor(undefined)).toBeUndefined();
    expect(dataConverterFor('')).toBeUndefined();
    expect(codecFor('   ')).toBeUndefined();
  });

  it('carries the encryption codec and the failure converter that encodes messages', async () => {
    const converter = dataConverterFor(`k1:${generateKey()}`);
    expect(converter?.payloadCodecs?.length).toBe(1);
    expect(converter?.failureConverterPath).toBe(FAILURE_CONVERTER_PATH);
    const loaded = (await import(FAILURE_CONVERTER_PATH)) as { failureConverter: DefaultFailureConverter };
    expect(loaded.failureConverter.options.encodeCommonAttributes).toBe(true);
  });

  it('throws on a bad setting instead of running without encryption', () => {
    expect(() => dataConverterFor('k1:abc')).toThrow(EncryptionKeysError);
  });
});
