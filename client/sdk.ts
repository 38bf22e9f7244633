// The Temporal SDK's client package, loaded when a command first needs it (issue 14): with grpc-js and
// protobufjs' definitions of the whole Temporal API it was most of a command's start-up, and `--help`,
// a mistyped command line or a wrong value never needs it. Modules of the command import its types
// with `import type` and take its values from here, when they connect or meet an error of the SDK's.
import type * as TemporalClient from '@temporalio/client';
import type { temporal } from '@temporalio/proto';

export type Sdk = typeof TemporalClient;

export function temporalClient(): Sdk {
  return require('@temporalio/client') as Sdk;
}

/** The API's enums and messages (the client package loads them anyway). */
export function temporalApi(): typeof temporal.api {
  return (require('@temporalio/proto') as { temporal: typeof temporal }).temporal.api;
}
