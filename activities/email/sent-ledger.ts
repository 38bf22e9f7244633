// The durable record of every email SMTP has accepted, keyed by the idempotency key of the activity
// that sent it, and of the attempt that is sending it right now (a claim with a lease). A retried or
// re-delivered activity looks here first: it does not send what was sent, and it waits while another
// attempt's claim is live (see docs/decisions/email-exactly-once.md).
// Embedded default: libsql (sqlite) with synchronous writes, once `markSent` returns the row survives a
// crash. Several workers share the PostgreSQL ledger of `postgres-ledger.ts` (KEURMERK_LEDGER_URL).
import Database from 'libsql';
import { chmodSync, mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

export interface SentRecord {
  idempotencyKey: string;
  messageId: string;
  acceptedAt: string;
  /** Recipients the SMTP server refused while it accepted the others (reported again on a retry). */
  rejected?: { address: string; reason: string }[];
}

/** What a claim found: send now, it was sent already, or another attempt holds a live claim. */
export type ClaimResult =
  | { state: 'claimed' }
  | { state: 'sent'; record: SentRecord }
  | { state: 'busy'; until: Date };

export interface Claim {
  idempotencyKey: string;
  messageId: string;
  /** this attempt, unique (random): only the owner releases its claim */
  owner: string;
  /** how long the claim stands if the attempt dies without a word */
  leaseMs: number;
}

type Maybe<T> = T | Promise<T>;

/** Any durable ledger: the embedded SQLite file below, or a shared database for several workers. */
export interface SentLedger {
  find(idempotencyKey: string): Maybe<SentRecord | undefined>;
  /** Before sending: atomically takes the key unless it was sent or another attempt's claim is live. */
  claim(claim: Claim): Maybe<ClaimResult>;
  /** After SMTP accepted: the key is sent for good (durable when this returns). */
  markSent(record: SentRecord): Maybe<void>;
  /** The attempt failed before SMTP accepted: its claim ends now, a retry need not wait for the lease. */
  release(idempotencyKey: string, owner: string): Maybe<void>;
  close(): Maybe<void>;
}

/** The embedded ledger answers at once (synchronous SQLite). */
export interface LocalSentLedger extends SentLedger {
  find(idempotencyKey: string): SentRecord | undefined;
  claim(claim: Claim): ClaimResult;
  markSent(record: SentRecord): void;
  release(idempotencyKey: string, owner: string): void;
  close(): void;
}

export const LEDGER_FILE = 'email-ledger.db';

export function openSentLedger(dataDir: string): LocalSentLedger {
  const file = resolve(dataDir, LEDGER_FILE);
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  const db = new Database(file);
  // Who was mailed what is personal data: the owner's only (SQLite gives its -wal/-shm files the same mode).
  chmodSync(file, 0o600);
  // WAL + FULL sync: a committed row is on disk before the activity reports success.
  db.exec('PRAGMA journal_mode = WAL');
  db.exec('PRAGMA synchronous = FULL');
  db.exec('PRAGMA busy_timeout = 5000');
  db.exec(`CREATE TABLE IF NOT EXISTS sent_email (
    idempotency_key TEXT PRIMARY KEY,
    message_id TEXT NOT NULL,
    accepted_at TEXT NOT NULL
  )`);
  // Ledgers written before refused recipients were reported lack the column.
  const columns = (db.prepare('PRAGMA table_info(sent_email)').all() as { name: string }[]).map((c) => c.name);
  if (!columns.includes('rejected')) db.exec('ALTER TABLE sent_email ADD COLUMN rejected TEXT');
  // The attempts sending right now (a row lives from the claim to markSent or release).
  db.exec(`CREATE TABLE IF NOT EXISTS email_claim (
    idempotency_key TEXT PRIMARY KEY,
    claimed_by TEXT NOT NULL,
    claimed_until INTEGER NOT NULL
  )`);
  const select = db.prepare('SELECT idempotency_key, message_id, accepted_at, rejected FROM sent_email WHERE idempotency_key = ?');
  const insert = db.prepare('INSERT OR IGNORE INTO sent_email (idempotency_key, message_id, accepted_at, rejected) VALUES (?, ?, ?, ?)');
  const selectClaim = db.prepare('SELECT claimed_by, claimed_until FROM email_claim WHERE idempotency_key = ?');
  const upsertClaim = db.prepare('INSERT OR REPLACE INTO email_claim (idempotency_key, claimed_by, claimed_until) VALUES (?, ?, ?)');
  const deleteClaim = db.prepare('DELETE FROM email_claim WHERE idempotency_key = ?');
  const releaseClaim = db.prepare('DELETE FROM email_claim WHERE idempotency_key = ? AND claimed_by = ?');
  const find = (idempotencyKey: string): SentRecord | undefined => {
    const row = select.get(idempotencyKey) as { idempotency_key: string; message_id: string; accepted_at: string; rejected: string | null } | undefined;
    return row && { idempotencyKey: row.idempotency_key, messageId: row.message_id, acceptedAt: row.accepted_at, ...(row.rejected ? { rejected: JSON.parse(row.rejected) } : {}) };
  };
  return {
    find,
    claim({ idempotencyKey, owner, leaseMs }) {
      // BEGIN IMMEDIATE takes the write lock first: a second process on the same file waits (busy_timeout).
      db.exec('BEGIN IMMEDIATE');
      try {
        const record = find(idempotencyKey);
        let result: ClaimResult;
        if (record) result = { state: 'sent', record };
        else {
          const held = selectClaim.get(idempotencyKey) as { claimed_by: string; claimed_until: number } | undefined;
          const now = Date.now();
          if (held && held.claimed_by !== owner && held.claimed_until > now) result = { state: 'busy', until: new Date(held.claimed_until) };
          else {
            upsertClaim.run(idempotencyKey, owner, now + leaseMs);
            result = { state: 'claimed' };
          }
        }
        db.exec('COMMIT');
        return result;
      } catch (err) {
        db.exec('ROLLBACK');
        throw err;
      }
    },
    markSent(r) {
      db.exec('BEGIN IMMEDIATE');
      try {
        insert.run(r.idempotencyKey, r.messageId, r.acceptedAt, r.rejected?.length ? JSON.stringify(r.rejected) : null);
        deleteClaim.run(r.idempotencyKey);
        db.exec('COMMIT');
      } catch (err) {
        db.exec('ROLLBACK');
        throw err;
      }
    },
    release(idempotencyKey, owner) {
      releaseClaim.run(idempotencyKey, owner);
    },
    close() {
      db.close();
    },
  };
}
