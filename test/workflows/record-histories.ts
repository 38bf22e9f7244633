// Records the histories that replay.test.ts replays. It runs under jest (the test helpers are jest's)
// but is not a test (no .test.ts: `npm test` never runs it):
//   npx jest --testMatch '**/record-histories.ts' --testTimeout 600000 test/workflows/record-histories.ts [-t <name>]
// Run it only to add a history (e.g. before changing workflow code); the files are checked in, so every
// later change must still replay them (or be guarded by patched()).
//
// application-rejected-twice.json and holder-lapsed.json were recorded on the old SEBO workflow types
// (keurmerkApplication, keurmerkHolder: workflows/legacy/) before the case engine; new cases start on
// keurmerkCase, so they cannot be recorded again and are kept as they are. The engine-*.json histories
// are keurmerkCase runs of every built-in scheme.
import { describe, it } from '@jest/globals';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { WorkflowHandle } from '@temporalio/client';
import { startKeurmerkEnv, type KeurmerkTestEnv } from '../helpers/keurmerk-env';
import { DAY, nextKvk, seboApplication, startApplication, startHolder } from '../helpers/sebo-fixtures';
import { act, advance, advanceTo, HOUR, throughAudit, throughMeeting } from '../helpers/sebo-steps';
import { startOfDayAfter, getScheme } from '../../domain';

function write(name: string, history: unknown): void {
  writeFileSync(join(__dirname, 'histories', `${name}.json`), JSON.stringify(history, null, 1));
  console.log(`recorded ${name}: ${(history as { events?: unknown[] }).events?.length} events`);
}

/** The whole history of a case that has completed (one run). */
async function saveCompleted(t: KeurmerkTestEnv, h: WorkflowHandle, name: string): Promise<void> {
  await h.result();
  write(name, await t.client.workflow.getHandle(h.workflowId).fetchHistory());
}

/** The first run of an application that was granted: it ends by continuing as new into the holder phase. */
async function saveGrantedRun(t: KeurmerkTestEnv, h: WorkflowHandle & { firstExecutionRunId: string }, name: string): Promise<void> {
  const first = t.client.workflow.getHandle(h.workflowId, h.firstExecutionRunId);
  for (let i = 0; i < 300 && (await first.describe()).status.name !== 'CONTINUED_AS_NEW'; i++) await new Promise((r) => setTimeout(r, 100));
  if ((await first.describe()).status.name !== 'CONTINUED_AS_NEW') throw new Error(`${name}: the application did not continue as new into the holder phase`);
  write(name, await first.fetchHistory());
}

