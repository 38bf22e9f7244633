// Replays recorded histories (test/workflows/histories/*.json, written by record-histories.ts)
// against today's workflow code: a change that would break running cases fails here, unless it is
// guarded by patched().
import { describe, expect, it } from '@jest/globals';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { temporal } from '@temporalio/proto';
import { Worker } from '@temporalio/worker';
import { quietRuntime, workflowBundle } from '../helpers/keurmerk-env';

const dir = join(__dirname, 'histories');

describe('replay of recorded histories', () => {
  it('SEBO-T1..T13, SEBO-R2: every recorded history replays on the current workflow code without nondeterminism', async () => {
    quietRuntime();
    const files = readdirSync(dir).filter((f) => f.endsWith('.json')).sort();
    // histories are checked in
    expect(files.length).toBeGreaterThanOrEqual(2);
    const histories = files.map((file) => ({
      workflowId: file.replace(/\.json$/, ''),
      history: temporal.api.history.v1.History.fromObject(JSON.parse(readFileSync(join(dir, file), 'utf8'))),
    }));
    const replayed: string[] = [];
    for await (const result of Worker.runReplayHistories({ workflowBundle: await workflowBundle() }, histories)) {
      // The history's id is in the compared object, so a failure says which history no longer replays.
      expect({ workflowId: result.workflowId, error: result.error?.message }).toStrictEqual({ workflowId: result.workflowId, error: undefined });
      replayed.push(result.workflowId);
    }
    expect(replayed.sort()).toStrictEqual(histories.map((h) => h.workflowId).sort());
  });
});
