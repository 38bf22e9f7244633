// The AES-256-GCM payload codec: what reaches the Temporal server is ciphertext labelled with a key id
// (SEBO-R5: data traceable to persons or organisations stays confidential).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { defaultPayloadConverter, type Payload } from '@temporalio/common';
import { EncryptionCodec, PayloadDecryptionError } from '../../codec/encryption-codec';
import { generateKey } from '../../codec/keys';

const k1 = `k1:${generateKey()}`;
const k2 = `k2:${generateKey()}`;
const application = { kvk: '12345678', bedrijf: 'Bakkerij de Vries', email: 'jan.devries@bakkerij.example' };

const plain = (value: unknown): Payload => defaultPayloadConverter.toPayload(value);
const text = (bytes: Uint8Array | null | undefined): string => Buffer.from(bytes ?? []).toString('utf8');

function decryptionError(codec: EncryptionCodec, payload: Payload): Promise<PayloadDecryptionError> {
  return codec.decode([payload]).then(
    () => assert.fail('the payload decrypted'),
    (err: unknown) => {
      assert.ok(err instanceof PayloadDecryptionError, `expected PayloadDecryptionError, got ${String(err)}`);
      return err;
    },
  );
}

describe('EncryptionCodec', () => {
  it('round-trips payloads and leaves no plaintext in what it encodes', async () => {
    const codec = EncryptionCodec.fromSetting(k1);
    const originals = [plain(application), plain('jan.devries@bakkerij.example'), plain(undefined), plain(new Uint8Array([1, 2, 3]))];
    const encoded = await codec.encode(originals);
    assert.equal(encoded.length, originals.length);
    for (const payload of encoded) {
      assert.deepEqual(Object.keys(payload.metadata ?? {}).sort(), ['encoding', 'encryption-cipher', 'encryption-key-id']);
      assert.equal(text(payload.metadata?.encoding), 'binary/encrypted');
      assert.equal(text(payload.metadata?.['encryption-key-id']), 'k1');
      assert.equal(text(payload.metadata?.['encryption-cipher']), 'AES-256-GCM');
      assert.ok(!text(payload.data).includes('devries'), 'plaintext leaked into the encrypted payload');
      assert.ok(!text(payload.data).includes('json/plain'), 'original metadata leaked');
    }
    const decoded = await codec.decode(encoded);
    assert.deepEqual(defaultPayloadConverter.fromPayload(decoded[0]), application);
    assert.equal(defaultPayloadConverter.fromPayload(decoded[1]), 'jan.devries@bakkerij.example');
    assert.equal(defaultPayloadConverter.fromPayload(decoded[2]), undefined);
    assert.deepEqual([...defaultPayloadConverter.fromPayload<Uint8Array>(decoded[3])], [1, 2, 3]);
    decoded.forEach((payload, i) => assert.equal(text(payload.metadata?.encoding), text(originals[i].metadata?.encoding)));
  });

  it('uses a fresh IV per payload: equal inputs give different ciphertext', async () => {
    const codec = EncryptionCodec.fromSetting(k1);
    const [a, b] = await codec.encode([plain(application), plain(application)]);
    assert.notDeepEqual(Buffer.from(a.data!), Buffer.from(b.data!));
  });

  it('rotates: encodes with the first key, decodes payloads of every known key', async () => {
    const before = EncryptionCodec.fromSetting(k1);
    const after = EncryptionCodec.fromSetting(`${k2},${k1}`);
    const [old] = await before.encode([plain(application)]);
    const [fresh] = await after.encode([plain(application)]);
    assert.equal(text(fresh.metadata?.['encryption-key-id']), 'k2');
    assert.equal(after.currentKeyId, 'k2');
    const decoded = await after.decode([old, fresh]);
    assert.deepEqual(decoded.map((p) => defaultPayloadConverter.fromPayload(p)), [application, application]);
  });

  it('refuses a payload of an unknown key with an error naming the key id', async () => {
    const [payload] = await EncryptionCodec.fromSetting(k2).encode([plain(application)]);
    const err = await decryptionError(EncryptionCodec.fromSetting(k1), payload);
    assert.equal(err.keyId, 'k2');
    assert.match(err.message, /encryption key "k2" is unknown \(known keys: "k1"\); add it to KEURMERK_ENCRYPTION_KEYS/);
  });

  it('passes payloads that are not encrypted through decode unchanged', async () => {
    const codec = EncryptionCodec.fromSetting(k1);
    const payloads = [plain(application), plain(null), { metadata: {}, data: new Uint8Array([9]) }, {}];
    const decoded = await codec.decode(payloads);
    decoded.forEach((payload, i) => assert.equal(payload, payloads[i]));
  });

  it('detects tampering through the GCM tag, in the ciphertext, the tag or the IV', async () => {
    const codec = EncryptionCodec.fromSetting(k1);
    const [payload] = await codec.encode([plain(application)]);
    const length = payload.data!.length;
    for (const position of [0, 20, length - 1]) {
      const data = Buffer.from(payload.data!);
      data[position] ^= 0x01;
      const err = await decryptionError(codec, { ...payload, data });
      assert.match(err.message, /cannot decrypt payload with key "k1": authentication failed \(the payload was altered/);
    }
  });

  it('detects a different key configured under the same id', async () => {
    const [payload] = await EncryptionCodec.fromSetting(k1).encode([plain(application)]);
    const err = await decryptionError(EncryptionCodec.fromSetting(`k1:${generateKey()}`), payload);
    assert.match(err.message, /authentication failed/);
  });

  it('refuses truncated data and a payload without key id', async () => {
    const codec = EncryptionCodec.fromSetting(k1);
    const [payload] = await codec.encode([plain(application)]);
    const short = await decryptionError(codec, { ...payload, data: payload.data!.subarray(0, 20) });
    assert.match(short.message, /20 bytes of data, an encrypted payload has at least 28/);
    const { 'encryption-key-id': _dropped, ...metadata } = payload.metadata!;
    const anonymous = await decryptionError(codec, { ...payload, metadata });
    assert.match(anonymous.message, /marked binary\/encrypted but has no encryption-key-id metadata/);
  });

  it('encodes and decodes an empty list', async () => {
    const codec = EncryptionCodec.fromSetting(k1);
    assert.deepEqual(await codec.encode([]), []);
    assert.deepEqual(await codec.decode([]), []);
  });
});
