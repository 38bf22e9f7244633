// jest decides what to skip when a test file loads (a test cannot skip itself once it runs). A skipped
// suite says why: the reason is printed and carried in the suite's title, so jest's report and the
// list of skipped tests `npm test` prints before its count both show it.
import { describe } from '@jest/globals';

/** `describe`, or `describe.skip` with the reason in the title when `reason` is set. */
export function describeUnless(reason: string | undefined): (title: string, fn: () => void) => void {
  if (!reason) return describe;
  console.log(`skipped: ${reason}`);
  return (title, fn) => describe.skip(`${title} (skipped: ${reason})`, fn);
}
