// The admin command for the schemes beside SEBO (issue 10), as accountmanagers run it (the built binary
// as a child process) against a time-skipping devserver with the real worker: `apply --help` lists the
// built-in and the loaded schemes; the same action commands drive a Werkpakt, MVS and PSO case; an
// action the scheme has no step for is refused naming the scheme and its steps; status, list and
// register work for each; `keurmerk programme --scheme mvs` counts the goals from the cases (MVS-3).
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LEVEL, NEXT_DEADLINE, STAGE } from '../../workflows/search-attributes';
import { startCliEnv, type CliEnv, type CliResult } from './support';

let cli: CliEnv;

function ok(result: CliResult): CliResult {
  expect({ code: result.code, stderr: result.code === 0 ? '' : result.stderr }).toEqual({ code: 0, stderr: '' });
  return result;
}

const OWN = `
id: keurmerk-voorbeeldstad
name: Keurmerk Sociaal Ondernemen Voorbeeldstad
kind: keurmerk
owner: Gemeente Voorbeeldstad
source: fictitious, test only
rules: [VS-1]
procedure: { intake: false, membersMeeting: false, audit: false, secondKeuringen: 0, suspensionExtensions: 0 }
periods: { decisionWithin: P4W, validityFirst: P1Y }
eligibility: { establishmentIn: [Voorbeeldstad] }
assessment: { method: covenant }
flow:
  received: { notice: aanvraag-ontvangen, to: [employer] }
  notEligible: { rule: VS-1, mail: { notice: niet-in-aanmerking, to: [employer] } }
  steps:
    - id: decision
      stage: DECISION
      action: decision
      actor: municipality
      rule: VS-1
      due: { from: application, period: decisionWithin }
      outcomes:
        granted: { grant: true }
        rejected: { reject: true }
  rejection:
    final: { rule: VS-1, mail: { notice: besluit-afgewezen, to: [employer] } }
  holder:
    certificate: { rule: VS-1, mail: { notice: certificaat-verleend, to: [employer] } }
    lapse: { rule: VS-1, warning: false, mail: { notice: vervallen, to: [employer] } }
`;

const apply = (scheme: string, kvk: string, establishment: string, ...extra: string[]) => [
  'apply', '--scheme', scheme, '--kvk', kvk, '--company', `Bedrijf ${kvk}`, '--contact', 'Els de Bakker', '--email', `els.${kvk}@bedrijf.example`,
  '--accountmanager', 'wsp-031', '--establishment', establishment, '--active-since', '2015-01-01', ...extra,
];

async function attributes(workflowId: string) {
  for await (const wf of cli.env.client.workflow.list({ query: `WorkflowId = '${workflowId}'` })) return wf.typedSearchAttributes;
  throw new Error(`${workflowId} not listed`);
}

