// The durable record of every email SMTP has accepted, keyed by the idempotency key of the activity
// that sent it. A retried or re-delivered activity looks here first and does not send again.
// libsql (sqlite) with synchronous writes: once `markSent` returns, the row survives a crash.
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

/** Any durable ledger: the embedded SQLite file below, or a shared database for several workers. */
export interface SentLedger {
  find(idempotencyKey: string): SentRecord | undefined | Promise<SentRecord | undefined>;
  markSent(record: SentRecord): void | Promise<void>;
  close(): void | Promise<void>;
}

/** The embedded ledger answers at once (synchronous SQLite). */
export interface LocalSentLedger extends SentLedger {
  find(idempotencyKey: string): SentRecord | undefined;
  markSent(record: SentRecord): void;
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
  const select = db.prepare('SELECT idempotency_key, message_id, accepted_at, rejected FROM sent_email WHERE idempotency_key = ?');
  const insert = db.prepare('INSERT OR IGNORE INTO sent_email (idempotency_key, message_id, accepted_at, rejected) VALUES (?, ?, ?, ?)');
  return {
    find(idempotencyKey) {
      const row = select.get(idempotencyKey) as { idempotency_key: string; message_id: string; accepted_at: string; rejected: string | null } | undefined;
      return row && { idempotencyKey: row.idempotency_key, messageId: row.message_id, acceptedAt: row.accepted_at, ...(row.rejected ? { rejected: JSON.parse(row.rejected) } : {}) };
    },
    markSent(r) {
      insert.run(r.idempotencyKey, r.messageId, r.acceptedAt, r.rejected?.length ? JSON.stringify(r.rejected) : null);
    },
    close() {
      db.close();
    },
  };
}
