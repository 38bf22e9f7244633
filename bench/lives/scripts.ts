// One whole life per scheme with a workflow, as the people in it would live it: apply, the scheme's
// own steps (Updates recorded at the server's current time), the grant, then nobody acts again, so the
// renewal is reminded (and, where the scheme says so, escalated and warned) until the keurmerk
// lapses and the case ends. Each life holds one time-skipping lock while it acts and gives it back
// while it waits (UnlockTimeSkippingWithSleep), so many lives share one virtual clock the official way.
import type { Client, WorkflowHandle } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { getScheme, nextMeeting, supplementsDeadline, type ApplicationInput } from '../../domain';
import { caseWorkflowId, WORKFLOW_TYPES, type ApplicationStart } from '../../workflows/definitions';
import { allDocuments, seboApplication } from '../../test/helpers/sebo-fixtures';

const HOUR = 3600_000;
const DAY = 24 * HOUR;

export const LIFE_SCHEMES = ['sebo', 'sebo-ambassadeur', 'werkpakt', 'mvs', 'pso'] as const;
export type LifeScheme = (typeof LIFE_SCHEMES)[number];

export interface LifeContext {
  env: TestWorkflowEnvironment;
  /** A client that leaves time skipping alone (its result() neither unlocks nor relocks). */
  plain: Client;
  taskQueue: string;
}

/** The TestService of a time-skipping environment (lock and unlock time skipping). */
export function testService(env: TestWorkflowEnvironment) {
  const service = env.connection.testService;
  if (!service) throw new Error('the lives benchmark needs a time-skipping environment (TestService)');
  return service;
}

function application(scheme: LifeScheme, kvk: string, at: Date): ApplicationInput {
  const base = seboApplication(kvk, at);
  switch (scheme) {
    case 'sebo':
      return base;
    case 'sebo-ambassadeur':
      return { ...base, schemeId: scheme, company: { ...base.company, affiliation: 'municipal-entity' } };
    case 'werkpakt':
      return {
        ...base,
        schemeId: scheme,
        company: { ...base.company, establishments: ['Enschede'] },
        figures: { employees: 40, fte: 36, establishments: 1, internshipPlaces: 2, distanceToLabourMarket: 2, unpaidHoursPerYear: 0 },
        activities: { placement: 2, 'job-fair': 3, 'work-visit': 2 },
      } as ApplicationInput;
    case 'mvs':
      return { ...base, schemeId: scheme, company: { ...base.company, establishments: ['Schiedam'] } };
    case 'pso':
      return {
        ...base,
        schemeId: scheme,
        company: { ...base.company, establishments: ['Hengelo'] },
        selfAssessment: { totalFte: 100, targetGroupFte: 2, indirectFte: 0 },
      } as ApplicationInput;
  }
}

/** Runs one life to its end; returns the workflow id (every run of the case has it). */
export async function live(ctx: LifeContext, scheme: LifeScheme, kvk: string): Promise<string> {
  const { env } = ctx;
  const now = async () => new Date((await env.currentTimeMs()) as number);
  const advanceTo = async (at: Date) => {
    const ms = at.getTime() - (await now()).getTime();
    if (ms > 0) await env.sleep(ms);
  };
  const act = async (h: WorkflowHandle, name: string, args: Record<string, unknown> = {}) =>
    h.executeUpdate(name, { args: [{ at: (await now()).toISOString(), by: 'bench', ...args }] });

  const start: ApplicationStart = { application: application(scheme, kvk, await now()), accountmanagerCode: 'AM-017' };
  const workflowId = caseWorkflowId(scheme, kvk);
  const h = await ctx.plain.workflow.start(WORKFLOW_TYPES.application, { taskQueue: ctx.taskQueue, workflowId, args: [start] });

  // No wait for the first step: an action that reaches the case before it opened waits for the opening
  // (workflows/engine/actions.ts, opening), so a person may act at once.

  switch (scheme) {
    case 'sebo':
    case 'sebo-ambassadeur': {
      // SEBO-T1, SEBO-T2 (SEBO-A1): intake, then the holders approve at the next members' meeting.
      await act(h, 'intakeRecorded');
      const meeting = nextMeeting(getScheme(scheme), (await now()).toISOString())!;
      await advanceTo(new Date(new Date(meeting.startsAt).getTime() + HOUR));
      await act(h, 'meetingOutcome', { meetingDate: meeting.date, outcome: 'approved' });
      if (scheme === 'sebo-ambassadeur') break;
      // SEBO-T3..T6: documents, audit, the report after the supplements window, the decision.
      await act(h, 'documentsReceived', { documents: allDocuments(await now()) });
      const auditAt = new Date((await now()).getTime() + 7 * DAY);
      await act(h, 'auditPlanned', { auditAt: auditAt.toISOString() });
      await advanceTo(new Date(auditAt.getTime() + 3 * HOUR));
      const doneAt = (await now()).toISOString();
      await act(h, 'auditDone', { at: doneAt, shortcomings: 'none' });
      await advanceTo(new Date(new Date(supplementsDeadline(getScheme('sebo'), doneAt)).getTime() + HOUR));
      await act(h, 'reportAndAdvice', { advice: 'positive' });
      await act(h, 'decision', { outcome: 'granted' });
      break;
    }
    case 'werkpakt':
      // WP-3, WP-4: integrity screened, then the municipality grants.
      await act(h, 'integrityScreened', { outcome: 'cleared', notes: 'VOG en KvK gecontroleerd' });
      await act(h, 'decision', { outcome: 'granted' });
      break;
    case 'mvs':
      // MVS-1: covenant signed, criteria met.
      await act(h, 'covenantSigned', { signatory: 'E. de Bakker', pledgedPlacements: 3 });
      await act(h, 'decision', { outcome: 'granted' });
      break;
    case 'pso': {
      // PSO-2: audit planned and held, certificate at the provisional level.
      const auditAt = new Date((await now()).getTime() + 5 * DAY);
      await act(h, 'auditPlanned', { auditAt: auditAt.toISOString(), auditor: 'CI Oost' });
      await advanceTo(new Date(auditAt.getTime() + 2 * HOUR));
      await act(h, 'auditDone', { shortcomings: 'none', findings: 'eigen invoer klopt' });
      await act(h, 'decision', { outcome: 'granted', level: 'aspirant' });
      break;
    }
  }
  // Nobody acts again: this life's lock goes for good, and the case runs on to its lapse.
  await testService(env).unlockTimeSkipping({});
  const result = (await ctx.plain.workflow.getHandle(workflowId).result()) as { outcome?: string };
  if (result?.outcome !== 'lapsed') throw new Error(`${workflowId} ended ${JSON.stringify(result)}, expected lapsed`);
  return workflowId;
}
