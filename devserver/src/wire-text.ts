// Text that is safe to put on the wire. A JavaScript string may hold half of a surrogate pair (a
// client's input cut at the wrong place, or a JSON "\ud800" escape); grpc-js percent-encodes a status
// message with encodeURI, which throws on such a string, and the throw would end the process. Every
// status message therefore goes through statusMessage() before it reaches grpc-js or the HTTP API, and
// input strings are checked with isWellFormed() where they enter (protobuf strings must be UTF-8).

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const HAS_LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** The real server's system.maxServiceErrorMessageLength default; longer messages are cut. */
export const MAX_STATUS_MESSAGE_LENGTH = 4000;
const TRUNCATED = '... <truncated>';

export function isWellFormed(text: string): boolean {
  return !HAS_LONE_SURROGATE.test(text);
}

/** Lone surrogates replaced by U+FFFD, as String.prototype.toWellFormed does. */
export function wellFormed(text: string): string {
  return isWellFormed(text) ? text : text.replace(LONE_SURROGATE, '\uFFFD');
}

/** A status message as the real server sends it: well-formed, at most 4000 characters. */
export function statusMessage(message: unknown): string {
  const text = wellFormed(typeof message === 'string' ? message : String(message));
  if (text.length <= MAX_STATUS_MESSAGE_LENGTH) return text;
  let cut = MAX_STATUS_MESSAGE_LENGTH - TRUNCATED.length;
  // Never cut a surrogate pair in two.
  if (/[\uD800-\uDBFF]/.test(text[cut - 1])) cut--;
  return text.slice(0, cut) + TRUNCATED;
}

/** A piece of client input quoted in an error message: short, and never half a character. */
export function quoteInput(text: string, max = 80): string {
  const chars = Array.from(wellFormed(text));
  return JSON.stringify(chars.length > max ? `${chars.slice(0, max).join('')}...` : text.length ? chars.join('') : '');
}
