// The BUILT admin command (`node client/bin/keurmerk.js`, compiled in dist/) as a child process
// against the devserver with a real Worker running the real workflows. Each refused action is shown
// to change nothing: the case's status before and after is the same.
// Time skipping lets a members' meeting (SEBO-T2, three times a year) pass in a moment; the command
// line gets the server's "now" through --at, as an accountmanager would type the day it happened.
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { statusQuery, type CaseStatus } from '../../workflows/definitions';
import { startCliEnv, type CliEnv, type CliResult } from './support';

const GRANTED = '10000001'; // apply → grant → register → suspend (SEBO-R2, R6) → lift
const REJECTED = '10000002'; // rejected twice → SEBO-T9 waiting period
const LATE = '10000003'; // submitted long ago: its intake deadline has passed (list --overdue)
const COMPANY = 'Bakkerij "De Korenschoof" & Zn <BV>';

const SEBO_DOCUMENTS = [
  'organisation-description',
  'sebo-goals',
  'accountmanager-contact',
  'plan-of-approach',
  'external-partners',
  'inflow-measures',
  'unpaid-hours',
];

let cli: CliEnv;

function ok(result: CliResult): CliResult {
  // The whole result is compared, so a failure shows the command's stdout and stderr.
  expect(result).toMatchObject({ code: 0 });
  return result;
}

function refused(result: CliResult, pattern: RegExp): CliResult {
  // The whole result is compared, so a failure shows the command's stdout and stderr.
  expect(result).toMatchObject({ code: 1, stderr: expect.stringMatching(pattern), stdout: '' });
  return result;
}

async function status(kvk: string): Promise<CaseStatus> {
  return JSON.parse(ok(await cli.keurmerk('status', kvk, '--json')).stdout) as CaseStatus;
}

/** A stage reached after an activity (e.g. leaving the meeting's agenda) shows a moment later. */
async function stageBecomes(kvk: string, stage: string): Promise<void> {
  let seen = '';
  for (let i = 0; i < 100 && seen !== stage; i++) {
    if (i > 0) await new Promise((r) => setTimeout(r, 100));
    seen = (await cli.env.client.workflow.getHandle(`sebo-${kvk}`).query(statusQuery)).stage;
  }
  expect(seen).toBe(stage);
}

/** The server's time (ahead of the wall clock once time has been skipped), ISO with offset. */
async function serverNow(offsetMs = 0): Promise<string> {
  return new Date(Number(await cli.env.currentTimeMs()) + offsetMs).toISOString();
}

function apply(kvk: string, ...extra: string[]): Promise<CliResult> {
  return cli.keurmerk(
    'apply',
    '--kvk', kvk,
    '--company', `${COMPANY} ${kvk}`,
    '--contact', 'Anna de Vries',
    '--email', `anna.${kvk}@korenschoof.example`,
    '--accountmanager', 'wsp-017',
    '--establishment', 'Zoetermeer',
    '--active-since', '2019-05-01',
    ...extra,
  );
}

/** Refused actions change nothing: the status before equals the status after. */
async function refusedWithoutChange(kvk: string, args: string[], pattern: RegExp): Promise<void> {
  const before = await status(kvk);
  refused(await cli.keurmerk(...args), pattern);
  expect(await status(kvk)).toStrictEqual(before);
}

/**
 * SEBO-T4..T6: audit planned a minute ahead and done once that minute has passed; the report after the
 * applicant's two weeks for supplements (SEBO-T5: the report cannot close them).
 */
