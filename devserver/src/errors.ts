// A failed request, carried with its gRPC status code so that the gRPC and the HTTP front ends
// can both report it faithfully (the SDK branches on the code, e.g. NOT_FOUND vs ALREADY_EXISTS).
import { status } from '@grpc/grpc-js';

export class RpcError extends Error {
  constructor(
    readonly code: status,
    message: string,
    /** Optional google.rpc.Status details: [{ typeName, value(object) }] encoded by the front end. */
    readonly details: { typeName: string; value: Record<string, unknown> }[] = [],
  ) {
    super(message);
  }
}

export const invalidArgument = (message: string) => new RpcError(status.INVALID_ARGUMENT, message);
export const notFound = (message: string) => new RpcError(status.NOT_FOUND, message);
export const alreadyExists = (message: string, details: RpcError['details'] = []) =>
  new RpcError(status.ALREADY_EXISTS, message, details);
export const failedPrecondition = (message: string) => new RpcError(status.FAILED_PRECONDITION, message);
export const unimplemented = (method: string) =>
  new RpcError(status.UNIMPLEMENTED, `unknown method ${method}`);

/** One RPC handler: request and response are plain objects (see proto.ts TO_OBJECT). */
export type Handler = (
  request: any,
  call: {
    cancelled: () => boolean;
    onCancel: (fn: () => void) => void;
    /** The caller's deadline (epoch ms) when it set one: long polls answer before it. */
    deadline?: number;
  },
) => Promise<any>;
/** Handlers by fully qualified method name, e.g. "temporal.api.workflowservice.v1.WorkflowService.StartWorkflowExecution". */
export type Handlers = Record<string, Handler>;