describe('the admin command for every scheme', () => {
  beforeAll(async () => {
    cli = await startCliEnv();
  }, 120_000);
  afterAll(async () => {
    await cli?.teardown();
  });

  it('apply --help lists the built-in schemes and the ones loaded from KEURMERK_SCHEME_FILES', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'keurmerk-scheme-')), 'voorbeeldstad.yaml');
    writeFileSync(file, OWN);
    const help = ok(await cli.keurmerkWithEnv({ KEURMERK_SCHEME_FILES: file }, 'apply', '--help')).stdout;
    for (const id of ['sebo', 'sebo-ambassadeur', 'werkpakt', 'mvs', 'pso']) expect(help).toMatch(new RegExp(`^\\s+${id}\\s+.*\\(built in\\)$`, 'm'));
    expect(help).toMatch(/^\s+keurmerk-voorbeeldstad\s+Keurmerk Sociaal Ondernemen Voorbeeldstad \(loaded\b.*$/m);
    // Without the file it is not there.
    expect(ok(await cli.keurmerk('apply', '--help')).stdout).not.toMatch(/keurmerk-voorbeeldstad/);
  }, 120_000);

  it('KEURMERK_SCHEME_FILES: a wrong file stops every command at its start (exit 2), naming the file and every problem', async () => {
    const bad = join(mkdtempSync(join(tmpdir(), 'keurmerk-scheme-')), 'kapot.yaml');
    writeFileSync(bad, 'id: kapot\nname: Kapot\n');
    for (const args of [['list'], ['status', '30000001', '--scheme', 'werkpakt'], ['register']]) {
      const r = await cli.keurmerkWithEnv({ KEURMERK_SCHEME_FILES: bad }, ...args);
      expect([args[0], r.code]).toEqual([args[0], 2]);
      expect(r.stderr).toMatch(new RegExp(`KEURMERK_SCHEME_FILES: invalid scheme definition ${bad.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: kind: .*; owner: is required`));
    }
  }, 120_000);

  it('WP-3, WP-4: a Werkpakt case through the same commands; an action it has no step for is refused naming the scheme and its steps; status, list, register and the UI columns', async () => {
    const kvk = '30000001';
    const started = ok(
      await cli.keurmerk(
        ...apply('werkpakt', kvk, 'Enschede', '--figures-employees', '40', '--figures-fte', '36', '--figures-establishments', '1', '--figures-internship-places', '2',
          '--figures-distance-to-labour-market', '2', '--figures-unpaid-hours-per-year', '0', '--activities', 'placement=2,job-fair=3,work-visit=2'),
      ),
    ).stdout;
    // The next step named is Werkpakt's own first step, not SEBO's intake.
    expect(started).toMatch(new RegExp(`next: keurmerk integrity ${kvk} --scheme werkpakt`));
    const intake = await cli.keurmerk('intake', kvk, '--scheme', 'werkpakt', '--notes', 'kennismaking');
    expect(intake.code).toBe(1);
    expect(intake.stderr).toMatch(/Werkpakt-keurmerk has no step for this action; its steps are screening \(integrity\); decision \(decision\); renewal \(renewal-started\); suspension \(suspend, extend-suspension, lift-suspension\); withdrawal \(withdraw\)$/m);
    const status = ok(await cli.keurmerk('status', kvk, '--scheme', 'werkpakt')).stdout;
    expect(status).toMatch(/SCREENING/);
    expect(status).toMatch(/integrity/);
    expect(status).toMatch(/WP-3/);
    const listed = JSON.parse(ok(await cli.keurmerk('list', '--scheme', 'werkpakt', '--json')).stdout) as { workflowId: string; stage: string }[];
    expect(listed.map((c) => [c.workflowId, c.stage])).toEqual([[`werkpakt-${kvk}`, 'SCREENING']]);
    let sa = await attributes(`werkpakt-${kvk}`);
    expect(sa.get(STAGE)).toBe('SCREENING');
    expect(sa.get(NEXT_DEADLINE)).toBeInstanceOf(Date);

    ok(await cli.keurmerk('integrity', kvk, '--scheme', 'werkpakt', '--outcome', 'cleared', '--notes', 'VOG gezien'));
    ok(await cli.keurmerk('decision', kvk, '--scheme', 'werkpakt', '--outcome', 'granted'));
    const register = JSON.parse(ok(await cli.keurmerk('register', '--scheme', 'werkpakt', '--json')).stdout) as { kvk: string; scheme: string; status: string }[];
    expect(register).toEqual([expect.objectContaining({ kvk, scheme: 'Werkpakt-keurmerk', status: 'current' })]);
    sa = await attributes(`werkpakt-${kvk}`);
    expect(sa.get(STAGE)).toBe('REGISTERED');
  }, 240_000);

  it('PSO-1: a PSO case: the provisional level in status, list and the UI column; the audit through the same command', async () => {
    const kvk = '30000002';
    const started = ok(await cli.keurmerk(...apply('pso', kvk, 'Hengelo', '--self-assessment-total-fte', '100', '--self-assessment-target-group-fte', '9'))).stdout;
    expect(started).toMatch(new RegExp(`next: keurmerk audit-planned ${kvk} --scheme pso --audit-at`));
    let sa = await attributes(`pso-${kvk}`);
    for (let i = 0; i < 120 && sa.get(STAGE) !== 'AUDIT_PLANNING'; i++) {
      await new Promise((r) => setTimeout(r, 250));
      sa = await attributes(`pso-${kvk}`);
    }
    expect(sa.get(STAGE)).toBe('AUDIT_PLANNING');
    expect(sa.get(LEVEL)).toBe('trede-2');
    const status = ok(await cli.keurmerk('status', kvk, '--scheme', 'pso', '--json')).stdout;
    expect(JSON.parse(status)).toMatchObject({ stage: 'AUDIT_PLANNING', assessment: { level: 'trede-2', provisional: true } });
    const refused = await cli.keurmerk('covenant-signed', kvk, '--scheme', 'pso');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/Prestatieladder Socialer Ondernemen \(PSO\) has no step for this action; its steps are audit-planning \(audit-planned\)/);
    ok(await cli.keurmerk('audit-planned', kvk, '--scheme', 'pso', '--audit-at', new Date(Date.now() + 5 * 86_400_000).toISOString(), '--auditor', 'CI Oost'));
    expect(JSON.parse(ok(await cli.keurmerk('list', '--scheme', 'pso', '--json')).stdout)).toEqual([expect.objectContaining({ workflowId: `pso-${kvk}`, stage: 'AUDIT' })]);
  }, 240_000);

  it('MVS-1, MVS-3: keurmerk programme --scheme mvs counts the holders who signed and the residents placed from the cases, in the programme period', async () => {
    for (const kvk of ['30000011', '30000012']) {
      ok(await cli.keurmerk(...apply('mvs', kvk, 'Schiedam')));
      ok(await cli.keurmerk('covenant-signed', kvk, '--scheme', 'mvs', '--signatory', 'E. de Bakker'));
    }
    ok(await cli.keurmerk('decision', '30000011', '--scheme', 'mvs', '--outcome', 'granted'));
    ok(await cli.keurmerk('placements', '30000011', '--scheme', 'mvs', '--count', '3', '--description', 'drie leerwerkplekken'));
    const today = new Date().toISOString().slice(0, 10);
    const report = JSON.parse(ok(await cli.keurmerk('programme', '--scheme', 'mvs', '--from', today, '--json')).stdout) as { cases: number; goals: { target: number; actual: number }[] };
    expect(report.cases).toBe(2);
    expect(report.goals.map((g) => [g.target, g.actual])).toEqual([[100, 2], [200, 3]]);
    const table = ok(await cli.keurmerk('programme', '--scheme', 'mvs', '--from', today)).stdout;
    expect(table).toMatch(/2 ondernemers/);
    expect(table).toMatch(/3 inwoners/);
    // The seed's own period (from November 2020, two years) holds none of today's cases.
    const seedPeriod = JSON.parse(ok(await cli.keurmerk('programme', '--scheme', 'mvs', '--json')).stdout) as { goals: { actual: number; from: string }[] };
    expect(seedPeriod.goals.map((g) => [g.from, g.actual])).toEqual([['2020-11-01', 0], ['2020-11-01', 0]]);
    const bad = await cli.keurmerk('programme', '--scheme', 'mvs', '--from', '1-11-2020');
    expect(bad).toMatchObject({ code: 1, stderr: expect.stringMatching(/--from: expected a date as YYYY-MM-DD, got "1-11-2020"/) });
  }, 240_000);
});
