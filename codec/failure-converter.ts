// Loaded by path (the worker bundles it into the workflow sandbox, the client requires it): moves the
// message and stack trace of every failure into an encoded attributes payload, which then goes through
// the encryption codec like any other payload. Without it an error such as "no reply from
// jan@bedrijf.example" would sit in the history in plain text (SEBO-R5).
import { DefaultFailureConverter } from '@temporalio/common';

export const failureConverter = new DefaultFailureConverter({ encodeCommonAttributes: true });
