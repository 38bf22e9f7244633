// History pages that carry their events' encoded bytes alongside the plain objects, so the gRPC
// front end can splice them into the response instead of encoding thousands of events again for
// every workflow task (the HTTP API simply uses the plain objects).
import type { Exec } from './engine';

export const ENCODED_EVENTS = Symbol('encodedEvents');

export function historyPage(exec: Exec, from = 0, to = exec.events.length, reverse = false): { events: any[] } {
  const events = exec.events.slice(from, to);
  const encoded = exec.encoded.slice(from, to);
  if (reverse) {
    events.reverse();
    encoded.reverse();
  }
  Object.defineProperty(events, ENCODED_EVENTS, { value: encoded, enumerable: false });
  return { events };
}

export function encodedEventsOf(history: any): Buffer[] | undefined {
  const encoded = history?.events?.[ENCODED_EVENTS];
  return Array.isArray(encoded) && encoded.length === history.events.length ? encoded : undefined;
}
