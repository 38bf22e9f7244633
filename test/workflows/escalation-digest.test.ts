// One digest per accountmanager instead of one email per escalation (issue 13;
// docs/decisions/escalation-digest.md): the escalations of a working day go to the accountmanager in
// one email at the policy's time (default 08:00 Europe/Amsterdam), listing per case the company, the
// scheme, the step, since when it is overdue, what to do and the command; a step done before the
// digest is left out; nothing pending, no digest. The other readers keep their own escalation email.
import { afterAll, describe, expect, it } from '@jest/globals';
import { deadline } from '../../domain';
import { accountmanagerDigestWorkflowId, digestChanged, digestQuery, WORKFLOW_TYPES, type DigestItem } from '../../workflows/definitions';
import type { DigestInput } from '../../workflows/accountmanager-digest';
import { DEFAULT_REMINDER_POLICY, nextDigestAt, reminderPolicy } from '../../workflows/reminder-policy';
import { renderRequest } from '../../activities/email/send-email';
import { MUNICIPALITY_EMAIL, useKeurmerkEnv } from '../helpers/keurmerk-env';
import { RULE_ID_PATTERN } from '../helpers/smtp-catcher';
import { DAY, nextKvk, seboApplication, startApplication, status } from '../helpers/sebo-fixtures';
import { act, advanceTo, HOUR } from '../helpers/sebo-steps';

describe('SEBO-T1..T12 digest period (pure)', () => {
  it('SEBO-T1: the digest goes out the next working day at 08:00, strictly after the escalation; Friday 23:30 waits for Monday', () => {
    // Wednesday 2027-01-06
    expect(nextDigestAt('2027-01-06T07:59:00.000+01:00', '08:00')).toBe('2027-01-06T08:00:00.000+01:00');
    expect(nextDigestAt('2027-01-06T08:00:00.000+01:00', '08:00')).toBe('2027-01-07T08:00:00.000+01:00');
    expect(nextDigestAt('2027-01-06T23:30:00.000+01:00', '08:00')).toBe('2027-01-07T08:00:00.000+01:00');
    // a deadline at the end of Friday, given in UTC: Monday
    expect(nextDigestAt('2027-01-08T22:59:59.999Z', '08:00')).toBe('2027-01-11T08:00:00.000+01:00');
    expect(nextDigestAt('2027-01-08T23:30:00.000+01:00', '08:00')).toBe('2027-01-11T08:00:00.000+01:00');
    expect(nextDigestAt('2027-01-09T12:00:00.000+01:00', '08:00')).toBe('2027-01-11T08:00:00.000+01:00');
  });

  it('SEBO-T1: across the DST changes the digest keeps its wall-clock time (Sunday 28 March and 31 October 2027)', () => {
    // Saturday 23:30 before the spring change: Monday 08:00 summer time
    expect(nextDigestAt('2027-03-27T23:30:00.000+01:00', '08:00')).toBe('2027-03-29T08:00:00.000+02:00');
    // during the change itself (02:30 does not exist on 28 March)
    expect(nextDigestAt('2027-03-28T03:30:00.000+02:00', '08:00')).toBe('2027-03-29T08:00:00.000+02:00');
    // the autumn change: Monday 08:00 winter time; a late digest time keeps its hour too
    expect(nextDigestAt('2027-10-30T23:30:00.000+02:00', '08:00')).toBe('2027-11-01T08:00:00.000+01:00');
    expect(nextDigestAt('2027-10-29T23:29:00.000+02:00', '23:30')).toBe('2027-10-29T23:30:00.000+02:00');
    expect(nextDigestAt('2027-10-29T23:30:00.000+02:00', '23:30')).toBe('2027-11-01T23:30:00.000+01:00');
  });

  it('SEBO-T1: digestAt is a time of day or "off"; anything else is refused naming the field', () => {
    expect(DEFAULT_REMINDER_POLICY.digestAt).toBe('08:00');
    expect(reminderPolicy({ digestAt: 'off' }).digestAt).toBe('off');
    expect(reminderPolicy({ digestAt: '23:30' }).digestAt).toBe('23:30');
    expect(() => reminderPolicy({ digestAt: '8:00' })).toThrow(/reminders\.digestAt: expected a time of day "HH:mm".*got "8:00"/);
    expect(() => reminderPolicy({ digestAt: '24:00' })).toThrow(/reminders\.digestAt/);
  });

  it('SEBO-T1: the digest text names company, scheme, step, date, what to do and the command; rule ids only in the header', () => {
    const item = (over: Partial<DigestItem>): DigestItem => ({
      workflowId: 'sebo-11111111',
      action: 'intakeRecorded',
      party: 'accountmanager',
      schemeId: 'sebo',
      schemeName: 'SEBO-Keurmerk',
      owner: 'Gemeente Zoetermeer',
      companyName: 'Bakker & Zn',
      kvkNumber: '11111111',
      dueAt: '2027-01-31T23:59:59.999+01:00',
      escalation: 1,
      escalatedAt: '2027-01-31T23:59:59.999+01:00',
      ruleId: 'SEBO-T1',
      reference: 'Criteria SEBO-Keurmerk, hoofdstuk 2',
      accountmanager: { name: 'Ahmed Accountmanager', email: 'am@wsp.example' },
      digestAt: '08:00',
      ...over,
    });
    const items = [
      item({}),
      item({ workflowId: 'sebo-ambassadeur-22222222', schemeId: 'sebo-ambassadeur', schemeName: 'SEBO-ambassadeurschap', companyName: 'Smid BV', kvkNumber: '22222222', action: 'auditPlanned', party: 'certifying-institution', ruleId: 'SEBO-T4', escalation: 3, dueAt: '2027-01-15T23:59:59.999+01:00', reference: undefined }),
    ];
    const r = renderRequest({ template: 'escalation-digest', to: ['am@wsp.example'], date: '2027-02-01T07:00:00.000Z', data: { aanhef: 'Ahmed Accountmanager', lezer: 'accountmanager', zaken: items, regels: ['SEBO-T1', 'SEBO-T4'] } });
    expect(r.subject).toBe('Overzicht verstreken termijnen: 2 zaken wachten op een stap waarvan de termijn is verstreken');
    expect(r.text).toContain('Beste Ahmed Accountmanager,');
    // the older deadline first
    expect(r.text.indexOf('Smid BV')).toBeLessThan(r.text.indexOf('Bakker & Zn'));
    expect(r.text).toContain('1. Smid BV (KvK 22222222), SEBO-ambassadeurschap');
    expect(r.text).toContain('Stap: een afspraak maken voor de audit op locatie.');
    expect(r.text).toContain('Termijn verstreken: uiterlijk was 15 januari 2027; dit is melding 3 van deze stap.');
    expect(r.text).toContain('Te doen: neem contact op met de certificerende instelling');
    expect(r.text).toContain('`keurmerk audit-planned 22222222 --scheme sebo-ambassadeur`');
    expect(r.text).toContain('2. Bakker & Zn (KvK 11111111), SEBO-Keurmerk');
    expect(r.text).toContain('Stap: het kennismakingsgesprek met de ondernemer voeren en vastleggen (Criteria SEBO-Keurmerk, hoofdstuk 2).');
    expect(r.text).toContain('uiterlijk was 31 januari 2027.');
    expect(r.text).toContain('`keurmerk intake 11111111`');
    expect(r.html).toContain('Bakker &amp; Zn');
    expect(r.headers['X-Keurmerk-Rule']).toBe('SEBO-T1, SEBO-T4');
    expect(r.headers['X-Keurmerk-Reader']).toBe('accountmanager');
    for (const body of [r.subject, r.text, r.html]) expect(RULE_ID_PATTERN.exec(body)).toBeNull();
  });
});

