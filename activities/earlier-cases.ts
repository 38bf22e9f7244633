// PSO-2 across cases: a level that can be had only once (the aspirant status) must be refused to a
// company that held it in an earlier case of the same scheme, also one that has ended. The earlier
// cases are found through visibility by scheme and KvK number (both search attributes, no personal
// data), and each one's own `status` query says which once-only levels it held and when. A closed run
// answers too: the worker replays its history. Only the last run of each case is asked (runs that
// continued as new hand their state on to the next one).
import type { Client } from '@temporalio/client';
import { statusQuery } from '../workflows/definitions';

export interface LevelHeld {
  level: string;
  from: string;
  until?: string;
  /** The earlier case (workflow id) that held it. */
  workflowId: string;
}

export interface EarlierLevels {
  held: LevelHeld[];
  /** Earlier runs whose status could not be read (history gone, query refused): said, never guessed. */
  unreadable: { workflowId: string; reason: string }[];
}

export function createEarlierCaseActivities(deps: { client: Client }) {
  return {
    /** The once-only `levels` this company held in earlier cases of `schemeId` (not the run `exceptRunId`). */
    async earlierLevelsHeld(input: { schemeId: string; kvkNumber: string; levels: string[]; exceptRunId: string }): Promise<EarlierLevels> {
      if (!/^\d{8}$/.test(input.kvkNumber)) throw new Error(`kvkNumber: expected 8 digits, got "${input.kvkNumber}"`);
      if (!/^[a-z0-9][a-z0-9-]*$/.test(input.schemeId)) throw new Error(`schemeId: expected lower-case letters, digits and dashes, got "${input.schemeId}"`);
      const query = `KeurmerkScheme = '${input.schemeId}' AND KeurmerkKvkNumber = '${input.kvkNumber}' AND ExecutionStatus != 'ContinuedAsNew'`;
      const held: LevelHeld[] = [];
      const unreadable: EarlierLevels['unreadable'] = [];
      for await (const wf of deps.client.workflow.list({ query })) {
        if (wf.runId === input.exceptRunId) continue;
        let status;
        try {
          status = await deps.client.workflow.getHandle(wf.workflowId, wf.runId).query(statusQuery);
        } catch (err) {
          unreadable.push({ workflowId: wf.workflowId, reason: (err as Error).message.slice(0, 200) });
          continue;
        }
        const found = (status.onceLevelsHeld ?? []).filter((h) => input.levels.includes(h.level));
        // An imported holder at a once-only level has no record of it beside its level and validity.
        if (status.level && input.levels.includes(status.level) && status.validity && !found.some((h) => h.level === status.level)) {
          found.push({ level: status.level, from: status.validity.validFrom, until: status.validity.expiresAt });
        }
        for (const h of found) {
          if (!held.some((x) => x.level === h.level && x.from === h.from)) held.push({ level: h.level, from: h.from, ...(h.until ? { until: h.until } : {}), workflowId: wf.workflowId });
        }
      }
      held.sort((a, b) => a.from.localeCompare(b.from));
      return { held, unreadable };
    },
  };
}
