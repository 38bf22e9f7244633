// Records the histories that replay.test.ts replays: `node --import tsx test/workflows/record-histories.ts`.
// Run it only to add a history (e.g. before changing workflow code); the files are checked in, so
// every later change must still replay them (or be guarded by patched()).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { WorkflowHandle } from '@temporalio/client';
import { startKeurmerkEnv, type KeurmerkTestEnv } from '../helpers/keurmerk-env';
import { DAY, nextKvk, seboApplication, startApplication, startHolder } from '../helpers/sebo-fixtures';
import { act, advance, throughAudit, throughMeeting } from '../helpers/sebo-steps';

async function save(t: KeurmerkTestEnv, h: WorkflowHandle, name: string): Promise<void> {
  await h.result();
  const history = await t.client.workflow.getHandle(h.workflowId).fetchHistory();
  writeFileSync(join(__dirname, 'histories', `${name}.json`), JSON.stringify(history, null, 1));
  console.log(`recorded ${name}: ${history.events?.length} events`);
}

async function main(): Promise<void> {
  const t = await startKeurmerkEnv();
  try {
    // SEBO-T1..T9: rejected twice, then the year of SEBO-T9 runs out (one run, no continue-as-new).
    const app = await startApplication(t, seboApplication(nextKvk(), await t.now()));
    await throughMeeting(t, app);
    await throughAudit(t, app, 'negative');
    await act(t, app, 'decision', { outcome: 'rejected', reason: 'criterium 3.1' });
    await act(t, app, 'secondKeuringRequested', { causesRemoved: 'aangemeld bij On Stage' });
    await throughAudit(t, app, 'negative', false);
    await act(t, app, 'decision', { outcome: 'rejected', reason: 'opnieuw 3.1' });
    await save(t, app, 'application-rejected-twice');

    // SEBO-T10..T13, R2: an imported holder, suspended and lifted, conversation held, never renewed: lapses.
    const now = await t.now();
    const holder = await startHolder(t, nextKvk(), now, new Date(now.getTime() + 730 * DAY));
    await act(t, holder, 'suspend', { until: new Date(now.getTime() + 60 * DAY).toISOString(), reason: 'onderzoek' });
    await advance(t, 30 * DAY);
    await act(t, holder, 'liftSuspension');
    await advance(t, 340 * DAY);
    await act(t, holder, 'yearlyConversationHeld');
    await save(t, holder, 'holder-lapsed');
  } finally {
    await t.stop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
