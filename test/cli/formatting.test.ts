// Unit tests of what the admin command prints: one line per invalid field, failures mapped to exit
// codes, aligned tables, and the public register (SEBO-R6) escaped in every format.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
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

const input = z.object({
  email: z.string().email({ error: 'expected an email address' }),
  startDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'expected a date as YYYY-MM-DD' }),
  employees: z.number(),
});

function issues(value: unknown) {
  const result = input.safeParse(value, { reportInput: true });
  assert.equal(result.success, false);
  return result.error!.issues;
}

describe('invalid input lines', () => {
  it('name the option, the expectation and what was given', () => {
    const lines = issues({ email: 'jan-at-example', startDate: '2026-13', employees: 3 }).map((i) => describeIssue(i, optionName));
    assert.deepEqual(lines, [
      '--email: expected an email address, got "jan-at-example"',
      '--start-date: expected a date as YYYY-MM-DD, got "2026-13"',
    ]);
  });

  it('say "required" for a missing value', () => {
    const lines = issues({ email: 'a@b.nl', startDate: '2026-01-01' }).map((i) => describeIssue(i, optionName));
    assert.deepEqual(lines, ['--employees: required (expected number)']);
  });

  it('name the field inside a --file', () => {
    const lines = issues({ email: 'a@b.nl', startDate: 'x', employees: 1 }).map((i) => describeIssue(i, fileFieldName('aanvraag.yaml')));
    assert.deepEqual(lines, ['aanvraag.yaml: startDate: expected a date as YYYY-MM-DD, got "x"']);
  });
});

describe('failures', () => {
  it('a refused update shows the validator reason, exit 1', () => {
    const cause = ApplicationFailure.create({ message: 'the audit is not planned yet (stage: intake)' });
    const out = explain(new WorkflowUpdateFailedError('Workflow Update failed', cause), { kvk: '12345678' });
    assert.deepEqual(out, { lines: ['refused: the audit is not planned yet (stage: intake)'], exitCode: EXIT_REFUSED });
  });

  it('an unknown case names the KvK number', () => {
    const out = explain(new WorkflowNotFoundError('not found', 'sebo-12345678', undefined), { kvk: '12345678', scheme: 'sebo' });
    assert.deepEqual(out, { lines: ['no SEBO case for KvK 12345678'], exitCode: EXIT_REFUSED });
  });

  it('a duplicate application says one is already running', () => {
    const out = explain(new WorkflowExecutionAlreadyStartedError('exists', 'sebo-12345678', 'seboApplication'), { kvk: '12345678' });
    assert.deepEqual(out, { lines: ['an application for KvK 12345678 is already running'], exitCode: EXIT_REFUSED });
  });

  it('usage and configuration errors exit 2', () => {
    assert.equal(explain(new UsageError('--file: cannot read x.json')).exitCode, EXIT_USAGE);
    assert.deepEqual(explain(new ConfigError('invalid configuration:\n  TEMPORAL_ADDRESS: expected host:port')), {
      lines: ['invalid configuration:', '  TEMPORAL_ADDRESS: expected host:port'],
      exitCode: EXIT_USAGE,
    });
  });

  it('a zod error thrown by a validator reads like a local one', () => {
    const zodMessage = JSON.stringify([{ code: 'custom', path: ['auditDate'], message: 'expected a date as YYYY-MM-DD' }]);
    const cause = ApplicationFailure.create({ message: zodMessage });
    const out = explain(new WorkflowUpdateFailedError('Workflow Update failed', cause));
    assert.deepEqual(out.lines, ['--audit-date: expected a date as YYYY-MM-DD']);
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
    assert.equal(
      text,
      ['KVK       STAGE          COMPANY', '12345678  intake         Bakkerij De Korenschoof', '87654321  audit-planned  -'].join('\n'),
    );
  });

  it('label/value pairs skip empty values', () => {
    assert.equal(fields([['stage', 'intake'], ['next deadline', undefined], ['kvk', '1']]), 'stage:  intake\nkvk:    1');
  });

  it('dates in the scheme time zone, date only at midnight and for end-of-day deadlines', () => {
    assert.equal(when('2026-02-28T23:00:00Z', 'Europe/Amsterdam'), '2026-03-01');
    assert.equal(when('2026-03-01T09:30:00Z', 'Europe/Amsterdam'), '2026-03-01 10:30');
    assert.equal(when('2028-02-10T23:59:59.999+01:00', 'Europe/Amsterdam'), '2028-02-10');
    assert.equal(when(undefined, 'Europe/Amsterdam'), undefined);
  });
});

describe('register (SEBO-R6)', () => {
  const entries: RegisterEntry[] = [
    { scheme: 'sebo', company: 'Zorg & "Welzijn" <BV>', kvk: '22222222', expiresOn: '2028-05-01' },
    { scheme: 'sebo', company: 'Aannemer, Bouw', kvk: '11111111', expiresOn: '2027-01-15' },
    { scheme: 'sebo', company: '=HYPERLINK("x")', kvk: '33333333' },
  ];

  it('HTML escapes every value', () => {
    const html = formatRegister(entries, 'html');
    assert.match(html, /<td>Zorg &amp; &quot;Welzijn&quot; &lt;BV&gt;<\/td>/);
    assert.doesNotMatch(html, /<BV>/);
  });

  it('CSV quotes commas and quotes and defuses formulas', () => {
    const csv = formatRegister(entries, 'csv');
    assert.deepEqual(csv.split('\r\n'), [
      'scheme,company,kvk,expiresOn',
      'sebo,"\'=HYPERLINK(""x"")",33333333,',
      'sebo,"Aannemer, Bouw",11111111,2027-01-15',
      'sebo,"Zorg & ""Welzijn"" <BV>",22222222,2028-05-01',
      '',
    ]);
  });

  it('JSON lists the entries sorted by company', () => {
    const parsed = JSON.parse(formatRegister(entries, 'json')) as RegisterEntry[];
    assert.deepEqual(
      parsed.map((e) => e.kvk),
      ['33333333', '11111111', '22222222'],
    );
  });
});
