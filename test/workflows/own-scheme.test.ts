// A municipality's own keurmerk from a definition file that exists only in this test (fictional
// Voorbeeldstad, own periods, steps and validity): read and validated as the worker and the admin
// command read KEURMERK_SCHEME_FILES, then apply -> grant -> renewal reminder -> lapse on the same
// engine with no code of its own. A wrong file is refused with every problem named by path.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { addPeriod, deadline, subtractPeriod, validity } from '../../domain';
import { loadSchemeFiles } from '../../worker/scheme-files';
import { MUNICIPALITY_EMAIL, useKeurmerkEnv } from '../helpers/keurmerk-env';
import { DAY, nextKvk, seboApplication, startApplication, status } from '../helpers/sebo-fixtures';
import { act, advanceTo, HOUR, refused } from '../helpers/sebo-steps';

const VOORBEELDSTAD = `
id: keurmerk-voorbeeldstad
name: Keurmerk Sociaal Ondernemen Voorbeeldstad
kind: keurmerk
owner: Gemeente Voorbeeldstad
source: Raadsbesluit Voorbeeldstad 2026 (fictitious, test only)
version: "2026-1"
rules: [VS-1, VS-2, VS-3]
references: { VS-3: 'Verordening keurmerk Voorbeeldstad, artikel 5' }
procedure: { intake: true, membersMeeting: false, audit: false, secondKeuringen: 0, suspensionExtensions: 0 }
periods: { decisionWithin: P4W, validityFirst: P18M, renewalReminderBefore: P2M }
eligibility: { establishmentIn: [Voorbeeldstad] }
assessment: { method: covenant }
flow:
  received: { notice: aanvraag-ontvangen, to: [employer, accountmanager] }
  notEligible: { rule: VS-1, mail: { notice: niet-in-aanmerking, to: [employer, accountmanager] } }
  steps:
    - id: intake
      stage: INTAKE
      action: intakeRecorded
      actor: accountmanager
      rule: VS-1
      due: { from: application, duration: P10D }
      next: { step: decision }
    - id: decision
      stage: DECISION
      action: decision
      actor: municipality
      rule: VS-2
      due: { from: application, period: decisionWithin }
      onEnter: { notice: besluit-gevraagd, to: [municipality] }
      outcomes:
        granted: { grant: true, mail: { notice: besluit-verleend, to: [employer, accountmanager] } }
        rejected: { reject: true }
  rejection:
    final: { rule: VS-2, mail: { notice: besluit-afgewezen, to: [employer, accountmanager] } }
  holder:
    certificate: { rule: VS-3, mail: { notice: certificaat-verleend, to: [employer] } }
    renewal: { rule: VS-3, actor: municipality, restartAt: decision, mail: { notice: verlenging-aanvragen, to: [employer, municipality] } }
    lapse: { rule: VS-3, warning: false, mail: { notice: vervallen, to: [employer, accountmanager] } }
`;

function writeDefinition(text: string, name = 'voorbeeldstad.yaml'): string {
  const file = join(mkdtempSync(join(tmpdir(), 'keurmerk-scheme-')), name);
  writeFileSync(file, text);
  return file;
}

