// The gRPC front end: every method of WorkflowService, OperatorService and TestService from the
// protobufjs root is registered, decoded to plain objects and dispatched to the shared Handlers.
// A method without a handler answers UNIMPLEMENTED in grpc-js's own words for an unknown method,
// which the SDK tolerates for GetSystemInfo only when worded exactly so.
import * as grpc from '@grpc/grpc-js';
import type { Handlers } from './errors';
import { invalidArgument, RpcError } from './errors';
import type * as protobuf from 'protobufjs';
import { framedEventsOf } from './engine/encoded-history';
import { decode, encode, lookupService, lookupType, SERVICES } from './proto';
import { statusMessage } from './wire-text';
import { inflateRequestsInOneCall } from './grpc-inflate';

const MAX_MESSAGE_BYTES = 128 * 1024 * 1024;

function varint(n: number): Buffer {
  const bytes: number[] = [];
  while (n > 0x7f) {
    bytes.push((n & 0x7f) | 0x80);
    n = Math.floor(n / 128);
  }
  bytes.push(n);
  return Buffer.from(bytes);
}

/**
 * Encode a response; a history page (encoded-history.ts) is spliced in as the bytes of its framed
 * events (a message field may appear anywhere in the encoding, and History is just repeated field 1).
 */
export function encodeResponse(type: protobuf.Type, value: any): Buffer {
  const framed = value ? framedEventsOf(value.history) : undefined;
  const field = type.fields.history;
  if (!framed || !field) return encode(type, value);
  return Buffer.concat([encode(type, { ...value, history: undefined }), varint((field.id << 3) | 2), varint(framed.body.length), framed.body]);
}

function statusDetails(err: RpcError): grpc.Metadata | undefined {
  if (!err.details.length) return undefined;
  const metadata = new grpc.Metadata();
  const details = err.details.map((d) => ({
    type_url: `type.googleapis.com/${d.typeName}`,
    value: encode(lookupType(d.typeName), d.value),
  }));
  metadata.set('grpc-status-details-bin', encode(lookupType('google.rpc.Status'), { code: err.code, message: statusMessage(err.message), details }));
  return metadata;
}

/** Every status goes out with a well-formed message of bounded length (see wire-text.ts). */
function toServiceError(err: unknown, path: string): Partial<grpc.ServiceError> {
  if (err instanceof RpcError) {
    try {
      return { code: err.code, details: statusMessage(err.message), metadata: statusDetails(err) };
    } catch (detailsError) {
      console.error(`keurmerk-devserver: ${path}: status details could not be encoded`, detailsError);
      return { code: err.code, details: statusMessage(err.message) };
    }
  }
  console.error(`keurmerk-devserver: ${path} failed`, err);
  return { code: grpc.status.INTERNAL, details: statusMessage(err instanceof Error ? err.message : String(err)) };
}

/** A request that could not be decoded travels to the handler wrapper as this, to be refused there. */
const UNDECODABLE = Symbol('undecodable request');

/**
 * Malformed bytes are the client's mistake: InvalidArgument, not grpc-js's INTERNAL "Error
 * deserializing request". protobufjs checks that proto3 strings are UTF-8 (a JavaScript client with a
 * lone surrogate in an id sends invalid UTF-8), as the real server's Go protobuf does.
 */
function decodeOrRefusal(type: protobuf.Type, bytes: Buffer): any {
  try {
    return decode(type, bytes);
  } catch (err) {
    const message = (err as Error).message ?? String(err);
    const why = /not valid for encoding utf-8|invalid utf-?8/i.test(message)
      ? 'a string field is not valid UTF-8 (half of a surrogate pair, or bytes that are no text)'
      : `the bytes are not a valid ${type.name} message (${message})`;
    return { [UNDECODABLE]: `request could not be decoded: ${why}` };
  }
}

function serviceDefinition(serviceName: string, handlers: Handlers): { definition: grpc.ServiceDefinition; implementation: grpc.UntypedServiceImplementation } {
  const service = lookupService(serviceName);
  const definition: Record<string, grpc.MethodDefinition<any, any>> = {};
  const implementation: grpc.UntypedServiceImplementation = {};
  for (const method of Object.values(service.methods)) {
    method.resolve();
    const requestType = method.resolvedRequestType!;
    const responseType = method.resolvedResponseType!;
    const path = `/${serviceName}/${method.name}`;
    definition[method.name] = {
      path,
      requestStream: false,
      responseStream: false,
      requestSerialize: (value: any) => encode(requestType, value),
      requestDeserialize: (bytes: Buffer) => decodeOrRefusal(requestType, bytes),
      responseSerialize: (value: any) => encodeResponse(responseType, value),
      responseDeserialize: (bytes: Buffer) => decode(responseType, bytes),
    };
    const handler = handlers[`${serviceName}.${method.name}`];
    implementation[method.name] = (call: grpc.ServerUnaryCall<any, any>, callback: grpc.sendUnaryData<any>) => {
      if (!handler) {
        callback({ code: grpc.status.UNIMPLEMENTED, details: `The server does not implement the method ${path}` });
        return;
      }
      const refusal = call.request?.[UNDECODABLE];
      if (refusal) {
        callback(toServiceError(invalidArgument(refusal), path) as grpc.ServiceError);
        return;
      }
      const cancelListeners: (() => void)[] = [];
      call.on('cancelled', () => {
        for (const fn of cancelListeners.splice(0)) fn();
      });
      const deadline = call.getDeadline();
      const deadlineMs = deadline instanceof Date ? deadline.getTime() : Number.isFinite(deadline) ? Number(deadline) : undefined;
      const reply = (err: unknown, response?: any) => {
        try {
          if (err) callback(toServiceError(err, path) as grpc.ServiceError);
          else callback(null, response ?? {});
        } catch (sendError) {
          // E.g. a response that cannot be encoded: the caller still gets an answer.
          console.error(`keurmerk-devserver: ${path}: answer could not be sent`, sendError);
          try {
            callback({ code: grpc.status.INTERNAL, details: statusMessage(`the answer could not be sent: ${(sendError as Error).message}`) } as grpc.ServiceError);
          } catch {
            // The call is already answered or gone.
          }
        }
      };
      let pending: Promise<any>;
      try {
        pending = handler(call.request, {
        cancelled: () => call.cancelled,
        onCancel: (fn: () => void) => {
          if (call.cancelled) fn();
          else cancelListeners.push(fn);
        },
        deadline: deadlineMs,
        } as any);
      } catch (err) {
        pending = Promise.reject(err);
      }
      pending.then(
        (response) => reply(null, response),
        (err) => reply(err),
      );
    };
  }
  return { definition, implementation };
}

export async function startGrpcServer(opts: {
  handlers: Handlers;
  host: string;
  port: number;
}): Promise<{ port: number; close(): Promise<void> }> {
  inflateRequestsInOneCall();
  const server = new grpc.Server({
    'grpc.max_receive_message_length': MAX_MESSAGE_BYTES,
    'grpc.max_send_message_length': MAX_MESSAGE_BYTES,
    'grpc.keepalive_permit_without_calls': 1,
  });
  for (const name of Object.values(SERVICES)) {
    const { definition, implementation } = serviceDefinition(name, opts.handlers);
    server.addService(definition, implementation);
  }
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync(`${opts.host}:${opts.port}`, grpc.ServerCredentials.createInsecure(), (err, bound) =>
      err ? reject(err) : resolve(bound),
    ),
  );
  return {
    port,
    close: () => new Promise((resolve) => server.tryShutdown(() => resolve())),
  };
}
