// Unit tests of what the admin command prints: one line per invalid field, failures mapped to exit
// codes, aligned tables, and the public register (SEBO-R6) escaped in every format.
import { describe, expect, it } from '@jest/globals';
import { z } from 'zod';
import {
  WorkflowExecutionAlreadyStartedError,
  WorkflowNotFoundError,
  WorkflowUpdateFailedError,
  ApplicationFailure,
} from '@temporalio/client';
import { describeIssue, fileFieldName, optionName } from '../../client/input-errors';
import { EXIT_REFUSED, EXIT_USAGE, UsageError, explain } from '../../client/failures';
import { fields, table, when } from '../../client/output';
import { formatRegister, type RegisterEntry } from '../../client/register-formats';
import { ConfigError } from '../../worker/config';
import { companyMatches, listQuery } from '../../client/commands/list';

const input = z.object({
  email: z.string().email({ error: 'expected an email address' }),
  startDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'expected a date as YYYY-MM-DD' }),
  employees: z.number(),
});

function issues(value: unknown) {
  const result = input.safeParse(value, { reportInput: true });
  expect(result.success).toBe(false);
  return result.error!.issues;
}

describe('invalid input lines', () => {
  it('name the option, the expectation and what was given', () => {
    const lines = issues({ email: 'jan-at-example', startDate: '2026-13', employees: 3 }).map((i) => describeIssue(i, optionName));
    expect(lines).toStrictEqual([
      '--email: expected an email address, got "jan-at-example"',
      '--start-date: expected a date as YYYY-MM-DD, got "2026-13"',
    ]);
  });

  it('say "required" for a missing value', () => {
    const lines = issues({ email: 'a@b.nl', startDate: '2026-01-01' }).map((i) => describeIssue(i, optionName));
    expect(lines).toStrictEqual(['--employees: required (expected number)']);
  });

  it('name the field inside a --file', () => {
    const lines = issues({ email: 'a@b.nl', startDate: 'x', employees: 1 }).map((i) => describeIssue(i, fileFieldName('aanvraag.yaml')));
    expect(lines).toStrictEqual(['aanvraag.yaml: startDate: expected a date as YYYY-MM-DD, got "x"']);
  });
});

describe('failures', () => {
  it('a refused update shows the validator reason, exit 1', () => {
    const cause = ApplicationFailure.create({ message: 'the audit is not planned yet (stage: intake)' });
    const out = explain(new WorkflowUpdateFailedError('Workflow Update failed', cause), { kvk: '12345678' });
    expect(out).toStrictEqual({ lines: ['refused: the audit is not planned yet (stage: intake)'], exitCode: EXIT_REFUSED });
  });

  it('an unknown case names the KvK number', () => {
    const out = explain(new WorkflowNotFoundError('not found', 'sebo-12345678', undefined), { kvk: '12345678', scheme: 'sebo' });
    expect(out).toStrictEqual({ lines: ['no sebo case for KvK 12345678 in namespace "default"'], exitCode: EXIT_REFUSED });
  });

  it('a duplicate application says one is already running', () => {
    const out = explain(new WorkflowExecutionAlreadyStartedError('exists', 'sebo-12345678', 'seboApplication'), { kvk: '12345678' });
    expect(out).toStrictEqual({ lines: ['an application for KvK 12345678 is already running'], exitCode: EXIT_REFUSED });
  });

  it('usage and configuration errors exit 2', () => {
    expect(explain(new UsageError('--file: cannot read x.json')).exitCode).toBe(EXIT_USAGE);
    expect(explain(new ConfigError('invalid configuration:\n  TEMPORAL_ADDRESS: expected host:port'))).toStrictEqual({
      lines: ['invalid configuration:', '  TEMPORAL_ADDRESS: expected host:port'],
      exitCode: EXIT_USAGE,
    });
  });

  it('a zod error thrown by a validator reads like a local one', () => {
    const zodMessage = JSON.stringify([{ code: 'custom', path: ['auditDate'], message: 'expected a date as YYYY-MM-DD' }]);
    const cause = ApplicationFailure.create({ message: zodMessage });
    const out = explain(new WorkflowUpdateFailedError('Workflow Update failed', cause));
    expect(out.lines).toStrictEqual(['--audit-date: expected a date as YYYY-MM-DD']);
  });
});