describe("a municipality's own scheme file on the case engine", () => {
  const t = useKeurmerkEnv();

  it('KEURMERK_SCHEME_FILES: a file of its own runs apply -> grant -> renewal reminder -> lapse with its own periods, steps and validity', async () => {
    const [definition] = loadSchemeFiles([writeDefinition(VOORBEELDSTAD)]);
    const kvk = nextKvk();
    const submitted = await t.now();
    const base = seboApplication(kvk, submitted);
    const application = { ...base, schemeId: definition.id, company: { ...base.company, establishments: ['Voorbeeldstad'] } };
    const h = t.track(await startApplication(t, application, { definition }));
    const employer = `els.${kvk}@bakker.example`;

    let s = await status(t, h.workflowId);
    expect(h.workflowId).toBe(`keurmerk-voorbeeldstad-${kvk}`);
    expect(s.stage).toBe('INTAKE');
    expect(s.definitionVersion).toBe('2026-1');
    expect(s.definitionHash).toMatch(/^[0-9a-f]{8}$/);
    // Its own step period: 10 days from the application, the rule of the file.
    expect(s.openDeadlines).toEqual([{ action: 'intakeRecorded', party: 'accountmanager', dueAt: deadline(submitted, 'P10D'), ruleId: 'VS-1' }]);
    const [received] = await t.smtp.waitFor((m) => m.recipients.includes(employer) && /aanvraag ontvangen/.test(m.subject));
    expect(received.text).toMatch(/Gemeente Voorbeeldstad/);
    expect(received.text).not.toMatch(/SEBO|Zoetermeer/);
    await refused(act(t, h, 'auditPlanned', { auditAt: new Date(submitted.getTime() + DAY).toISOString() }), /Keurmerk Sociaal Ondernemen Voorbeeldstad has no step for this action; its steps are intake \(intakeRecorded\); decision \(decision\)/);

    await act(t, h, 'intakeRecorded', { notes: 'kennismaking' });
    s = await status(t, h.workflowId);
    expect(s.stage).toBe('DECISION');
    expect(s.openDeadlines).toEqual([{ action: 'decision', party: 'municipality', dueAt: deadline(submitted, 'P4W', definition.zone), ruleId: 'VS-2' }]);
    await t.smtp.waitFor((m) => m.recipients.includes(MUNICIPALITY_EMAIL) && /besluit gevraagd/.test(m.subject) && m.subject.includes(kvk));

    const decidedAt = (await t.now()).toISOString();
    await act(t, h, 'decision', { outcome: 'granted' });
    await t.smtp.waitFor((m) => m.recipients.includes(employer) && /certificaat$/.test(m.subject));
    s = await status(t, h.workflowId);
    expect(s.stage).toBe('REGISTERED');
    const v = validity(definition, { decidedAt, renewal: false });
    // Its own validity: 18 months.
    expect(v.expiresAt).toBe(addPeriod(v.validFrom, 'P18M', definition.zone));
    expect(s.validity).toMatchObject(v);

    // Its own renewal reminder: 2 months before expiry, to the employer and the municipality.
    await advanceTo(t, new Date(new Date(subtractPeriod(v.expiresAt, 'P2M', definition.zone)).getTime() + HOUR));
    const [renew] = await t.smtp.waitFor((m) => m.recipients.includes(employer) && /verlenging aanvragen/.test(m.subject));
    // one email per reader; the employer reads the file's own reference, the rule id is in the header
    expect(renew.recipients).toStrictEqual([employer]);
    expect(renew.text).toContain('(Verordening keurmerk Voorbeeldstad, artikel 5)');
    expect(renew.text).not.toMatch(/VS-3/);
    expect(renew.rules).toStrictEqual(['VS-3']);
    await t.smtp.waitFor((m) => m.recipients.includes(MUNICIPALITY_EMAIL) && /verlenging aanvragen/.test(m.subject) && m.text.includes('keurmerk renewal-started'));

    // Not renewed: it lapses at expiry and the case ends.
    await advanceTo(t, new Date(new Date(v.expiresAt).getTime() + HOUR));
    await t.smtp.waitFor((m) => m.recipients.includes(employer) && /keurmerk vervallen/.test(m.subject));
    await expect(h.result()).resolves.toMatchObject({ outcome: 'lapsed' });
    expect((await status(t, h.workflowId).catch(() => undefined))?.stage ?? 'LAPSED').toBe('LAPSED');
  }, 300_000);

  it('KEURMERK_SCHEME_FILES: a wrong file stops the start, naming every problem by its path', () => {
    const wrong = VOORBEELDSTAD.replace('period: decisionWithin', 'period: decisionWithn').replace('restartAt: decision', 'restartAt: beslissing');
    expect(() => loadSchemeFiles([writeDefinition(wrong)])).toThrow(/flow\.steps\[1\]\.due\.period: no period "decisionWithn"[\s\S]*flow\.holder\.renewal\.restartAt: no step "beslissing"/);
  });

  it('the definition is fixed when the case starts: a changed file does not change a running case', async () => {
    const [definition] = loadSchemeFiles([writeDefinition(VOORBEELDSTAD)]);
    const kvk = nextKvk();
    const base = seboApplication(kvk, await t.now());
    const h = t.track(await startApplication(t, { ...base, schemeId: definition.id, company: { ...base.company, establishments: ['Voorbeeldstad'] } }, { definition }));
    const before = await status(t, h.workflowId);
    // The file changes after the start (a longer intake term); the running case keeps its own copy.
    const [changed] = loadSchemeFiles([writeDefinition(VOORBEELDSTAD.replace('duration: P10D', 'duration: P20D'))]);
    expect(changed.flow!.steps[0].due!.duration).toBe('P20D');
    const after = await status(t, h.workflowId);
    expect(after.definitionHash).toBe(before.definitionHash);
    expect(after.openDeadlines[0].dueAt).toBe(before.openDeadlines[0].dueAt);
  }, 120_000);
});
