// The encryption keys of the payload codec, read from one setting so that keys can be rotated without
// a code change: KEURMERK_ENCRYPTION_KEYS="k2:<base64>,k1:<base64>". The first entry is the current
// key (new payloads are encrypted with it); the others stay only to decrypt what was written before.
// Error messages name the entry and its key id but never echo key material.
import { createSecretKey, randomBytes, type KeyObject } from 'node:crypto';
import { z } from 'zod';

export const ENCRYPTION_KEYS_ENV = 'KEURMERK_ENCRYPTION_KEYS';

/** AES-256 takes a 256-bit key. */
export const KEY_BYTES = 32;

export interface EncryptionKey {
  id: string;
  /** A KeyObject rather than a Buffer, so that logging or inspecting a key never prints its bytes. */
  key: KeyObject;
}

export interface KeyRing {
  /** Encrypts every new payload. */
  current: EncryptionKey;
  /** Every known key by id, the current one included; decrypts payloads written with any of them. */
  byId: ReadonlyMap<string, EncryptionKey>;
}

export class EncryptionKeysError extends Error {
  override name = 'EncryptionKeysError';
}

// Key ids travel in payload metadata and in error messages: short, printable, no separators.
const keyIdSchema = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, 'key id must be 1-64 letters, digits, ".", "_" or "-", starting with a letter or digit');

// Buffer.from(s, 'base64') silently skips invalid characters, so the alphabet is checked first.
const keyMaterialSchema = z
  .string()
  .regex(/^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/, `expected ${KEY_BYTES} bytes in standard base64 (A-Z a-z 0-9 + / with = padding)`)
  .transform((s) => Buffer.from(s, 'base64'))
  .check((ctx) => {
    if (ctx.value.length !== KEY_BYTES) {
      ctx.issues.push({
        code: 'custom',
        input: ctx.value,
        message: `expected ${KEY_BYTES} bytes in base64 (AES-256), got ${ctx.value.length} bytes`,
      });
    }
  });

const entrySchema = z
  .string()
  .transform((entry, ctx) => {
    const colon = entry.indexOf(':');
    if (colon < 0) {
      ctx.addIssue({ code: 'custom', message: entry ? 'expected "<key id>:<base64 key>", found no ":"' : 'empty entry (a stray comma?)' });
      return z.NEVER;
    }
    return { id: entry.slice(0, colon).trim(), material: entry.slice(colon + 1).trim() };
  })
  .pipe(z.object({ id: keyIdSchema, material: keyMaterialSchema }));

const settingSchema = z
  .string()
  .transform((s) => s.split(',').map((entry) => entry.trim()))
  .pipe(z.array(entrySchema))
  .check((ctx) => {
    const seen = new Set<string>();
    ctx.value.forEach(({ id }, index) => {
      if (seen.has(id)) ctx.issues.push({ code: 'custom', input: id, path: [index, 'id'], message: `key id "${id}" appears twice` });
      seen.add(id);
    });
  });

/** Parses the setting (see the file comment); throws an EncryptionKeysError listing every bad entry. */
export function parseEncryptionKeys(setting: string, settingName = ENCRYPTION_KEYS_ENV): KeyRing {
  if (!setting.trim()) throw new EncryptionKeysError(`${settingName}: expected "<key id>:<base64 key>[,...]", got an empty value`);
  const entries = setting.split(',').map((entry) => entry.trim());
  const parsed = settingSchema.safeParse(setting);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${describeEntry(entries, issue.path)}: ${issue.message}`);
    throw new EncryptionKeysError(`${settingName} is invalid (expected "<key id>:<base64 key>", the current key first):\n${lines.join('\n')}`);
  }
  const keys = parsed.data.map(({ id, material }) => ({ id, key: createSecretKey(material) }));
  wipe(parsed.data.map((k) => k.material));
  return { current: keys[0], byId: new Map(keys.map((k) => [k.id, k])) };
}

function describeEntry(entries: string[], path: PropertyKey[]): string {
  const index = typeof path[0] === 'number' ? path[0] : undefined;
  if (index === undefined) return 'setting';
  const entry = entries[index] ?? '';
  if (!entry.includes(':')) return `entry ${index + 1}`;
  const id = entry.slice(0, entry.indexOf(':')).trim();
  const field = path[1] === 'material' ? 'key' : 'key id';
  return `entry ${index + 1} (key id "${id}"), ${field}`;
}

// createSecretKey copies the bytes; the parsed buffers need not linger on the heap.
function wipe(buffers: Buffer[]): void {
  for (const b of buffers) b.fill(0);
}

/** A fresh random AES-256 key in base64, ready to be put in the setting after an id and a colon. */
export function generateKey(): string {
  return randomBytes(KEY_BYTES).toString('base64');
}
