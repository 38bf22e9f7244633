// The AES-256-GCM payload codec: what reaches the Temporal server is ciphertext labelled with a key id
// (SEBO-R5: data traceable to persons or organisations stays confidential).
import { describe, expect, it } from '@jest/globals';
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
    () => {
      throw new Error('the payload decrypted');
    },
    (err: unknown) => {
      expect(err).toBeInstanceOf(PayloadDecryptionError);
      return err as PayloadDecryptionError;
    },
  );
}

describe('EncryptionCodec', () => {
  it('round-trips payloads and leaves no plaintext in what it encodes', async () => {
    const codec = EncryptionCodec.fromSetting(k1);
    const originals = [plain(application), plain('jan.devries@bakkerij.example'), plain(undefined), plain(new Uint8Array([1, 2, 3]))];
    const encoded = await codec.encode(originals);
    expect(encoded.length).toBe(originals.length);
    for (const payload of encoded) {
      expect(Object.keys(payload.metadata ?? {}).sort()).toStrictEqual(['encoding', 'encryption-cipher', 'encryption-key-id']);
      expect(text(payload.metadata?.encoding)).toBe('binary/encrypted');
      expect(text(payload.metadata?.['encryption-key-id'])).toBe('k1');
      expect(text(payload.metadata?.['encryption-cipher'])).toBe('AES-256-GCM');
      // plaintext leaked into the encrypted payload
      expect(text(payload.data)).not.toContain('devries');
      // original metadata leaked
      expect(text(payload.data)).not.toContain('json/plain');
    }
    const decoded = await codec.decode(encoded);
    expect(defaultPayloadConverter.fromPayload(decoded[0])).toStrictEqual(application);
    expect(defaultPayloadConverter.fromPayload(decoded[1])).toBe('jan.devries@bakkerij.example');
    expect(defaultPayloadConverter.fromPayload(decoded[2])).toBeUndefined();
    expect([...defaultPayloadConverter.fromPayload<Uint8Array>(decoded[3])]).toStrictEqual([1, 2, 3]);
    decoded.forEach((payload, i) => expect(text(payload.metadata?.encoding)).toBe(text(originals[i].metadata?.encoding)));
  });

  it('uses a fresh IV per payload: equal inputs give different ciphertext', async () => {
    const codec = EncryptionCodec.fromSetting(k1);
    const [a, b] = await codec.encode([plain(application), plain(application)]);
    expect(Buffer.from(a.data!)).not.toStrictEqual(Buffer.from(b.data!));
  });

  it('rotates: encodes with the first key, decodes payloads of every known key', async () => {
    const before = EncryptionCodec.fromSetting(k1);
    const after = EncryptionCodec.fromSetting(`${k2},${k1}`);
    const [old] = await before.encode([plain(application)]);
    const [fresh] = await after.encode([plain(application)]);
    expect(text(fresh.metadata?.['encryption-key-id'])).toBe('k2');
    expect(after.currentKeyId).toBe('k2');
    const decoded = await after.decode([old, fresh]);
    expect(decoded.map((p) => defaultPayloadConverter.fromPayload(p))).toStrictEqual([application, application]);
  });

  it('refuses a payload of an unknown key with an error naming the key id', async () => {
    const [payload] = await EncryptionCodec.fromSetting(k2).encode([plain(application)]);
    const err = await decryptionError(EncryptionCodec.fromSetting(k1), payload);
    expect(err.keyId).toBe('k2');
    expect(err.message).toMatch(/encryption key "k2" is unknown \(known keys: "k1"\); add it to KEURMERK_ENCRYPTION_KEYS/);
  });

  it('passes payloads that are not encrypted through decode unchanged', async () => {
    const codec = EncryptionCodec.fromSetting(k1);
    const payloads = [plain(application), plain(null), { metadata: {}, data: new Uint8Array([9]) }, {}];
    const decoded = await codec.decode(payloads);
    decoded.forEach((payload, i) => expect(payload).toBe(payloads[i]));
  });

  it('detects tampering through the GCM tag, in the ciphertext, the tag or the IV', async () => {
    const codec = EncryptionCodec.fromSetting(k1);
    const [payload] = await codec.encode([plain(application)]);
    const length = payload.data!.length;
    for (const position of [0, 20, length - 1]) {
      const data = Buffer.from(payload.data!);
      data[position] ^= 0x01;
      const err = await decryptionError(codec, { ...payload, data });
      expect(err.message).toMatch(/cannot decrypt payload with key "k1": authentication failed \(the payload was altered/);
    }
  });

  it('detects a different key configured under the same id', async () => {
    const [payload] = await EncryptionCodec.fromSetting(k1).encode([plain(application)]);
    const err = await decryptionError(EncryptionCodec.fromSetting(`k1:${generateKey()}`), payload);
    expect(err.message).toMatch(/authentication failed/);
  });

  it('refuses truncated data and a payload without key id', async () => {
    const codec = EncryptionCodec.fromSetting(k1);
    const [payload] = await codec.encode([plain(application)]);
    const short = await decryptionError(codec, { ...payload, data: payload.data!.subarray(0, 20) });
    expect(short.message).toMatch(/20 bytes of data, an encrypted payload has at least 28/);
    const { 'encryption-key-id': _dropped, ...metadata } = payload.metadata!;
    const anonymous = await decryptionError(codec, { ...payload, metadata });
    expect(anonymous.message).toMatch(/marked binary\/encrypted but has no encryption-key-id metadata/);
  });

  it('encodes and decodes an empty list', async () => {
    const codec = EncryptionCodec.fromSetting(k1);
    expect(await codec.encode([])).toStrictEqual([]);
    expect(await codec.decode([])).toStrictEqual([]);
  });
});
