// TestService of the official time-skipping test server (sdk-java TestService): a lock counter
// (skipping only at 0, the server starts locked, an unlock at 0 is refused) and sleeps measured in
// server time, which skipping may shorten to nothing. Sleep and SleepUntil change no lock.
import type { Handler } from '../errors';
import type { Engine } from './engine';
import { ms, ts } from './enums';

export function timeSkippingHandlers(engine: Engine): Record<string, Handler> {
  const clock = engine.clock;
  const sleepUntil = (at: number) => new Promise<void>((resolve) => clock.at(at, resolve));
  return {
    LockTimeSkipping: async () => {
      clock.lock();
      return {};
    },
    UnlockTimeSkipping: async () => {
      clock.unlock();
      return {};
    },
    Sleep: async (req) => {
      await sleepUntil(clock.now() + ms(req.duration));
      return {};
    },
    SleepUntil: async (req) => {
      await sleepUntil(ms(req.timestamp));
      return {};
    },
    UnlockTimeSkippingWithSleep: async (req) => {
      await clock.unlockWithSleep(ms(req.duration));
      return {};
    },
    GetCurrentTime: async () => ({ time: ts(clock.now()) }),
  };
}
