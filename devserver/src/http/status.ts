// gRPC status -> HTTP status, the mapping grpc-gateway uses (and so the real server's HTTP API), and
// the {code, message, details} body the Temporal UI reads `message` from.
import { status } from '@grpc/grpc-js';
import { RpcError } from '../errors';
import { lookupType } from '../proto';
import { toProtoJson } from './protojson';
import { statusMessage } from '../wire-text';

const HTTP_STATUS: Record<number, number> = {
  [status.OK]: 200,
  [status.CANCELLED]: 499,
  [status.UNKNOWN]: 500,
  [status.INVALID_ARGUMENT]: 400,
  [status.DEADLINE_EXCEEDED]: 504,
  [status.NOT_FOUND]: 404,
  [status.ALREADY_EXISTS]: 409,
  [status.PERMISSION_DENIED]: 403,
  [status.UNAUTHENTICATED]: 401,
  [status.RESOURCE_EXHAUSTED]: 429,
  [status.FAILED_PRECONDITION]: 400,
  [status.ABORTED]: 409,
  [status.OUT_OF_RANGE]: 400,
  [status.UNIMPLEMENTED]: 501,
  [status.INTERNAL]: 500,
  [status.UNAVAILABLE]: 503,
  [status.DATA_LOSS]: 500,
};

export function httpStatusOf(code: number): number {
  return HTTP_STATUS[code] ?? 500;
}

export interface ErrorBody {
  code: number;
  message: string;
  details: Record<string, unknown>[];
}

/** Any thrown value as an HTTP status and google.rpc.Status JSON; details as Any ("@type"). */
export function errorResponse(error: unknown): { status: number; body: ErrorBody } {
  if (error instanceof RpcError) {
    return {
      status: httpStatusOf(error.code),
      body: { code: error.code, message: statusMessage(error.message), details: error.details.map(detailJson) },
    };
  }
  const message = error instanceof Error ? error.message : String(error);
  return { status: 500, body: { code: status.INTERNAL, message: statusMessage(message), details: [] } };
}

function detailJson(detail: RpcError['details'][number]): Record<string, unknown> {
  const typeUrl = `type.googleapis.com/${detail.typeName}`;
  try {
    return { '@type': typeUrl, ...toProtoJson(lookupType(detail.typeName), detail.value) };
  } catch {
    return { '@type': typeUrl };
  }
}