describe('tables', () => {
  it('align columns under upper-case headers, "-" for missing values', () => {
    const rows = [
      { kvk: '12345678', stage: 'intake', company: 'Bakkerij De Korenschoof' },
      { kvk: '87654321', stage: 'audit-planned', company: undefined },
    ];
    const text = table(rows, [
      { header: 'kvk', value: (r) => r.kvk },
      { header: 'stage', value: (r) => r.stage },
      { header: 'company', value: (r) => r.company },
    ]);
    expect(text).toBe(['KVK       STAGE          COMPANY', '12345678  intake         Bakkerij De Korenschoof', '87654321  audit-planned  -'].join('\n'));
  });

  it('label/value pairs skip empty values', () => {
    expect(fields([['stage', 'intake'], ['next deadline', undefined], ['kvk', '1']])).toBe('stage:  intake\nkvk:    1');
  });

  it('dates in the scheme time zone, date only at midnight and for end-of-day deadlines', () => {
    expect(when('2026-02-28T23:00:00Z', 'Europe/Amsterdam')).toBe('1 maart 2026');
    expect(when('2026-03-01T09:30:00Z', 'Europe/Amsterdam')).toBe('1 maart 2026 10:30');
    expect(when('2028-02-10T23:59:59.999+01:00', 'Europe/Amsterdam')).toBe('10 februari 2028');
    // a date without a time is that day in the zone, not UTC midnight (which would show 01:00)
    expect(when('2026-09-01', 'Europe/Amsterdam')).toBe('1 september 2026');
    // on the autumn DST day, 23:30 local is still that day
    expect(when('2026-10-25T22:30:00Z', 'Europe/Amsterdam')).toBe('25 oktober 2026 23:30');
    expect(when(undefined, 'Europe/Amsterdam')).toBeUndefined();
  });
});

describe('register (SEBO-R6)', () => {
  const entries: RegisterEntry[] = [
    { scheme: 'sebo', company: 'Zorg & "Welzijn" <BV>', kvk: '22222222', status: 'current', validThrough: '2028-04-30' },
    { scheme: 'sebo', company: 'Aannemer, Bouw', kvk: '11111111', status: 'suspended', validThrough: '2027-01-14', suspendedFrom: '2026-03-01', suspendedUntil: '2026-04-01' },
    { scheme: 'sebo', company: '=HYPERLINK("x")', kvk: '33333333', status: 'current' },
  ];

  it('HTML escapes every value', () => {
    const html = formatRegister(entries, 'html');
    expect(html).toMatch(/>Zorg &amp; &quot;Welzijn&quot; &lt;BV&gt;</);
    expect(html).not.toMatch(/<BV>/);
    // SEBO-R2: a suspended holder is listed as suspended, with the period; SEBO-T10: the last valid day.
    expect(html).toMatch(/Aannemer, Bouw<\/th><td>11111111<\/td><td><span class="label geschorst">Geschorst<\/span> van 1 maart 2026 tot en met 1 april 2026<\/td><td>14 januari 2027<\/td>/);
    expect(html).toMatch(/Geldig tot en met/);
  });

  it('CSV quotes commas and quotes and defuses formulas', () => {
    const csv = formatRegister(entries, 'csv');
    expect(csv.split('\r\n')).toStrictEqual([
      'scheme,company,kvk,status,validThrough,suspendedFrom,suspendedUntil',
      'sebo,"\'=HYPERLINK(""x"")",33333333,current,,,',
      'sebo,"Aannemer, Bouw",11111111,suspended,2027-01-14,2026-03-01,2026-04-01',
      'sebo,"Zorg & ""Welzijn"" <BV>",22222222,current,2028-04-30,,',
      '',
    ]);
  });

  it('JSON lists the entries sorted by company', () => {
    const parsed = JSON.parse(formatRegister(entries, 'json')) as RegisterEntry[];
    expect(parsed.map((e) => e.kvk)).toStrictEqual(['33333333', '11111111', '22222222']);
  });
});

describe('SEBO-R5: finding cases without a company-name search attribute', () => {
  it('SEBO-R5: --company matches every word, case and accents ignored, in any order; a missing name matches nothing', () => {
    expect(companyMatches('Coöperatie Één Zonneveld-Achterberg', 'zonneveld COOPERATIE')).toBe(true);
    expect(companyMatches('Coöperatie Één Zonneveld-Achterberg', '  een   achterberg ')).toBe(true);
    expect(companyMatches('Coöperatie Één Zonneveld-Achterberg', 'zonneveld bakkerij')).toBe(false);
    expect(companyMatches(undefined, 'zonneveld')).toBe(false);
  });

  it('SEBO-R5: --kvk filters on KeurmerkKvkNumber in the server query, never on the company name', () => {
    const query = listQuery({ kvk: "12345678", stage: 'AUDIT' });
    expect(query).toBe("KeurmerkCaseKind IN ('application', 'holder') AND KeurmerkStage = 'AUDIT' AND KeurmerkKvkNumber = '12345678' AND ExecutionStatus = 'Running'");
    expect(query).not.toMatch(/KeurmerkCompanyName/);
  });

  it('SEBO-R5: encrypted case data read without keys is a configuration error in our words (exit 2), not the SDK\'s', () => {
    const explained = explain(new Error('Unknown encoding: binary/encrypted'));
    expect(explained).toStrictEqual({ lines: ["the cases' data is encrypted and this command has no key: set KEURMERK_ENCRYPTION_KEYS to the worker's keys (codec/README.md)"], exitCode: EXIT_USAGE });
  });
});
