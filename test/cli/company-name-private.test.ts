// SEBO-R5: with encryption on, a company name (often a zzp's own name) is nowhere in plaintext on the
// server: not in the search attributes, not in a visibility list or describe answer, not in the
// history, not in the devserver's database file. It lives in the case's memo, which the codec
// encrypts; the admin command decrypts it and finds the case by KvK number (`list --kvk`, `status`)
// or by words of the name (`list --company`, matched after decoding). An applicant is in no public
// register. docs/decisions/company-name-not-searchable.md.
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import { dataConverterFor } from '../../codec/data-converter';
import { generateKey } from '../../codec/keys';
import { caseWorkflowId, WORKFLOW_TYPES, type ApplicationStart } from '../../workflows/definitions';
import { CASE_KIND, COMPANY_NAME, KVK_NUMBER, SCHEME } from '../../workflows/search-attributes';
import { seboApplication } from '../helpers/sebo-fixtures';
import { startCliEnv, type CliEnv, type CliResult } from './support';

const KEYS = `k1:${generateKey()}`;
const KVK = '20000001';
const EARLIER_KVK = '20000002';
// A zzp's eenmanszaak: the company name is the person's own name.
const COMPANY = 'Pieternella Zonneveld-Achterberg Schilderwerken';
const EARLIER_COMPANY = 'Hendrikus Oosterbroek-Vlietstra Klussen';
const ws = temporal.api.workflowservice.v1;

let cli: CliEnv;
let dir: string;
let db: string;

function ok(result: CliResult): CliResult {
  expect(result).toMatchObject({ code: 0 });
  return result;
}

/** The ways a text can sit in bytes the devserver writes: plain, or inside base64 at any of its three alignments. */
function forms(text: string): string[] {
  const bytes = Buffer.from(text, 'utf8');
  const out = [text];
  for (let shift = 0; shift < 3; shift++) {
    const encoded = Buffer.concat([Buffer.alloc(shift), bytes]).toString('base64');
    // Drop the characters that also depend on the bytes before and after the text.
    const skip = shift === 0 ? 0 : shift + 1;
    out.push(encoded.slice(skip, encoded.length - 4));
  }
  return out;
}

function databaseBytes(): string {
  return [db, `${db}-wal`].filter((f) => existsSync(f)).map((f) => readFileSync(f).toString('latin1')).join('\n');
}

async function describeRaw(workflowId: string) {
  return cli.env.connection.workflowService.describeWorkflowExecution({ namespace: 'default', execution: { workflowId } });
}

