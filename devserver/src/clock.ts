// Server time and the one place where everything time-based (timers, timeouts, retries, delayed
// starts) is scheduled. The real clock follows the wall clock. The virtual clock of time-skipping
// mode runs with the wall clock too, but while the time-skipping lock counter is at zero it jumps
// straight to the next due entry: that is how a two-year timer fires within milliseconds, like the
// official test server (sdk-java temporal-test-server, SelfAdvancingTimerImpl). The counter is the
// official one: the client's own locks (the server starts with one), the locks the engine holds for
// outstanding work (see `held`, computed from the state of the open runs, one per scheduled or
// running workflow task, activity attempt, ...), locks orphaned by runs that closed while holding
// some (the official server never releases those either), and one while nothing at all is
// scheduled. The table in devserver/README.md lists every case.
import { RpcError } from './errors';
import { status } from '@grpc/grpc-js';

/**
 * How long (real time) skipping waits after a result is handed to a client, for that client to lock
 * time skipping again (see holdForRelock).
 */
const RELOCK_GRACE_MS = 250;

/** Largest delay setTimeout accepts; longer waits are re-armed in steps. */
const MAX_TIMEOUT_MS = 2 ** 31 - 1;

interface Entry {
  at: number;
  seq: number;
  fn: () => void;
  cancelled: boolean;
}

export interface TimerHandle {
  cancel(): void;
}

export class Clock {
  private offset = 0;
  private entries: Entry[] = [];
  private seq = 0;
  private realTimer: NodeJS.Timeout | undefined;
  private realTimerAt = Infinity;
  private kickPending = false;
  /**
   * Locks taken through the TestService (LockTimeSkipping, the relock of UnlockTimeSkippingWithSleep)
   * minus those released through it. Starts at 1: the official test server's constructor locks.
   */
  private clientLocks = 1;
  /** Locks of runs that closed while holding some (workflow task, activity, ...): never released. */
  private orphanLocks = 0;
  private warnedUnbalanced = false;
  /** Real time until which skipping waits for a relock after a result was delivered. */
  private heldUntil = 0;
  /** Set by the engine: the locks its outstanding work holds right now. */
  held: () => number = () => 0;
  /** Set by the engine: whether its outstanding work holds more than `limit` locks (may stop counting early). */
  heldAbove: (limit: number) => boolean = (limit) => this.held() > limit;
  /** Called after due entries ran, e.g. to commit the state they changed. */
  afterFire: () => void = () => {};

  constructor(readonly timeSkipping: boolean) {}

  now(): number {
    return Date.now() + this.offset;
  }

