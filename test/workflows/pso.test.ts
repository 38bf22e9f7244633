// Prestatieladder Socialer Ondernemen (PSO-1, PSO-2) on the case engine: the self-assessment gives a
// provisional level with the ladder function, the certifying institution audits, the certificate
// states the level within a month of the audit, the aspirant status is had only once, a reminder 3
// months before expiry, re-certification repeats the steps, the level is a search attribute. The
// ladder's levels are data: PSO's basistrede of 2023 is added by a definition change.
import { describe, expect, it } from '@jest/globals';
import { deadline, getScheme, parseOrThrow, SchemeDefinitionSchema, subtractPeriod } from '../../domain';
import { registerQuery } from '../../workflows/definitions';
import { LEVEL } from '../../workflows/search-attributes';
import { CI_EMAIL, useKeurmerkEnv } from '../helpers/keurmerk-env';
import { DAY, nextKvk, seboApplication, startApplication, status } from '../helpers/sebo-fixtures';
import { act, advance, advanceTo, HOUR, refused } from '../helpers/sebo-steps';
import type { KeurmerkTestEnv } from '../helpers/keurmerk-env';
import type { WorkflowHandle } from '@temporalio/client';

const pso = getScheme('pso');

function psoApplication(kvk: string, at: Date, targetGroupFte: number) {
  const base = seboApplication(kvk, at);
  return { ...base, schemeId: 'pso', company: { ...base.company, establishments: ['Hengelo'] }, selfAssessment: { totalFte: 100, targetGroupFte, indirectFte: 0 } };
}

async function listedLevel(t: KeurmerkTestEnv, workflowId: string): Promise<unknown> {
  for await (const wf of t.client.workflow.list({ query: `WorkflowId = '${workflowId}'` })) return wf.typedSearchAttributes.get(LEVEL);
  return undefined;
}

/**
 * A PSO case opens by looking up the company's earlier cases (PSO-2 across cases, an activity) before
 * it assesses and enters its first step; wait until it has (bounded).
 */
