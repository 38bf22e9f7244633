// The email ledger in PostgreSQL (KEURMERK_LEDGER_URL), shared by every worker: a retry that Temporal
// runs on another replica finds what the first attempt claimed or sent. Same protocol as the embedded
// SQLite ledger (sent-ledger.ts): claim before sending, mark sent after; the database's clock decides
// whether a claim's lease is still live, so the workers' clocks need not agree.
import pg from 'pg';
import { withoutPassword } from '../../worker/redact';
import type { Claim, ClaimResult, SentLedger, SentRecord } from './sent-ledger';

const TABLE = 'keurmerk_sent_email';

interface Row {
  idempotency_key: string;
  message_id: string;
  state: 'claimed' | 'sent';
  claimed_until: Date | null;
  accepted_at: Date | null;
  rejected: { address: string; reason: string }[] | null;
}

const record = (row: Row): SentRecord => ({
  idempotencyKey: row.idempotency_key,
  messageId: row.message_id,
  acceptedAt: (row.accepted_at ?? new Date(0)).toISOString(),
  ...(row.rejected?.length ? { rejected: row.rejected } : {}),
});

export interface PostgresLedgerOptions {
  /** where pool errors of idle connections are told (never with the password) */
  log?: (line: string) => void;
}

export async function openPostgresLedger(url: string, options: PostgresLedgerOptions = {}): Promise<SentLedger> {
  const log = options.log ?? ((line: string) => console.error(line));
  const pool = new pg.Pool({ connectionString: url, max: 4, connectionTimeoutMillis: 10_000, idleTimeoutMillis: 30_000 });
  // An idle connection that breaks (database restarted) must not end the worker: the next query reconnects.
  pool.on('error', (err) => log(`email ledger ${withoutPassword(url)}: ${err.message}`));
  try {
    try {
      await createTable(pool);
    } catch (err) {
      // A fresh server (docker-compose's PostgreSQL) has no keurmerk database yet: create it once.
      if ((err as { code?: string }).code !== '3D000') throw err;
      await createDatabase(url);
      await createTable(pool);
    }
  } catch (err) {
    await pool.end();
    // pg's messages name host and database, never the password; the URL is shown masked.
    throw new Error(`email ledger ${withoutPassword(url)}: ${(err as Error).message}`, { cause: err });
  }
  const claim = async ({ idempotencyKey, messageId, owner, leaseMs }: Claim): Promise<ClaimResult> => {
    // One statement: a new key is inserted as claimed; an existing one is taken over only when it is
    // still unsent and its lease ran out (the attempt that claimed it died or gave up). The primary
    // key serialises two workers claiming at once: exactly one gets a row back.
    const taken = await pool.query(
      `INSERT INTO ${TABLE} AS t (idempotency_key, message_id, state, claimed_by, claimed_until)
         VALUES ($1, $2, 'claimed', $3, now() + $4 * interval '1 millisecond')
       ON CONFLICT (idempotency_key) DO UPDATE
         SET claimed_by = EXCLUDED.claimed_by, claimed_until = EXCLUDED.claimed_until
         WHERE t.state = 'claimed' AND (t.claimed_until < now() OR t.claimed_by = EXCLUDED.claimed_by)
       RETURNING idempotency_key`,
      [idempotencyKey, messageId, owner, leaseMs],
    );
    if (taken.rowCount) return { state: 'claimed' };
    const { rows } = await pool.query<Row>(`SELECT * FROM ${TABLE} WHERE idempotency_key = $1`, [idempotencyKey]);
    const row = rows[0];
    if (!row) return claim({ idempotencyKey, messageId, owner, leaseMs }); // released in between: claim again
    if (row.state === 'sent') return { state: 'sent', record: record(row) };
    return { state: 'busy', until: row.claimed_until ?? new Date() };
  };
  return {
    claim,
    async find(idempotencyKey) {
      const { rows } = await pool.query<Row>(`SELECT * FROM ${TABLE} WHERE idempotency_key = $1 AND state = 'sent'`, [idempotencyKey]);
      return rows[0] && record(rows[0]);
    },
    async markSent(r) {
      await pool.query(
        `INSERT INTO ${TABLE} AS t (idempotency_key, message_id, state, accepted_at, rejected)
           VALUES ($1, $2, 'sent', $3, $4)
         ON CONFLICT (idempotency_key) DO UPDATE
           SET state = 'sent', message_id = EXCLUDED.message_id, accepted_at = EXCLUDED.accepted_at,
               rejected = EXCLUDED.rejected, claimed_by = NULL, claimed_until = NULL`,
        [r.idempotencyKey, r.messageId, r.acceptedAt, r.rejected?.length ? JSON.stringify(r.rejected) : null],
      );
    },
    async release(idempotencyKey, owner) {
      await pool.query(`DELETE FROM ${TABLE} WHERE idempotency_key = $1 AND state = 'claimed' AND claimed_by = $2`, [idempotencyKey, owner]);
    },
    async close() {
      await pool.end();
    },
  };
}

async function createTable(pool: pg.Pool): Promise<void> {
  const ddl = `CREATE TABLE IF NOT EXISTS ${TABLE} (
    idempotency_key text PRIMARY KEY,
    message_id text NOT NULL,
    state text NOT NULL CHECK (state IN ('claimed', 'sent')),
    claimed_by text,
    claimed_until timestamptz,
    accepted_at timestamptz,
    rejected jsonb
  )`;
  // Workers starting at once: CREATE TABLE IF NOT EXISTS is not safe against a concurrent one (the
  // catalog answers 23505, or 42710 for the table's row type), so the creation is serialised by a
  // transaction-scoped advisory lock; the second worker then finds the table.
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [TABLE]);
    await client.query(ddl);
    await client.query('COMMIT');
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    client.release();
  }
}

async function createDatabase(url: string): Promise<void> {
  const target = new URL(url);
  const name = decodeURIComponent(target.pathname.slice(1));
  const maintenance = new URL(url);
  maintenance.pathname = '/postgres';
  const client = new pg.Client({ connectionString: maintenance.toString(), connectionTimeoutMillis: 10_000 });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE "${name.replace(/"/g, '""')}"`);
  } catch (err) {
    // another worker created it in between (42P04 duplicate_database, or 23505 when both were at it at once)
    if (!['42P04', '23505'].includes((err as { code?: string }).code ?? '')) throw err;
  } finally {
    await client.end();
  }
}