describe('SEBO-T1 digest per accountmanager in running cases', () => {
  const t = useKeurmerkEnv();
  const digests: string[] = [];
  afterAll(async () => {
    for (const id of digests) await t.client.workflow.getHandle(id).terminate('test done').catch(() => undefined);
  });

  it('SEBO-T1: two overdue cases of one accountmanager arrive in one 08:00 digest, a case done before it is left out, another accountmanager has their own; none after both acted', async () => {
    const [a, b, d, c] = [nextKvk(), nextKvk(), nextKvk(), nextKvk()];
    const am1 = { name: 'Anja Accountmanager', email: `am1.${a}@wsp.example` };
    const am2 = { name: 'Bram Accountmanager', email: `am2.${c}@wsp.example` };
    const code1 = `AM-D${a}`;
    const code2 = `AM-E${c}`;
    digests.push(accountmanagerDigestWorkflowId(code1), accountmanagerDigestWorkflowId(code2));
    const submittedAt = await t.now();
    const start = (kvk: string, am: typeof am1, code: string) => startApplication(t, seboApplication(kvk, submittedAt, { accountmanager: am }), { accountmanagerCode: code });
    const ha = t.track(await start(a, am1, code1));
    const hb = t.track(await start(b, am1, code1));
    const hd = t.track(await start(d, am1, code1));
    const hc = t.track(await start(c, am2, code2));

    // SEBO-T1: the intake deadline passes for all four (the end of the same day)
    const due = deadline(submittedAt, 'P4W');
    await advanceTo(t, new Date(new Date(due).getTime() + HOUR));
    const sa = await status(t, ha.workflowId);
    expect(sa.history.some((e) => /^escalation 1 sent for intakeRecorded/.test(e.what))).toBe(true);
    // A acts before the digest goes out: it disappears from it
    await act(t, ha, 'intakeRecorded');
    const digestAt = nextDigestAt(due, '08:00');
    await advanceTo(t, new Date(new Date(digestAt).getTime() + HOUR));

    const [digest] = await t.smtp.waitFor((m) => m.recipients.includes(am1.email) && /^Overzicht verstreken termijnen/.test(m.subject));
    expect(digest.recipients).toStrictEqual([am1.email]);
    expect(digest.reader).toBe('accountmanager');
    expect(digest.date?.toISOString()).toBe(new Date(digestAt).toISOString());
    expect(digest.subject).toBe('Overzicht verstreken termijnen: 2 zaken wachten op een stap waarvan de termijn is verstreken');
    expect(digest.text).toContain('Beste Anja Accountmanager,');
    for (const kvk of [b, d]) {
      expect(digest.text).toContain(`Bakker & Zn ${kvk} (KvK ${kvk}), SEBO-Keurmerk`);
      expect(digest.text).toContain(`\`keurmerk intake ${kvk}\``);
    }
    expect(digest.text).toContain('Stap: het kennismakingsgesprek met de ondernemer voeren en vastleggen');
    expect(digest.text).toContain(`Termijn verstreken: uiterlijk was ${new Intl.DateTimeFormat('nl-NL', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/Amsterdam' }).format(new Date(due))}.`);
    expect(digest.text).not.toContain(a);
    expect(digest.text).not.toContain(c);
    expect(digest.rules).toStrictEqual(['SEBO-T1']);
    expect(RULE_ID_PATTERN.exec(digest.text)).toBeNull();
    // the other accountmanager gets their own, with only their case
    const [other] = await t.smtp.waitFor((m) => m.recipients.includes(am2.email) && /^Overzicht verstreken termijnen/.test(m.subject));
    expect(other.subject).toMatch(/1 zaak wacht/);
    expect(other.text).toContain(`Bakker & Zn ${c} (KvK ${c})`);
    expect(other.text).not.toContain(b);
    // no email per escalation to either accountmanager
    expect(t.smtp.matching((m) => (m.recipients.includes(am1.email) || m.recipients.includes(am2.email)) && /^Termijn verstreken/.test(m.subject))).toStrictEqual([]);

    // B and D act; five weeks later am1 has had no further digest, while C's is repeated (1, 2 weeks)
    await act(t, hb, 'intakeRecorded');
    await act(t, hd, 'intakeRecorded');
    await advanceTo(t, new Date(new Date(digestAt).getTime() + 35 * DAY));
    expect(t.smtp.matching((m) => m.recipients.includes(am1.email) && /^Overzicht verstreken termijnen/.test(m.subject)).length).toBe(1);
    const repeated = await t.smtp.waitFor((m) => m.recipients.includes(am2.email) && /^Overzicht verstreken termijnen/.test(m.subject), 3);
    expect(repeated[1]!.text).toContain('dit is melding 2 van deze stap');
    expect(repeated[2]!.text).toContain('dit is melding 3 van deze stap');
    // each at 08:00 Amsterdam time on a working day
    for (const m of repeated) {
      const local = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', weekday: 'short', timeZone: 'Europe/Amsterdam' }).format(m.date);
      expect(local).toMatch(/^(Mon|Tue|Wed|Thu|Fri) 08:00$/);
    }
    const q = await t.client.workflow.getHandle(accountmanagerDigestWorkflowId(code1)).query(digestQuery);
    expect(q.pending).toStrictEqual([]);
    expect(q.digestsSent).toBe(1);
    expect(JSON.stringify(q)).not.toContain(am1.email);
    expect((await status(t, hb.workflowId)).stage).not.toBe('INTAKE');
    // the other case still waits: people decide, the digest only tells
    expect((await status(t, hc.workflowId)).stage).toBe('INTAKE');
  }, 300_000);

  it('SEBO-T1: a policy with digestAt "off" keeps one escalation email per step for the accountmanager, and sends no digest', async () => {
    const kvk = nextKvk();
    const am = `am.${kvk}@wsp.example`;
    const h = t.track(await startApplication(t, seboApplication(kvk, await t.now()), { accountmanagerCode: `AM-F${kvk}`, reminders: { digestAt: 'off' } }));
    digests.push(accountmanagerDigestWorkflowId(`AM-F${kvk}`));
    const s = await status(t, h.workflowId);
    const due = s.openDeadlines[0]!.dueAt;
    await advanceTo(t, new Date(new Date(due).getTime() + HOUR));
    const [esc] = await t.smtp.waitFor((m) => m.recipients.includes(am) && /^Termijn verstreken/.test(m.subject));
    expect(esc.text).toMatch(/kennismakingsgesprek/);
    await advanceTo(t, new Date(new Date(due).getTime() + 2 * DAY));
    expect(t.smtp.matching((m) => m.recipients.includes(am) && /^Overzicht verstreken termijnen/.test(m.subject))).toStrictEqual([]);
  }, 300_000);

  it('SEBO-T1: without an accountmanager address the escalation keeps going to the municipality, one email per step, and no digest', async () => {
    const kvk = nextKvk();
    const h = t.track(await startApplication(t, seboApplication(kvk, await t.now(), { accountmanager: undefined }), { accountmanagerCode: `AM-G${kvk}` }));
    digests.push(accountmanagerDigestWorkflowId(`AM-G${kvk}`));
    const due = (await status(t, h.workflowId)).openDeadlines[0]!.dueAt;
    await advanceTo(t, new Date(new Date(nextDigestAt(due, '08:00')).getTime() + HOUR));
    const [esc] = await t.smtp.waitFor((m) => m.recipients.includes(MUNICIPALITY_EMAIL) && /^Termijn verstreken/.test(m.subject) && m.subject.includes(kvk));
    expect(esc.reader).toBe('accountmanager');
    expect(t.smtp.matching((m) => DIGEST_OR(m.subject) && m.text.includes(`KvK ${kvk}`))).toStrictEqual([]);
  }, 300_000);

  it('SEBO-T1: the digest workflow continues as new and keeps its pending steps and its count; one digest per working day across the handovers', async () => {
    const kvk = nextKvk();
    const code = `AM-H${kvk}`;
    const id = accountmanagerDigestWorkflowId(code);
    digests.push(id);
    // a running case whose steps the test puts in the digest itself (its own policy sends no digest)
    const h = t.track(await startApplication(t, seboApplication(kvk, await t.now()), { accountmanagerCode: `AM-I${kvk}`, reminders: { digestAt: 'off' } }));
    const input: DigestInput = { accountmanagerCode: code, continueAsNewAfterEvents: 12 };
    const digest = await t.client.workflow.start(WORKFLOW_TYPES.accountmanagerDigest, { taskQueue: t.taskQueue, workflowId: id, args: [input] });
    const firstRun = (await digest.describe()).runId;
    const am = { name: 'Carla Accountmanager', email: `am3.${kvk}@wsp.example` };
    const times: string[] = [];
    for (let n = 1; n <= 4; n++) {
      const at = (await t.now()).toISOString();
      await t.client.workflow.getHandle(id).signal(digestChanged, {
        add: {
          workflowId: h.workflowId, action: 'intakeRecorded', party: 'accountmanager', schemeId: 'sebo', schemeName: 'SEBO-Keurmerk', owner: 'Gemeente Zoetermeer',
          companyName: `Bakker & Zn ${kvk}`, kvkNumber: kvk, dueAt: at, escalation: n, escalatedAt: at, ruleId: 'SEBO-T1', accountmanager: am, digestAt: '08:00',
        },
      });
      const next = nextDigestAt(at, '08:00');
      times.push(next);
      await advanceTo(t, new Date(new Date(next).getTime() + HOUR));
      await t.smtp.waitFor((m) => m.recipients.includes(am.email) && DIGEST_OR(m.subject), n);
    }
    const sent = t.smtp.matching((m) => m.recipients.includes(am.email) && DIGEST_OR(m.subject));
    expect(sent.map((m) => m.date?.toISOString())).toStrictEqual(times.map((x) => new Date(x).toISOString()));
    expect(sent[3]!.text).toContain('dit is melding 4 van deze stap');
    expect((await t.client.workflow.getHandle(id).describe()).runId).not.toBe(firstRun);
    const q = await t.client.workflow.getHandle(id).query(digestQuery);
    expect(q.digestsSent).toBe(4);
    expect(q.pending).toStrictEqual([]);
    // the workflow time of the last digest: 08:00 (to the second; the timer fires a few ms after it)
    expect(new Date(q.lastDigestAt!).toISOString().slice(0, 19)).toBe(new Date(times[3]!).toISOString().slice(0, 19));
  }, 300_000);
});

const DIGEST_OR = (subject: string) => /^Overzicht verstreken termijnen/.test(subject);
