// What the engine needs from persistence; store.ts implements it with libsql.
import type { Exec, NamespaceRecord } from './engine';

export interface Store {
  /** Write the state and the new history events of these runs in one transaction. */
  save(execs: Exec[]): void;
  /** Remove a run with its history (DeleteWorkflowExecution). */
  delete?(exec: Exec): void;
  saveNamespaces?(namespaces: NamespaceRecord[]): void;
  saveSearchAttributes?(custom: Record<string, number>): void;
}