/** Until the case's first workflow task has published its search attributes (bounded). */
async function published(workflowId: string): Promise<void> {
  for (let i = 0; i < 200; i++) {
    const d = await describeRaw(workflowId).catch(() => undefined);
    const fields = d?.workflowExecutionInfo?.searchAttributes?.indexedFields ?? {};
    if (fields.KeurmerkStage && !fields.KeurmerkCompanyName && d?.workflowExecutionInfo?.memo?.fields?.companyName) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${workflowId} did not publish its search attributes and memo in 20 s`);
}

describe('SEBO-R5: the company name is not a plaintext search attribute', () => {
  jest.setTimeout(240_000);

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'keurmerk-company-private-'));
    db = join(dir, 'devserver.db');
    cli = await startCliEnv({ vars: { KEURMERK_ENCRYPTION_KEYS: KEYS }, serverArgs: ['--db-filename', db] });
    ok(
      await cli.keurmerk(
        'apply',
        '--kvk', KVK,
        '--company', COMPANY,
        '--contact', 'Pieternella Zonneveld',
        '--email', 'pieternella@zonneveld-schilderwerken.example',
        '--accountmanager', 'wsp-017',
        '--establishment', 'Zoetermeer',
        '--active-since', '2019-05-01',
      ),
    );
    // A case as cases before the company-name-in-memo patch were started (the name as a search
    // attribute from its start), with the application encrypted as the admin command sends it.
    const encrypting = new Client({ connection: cli.env.connection, dataConverter: dataConverterFor(KEYS) });
    const application = { ...seboApplication(EARLIER_KVK, new Date()), company: { ...seboApplication(EARLIER_KVK, new Date()).company, name: EARLIER_COMPANY } };
    const start: ApplicationStart = { application, accountmanagerCode: 'wsp-017' };
    await encrypting.workflow.start(WORKFLOW_TYPES.application, {
      taskQueue: cli.taskQueue,
      workflowId: caseWorkflowId('sebo', EARLIER_KVK),
      args: [start],
      typedSearchAttributes: [
        { key: SCHEME, value: 'sebo' },
        { key: CASE_KIND, value: 'application' },
        { key: COMPANY_NAME, value: EARLIER_COMPANY },
        { key: KVK_NUMBER, value: EARLIER_KVK },
      ],
    });
    await published(caseWorkflowId('sebo', KVK));
    await published(caseWorkflowId('sebo', EARLIER_KVK));
  });

  afterAll(async () => {
    await cli?.teardown();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('SEBO-R5: no visibility list, describe answer or history holds the company name; the memo is encrypted', async () => {
    const list = await cli.env.connection.workflowService.listWorkflowExecutions({ namespace: 'default', query: `KeurmerkCaseKind = 'application'` });
    expect(list.executions.map((e) => e.execution?.workflowId).sort()).toStrictEqual([caseWorkflowId('sebo', KVK), caseWorkflowId('sebo', EARLIER_KVK)]);
    const listBytes = Buffer.from(ws.ListWorkflowExecutionsResponse.encode(list).finish()).toString('latin1');
    for (const id of [KVK, EARLIER_KVK]) {
      const described = await describeRaw(caseWorkflowId('sebo', id));
      const describeBytes = Buffer.from(ws.DescribeWorkflowExecutionResponse.encode(described).finish()).toString('latin1');
      const history = await cli.env.connection.workflowService.getWorkflowExecutionHistory({ namespace: 'default', execution: { workflowId: caseWorkflowId('sebo', id) } });
      const historyBytes = Buffer.from(ws.GetWorkflowExecutionHistoryResponse.encode(history).finish()).toString('latin1');
      // Not vacuous: the KvK number, a plain search attribute, is in each of them.
      for (const bytes of [listBytes, describeBytes, historyBytes]) expect(bytes).toContain(id);
      const fields = described.workflowExecutionInfo!.searchAttributes!.indexedFields!;
      // TemporalChangeVersion: the patch ids the case's code went through.
      expect(Object.keys(fields).sort()).toStrictEqual(['KeurmerkAccountmanager', 'KeurmerkCaseKind', 'KeurmerkKvkNumber', 'KeurmerkNextDeadline', 'KeurmerkScheme', 'KeurmerkStage', 'TemporalChangeVersion']);
      const memo = described.workflowExecutionInfo!.memo!.fields!.companyName!;
      expect(Buffer.from(memo.metadata!.encoding!).toString()).toBe('binary/encrypted');
    }
    for (const company of [COMPANY, EARLIER_COMPANY]) {
      for (const word of company.split(' ')) {
        expect({ word, inList: listBytes.includes(word) }).toStrictEqual({ word, inList: false });
      }
    }
    const byName = await cli.env.connection.workflowService.listWorkflowExecutions({ namespace: 'default', query: `KeurmerkCompanyName = 'Zonneveld'` });
    expect(byName.executions).toHaveLength(0);
  });

  it('SEBO-R5: the devserver database file holds no company name of a case started now, plain or base64', () => {
    const bytes = databaseBytes();
    expect(bytes).toContain(KVK);
    for (const part of [COMPANY, ...COMPANY.split(' ').filter((w) => w.length >= 8)]) {
      for (const form of forms(part)) expect({ form, stored: bytes.includes(form) }).toStrictEqual({ form, stored: false });
    }
    // Not vacuous: the same search finds the earlier case's name, which its start event keeps (the
    // decision page: histories from before keep it until they close and the retention removes them).
    expect(bytes).toContain(EARLIER_COMPANY);
    expect(forms(`"${KVK}"`).slice(1).some((form) => bytes.includes(form))).toBe(true);
  });

  it('SEBO-R5: the admin command shows the decrypted company and finds a case by KvK number or by words of its name', async () => {
    const all = JSON.parse(ok(await cli.keurmerk('list', '--json')).stdout) as { kvkNumber: string; companyName: string }[];
    expect(all.map((r) => [r.kvkNumber, r.companyName]).sort()).toStrictEqual([[KVK, COMPANY], [EARLIER_KVK, EARLIER_COMPANY]]);
    const byKvk = JSON.parse(ok(await cli.keurmerk('list', '--kvk', KVK, '--json')).stdout) as { workflowId: string }[];
    expect(byKvk.map((r) => r.workflowId)).toStrictEqual([caseWorkflowId('sebo', KVK)]);
    const byWords = JSON.parse(ok(await cli.keurmerk('list', '--company', 'schilderwerken ZONNEVELD', '--json')).stdout) as { workflowId: string }[];
    expect(byWords.map((r) => r.workflowId)).toStrictEqual([caseWorkflowId('sebo', KVK)]);
    expect(ok(await cli.keurmerk('list', '--company', 'Zonneveld Klussen')).stdout.trim()).toBe('no cases');
    expect(ok(await cli.keurmerk('list')).stdout).toMatch(new RegExp(`${KVK} .* ${COMPANY}`));
    const status = JSON.parse(ok(await cli.keurmerk('status', KVK, '--json')).stdout) as { companyName: string };
    expect(status.companyName).toBe(COMPANY);
  });

  it('SEBO-R5: bad --kvk and --company values are refused, naming the option (exit 1)', async () => {
    const kvk = await cli.keurmerk('list', '--kvk', '1234');
    expect(kvk).toMatchObject({ code: 1, stdout: '' });
    expect(kvk.stderr).toMatch(/--kvk: .*got "1234"/);
    const empty = await cli.keurmerk('list', '--company', '  ');
    expect(empty).toMatchObject({ code: 1, stdout: '' });
    expect(empty.stderr).toMatch(/--company: expected a word of the company name, got an empty value/);
  });

  it('SEBO-R6: an applicant is in no public register, in any format', async () => {
    for (const format of ['json', 'csv', 'html']) {
      const out = ok(await cli.keurmerk('register', '--format', format)).stdout;
      expect({ format, company: out.includes('Zonneveld'), kvk: out.includes(KVK) }).toStrictEqual({ format, company: false, kvk: false });
    }
  });

  it('SEBO-R5: without the keys the admin command says the memo is encrypted instead of showing ciphertext', async () => {
    const result = await cli.keurmerkWithEnv({ KEURMERK_ENCRYPTION_KEYS: undefined }, 'list');
    expect(result.stdout).not.toContain('Zonneveld');
    expect(`${result.stdout}${result.stderr}`).not.toMatch(/Unknown encoding|PayloadConverterError|ValueError/);
    expect(result).toMatchObject({ code: 2, stderr: expect.stringMatching(/encrypted.*KEURMERK_ENCRYPTION_KEYS/) });
  });
});