const recordings: Record<string, (t: KeurmerkTestEnv) => Promise<void>> = {
  // SEBO-T1..T7, D1, T10: intake, meeting, documents, audit, supplements window, report, grant.
  'engine-sebo-application-granted': async (t) => {
    const h = await startApplication(t, seboApplication(nextKvk(), await t.now()));
    await throughMeeting(t, h);
    await throughAudit(t, h, 'positive');
    await act(t, h, 'decision', { outcome: 'granted' });
    await saveGrantedRun(t, h, 'engine-sebo-application-granted');
  },

  // SEBO-T12, T8, T13 (2c): an early re-keuring rejected, the holder's second keuring, the validity
  // lapses while it runs, the second keuring is rejected too: the case ends LAPSED.
  'engine-sebo-holder-second-keuring-lapsed': async (t) => {
    const sebo = getScheme('sebo');
    const now = await t.now();
    const expiresAt = startOfDayAfter(sebo, now, 'P5M');
    const h = await startHolder(t, nextKvk(), new Date(now.getTime() - 570 * DAY), new Date(expiresAt));
    await act(t, h, 'renewalStarted');
    await throughAudit(t, h, 'negative');
    await act(t, h, 'decision', { outcome: 'rejected', reason: 'criterium 3.1' });
    await act(t, h, 'secondKeuringRequested', { causesRemoved: 'aangemeld voor On Stage' });
    await advanceTo(t, new Date(new Date(expiresAt).getTime() - 30 * DAY));
    await throughAudit(t, h, 'negative', false);
    await advanceTo(t, new Date(new Date(expiresAt).getTime() + HOUR));
    await act(t, h, 'decision', { outcome: 'rejected', reason: 'opnieuw 3.1' });
    await saveCompleted(t, h, 'engine-sebo-holder-second-keuring-lapsed');
  },

  // SEBO-T9, SEBO-T13: a holder nobody renews. The renewal reminders go to the company, the
  // escalations into the accountmanager's digest, side by side (the mailer's digest lane), until the
  // keurmerk lapses.
  'engine-sebo-holder-unattended-lapsed': async (t) => {
    const sebo = getScheme('sebo');
    const now = await t.now();
    const h = await startHolder(t, nextKvk(), new Date(now.getTime() - 570 * DAY), new Date(startOfDayAfter(sebo, now, 'P5M')));
    await saveCompleted(t, h, 'engine-sebo-holder-unattended-lapsed');
  },

  // WP-1..WP-4: points assessed, integrity screened, granted.
  'engine-werkpakt-application-granted': async (t) => {
    const kvk = nextKvk();
    const base = seboApplication(kvk, await t.now());
    const h = await startApplication(t, {
      ...base,
      schemeId: 'werkpakt',
      company: { ...base.company, name: `Twentse Bouw ${kvk}`, establishments: ['Enschede'] },
      figures: { employees: 40, fte: 36, establishments: 1, internshipPlaces: 2, distanceToLabourMarket: 2, unpaidHoursPerYear: 0 },
      activities: { placement: 2, 'job-fair': 3, 'work-visit': 2 },
    });
    await advance(t, 2 * DAY);
    await act(t, h, 'integrityScreened', { outcome: 'cleared', notes: 'VOG gecontroleerd' });
    await act(t, h, 'decision', { outcome: 'granted' });
    await saveGrantedRun(t, h, 'engine-werkpakt-application-granted');
  },

  // MVS-1: covenant signed, criteria met, granted.
  'engine-mvs-application-granted': async (t) => {
    const base = seboApplication(nextKvk(), await t.now());
    const h = await startApplication(t, { ...base, schemeId: 'mvs', company: { ...base.company, establishments: ['Schiedam'] } });
    await act(t, h, 'covenantSigned', { signatory: 'E. de Bakker', pledgedPlacements: 3 });
    await act(t, h, 'decision', { outcome: 'granted' });
    await saveGrantedRun(t, h, 'engine-mvs-application-granted');
  },

  // PSO-1, PSO-2: self-assessment, audit, certificate at the provisional level.
  'engine-pso-application-granted': async (t) => {
    const base = seboApplication(nextKvk(), await t.now());
    const h = await startApplication(t, {
      ...base,
      schemeId: 'pso',
      company: { ...base.company, establishments: ['Hengelo'] },
      selfAssessment: { totalFte: 100, targetGroupFte: 2, indirectFte: 0 },
    });
    const auditAt = new Date((await t.now()).getTime() + 5 * DAY);
    await act(t, h, 'auditPlanned', { auditAt: auditAt.toISOString(), auditor: 'CI Oost' });
    await advanceTo(t, new Date(auditAt.getTime() + 2 * HOUR));
    await act(t, h, 'auditDone', { shortcomings: 'none', findings: 'eigen invoer klopt' });
    await act(t, h, 'decision', { outcome: 'granted', level: 'aspirant' });
    await saveGrantedRun(t, h, 'engine-pso-application-granted');
  },
};

describe('record histories', () => {
  for (const [name, record] of Object.entries(recordings)) {
    // One server per history: a run left at the end of one must not hold time for the next.
    it(name, async () => {
      const t = await startKeurmerkEnv();
      try {
        await record(t);
      } finally {
        await t.stop();
      }
    });
  }
});
