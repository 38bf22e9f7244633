// `keurmerk sroi`: the admin command as coordinators run it (the built binary as a child process)
// against a time-skipping devserver with the real worker: award (SROI-1), a plan refused for its
// shortfall (SROI-2), realisation, and the list and report read from the search attributes.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startCliEnv, type CliEnv, type CliResult } from './support';

let cli: CliEnv;

function ok(result: CliResult): CliResult {
  // stderr is compared too, so a failure shows why the command refused.
  expect({ code: result.code, stderr: result.code === 0 ? '' : result.stderr }).toEqual({ code: 0, stderr: '' });
  return result;
}

const award = (contract: string, kvk: string, municipality: string, sum: string) => [
  'sroi', 'award', '--contract', contract, '--municipality', municipality, '--kvk', kvk,
  '--company', `Bouwbedrijf ${kvk}`, '--contact', 'Sanne Visser', '--email', `sanne.${kvk}@bouw.example`,
  '--contract-sum', sum, '--contract-end', '2030-12-31', '--coordinator', 'SR-01',
  '--coordinator-name', 'Roel Coördinator', '--coordinator-email', 'sr@wsp-amersfoort.example',
];

describe('keurmerk sroi', () => {
  beforeAll(async () => {
    cli = await startCliEnv();
  }, 120_000);
  afterAll(async () => {
    await cli?.teardown();
  });

  it('SROI-1, SROI-2: award shows the obligation in euros, a short plan is refused with the shortfall, list and report show the figures (table and CSV)', async () => {
    const started = ok(await cli.keurmerk(...award('AMF-CLI-1', '20000001', 'amersfoort', '1250000')));
    expect(started.stdout).toMatch(/obligation: € 62\.500,00 \(5 % of the contract sum\)/);
    ok(await cli.keurmerk(...award('SOE-CLI-2', '20000002', 'Soest', '400000')));

    const bad = await cli.keurmerk(...award('AMF-CLI-3', '20000003', 'Utrecht', '1250000'));
    expect(bad).toMatchObject({ code: 1, stderr: expect.stringMatching(/--municipality: expected one of Amersfoort, Soest, Baarn, got "Utrecht"/) });
    const badSum = await cli.keurmerk(...award('AMF-CLI-3', '20000003', 'Baarn', '-5'));
    expect(badSum).toMatchObject({ code: 1, stderr: expect.stringMatching(/--contract-sum: must not be negative/) });

    const refused = ok(await cli.keurmerk('sroi', 'plan', 'AMF-CLI-1', '--line', 'hire-benefit:12', '--line', 'power-certificate:40000'));
    expect(refused.stdout).toMatch(/plan refused: .*€ 1250 short of € 62500/);
    ok(await cli.keurmerk('sroi', 'plan', 'AMF-CLI-1', '--line', 'hire-benefit:26'));
    const realised = ok(await cli.keurmerk('sroi', 'realisation', 'AMF-CLI-1', '--bouwblok', 'hire-benefit', '--units', '5', '--people', '1', '--evidence', 'AO-1'));
    expect(realised.stdout).toMatch(/€ 12500.00 of € 62500.00 \(20 %\)/);
    const early = await cli.keurmerk('sroi', 'final', 'AMF-CLI-1', '--findings', 'x', '--evidence', 'y');
    expect(early).toMatchObject({ code: 1, stderr: expect.stringMatching(/the final evaluation follows its end/) });

    const list = ok(await cli.keurmerk('sroi', 'list'));
    expect(list.stdout).toMatch(/AMF-CLI-1 .*Amersfoort .*REALISATION .*€ 62\.500,00 .*€ 12\.500,00 \(20 %\)/);
    expect(list.stdout).toMatch(/SOE-CLI-2 .*Soest .*PLAN .*€ 20\.000,00/);
    const soest = JSON.parse(ok(await cli.keurmerk('sroi', 'list', '--municipality', 'soest', '--json')).stdout);
    expect(soest.map((r: { contract: string }) => r.contract)).toEqual(['SOE-CLI-2']);
    const inPlan = JSON.parse(ok(await cli.keurmerk('sroi', 'list', '--stage', 'plan', '--json')).stdout);
    expect(inPlan.map((r: { contract: string }) => r.contract)).toEqual(['SOE-CLI-2']);
    const realising = JSON.parse(ok(await cli.keurmerk('sroi', 'list', '--stage', 'REALISATION', '--municipality', 'Amersfoort', '--json')).stdout);
    expect(realising.map((r: { contract: string; percent: number }) => [r.contract, r.percent])).toEqual([['AMF-CLI-1', 20]]);
    const soestReport = ok(await cli.keurmerk('sroi', 'report', '--municipality', 'Soest', '--format', 'csv'));
    expect(soestReport.stdout.trim().split('\n')).toEqual(['municipality,contracts,obligations_eur,realised_eur,realised_percent,people_placed', 'Soest,1,20000.00,0.00,0,0']);

    const report = ok(await cli.keurmerk('sroi', 'report', '--format', 'csv'));
    expect(report.stdout.trim().split('\n')).toEqual([
      'municipality,contracts,obligations_eur,realised_eur,realised_percent,people_placed',
      'Amersfoort,1,62500.00,12500.00,20,1',
      'Soest,1,20000.00,0.00,0,0',
    ]);
    const table = ok(await cli.keurmerk('sroi', 'report', '--from', '2000-01-01'));
    expect(table.stdout).toMatch(/Amersfoort .*1 .*€ 62\.500,00 .*€ 12\.500,00 \(20 %\) .*1/);
    const none = ok(await cli.keurmerk('sroi', 'report', '--to', '2000-01-01'));
    expect(none.stdout).toMatch(/no SROI cases in this period/);
    const badDate = await cli.keurmerk('sroi', 'report', '--from', '1-1-2027');
    expect(badDate).toMatchObject({ code: 1, stderr: expect.stringMatching(/--from: expected a date as YYYY-MM-DD, got "1-1-2027"/) });
  }, 240_000);
});
