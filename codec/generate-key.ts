// Prints a new key entry for KEURMERK_ENCRYPTION_KEYS:  node --import tsx codec/generate-key.ts [key-id]
// Rotation: put the printed entry FIRST in the setting and keep the old entries after it, so payloads
// written with them still decrypt.
import { generateKey, EncryptionKeysError, parseEncryptionKeys } from './keys';

const id = process.argv[2] ?? `k${new Date().toISOString().slice(0, 10).replaceAll('-', '')}`;
const entry = `${id}:${generateKey()}`;
try {
  parseEncryptionKeys(entry); // refuses an id that the setting would refuse later
} catch (err) {
  console.error(err instanceof EncryptionKeysError ? err.message : err);
  process.exit(2);
}
console.log(entry);
