// Persistence with --db-filename: SQLite (libsql, WAL). History events are stored as encoded
// temporal.api.history.v1.HistoryEvent bytes, each run's mutable state as one JSON record, both
// written in one transaction before the request that changed them is answered. On start-up every run
// is loaded and its outstanding work resumes: workflow and activity tasks are queued again, timers
// and timeouts re-armed from their absolute times.
import { recoverActivities } from './engine/activities';
import { recoverChildrenAndExternals } from './engine/children';
import type { Engine, Exec, NamespaceRecord } from './engine/engine';
import { isOpen } from './engine/enums';
import { armRunTimers } from './engine/start';
import type { ExecutionState } from './engine/state';
import type { Store } from './engine/store-types';
import { recoverTimers } from './engine/timers';
import { recoverWorkflowTask } from './engine/workflow-tasks';
import { EventLog } from './engine/encoded-history';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS executions (
  namespace TEXT NOT NULL, workflow_id TEXT NOT NULL, run_id TEXT NOT NULL, state TEXT NOT NULL,
  PRIMARY KEY (namespace, workflow_id, run_id));
CREATE TABLE IF NOT EXISTS events (
  namespace TEXT NOT NULL, workflow_id TEXT NOT NULL, run_id TEXT NOT NULL, event_id INTEGER NOT NULL, data BLOB NOT NULL,
  PRIMARY KEY (namespace, workflow_id, run_id, event_id));