async function auditAndReport(kvk: string, shortcomings: 'none' | 'minor', report: string[]): Promise<void> {
  // Issue 13: an application's status says why and when each refused action becomes possible.
  expect(ok(await cli.keurmerk('status', kvk)).stdout).toMatch(new RegExp(`Not possible yet\\n(.*\\n)*  keurmerk audit-done ${kvk}: possible once the audit is planned \\(\`keurmerk audit-planned ${kvk}\`\\) \\(the certifying institution plans the audit first \\(SEBO-T4\\)\\)`));
  ok(await cli.keurmerk('audit-planned', kvk, '--at', await serverNow(), '--audit-at', await serverNow(60_000)));
  const planned = JSON.parse(ok(await cli.keurmerk('status', kvk, '--json')).stdout) as { notYet: { command: string; from?: string; after?: string }[]; keuring: { auditAt: string } };
  expect(planned.notYet.find((n) => n.command === `keurmerk audit-done ${kvk}`)?.from).toBe(planned.keuring.auditAt);
  await refusedWithoutChange(kvk, ['audit-done', kvk, '--at', await serverNow(), '--shortcomings', shortcomings], new RegExp(`error: refused: .*\`keurmerk audit-done ${kvk}\` is possible from .*the audit is planned for then`));
  await cli.env.sleep(2 * 60_000);
  ok(await cli.keurmerk('audit-done', kvk, '--at', await serverNow(), '--shortcomings', shortcomings));
  const audited = ok(await cli.keurmerk('status', kvk)).stdout;
  expect(audited).toMatch(new RegExp(`  keurmerk report ${kvk}: possible from .*the applicant may still send supplements until`));
  expect(audited).toMatch(new RegExp(`  keurmerk decision ${kvk}: possible once the report and advice are recorded`));
  await refusedWithoutChange(kvk, ['report', kvk, '--at', await serverNow(), ...report], new RegExp(`error: refused: .*\`keurmerk report ${kvk}\` is possible from `));
  await cli.env.sleep(15 * 24 * 3600_000);
  ok(await cli.keurmerk('report', kvk, '--at', await serverNow(), ...report));
}

/** SEBO-T3..T7 through the command line, with the server's dates. */
async function keuring(kvk: string, advice: 'positive' | 'negative', outcome: 'granted' | 'rejected'): Promise<void> {
  const today = (await serverNow()).slice(0, 10);
  const docs = [`kvk-extract:${today}`, ...SEBO_DOCUMENTS].flatMap((d) => ['--document', d]);
  ok(await cli.keurmerk('documents', kvk, '--at', await serverNow(), ...docs));
  await auditAndReport(kvk, advice === 'positive' ? 'none' : 'minor', ['--advice', advice, ...(advice === 'negative' ? ['--unmet-criteria', '3.1'] : [])]);
  const reason = outcome === 'rejected' ? ['--reason', 'criterium 3.1 niet gehaald'] : ['--certificate-number', `SEBO-${kvk}`];
  ok(await cli.keurmerk('decision', kvk, '--at', await serverNow(), '--outcome', outcome, ...reason));
}

