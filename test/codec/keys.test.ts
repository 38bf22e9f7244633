// The key setting KEURMERK_ENCRYPTION_KEYS: current key first, every bad entry named, key material
// never echoed in an error (SEBO-R5: the keys guard the confidential case data).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
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
    assert.ok(err instanceof EncryptionKeysError, `expected EncryptionKeysError, got ${String(err)}`);
    return err.message;
  }
  assert.fail(`setting ${JSON.stringify(setting)} was accepted`);
}

describe('parseEncryptionKeys', () => {
  it('takes the first entry as the current key and knows all of them', () => {
    const ring = parseEncryptionKeys(` k2:${generateKey()} , k1:${generateKey()}`);
    assert.equal(ring.current.id, 'k2');
    assert.deepEqual([...ring.byId.keys()], ['k2', 'k1']);
    assert.equal(ring.current.key.symmetricKeySize, 32);
  });

  it('refuses a key that is not 32 bytes, naming the entry and key id but not the key', () => {
    const message = refusal(`k2:${generateKey()},k1:${key16}`);
    assert.match(message, /KEURMERK_ENCRYPTION_KEYS/);
    assert.match(message, /entry 2 \(key id "k1"\), key: expected 32 bytes in base64 \(AES-256\), got 16 bytes/);
    assert.ok(!message.includes(key16), 'the key material must not appear in the error');
  });

  it('refuses characters outside base64', () => {
    assert.match(refusal('k1:not*base64!'), /entry 1 \(key id "k1"\), key: expected 32 bytes in standard base64/);
  });

  it('refuses an entry without a colon and a stray comma', () => {
    assert.match(refusal(`k2:${generateKey()},k1`), /entry 2: expected "<key id>:<base64 key>", found no ":"/);
    assert.match(refusal(`k2:${generateKey()},`), /entry 2: empty entry \(a stray comma\?\)/);
  });

  it('refuses a duplicate key id and a bad key id', () => {
    const key = generateKey();
    assert.match(refusal(`k1:${key},k1:${generateKey()}`), /entry 2 \(key id "k1"\), key id: key id "k1" appears twice/);
    assert.match(refusal(`bad id:${key}`), /entry 1 \(key id "bad id"\), key id: key id must be 1-64 letters/);
  });

  it('lists every bad entry at once', () => {
    const message = refusal(`k3:${key16},k2,k1:${key16}`);
    assert.match(message, /entry 1 .*got 16 bytes/);
    assert.match(message, /entry 2: expected/);
    assert.match(message, /entry 3 .*got 16 bytes/);
  });

  it('refuses an empty setting', () => {
    assert.match(refusal('  '), /KEURMERK_ENCRYPTION_KEYS: expected "<key id>:<base64 key>\[,...\]", got an empty value/);
  });
});

describe('generateKey and codec/generate-key.ts', () => {
  it('makes distinct 32-byte keys', () => {
    const a = generateKey();
    assert.equal(Buffer.from(a, 'base64').length, 32);
    assert.notEqual(a, generateKey());
  });

  it('prints an entry the setting accepts', () => {
    const script = resolve(__dirname, '../../codec/generate-key.ts');
    const run = spawnSync(process.execPath, ['--import', 'tsx', script, 'k2027'], { encoding: 'utf8' });
    assert.equal(run.status, 0, run.stderr);
    const entry = run.stdout.trim();
    assert.match(entry, /^k2027:/);
    assert.equal(parseEncryptionKeys(entry).current.id, 'k2027');
  });
});

describe('dataConverterFor', () => {
  it('is undefined when the setting is unset or empty (payloads stay plain)', () => {
    assert.equal(dataConverterFor(undefined), undefined);
    assert.equal(dataConverterFor(''), undefined);
    assert.equal(codecFor('   '), undefined);
  });

  it('carries the encryption codec and the failure converter that encodes messages', async () => {
    const converter = dataConverterFor(`k1:${generateKey()}`);
    assert.equal(converter?.payloadCodecs?.length, 1);
    assert.equal(converter?.failureConverterPath, FAILURE_CONVERTER_PATH);
    const loaded = (await import(FAILURE_CONVERTER_PATH)) as { failureConverter: DefaultFailureConverter };
    assert.equal(loaded.failureConverter.options.encodeCommonAttributes, true);
  });

  it('throws on a bad setting instead of running without encryption', () => {
    assert.throws(() => dataConverterFor('k1:abc'), EncryptionKeysError);
  });
});
