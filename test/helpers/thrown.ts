// The error a call throws, for tests that assert on its class and its fields (jest's toThrow matches
// a class, a message or a pattern, one at a time).
import { expect } from '@jest/globals';

/** What `fn` throws, checked to be an instance of `type`; fails the test when it throws nothing. */
export function thrownBy<E>(fn: () => unknown, type: abstract new (...args: never[]) => E): E {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(type);
    return err as E;
  }
  throw new Error(`expected a ${type.name}, nothing was thrown`);
}
