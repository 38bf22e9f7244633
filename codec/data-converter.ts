// The one call that switches payload encryption on for a Worker or a Client:
//   const dataConverter = dataConverterFor(process.env.KEURMERK_ENCRYPTION_KEYS);
//   Worker.create({ ..., dataConverter });  new Client({ ..., dataConverter });
// Unset (or empty) means no encryption: the SDK's default converter, plain JSON payloads.
import type { DataConverter } from '@temporalio/common';
import { EncryptionCodec } from './encryption-codec';
import { parseEncryptionKeys } from './keys';

// Imported (not only resolved by path) so that a tsc build emits it beside this file.
export { failureConverter } from './failure-converter';

/** Give it to `bundleWorkflowCode({ failureConverterPath })` when the worker runs a prebuilt bundle. */
export const FAILURE_CONVERTER_PATH = require.resolve('./failure-converter');

/** The codec for the setting, or undefined when the setting is unset or empty. Throws EncryptionKeysError on a bad setting. */
export function codecFor(keysSetting: string | undefined): EncryptionCodec | undefined {
  if (!keysSetting?.trim()) return undefined;
  return new EncryptionCodec(parseEncryptionKeys(keysSetting));
}

/**
 * A DataConverter that encrypts every payload and failure message, or undefined when the setting is
 * unset or empty. A worker given a prebuilt `workflowBundle` must bundle it with the same
 * `failureConverterPath` (see README), or workflow failures keep plain messages.
 */
export function dataConverterFor(keysSetting: string | undefined): DataConverter | undefined {
  const codec = codecFor(keysSetting);
  if (!codec) return undefined;
  return { payloadCodecs: [codec], failureConverterPath: FAILURE_CONVERTER_PATH };
}
