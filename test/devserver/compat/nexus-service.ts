// The Nexus service of the compatibility scenarios: its contract, shared by the calling workflows
// and the handler (nexus-rpc definitions are plain data, so the workflow bundle may import them).
import * as nexus from 'nexus-rpc';

export const shoutService = nexus.service('compat-shout', {
  /** Answered at once by the handler: a synchronous operation. */
  shoutNow: nexus.operation<string, string>(),
  /** Backed by a workflow the handler starts: an asynchronous operation completed by its callback. */
  shoutLater: nexus.operation<string, string>(),
  /** Backed by a workflow that waits until it is cancelled. */
  waitForCancel: nexus.operation<string, string>(),
});
