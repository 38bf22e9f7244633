// `npm start -- --demo` (scripts/embedded/demo.ts) against a time-skipping devserver with the real worker:
// a case of every scheme (SEBO, SEBO-ambassadeur, Werkpakt, MVS, PSO) at its first steps, holders of
// several schemes in the register (one suspended), and an SROI obligation with its keurmerk credit.
// A second run leaves what exists alone.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { statusQuery } from '../../workflows/definitions';
import { LEVEL, SCHEME } from '../../workflows/search-attributes';
import { startCliEnv, type CliEnv } from './support';

const DEMO = resolve(__dirname, '../../scripts/embedded/demo.ts');
let cli: CliEnv;

function runDemo(): Promise<{ code: number; output: string }> {
  return new Promise((done) => {
    execFile(process.execPath, ['--import', 'tsx', DEMO], { env: cli.vars, timeout: 240_000 }, (err, stdout, stderr) => {
      done({ code: err ? (typeof err.code === 'number' ? err.code : 1) : 0, output: `${stdout}${stderr}` });
    });
  });
}

describe('npm start -- --demo', () => {
  beforeAll(async () => {
    cli = await startCliEnv();
  }, 120_000);
  afterAll(async () => {
    await cli?.teardown();
  });

  it('starts a case of every scheme, holders of several schemes and an SROI obligation; a second run changes nothing', async () => {
    const first = await runDemo();
    expect(first).toMatchObject({ code: 0 });
    expect(first.output).not.toMatch(/could not|refused|error/i);

    const client = cli.env.client;
    const stageOf = async (workflowId: string) => (await client.workflow.getHandle(workflowId).query(statusQuery)).stage;
    const expected: Record<string, string> = {
      'sebo-10000001': 'INTAKE',
      'sebo-ambassadeur-10000004': 'INTAKE',
      // WP-3 screened: waiting for the municipality's decision (WP-4).
      'werkpakt-10000005': 'DECISION',
      'pso-10000007': 'AUDIT_PLANNING',
      // MVS-1: waiting for the covenant.
      'mvs-10000006': 'COVENANT',
    };
    for (const [id, stage] of Object.entries(expected)) expect([id, await stageOf(id)]).toEqual([id, stage]);
    // PSO-1: the provisional level from the own entry, in the Temporal UI column.
    const levels: Record<string, unknown> = {};
    for await (const wf of client.workflow.list({ query: "KeurmerkScheme = 'pso'" })) levels[wf.workflowId] = wf.typedSearchAttributes.get(LEVEL);
    expect(levels).toEqual({ 'pso-10000007': 'trede-2', 'pso-10000015': 'trede-3' });

    const running = "ExecutionStatus = 'Running' AND KeurmerkCaseKind IS NOT NULL";
    const schemes = new Set<string>();
    for await (const wf of client.workflow.list({ query: running })) schemes.add(String(wf.typedSearchAttributes.get(SCHEME)));
    expect([...schemes].sort()).toEqual(['mvs', 'pso', 'sebo', 'sebo-ambassadeur', 'sroi-amersfoort', 'werkpakt']);

    // The register: SEBO, Werkpakt and PSO holders; the suspended one marked.
    const register = await cli.keurmerk('register', '--json');
    expect(register.code).toBe(0);
    const entries = JSON.parse(register.stdout) as { kvk: string; scheme: string; status: string }[];
    expect(entries.map((e) => e.kvk).sort()).toEqual(['10000011', '10000012', '10000013', '10000014', '10000015']);
    expect(entries.find((e) => e.kvk === '10000015')?.scheme).toMatch(/PSO.*trede 3/);
    expect(entries.find((e) => e.kvk === '10000014')?.scheme).toMatch(/Werkpakt/);
    expect(entries.filter((e) => e.status === 'suspended').map((e) => e.kvk)).toEqual(['10000013']);

    // SROI-1 with WP-5: 5 % of € 1.250.000, less the Werkpakt holder's 10 % credit.
    const sroi = await cli.keurmerk('sroi', 'list', '--json');
    expect(sroi.code).toBe(0);
    expect(JSON.parse(sroi.stdout)).toEqual([expect.objectContaining({ contract: 'AMF-DEMO-001', kvkNumber: '10000014', obligation: 56_250 })]);

    const second = await runDemo();
    expect(second.code).toBe(0);
    const ids: string[] = [];
    for await (const wf of client.workflow.list({ query: running })) ids.push(wf.workflowId);
    // 7 applications (sebo 3, sebo-ambassadeur, werkpakt, mvs, pso), 5 holders, 1 SROI contract, each once.
    expect(ids.length).toBe(13);
    expect(new Set(ids).size).toBe(13);
  }, 600_000);
});
