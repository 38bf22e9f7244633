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
  it('SEBO-T1..T13, SEBO-R2, WP-4, MVS-1, PSO-2: every recorded history (legacy SEBO types and keurmerkCase of every scheme) replays on the current workflow code without nondeterminism', async () => {
    quietRuntime();
    const files = readdirSync(dir).filter((f) => f.endsWith('.json')).sort();
    // histories are checked in: the two of the legacy SEBO types and the engine's of every built-in scheme
    const histories = files.map((file) => ({
      workflowId: file.replace(/\.json$/, ''),
      history: temporal.api.history.v1.History.fromObject(JSON.parse(readFileSync(join(dir, file), 'utf8'))),
    }));
    const typeOf = (h: (typeof histories)[number]) => h.history.events?.[0]?.workflowExecutionStartedEventAttributes?.workflowType?.name;
    const byType = (type: string) => histories.filter((h) => typeOf(h) === type).map((h) => h.workflowId).sort();
    expect(byType('keurmerkApplication')).toEqual(['application-rejected-twice']);
    expect(byType('keurmerkHolder')).toEqual(['holder-lapsed']);
    expect(byType('keurmerkCase')).toEqual(
      expect.arrayContaining([
        'engine-mvs-application-granted',
        'engine-pso-application-granted',
        'engine-sebo-application-granted',
        'engine-sebo-holder-second-keuring-lapsed',
        'engine-sebo-holder-unattended-lapsed',
        'engine-sebo-holder-unattended-lapsed-before-digest-lane',
        'engine-werkpakt-application-granted',
      ]),
    );
    const replayed: string[] = [];
    for await (const result of Worker.runReplayHistories({ workflowBundle: await workflowBundle() }, histories)) {
      // The history's id is in the compared object, so a failure says which history no longer replays.
      expect({ workflowId: result.workflowId, error: result.error?.message }).toStrictEqual({ workflowId: result.workflowId, error: undefined });
      replayed.push(result.workflowId);
    }
    expect(replayed.sort()).toStrictEqual(histories.map((h) => h.workflowId).sort());
  });

  // The two recordings of an unattended holder differ in one thing: the mailer's digest lane (issue 14).
  // Before it, a digest change waited for the email queued with it; with it, one workflow task
  // schedules both. Both replay (above), so a case that started before the lane goes on without it.
  it('SEBO-T9: an escalation schedules its digest change beside the email in the same task once the digest lane is in; before it, after the email', () => {
    const scheduledTogether = (name: string) => {
      const events = JSON.parse(readFileSync(join(dir, `${name}.json`), 'utf8')).events as { eventType: string; activityTaskScheduledEventAttributes?: { activityType: { name: string } } }[];
      let batch: string[] = [];
      let together = 0;
      let digests = 0;
      for (const e of events) {
        if (e.eventType === 'EVENT_TYPE_WORKFLOW_TASK_COMPLETED') batch = [];
        const type = e.activityTaskScheduledEventAttributes?.activityType.name;
        if (!type) continue;
        batch.push(type);
        if (type === 'signalDigest') digests++;
        if (batch.includes('signalDigest') && batch.includes('sendEmail') && (type === 'signalDigest' || type === 'sendEmail')) together++;
      }
      return { digests, together };
    };
    const before = scheduledTogether('engine-sebo-holder-unattended-lapsed-before-digest-lane');
    const lane = scheduledTogether('engine-sebo-holder-unattended-lapsed');
    expect(before.digests).toBeGreaterThan(0);
    expect(before.together).toBe(0);
    expect(lane.digests).toBe(before.digests);
    expect(lane.together).toBeGreaterThan(0);
  });
});
