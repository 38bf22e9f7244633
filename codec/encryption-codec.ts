// Encrypts every payload (workflow inputs, results, activity arguments, update arguments, failure
// details) with AES-256-GCM before it leaves the process, so the Temporal server and its database only
// hold ciphertext of company data and applicants' email addresses (SEBO-R5 confidentiality).
//
// Wire format of an encrypted payload:
//   metadata  encoding: binary/encrypted · encryption-key-id: <id> · encryption-cipher: AES-256-GCM
//   data      12-byte IV · ciphertext of the whole original Payload proto (metadata included) · 16-byte tag
// The key id names the key in the ring, so a payload written before a rotation still decrypts; a payload
// that is not marked encrypted passes through decode untouched (cases started before encryption was
// switched on keep working).
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { Payload, PayloadCodec } from '@temporalio/common';
import { temporal } from '@temporalio/proto';
import { ENCRYPTION_KEYS_ENV, parseEncryptionKeys, type EncryptionKey, type KeyRing } from './keys';

export const ENCRYPTED_ENCODING = 'binary/encrypted';
export const KEY_ID_METADATA = 'encryption-key-id';
export const CIPHER_METADATA = 'encryption-cipher';
export const CIPHER = 'AES-256-GCM';

const IV_BYTES = 12; // the GCM standard nonce; random per payload
const TAG_BYTES = 16;

/** A payload marked encrypted that cannot be turned back into its plaintext. */
export class PayloadDecryptionError extends Error {
  override name = 'PayloadDecryptionError';
  constructor(
    message: string,
    readonly keyId?: string,
  ) {
    super(message);
  }
}

export class EncryptionCodec implements PayloadCodec {
  constructor(private readonly keys: KeyRing) {}

  /** Shortcut for `new EncryptionCodec(parseEncryptionKeys(setting))`. */
  static fromSetting(setting: string): EncryptionCodec {
    return new EncryptionCodec(parseEncryptionKeys(setting));
  }

  /** The id new payloads are encrypted with. */
  get currentKeyId(): string {
    return this.keys.current.id;
  }

  async encode(payloads: Payload[]): Promise<Payload[]> {
    return payloads.map((payload) => encrypt(payload, this.keys.current));
  }

  async decode(payloads: Payload[]): Promise<Payload[]> {
    return payloads.map((payload) => (isEncrypted(payload) ? this.decrypt(payload) : payload));
  }

  private decrypt(payload: Payload): Payload {
    const keyId = metadataText(payload, KEY_ID_METADATA);
    if (!keyId) throw new PayloadDecryptionError(`cannot decrypt payload: it is marked ${ENCRYPTED_ENCODING} but has no ${KEY_ID_METADATA} metadata`);
    const cipher = metadataText(payload, CIPHER_METADATA);
    if (cipher && cipher !== CIPHER) {
      throw new PayloadDecryptionError(`cannot decrypt payload with key "${keyId}": cipher ${cipher} is not supported (expected ${CIPHER})`, keyId);
    }
    const key = this.keys.byId.get(keyId);
    if (!key) {
      const known = [...this.keys.byId.keys()].map((id) => `"${id}"`).join(', ');
      throw new PayloadDecryptionError(
        `cannot decrypt payload: encryption key "${keyId}" is unknown (known keys: ${known}); add it to ${ENCRYPTION_KEYS_ENV}`,
        keyId,
      );
    }
    return decrypt(payload.data ?? new Uint8Array(), key);
  }
}

function encrypt(payload: Payload, { id, key }: EncryptionKey): Payload {
  const plaintext = temporal.api.common.v1.Payload.encode(payload).finish();
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return {
    metadata: {
      encoding: utf8(ENCRYPTED_ENCODING),
      [KEY_ID_METADATA]: utf8(id),
      [CIPHER_METADATA]: utf8(CIPHER),
    },
    data: Buffer.concat([iv, ciphertext, cipher.getAuthTag()]),
  };
}

function decrypt(data: Uint8Array, { id, key }: EncryptionKey): Payload {
  if (data.length < IV_BYTES + TAG_BYTES) {
    throw new PayloadDecryptionError(
      `cannot decrypt payload with key "${id}": ${data.length} bytes of data, an encrypted payload has at least ${IV_BYTES + TAG_BYTES}`,
      id,
    );
  }
  const bytes = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  const decipher = createDecipheriv('aes-256-gcm', key, bytes.subarray(0, IV_BYTES));
  decipher.setAuthTag(bytes.subarray(bytes.length - TAG_BYTES));
  let plaintext: Buffer;
  try {
    plaintext = Buffer.concat([decipher.update(bytes.subarray(IV_BYTES, bytes.length - TAG_BYTES)), decipher.final()]);
  } catch {
    // GCM refuses the tag: the bytes were altered, or the key under this id is not the one that wrote them.
    throw new PayloadDecryptionError(
      `cannot decrypt payload with key "${id}": authentication failed (the payload was altered, or the key configured as "${id}" is not the key it was encrypted with)`,
      id,
    );
  }
  return temporal.api.common.v1.Payload.decode(plaintext);
}

function isEncrypted(payload: Payload): boolean {
  return metadataText(payload, 'encoding') === ENCRYPTED_ENCODING;
}

function metadataText(payload: Payload, key: string): string | undefined {
  const value = payload.metadata?.[key];
  return value ? Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('utf8') : undefined;
}

function utf8(text: string): Uint8Array {
  return Buffer.from(text, 'utf8');
}