  /** Run fn at server time `at` (ms since epoch). */
  at(at: number, fn: () => void): TimerHandle {
    const entry: Entry = { at, seq: this.seq++, fn, cancelled: false };
    let lo = 0;
    let hi = this.entries.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.entries[mid].at <= at) lo = mid + 1;
      else hi = mid;
    }
    this.entries.splice(lo, 0, entry);
    this.arm();
    this.kick();
    return {
      cancel: () => {
        entry.cancelled = true;
      },
    };
  }

  /**
   * The official counter. It never goes below zero there: an unlock at zero throws "Unbalanced lock
   * and unlock calls" and is lost. Here the engine's share is derived from state, so a client that
   * unlocked more than it locked (TypeScript's result() awaited twice at once) shows up as a negative
   * total once the engine's work is done; it is settled the official way: the surplus unlock is lost.
   */
  lockCount(): number {
    const total = this.clientLocks + this.orphanLocks + this.held() + (this.entries.length ? 0 : 1);
    if (total < 0) {
      if (!this.warnedUnbalanced) {
        this.warnedUnbalanced = true;
        console.error('keurmerk-devserver: unbalanced time-skipping lock and unlock calls (more unlocks than locks, e.g. result() awaited for several workflows at once); the surplus unlocks are dropped, as the official test server does');
      }
      this.clientLocks -= total;
      return 0;
    }
    return total;
  }

  /**
   * lockCount() > 0, without counting every open run's locks when fewer decide it: this is asked
   * after every change (kick), and counting all of them was a share of the devserver's CPU that grew
   * with the number of lives under way (issue 14). A total that may be negative is still counted
   * exactly, so the surplus unlocks are settled as before.
   */
  private isLocked(): boolean {
    const others = this.clientLocks + this.orphanLocks + (this.entries.length ? 0 : 1);
    if (others > 0 || this.heldAbove(-others)) return true;
    return this.lockCount() > 0;
  }

  /** LockTimeSkipping, and the relock at the end of UnlockTimeSkippingWithSleep. */
  lock(): void {
    this.lockCount();
    this.clientLocks++;
    if (this.heldUntil) {
      this.heldUntil = 0;
      this.kick(); // other results may still be awaited with time unlocked
    }
  }

  /**
   * A client awaiting a result unlocks skipping for the wait and locks it again right after the
   * result arrives (TimeSkippingWorkflowClient.result). The official test server advances its clock
   * lazily (when a timer is scheduled, an unlock arrives or the clock is read), so a workflow that
   * just completed does not move time before that relock. This clock skips eagerly, so without a
   * hold it would jump to another workflow's pending timer in the gap: `execute()` of a 2 s activity
   * next to a one-day sleeper would read a day later. Held until the relock, at most RELOCK_GRACE_MS.
   * Only when this client's relock would stop time: with other results still awaited (counter below
   * zero) time stays unlocked after the relock anyway, and holding would only slow every skip down.
   */
  holdForRelock(): void {
    if (!this.timeSkipping || this.clientLocks < 0) return;
    this.heldUntil = Date.now() + RELOCK_GRACE_MS;
    const timer = setTimeout(() => this.kick(), RELOCK_GRACE_MS + 1);
    timer.unref?.();
  }

  /**
   * UnlockTimeSkipping. At zero the official server throws IllegalStateException("Unbalanced lock and
   * unlock calls"), which grpc-java answers as UNKNOWN "Application error processing RPC".
   */
  unlock(): void {
    if (!this.isLocked()) throw new RpcError(status.UNKNOWN, 'Application error processing RPC');
    this.clientLocks--;
    this.kick();
  }

  /** A run closed, or an activity was dropped, while holding `n` locks: they stay taken. */
  orphan(n: number): void {
    this.orphanLocks += n;
  }

  /**
   * UnlockTimeSkippingWithSleep: the relock is scheduled first (it runs inside the due entry, so time
   * cannot jump past the sleep's end before it), then the lock is released (and refused at zero, the
   * scheduled relock still standing, as in TestService.unlockTimeSkippingWhileSleep).
   */
  unlockWithSleep(durationMs: number): Promise<void> {
    let resolve!: () => void;
    const done = new Promise<void>((r) => (resolve = r));
    this.at(this.now() + durationMs, () => {
      this.lock();
      resolve();
    });
    this.unlock();
    return done;
  }

  get locked(): boolean {
    return this.isLocked();
  }

  /** Re-evaluate time skipping soon (after the current burst of work). */
  kick(): void {
    if (!this.timeSkipping || this.kickPending) return;
    this.kickPending = true;
    setImmediate(() => {
      this.kickPending = false;
      this.skip();
    });
  }

  private skip(): void {
    if (this.isLocked() || Date.now() < this.heldUntil) return;
    this.dropCancelled();
    const next = this.entries[0];
    if (!next) return;
    const now = this.now();
    if (next.at > now) this.offset += next.at - now;
    this.fireDue();
    this.kick();
  }

  private dropCancelled(): void {
    while (this.entries.length && this.entries[0].cancelled) this.entries.shift();
  }

  private fireDue(): void {
    const now = this.now();
    let fired = false;
    while (this.entries.length && this.entries[0].at <= now) {
      const entry = this.entries.shift()!;
      if (entry.cancelled) continue;
      fired = true;
      try {
        entry.fn();
      } catch (err) {
        console.error('keurmerk-devserver: scheduled task failed', err);
      }
    }
    if (fired) this.afterFire();
    this.arm();
  }

  private arm(): void {
    this.dropCancelled();
    const next = this.entries[0];
    if (!next) return;
    if (this.realTimer && this.realTimerAt <= next.at) return;
    if (this.realTimer) clearTimeout(this.realTimer);
    this.realTimerAt = next.at;
    const delay = Math.min(Math.max(0, next.at - this.now()), MAX_TIMEOUT_MS);
    this.realTimer = setTimeout(() => {
      this.realTimer = undefined;
      this.realTimerAt = Infinity;
      this.fireDue();
    }, delay);
    this.realTimer.unref?.();
  }
}