describe('keurmerk admin command against a devserver', () => {

  jest.setTimeout(300_000);
  beforeAll(async () => {
    cli = await startCliEnv();
  });
  afterAll(async () => {
    await cli?.teardown();
  });

  it('--help lists every command with examples; an unknown option is a usage error (exit 2)', async () => {
    const help = ok(await cli.keurmerk('--help')).stdout;
    for (const command of ['apply', 'intake', 'meeting-outcome', 'documents', 'audit-planned', 'audit-done', 'supplements', 'report', 'decision', 'second-keuring', 'suspend', 'extend-suspension', 'lift-suspension', 'withdraw', 'criteria-publish', 'criteria-object', 'conversation-held', 'status', 'list', 'register']) {
      // command
      expect(help).toMatch(new RegExp(`^ {2}${command} `, 'm'));
    }
    expect(help).toMatch(/Examples:\n {2}keurmerk apply /);
    const usage = await cli.keurmerk('intake', GRANTED, '--colour', 'blue');
    expect(usage.code).toBe(2);
    expect(usage.stderr).toMatch(/error: unknown option '--colour'/);
  });

  it('refuses a malformed application before anything is sent (no case exists afterwards)', async () => {
    const result = refused(
      await apply(GRANTED, '--email', 'anna-at-korenschoof', '--active-since', '2019-02-30'),
      /error: --active-since: expected a date as YYYY-MM-DD, got "2019-02-30"/,
    );
    expect(result.stderr).toMatch(/error: --email: expected an email address, got "anna-at-korenschoof"/);
    refused(await cli.keurmerk('status', GRANTED), /^error: no SEBO-Keurmerk case for KvK 10000001 in namespace "default"; start one with `keurmerk apply --scheme sebo --kvk 10000001 \.\.\.`/);
  });

  it('apply starts a case; a second application for the same KvK is refused (SEBO-T1)', async () => {
    const started = ok(await apply(GRANTED)).stdout;
    expect(started).toMatch(/SEBO-Keurmerk application started for .* \(KvK 10000001\): case sebo-10000001/);
    ok(await apply(REJECTED));
    // An application from a file (YAML), its accountmanager on the command line.
    const file = join(mkdtempSync(join(tmpdir(), 'keurmerk-apply-')), 'aanvraag.yaml');
    writeFileSync(
      file,
      [
        'schemeId: sebo',
        'submittedAt: "2025-01-06T10:00:00+01:00"',
        'company:',
        `  name: Late Aanvrager ${LATE}`,
        `  kvkNumber: "${LATE}"`,
        '  establishments: [Zoetermeer]',
        '  zzp: false',
        '  activeSince: "2018-01-01"',
        'contact: { name: Piet, email: piet@laat.example }',
      ].join('\n'),
    );
    ok(await cli.keurmerk('apply', '--file', file, '--accountmanager', 'wsp-017'));
    await refusedWithoutChange(GRANTED, ['apply', '--kvk', GRANTED, '--company', 'Nog een keer', '--contact', 'B', '--email', 'b@x.example', '--accountmanager', 'wsp-1', '--establishment', 'Zoetermeer', '--active-since', '2019-05-01'], /error: an application for KvK 10000001 is already running \(stage INTAKE\)/);
    const s = await status(GRANTED);
    expect(s.stage).toBe('INTAKE');
    expect(s.companyName).toBe(`${COMPANY} ${GRANTED}`);
    expect(s.openDeadlines.map((d) => [d.action, d.ruleId])).toStrictEqual([['intakeRecorded', 'SEBO-T1']]);
  });

  it('an action that does not fit the stage is refused with the reason and changes nothing', async () => {
    await refusedWithoutChange(GRANTED, ['audit-done', GRANTED, '--shortcomings', 'none'], /^error: refused: audit-done: .*\n$/);
    await refusedWithoutChange(GRANTED, ['meeting-outcome', GRANTED, '--meeting-date', '2027-02-09', '--outcome', 'maybe'], /^error: --outcome: outcome must be "approved", "rejected" or "deferred", got "maybe"\n$/);
    refused(await cli.keurmerk('intake', '99999999'), /^error: no SEBO-Keurmerk case for KvK 99999999 in namespace "default"/);
    refused(await cli.keurmerk('intake', '1234'), /^error: <kvk>: a KvK number has exactly 8 digits, got "1234"\n$/);
  });

  it('intake moves the case to the members\' meeting (SEBO-T1, SEBO-T2); status shows deadline and history', async () => {
    const out = ok(await cli.keurmerk('intake', GRANTED, '--notes', 'kennismaking op locatie', '--by', 'wsp-017')).stdout;
    expect(out).toMatch(/intake recorded\nstage: MEETING/);
    ok(await cli.keurmerk('intake', REJECTED));
    const s = await status(GRANTED);
    expect(s.stage).toBe('MEETING');
    expect(s.openDeadlines).toContainEqual(expect.objectContaining({ action: 'meetingOutcome', ruleId: 'SEBO-T2' }));
    expect(s.history).toContainEqual(expect.objectContaining({ what: 'intake conversation held', by: 'wsp-017' }));
    // SEBO-T2: each application puts itself on the agenda (an activity), so it shows a moment later.
    let onAgenda: string[] = [];
    for (let i = 0; i < 50 && onAgenda.length < 2; i++) {
      if (i > 0) await new Promise((r) => setTimeout(r, 200));
      const agenda = await cli.keurmerk('agenda', '--json');
      if (agenda.code === 0) onAgenda = (JSON.parse(agenda.stdout) as { pending: { kvkNumber: string }[] }).pending.map((p) => p.kvkNumber).sort();
    }
    expect(onAgenda).toStrictEqual([GRANTED, REJECTED]);
    expect(ok(await cli.keurmerk('agenda')).stdout).toMatch(/On the agenda \(outcome not yet recorded\)\nMEETING +KVK +SCHEME +COMPANY\n\d{4}-\d{2}-\d{2} +1000000[12] +sebo +Bakkerij/);
    const human = ok(await cli.keurmerk('status', GRANTED)).stdout;
    expect(human).toMatch(/^case: +sebo-10000001 \(application\)$/m);
    expect(human).toMatch(/^stage: +MEETING$/m);
    expect(human).toMatch(/Open deadlines\nDUE +RULE +PARTY +ACTION +RECORD WITH\n.*SEBO-T2 +accountmanager +meeting-outcome +keurmerk meeting-outcome 10000001\n/);
    expect(human).toMatch(/History\nWHEN +RULE +BY +WHAT\n/);
  });

  it('list filters by stage, scheme and overdue, as a table or JSON', async () => {
    const meeting = JSON.parse(ok(await cli.keurmerk('list', '--stage', 'meeting', '--scheme', 'sebo', '--json')).stdout) as { kvkNumber: string }[];
    expect(meeting.map((r) => r.kvkNumber).sort()).toStrictEqual([GRANTED, REJECTED]);
    const overdue = JSON.parse(ok(await cli.keurmerk('list', '--overdue', '--json')).stdout) as { kvkNumber: string; stage: string }[];
    expect(overdue.map((r) => [r.kvkNumber, r.stage])).toStrictEqual([[LATE, 'INTAKE']]);
    const table = ok(await cli.keurmerk('list')).stdout.split('\n');
    expect(table[0]!).toMatch(/^KVK +SCHEME +KIND +STAGE +NEXT DEADLINE +ACCOUNTMANAGER +COMPANY$/);
    expect(table[1]!).toMatch(/^10000003 +sebo +application +INTAKE +\d{1,2} [a-z]+ \d{4}.* OVERDUE +wsp-017 /);
    refused(await cli.keurmerk('list', '--stage', 'lunch'), /^error: --stage: expected one of INTAKE, MEETING, .*got "lunch"\n$/);
  });

  it("the meeting outcome is refused before the meeting and accepted after it (SEBO-T2)", async () => {
    const s = await status(GRANTED);
    const meetingDate = /members' meeting of (\d{4}-\d{2}-\d{2})/.exec(s.history.map((h) => h.what).join('\n'))?.[1];
    // the case names its meeting
    expect(meetingDate).toBeTruthy();
    await refusedWithoutChange(GRANTED, ['meeting-outcome', GRANTED, '--meeting-date', meetingDate!, '--outcome', 'approved'], /error: refused: meeting-outcome: the meeting of .* has not taken place yet; `keurmerk meeting-outcome 10000001` is possible from/);
    const dayAfter = Date.parse(`${meetingDate}T12:00:00Z`) + 24 * 3600_000;
    await cli.env.sleep(dayAfter - Number(await cli.env.currentTimeMs()));
    for (const kvk of [GRANTED, REJECTED]) {
      const out = ok(await cli.keurmerk('meeting-outcome', kvk, '--at', await serverNow(), '--meeting-date', meetingDate!, '--outcome', 'approved')).stdout;
      expect(out).toMatch(/^meeting outcome recorded: approved\nstage: [A-Z_]+\n$/);
      // SEBO-T3: the case leaves the agenda (an activity) and is then forwarded to the CI.
      await stageBecomes(kvk, 'AUDIT_PLANNING');
    }
  });

  it('a grant makes the company a holder in the public register, escaped in every format (SEBO-T10, SEBO-R6)', async () => {
    await keuring(GRANTED, 'positive', 'granted');
    const s = await status(GRANTED);
    expect(s.caseKind).toBe('holder');
    expect(s.inRegister).toBe(true);
    const entries = JSON.parse(ok(await cli.keurmerk('register', '--format', 'json')).stdout) as { company: string; kvk: string; status: string; validThrough: string }[];
    expect(entries.map((e) => [e.kvk, e.company])).toStrictEqual([[GRANTED, `${COMPANY} ${GRANTED}`]]);
    // SEBO-T10/T13: the last valid day, the day before the lapse (the date on the certificate).
    expect(entries[0]!.validThrough).toBe(s.validity!.validThrough);
    expect(entries[0]!.validThrough).toBe(new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Amsterdam' }).format(new Date(new Date(s.validity!.expiresAt).getTime() - 1)));
    expect(entries[0]!.status).toBe('current');
    const html = ok(await cli.keurmerk('register', '--format', 'html')).stdout;
    expect(html).toMatch(/<th scope="row">Bakkerij &quot;De Korenschoof&quot; &amp; Zn &lt;BV&gt; 10000001<\/th>/);
    const csv = ok(await cli.keurmerk('register', '--format', 'csv')).stdout;
    expect(csv.split('\r\n')[1]).toBe(`SEBO-Keurmerk,"Bakkerij ""De Korenschoof"" & Zn <BV> 10000001",${GRANTED},current,${entries[0]!.validThrough},,`);
  });

  it('a suspended holder is listed as suspended with its period, and as current when lifted (SEBO-R2, SEBO-R6)', async () => {
    await refusedWithoutChange(GRANTED, ['lift-suspension', GRANTED, '--at', await serverNow()], /error: refused: /);
    ok(await cli.keurmerk('suspend', GRANTED, '--at', await serverNow(), '--until', await serverNow(30 * 24 * 3600_000), '--reason', 'klacht in onderzoek'));
    expect((await status(GRANTED)).stage).toBe('SUSPENDED');
    // "vermeldt schorsingen op de website": the suspension is published, not hidden.
    const listed = JSON.parse(ok(await cli.keurmerk('register', '--format', 'json')).stdout);
    expect(listed).toEqual([expect.objectContaining({ kvk: GRANTED, status: 'suspended', suspendedFrom: expect.any(String), suspendedUntil: expect.any(String) })]);
    expect(ok(await cli.keurmerk('register')).stdout).toMatch(new RegExp(`${GRANTED} +suspended \\d{4}-\\d{2}-\\d{2} to \\d{4}-\\d{2}-\\d{2}`));
    ok(await cli.keurmerk('lift-suspension', GRANTED, '--at', await serverNow(), '--reason', 'klacht ongegrond'));
    const table = ok(await cli.keurmerk('register')).stdout;
    expect(table).toMatch(/^KEURMERK +KVK +STATUS +VALID THROUGH +COMPANY\nSEBO-Keurmerk +10000001 +current /);
  });

  it('criteria are published to every holder, who may object; a version is published once (SEBO-R1)', async () => {
    const out = ok(await cli.keurmerk('criteria-publish', '--at', await serverNow(), '--criteria-version', '2027', '--summary', 'criterium 3.1: twee programma\'s')).stdout;
    expect(out).toMatch(/^criteria 2027 of the SEBO-Keurmerk published; every holder is notified \(case sebo-criteria-2027\)\n$/);
    let pending: NonNullable<CaseStatus['criteria']>['pending'];
    for (let i = 0; i < 100 && !pending; i++) {
      await new Promise((r) => setTimeout(r, 100));
      pending = (await cli.env.client.workflow.getHandle(`sebo-${GRANTED}`).query(statusQuery)).criteria?.pending;
    }
    expect(pending?.criteriaVersion).toBe('2027');
    refused(await cli.keurmerk('criteria-publish', '--criteria-version', '2027', '--summary', 'nogmaals'), /^error: criteria version 2027 of the SEBO-Keurmerk were already published\n$/);
    await refusedWithoutChange(GRANTED, ['criteria-object', GRANTED, '--at', await serverNow(), '--criteria-version', '2026'], /error: refused: --criteria-version: no pending criteria change "2026"/);
    ok(await cli.keurmerk('criteria-object', GRANTED, '--at', await serverNow(), '--criteria-version', '2027', '--reason', 'niet haalbaar dit jaar'));
    expect((await status(GRANTED)).criteria?.pending?.objected).toBe(true);
    expect(ok(await cli.keurmerk('status', GRANTED)).stdout).toMatch(/^criteria: +.*new 2027 objected; old criteria until \d{1,2} [a-z]+ \d{4}( \d{2}:\d{2})? \(SEBO-R1\)$/m);
  });

  it('after a second rejection a new application is refused until the date of SEBO-T9', async () => {
    await keuring(REJECTED, 'negative', 'rejected');
    expect((await status(REJECTED)).stage).toBe('REJECTED');
    refused(await apply(REJECTED), /^error: KvK 10000002: the application for the SEBO-Keurmerk was rejected; the applicant may ask for the second keuring instead \(keurmerk second-keuring 10000002, SEBO-T8\)\n$/);
    ok(await cli.keurmerk('second-keuring', REJECTED, '--at', await serverNow(), '--causes-removed', 'samenwerking met ROC gestart'));
    // SEBO-T8: the procedure resumes at SEBO-T3 with the documents already given.
    await auditAndReport(REJECTED, 'minor', ['--advice', 'negative']);
    ok(await cli.keurmerk('decision', REJECTED, '--at', await serverNow(), '--outcome', 'rejected', '--reason', 'nog steeds niet'));
    const s = await status(REJECTED);
    expect(s.stage).toBe('WAITING_PERIOD');
    expect(s.waitingUntil).toBeTruthy();
    const until = new Intl.DateTimeFormat('nl-NL', { timeZone: 'Europe/Amsterdam', day: 'numeric', month: 'long', year: 'numeric' }).format(new Date(s.waitingUntil!));
    await refusedWithoutChange(
      REJECTED,
      ['apply', '--kvk', REJECTED, '--company', 'Opnieuw', '--contact', 'B', '--email', 'b@x.example', '--accountmanager', 'wsp-1', '--establishment', 'Zoetermeer', '--active-since', '2019-05-01'],
      new RegExp(`^error: KvK 10000002: the second keuring for the SEBO-Keurmerk was rejected \\(SEBO-T9\\); a new application is possible from ${until}( \\d{2}:\\d{2})?\\n$`),
    );
  });

  it('a withdrawn keurmerk leaves the register for good; later actions are refused (SEBO-R3, SEBO-R6)', async () => {
    ok(await cli.keurmerk('withdraw', GRANTED, '--at', await serverNow(), '--ground', 'misuse-in-bad-faith', '--explanation', 'logo gebruikt tijdens schorsing'));
    expect(ok(await cli.keurmerk('register', '--json')).stdout).toBe('[]\n');
    const listed = JSON.parse(ok(await cli.keurmerk('list', '--all', '--kind', 'holder', '--json')).stdout) as { kvkNumber: string; stage: string }[];
    expect(listed.map((r) => [r.kvkNumber, r.stage])).toStrictEqual([[GRANTED, 'WITHDRAWN']]);
    const after = await cli.keurmerk('suspend', GRANTED, '--at', await serverNow(), '--until', await serverNow(86_400_000), '--reason', 'x');
    expect(after.code).toBe(1);
    expect(after.stderr).toMatch(/^error: (refused: suspend: the keurmerk has ended \(WITHDRAWN\)|the SEBO-Keurmerk case of KvK 10000001 has ended at stage WITHDRAWN.*)\n$/);
  });

  it('Temporal out of reach and a wrong setting give one clear line (exit 1 and 2)', async () => {
    const down = await cli.keurmerkWithEnv({ TEMPORAL_ADDRESS: '127.0.0.1:1' }, 'status', GRANTED);
    expect(down.code).toBe(1);
    expect(down.stderr).toMatch(/^error: cannot reach Temporal at 127\.0\.0\.1:1 /);
    const wrong = await cli.keurmerkWithEnv({ TEMPORAL_ADDRESS: 'not an address' }, 'list');
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toMatch(/TEMPORAL_ADDRESS: expected host:port/);
    const keys = await cli.keurmerkWithEnv({ KEURMERK_ENCRYPTION_KEYS: 'k1' }, 'list');
    expect(keys.code).toBe(2);
    expect(keys.stderr).toMatch(/^error: KEURMERK_ENCRYPTION_KEYS is invalid/);
  });
});