`;

/** Events of a speculative workflow task are never stored (the real server keeps them in memory only). */
function visible(exec: Exec): number {
  return exec.s.wft?.speculativeFrom ?? exec.log.length;
}

/**
 * Bytes in the stored state (payload data in memo, search attributes, activity inputs) as base64,
 * not as JSON.stringify's default array of numbers, which takes up to four times the bytes and as
 * much longer to parse on start-up.
 */
function stateJson(state: ExecutionState): string {
  return JSON.stringify(state, function (this: any, key: string, value: any) {
    const raw = this[key];
    return Buffer.isBuffer(raw) ? { $base64: raw.toString('base64') } : value;
  });
}

/**
 * The stored bytes of a parsed state as Buffers again, in place; also reads the number-array form of
 * states stored before base64. A walk after a plain JSON.parse, because a reviver callback for every
 * value made parsing the states take 2.6 times as long, most of a restart on 10,000 cases (issue 14).
 */
function reviveBuffers(value: any): any {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) value[i] = reviveBuffers(value[i]);
    return value;
  }
  if (typeof value.$base64 === 'string' && Object.keys(value).length === 1) return Buffer.from(value.$base64, 'base64');
  if (value.type === 'Buffer' && Array.isArray(value.data)) return Buffer.from(value.data);
  for (const key of Object.keys(value)) value[key] = reviveBuffers(value[key]);
  return value;
}

export interface SqliteStore extends Store {
  load(engine: Engine): void;
  close(): void;
}

export function openStore(filename: string): SqliteStore {
  // Loaded only when persistence is asked for: an in-memory server starts faster without it.
  const Database = require('libsql');
  const db = new Database(filename);
  db.exec('PRAGMA journal_mode = WAL');
  db.exec('PRAGMA synchronous = NORMAL');
  db.exec(SCHEMA);
  const putState = db.prepare(
    'INSERT INTO executions (namespace, workflow_id, run_id, state) VALUES (?, ?, ?, ?) ' +
      'ON CONFLICT (namespace, workflow_id, run_id) DO UPDATE SET state = excluded.state',
  );
  const putEvent = db.prepare('INSERT OR REPLACE INTO events (namespace, workflow_id, run_id, event_id, data) VALUES (?, ?, ?, ?, ?)');
  const deleteRun = db.transaction((ns: string, wid: string, rid: string) => {
    db.prepare('DELETE FROM events WHERE namespace = ? AND workflow_id = ? AND run_id = ?').run(ns, wid, rid);
    db.prepare('DELETE FROM executions WHERE namespace = ? AND workflow_id = ? AND run_id = ?').run(ns, wid, rid);
  });
  const putMeta = db.prepare('INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)');
  const getMeta = db.prepare('SELECT value FROM meta WHERE key = ?');

  const saveAll = db.transaction((execs: Exec[]) => {
    for (const exec of execs) {
      const s = exec.s;
      putState.run(s.namespace, s.workflowId, s.runId, stateJson(s));
      for (let i = exec.storedEvents; i < visible(exec); i++) {
        putEvent.run(s.namespace, s.workflowId, s.runId, i + 1, exec.log.at(i));
      }
    }
  });

  const meta = (key: string): any => {
    // .all(): libsql's .get() aborts the process on some rows (a panic in its native code).
    const row = getMeta.all(key)[0];
    return row ? JSON.parse(row.value) : undefined;
  };

  return {
    save(execs) {
      saveAll(execs);
      for (const exec of execs) exec.storedEvents = visible(exec);
    },
    delete(exec) {
      deleteRun(exec.s.namespace, exec.s.workflowId, exec.s.runId);
    },
    saveNamespaces(namespaces: NamespaceRecord[]) {
      putMeta.run('namespaces', JSON.stringify(namespaces));
    },
    saveSearchAttributes(custom: Record<string, number>) {
      putMeta.run('searchAttributes', JSON.stringify(custom));
    },
    load(engine) {
      for (const ns of (meta('namespaces') ?? []) as NamespaceRecord[]) {
        if (!engine.namespaces.has(ns.name)) engine.namespaces.set(ns.name, ns);
      }
      const custom = meta('searchAttributes') as Record<string, number> | undefined;
      if (custom) {
        for (const [name, type] of Object.entries(custom)) {
          if (engine.visibility.registry.typeOf(name) === undefined) engine.visibility.registry.add(name, type);
        }
      }
      this.saveSearchAttributes!(engine.visibility.registry.custom());
      this.saveNamespaces!([...engine.namespaces.values()]);
      const runs: Exec[] = [];
      // Every run's events in one scan of the primary key, grouped by run.
      const logOf = new Map<string, EventLog>();
      for (const row of db.prepare('SELECT namespace, workflow_id, run_id, data FROM events ORDER BY namespace, workflow_id, run_id, event_id').iterate()) {
        const key = `${row.namespace}\u0000${row.workflow_id}\u0000${row.run_id}`;
        let log = logOf.get(key);
        if (!log) logOf.set(key, (log = new EventLog()));
        log.push(Buffer.from(row.data)); // libsql gives an ArrayBuffer: a view, no copy
      }
      for (const row of db.prepare('SELECT state FROM executions ORDER BY rowid').all()) {
        const s = reviveBuffers(JSON.parse(row.state)) as ExecutionState;
        const exec = engine.newExec(s);
        // Events stay encoded: the engine decodes the few it reads (encoded-history.ts).
        exec.log = logOf.get(`${s.namespace}\u0000${s.workflowId}\u0000${s.runId}`) ?? new EventLog();
        exec.log.compact();
        s.historySizeBytes = exec.log.payloadBytes;
        exec.storedEvents = exec.log.length;
        runs.push(exec);
      }
      // Register older runs first so the latest run of each workflow id becomes its current run.
      runs.sort((a, b) => a.s.startTime - b.s.startTime);
      for (const exec of runs) {
        engine.executions.set(engine.key(exec.s.namespace, exec.s.workflowId, exec.s.runId), exec);
        engine.current.set(`${exec.s.namespace}\u0000${exec.s.workflowId}`, exec.s.runId);
        if (isOpen(exec.s.status)) engine.open.add(exec);
      }
      for (const exec of engine.open) {
        armRunTimers(engine, exec);
        recoverTimers(engine, exec);
        recoverActivities(engine, exec);
        recoverWorkflowTask(engine, exec);
        recoverChildrenAndExternals(engine, exec);
      }
      engine.commit();
    },
    close() {
      db.close();
    },
  };
}
