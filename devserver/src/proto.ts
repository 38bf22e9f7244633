// The Temporal API as protobufjs reflection types. The JSON module of @temporalio/proto loads in
// ~0.2 s, far below the 5 s sdk-core allows an ephemeral server to come up, and it keeps each
// method's options (google.api.http), from which the HTTP API is generated.
import type * as protobuf from 'protobufjs';
export const root: protobuf.Root = require('@temporalio/proto/protos/json-module');

export const SERVICES = {
  workflow: 'temporal.api.workflowservice.v1.WorkflowService',
  operator: 'temporal.api.operatorservice.v1.OperatorService',
  test: 'temporal.api.testservice.v1.TestService',
} as const;

export function lookupType(name: string): protobuf.Type {
  return root.lookupType(name);
}

export function lookupService(name: string): protobuf.Service {
  return root.lookupService(name);
}

/** How request and response messages look inside the server: plain objects, int64 as numbers. */
export const TO_OBJECT: protobuf.IConversionOptions = { longs: Number, enums: Number, bytes: Buffer as any, defaults: false };

export function decode(type: protobuf.Type, bytes: Uint8Array): any {
  return type.toObject(type.decode(bytes), TO_OBJECT);
}

export function encode(type: protobuf.Type, value: unknown): Buffer {
  return Buffer.from(type.encode(type.fromObject(value as Record<string, unknown>)).finish());
}
