// sdk-core sends every request gzip-compressed. grpc-js (1.14) inflates each one through a zlib
// stream of its own, whose set-up, events and thread-pool round trip cost several times the
// inflating itself: under the lives benchmark it was the devserver's largest single item after the
// history encoding (issue 14). This inflates in one synchronous call instead, with grpc-js's own
// limit and error answers. Another encoding, or a grpc-js without this method, keeps grpc-js's code.
import * as zlib from 'node:zlib';
import { status } from '@grpc/grpc-js';

interface DecompressingCall {
  maxReceiveMessageSize: number;
  decompressMessage(message: Buffer, encoding: string): Buffer | Promise<Buffer>;
}

let installed = false;

export function inflateRequestsInOneCall(): void {
  if (installed) return;
  installed = true;
  let proto: DecompressingCall | undefined;
  try {
    proto = require('@grpc/grpc-js/build/src/server-interceptors').BaseServerInterceptingCall?.prototype;
  } catch {
    return;
  }
  const original = proto?.decompressMessage;
  if (!proto || typeof original !== 'function') return;
  proto.decompressMessage = function (this: DecompressingCall, message: Buffer, encoding: string) {
    if (encoding !== 'gzip' && encoding !== 'deflate') return original.call(this, message, encoding);
    const max = this.maxReceiveMessageSize;
    try {
      const options = max === -1 ? {} : { maxOutputLength: Math.max(1, max) };
      return encoding === 'gzip' ? zlib.gunzipSync(message.subarray(5), options) : zlib.inflateSync(message.subarray(5), options);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') {
        return Promise.reject({ code: status.RESOURCE_EXHAUSTED, details: `Received message that decompresses to a size larger than ${max}` });
      }
      return Promise.reject({ code: status.INTERNAL, details: 'Failed to decompress message' });
    }
  };
}