async function start(t: KeurmerkTestEnv, ...args: Parameters<typeof startApplication> extends [unknown, ...infer R] ? R : never): Promise<WorkflowHandle> {
  const h = t.track(await startApplication(t, ...args));
  for (let i = 0; i < 240; i++) {
    if ((await status(t, h.workflowId)).stage !== 'INTAKE') return h;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${h.workflowId} did not leave INTAKE within 60 s`);
}

/** Audit planned and held now (PSO-2); returns when the audit was done. */
async function audit(t: KeurmerkTestEnv, h: WorkflowHandle): Promise<string> {
  const auditAt = new Date((await t.now()).getTime() + 5 * DAY);
  await act(t, h, 'auditPlanned', { auditAt: auditAt.toISOString(), auditor: 'CI Oost' });
  await advanceTo(t, new Date(auditAt.getTime() + 2 * HOUR));
  const doneAt = (await t.now()).toISOString();
  await act(t, h, 'auditDone', { shortcomings: 'none', findings: 'eigen invoer klopt' });
  return doneAt;
}

describe('PSO on the case engine', () => {
  const t = useKeurmerkEnv();

  it('PSO-1, PSO-2: provisional level from the self-assessment, audit, certificate with the level within a month of the audit, level as search attribute and in the register, reminder 3 months before expiry, re-certification; the aspirant status only once', async () => {
    const kvk = nextKvk();
    const h = await start(t, psoApplication(kvk, await t.now(), 2));
    const employer = `els.${kvk}@bakker.example`;
    // PSO-1: 2 % is below trede 1 (3 %): the provisional level is aspirant.
    let s = await status(t, h.workflowId);
    expect(s.stage).toBe('AUDIT_PLANNING');
    expect(s.assessment).toMatchObject({ level: 'aspirant', provisional: true });
    const [forwarded] = await t.smtp.waitFor((m) => m.recipients.includes(CI_EMAIL) && m.subject.includes(kvk) && /doorgestuurd voor de audit/.test(m.subject));
    expect(forwarded.text).toMatch(/voorlopige niveau: aspirant/);
    expect(forwarded.text).not.toMatch(/SEBO|Zoetermeer/);
    expect(await listedLevel(t, h.workflowId)).toBe('aspirant');

    const doneAt = await audit(t, h);
    s = await status(t, h.workflowId);
    expect(s.stage).toBe('CERTIFICATE');
    // PSO-2: the certificate within about a month of the audit.
    expect(s.openDeadlines).toEqual([{ action: 'decision', party: 'certifying-institution', dueAt: deadline(doneAt, 'P1M', pso.zone), ruleId: 'PSO-2' }]);
    await refused(act(t, h, 'decision', { outcome: 'granted', level: 'trede-9' }), /"trede-9" is not a level of the Prestatieladder/);
    await act(t, h, 'decision', { outcome: 'granted', level: 'aspirant' });
    const [certificate] = await t.smtp.waitFor((m) => m.recipients.includes(employer) && /certificaat$/.test(m.subject));
    expect(certificate.text).toMatch(/op niveau aspirant/);
    expect(certificate.recipients).toStrictEqual([employer]);
    await t.smtp.waitFor((m) => m.recipients.includes(CI_EMAIL) && /certificaat$/.test(m.subject) && /op niveau aspirant/.test(m.text));
    s = await status(t, h.workflowId);
    expect(s.stage).toBe('REGISTERED');
    expect(s.level).toBe('aspirant');
    expect(s.onceLevelsHeld).toEqual([{ level: 'aspirant', from: s.validity!.validFrom, until: s.validity!.expiresAt }]);
    const listed: string[] = [];
    for await (const wf of t.client.workflow.list({ query: registerQuery('pso') })) listed.push(wf.workflowId);
    expect(listed).toContain(h.workflowId);

    // PSO-2: reminder 3 months before expiry, to the employer and the CI; re-certification repeats the steps.
    const expiresAt = s.validity!.expiresAt;
    await advanceTo(t, new Date(new Date(subtractPeriod(expiresAt, 'P3M', pso.zone)).getTime() + HOUR));
    const [reminder] = await t.smtp.waitFor((m) => m.recipients.includes(employer) && /verlenging aanvragen/.test(m.subject));
    expect(reminder.recipients).toStrictEqual([employer]);
    expect(reminder.text).toMatch(/Prestatieladder Socialer Ondernemen: de certificering/);
    expect(reminder.rules).toStrictEqual(['PSO-2']);
    await t.smtp.waitFor((m) => m.recipients.includes(CI_EMAIL) && /verlenging aanvragen/.test(m.subject) && m.text.includes(`keurmerk renewal-started ${kvk} --scheme pso`));
    await act(t, h, 'renewalStarted', { selfAssessment: { totalFte: 100, targetGroupFte: 2.5 } });
    expect((await status(t, h.workflowId)).renewalStep).toBe('AUDIT_PLANNING');
    await audit(t, h);
    // PSO-2: the aspirant status only once; the refusal says when it was held.
    await refused(
      act(t, h, 'decision', { outcome: 'granted', level: 'aspirant' }),
      new RegExp(`the aspirant status can be had only once; this company held it from ${s.validity!.validFrom.slice(0, 10)} until ${expiresAt.slice(0, 10)}`),
    );
    await act(t, h, 'decision', { outcome: 'granted', level: 'trede-1' });
    await advance(t, HOUR);
    s = await status(t, h.workflowId);
    expect(s.stage).toBe('REGISTERED');
    expect(s.level).toBe('trede-1');
    expect(s.validity!.validFrom).toBe(expiresAt);
    expect(await listedLevel(t, h.workflowId)).toBe('trede-1');
  }, 300_000);

  it('PSO-2: the aspirant status only once per company across cases: held in an ended case, a new case of the same KvK is refused it with the dates; another company is not', async () => {
    const kvk = nextKvk();
    const first = await start(t, psoApplication(kvk, await t.now(), 2));
    await audit(t, first);
    await act(t, first, 'decision', { outcome: 'granted', level: 'aspirant' });
    await advance(t, HOUR);
    const held = await status(t, first.workflowId);
    expect(held.stage).toBe('REGISTERED');
    const { validFrom, expiresAt } = held.validity!;
    // The first case ends (withdrawn); the id is free again for a new application.
    await act(t, first, 'withdraw', { ground: 'false-impression', explanation: 'ten onrechte als trede 1 vermeld' });
    expect(await first.result()).toMatchObject({ outcome: 'withdrawn' });

    const again = await start(t, psoApplication(kvk, await t.now(), 2));
    expect(again.workflowId).toBe(first.workflowId);
    let s = await status(t, again.workflowId);
    expect(s.stage).toBe('AUDIT_PLANNING');
    expect(s.onceLevelsHeld).toEqual([{ level: 'aspirant', from: validFrom, until: expiresAt }]);
    expect(s.history.some((x) => x.ruleId === 'PSO-2' && x.what.includes(`the aspirant status was held from ${validFrom.slice(0, 10)} until ${expiresAt.slice(0, 10)}`))).toBe(true);
    // The provisional level knows it too: 2 % gives no level now.
    expect(s.assessment).toMatchObject({ level: null, provisional: true });
    await audit(t, again);
    await refused(
      act(t, again, 'decision', { outcome: 'granted', level: 'aspirant' }),
      new RegExp(`the aspirant status can be had only once; this company held it from ${validFrom.slice(0, 10)} until ${expiresAt.slice(0, 10)}`),
    );
    expect((await status(t, again.workflowId)).stage).toBe('CERTIFICATE');
    await act(t, again, 'decision', { outcome: 'granted', level: 'trede-1' });
    await advance(t, HOUR);
    s = await status(t, again.workflowId);
    expect(s.level).toBe('trede-1');
    expect(s.onceLevelsHeld).toEqual([{ level: 'aspirant', from: validFrom, until: expiresAt }]);

    // Another company with the same figures meanwhile: nothing held, aspirant granted.
    const other = await start(t, psoApplication(nextKvk(), await t.now(), 2));
    const o = await status(t, other.workflowId);
    expect(o.onceLevelsHeld ?? []).toEqual([]);
    expect(o.assessment).toMatchObject({ level: 'aspirant' });
    await audit(t, other);
    await act(t, other, 'decision', { outcome: 'granted', level: 'aspirant' });
    await advance(t, HOUR);
    expect((await status(t, other.workflowId)).level).toBe('aspirant');
  }, 300_000);

  it('PSO-1: the levels are data: the basistrede (2023) added by a definition change gives a new provisional level without code', async () => {
    const base = getScheme('pso');
    const a = base.assessment as Extract<typeof base.assessment, { method: 'pso-ladder' }>;
    const withBasistrede = parseOrThrow(
      SchemeDefinitionSchema,
      { ...base, version: '2023-04', assessment: { ...a, thresholds: { basistrede: 0.015, ...a.thresholds } } },
      'pso 2023',
    );
    const kvk = nextKvk();
    const h = await start(t, psoApplication(kvk, await t.now(), 2), { definition: withBasistrede });
    const s = await status(t, h.workflowId);
    expect(s.assessment).toMatchObject({ level: 'basistrede', provisional: true });
    expect(s.definitionVersion).toBe('2023-04');
    expect(await listedLevel(t, h.workflowId)).toBe('basistrede');
    // The built-in definition without it still says aspirant for the same figures.
    const old = await start(t, psoApplication(nextKvk(), await t.now(), 2));
    expect((await status(t, old.workflowId)).assessment).toMatchObject({ level: 'aspirant' });
    expect((await status(t, old.workflowId)).definitionHash).not.toBe(s.definitionHash);
  }, 120_000);
});
