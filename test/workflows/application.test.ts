// The application workflow (SEBO-E1..E3, SEBO-D1, SEBO-T1..T10, SEBO-A1) through the real SDK: a real
// Worker and Client on the time-skipping devserver, emails through a real SMTP server.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import { deadline, earliestNewKeuring, nextMeeting, subtractPeriod, addPeriod, auditDeadline } from '../../domain';
import { ALL_SEARCH_ATTRIBUTES, CASE_KIND, COMPANY_NAME, NEXT_DEADLINE, SCHEME } from '../../workflows/search-attributes';
import { CI_EMAIL, MUNICIPALITY_EMAIL, useKeurmerkEnv } from '../helpers/keurmerk-env';
import { allDocuments, DAY, nextKvk, seboApplication, startApplication, status } from '../helpers/sebo-fixtures';
import { act, advance, advanceTo, HOUR, nowIso, refused, sebo, throughAudit, throughMeeting } from '../helpers/sebo-steps';

const near = (actual: Date | undefined, expected: string | Date, slackMs = 2000) =>
  assert.ok(actual && Math.abs(actual.getTime() - new Date(expected).getTime()) <= slackMs, `date ${actual?.toISOString()} is not ${new Date(expected).toISOString()}`);

describe('application workflow (SEBO)', () => {
  const t = useKeurmerkEnv();

  it('SEBO-E1, SEBO-E2, SEBO-E3: an ineligible application ends at NOT_ELIGIBLE with the reason; E2 points to the ambassadorship', async () => {
    const now = await t.now();
    const cases = [
      { rule: /Zoetermeer/, app: (k: string) => seboApplication(k, now, { company: { ...seboApplication(k, now).company, establishments: ['Delft'] } }) },
      { rule: /municipal-entity cannot hold/, app: (k: string) => seboApplication(k, now, { company: { ...seboApplication(k, now).company, affiliation: 'municipal-entity' } }) },
      { rule: /P1Y of history/, app: (k: string) => seboApplication(k, now, { company: { ...seboApplication(k, now).company, activeSince: now.toISOString().slice(0, 10) } }) },
    ];
    for (const c of cases) {
      const kvk = nextKvk();
      const h = t.track(await startApplication(t, c.app(kvk)));
      const result = await h.result();
      assert.equal(result.outcome, 'not-eligible');
      assert.match((result as { reasons: string[] }).reasons.join(' '), c.rule);
      assert.equal((await status(t, h.workflowId)).stage, 'NOT_ELIGIBLE');
      const [mail] = await t.smtp.waitFor((m) => m.recipients.includes(`els.${kvk}@bakker.example`) && /niet in behandeling/.test(m.subject));
      assert.ok(mail.recipients.includes(`am.${kvk}@wsp.example`));
      assert.match(mail.text, /SEBO-E[123]\)/, 'the reason in Dutch, with its rule');
      if (c.rule.source.includes('municipal')) assert.match(mail.text, /sebo-ambassadeur/);
    }
  });

  it('SEBO-T1: intake reminder before the deadline, escalation after it, repeated until recorded; a wrong action is refused and changes nothing', async () => {
    const kvk = nextKvk();
    const submittedAt = await t.now();
    const h = t.track(await startApplication(t, seboApplication(kvk, submittedAt)));
    const am = `am.${kvk}@wsp.example`;
    const [received] = await t.smtp.waitFor((m) => m.recipients.includes(am) && /aanvraag ontvangen/.test(m.subject));
    assert.deepEqual(received.recipients.sort(), [`els.${kvk}@bakker.example`, am].sort());
    near(received.date, submittedAt);
    assert.match(received.html, /Bakker &amp; Zn/, 'HTML values are escaped');
    assert.match(received.text, /Bakker & Zn/, 'plain text is not');

    const before = await status(t, h.workflowId);
    await refused(act(t, h, 'meetingOutcome', { meetingDate: '2027-02-09', outcome: 'approved' }), /case is at INTAKE/);
    await refused(h.executeUpdate('intakeRecorded', { args: [{ at: 'gisteren' }] }), /at: expected a date/);
    const unchanged = await status(t, h.workflowId);
    assert.equal(unchanged.stage, 'INTAKE');
    assert.equal(unchanged.history.length, before.history.length);

    const due = deadline(submittedAt, 'P4W');
    assert.deepEqual(unchanged.openDeadlines.map((d) => [d.action, d.party, d.dueAt]), [['intakeRecorded', 'accountmanager', due]]);
    const remindAt = subtractPeriod(due, 'P3D');
    await advanceTo(t, new Date(new Date(remindAt).getTime() + HOUR));
    const [reminder] = await t.smtp.waitFor((m) => m.recipients.includes(am) && /^Herinnering/.test(m.subject));
    near(reminder.date, remindAt);
    assert.match(reminder.text, /kennismakingsgesprek/);

    await advanceTo(t, new Date(new Date(due).getTime() + HOUR));
    const [first] = await t.smtp.waitFor((m) => m.recipients.includes(am) && /^Termijn verstreken/.test(m.subject));
    near(first.date, due);
    await advance(t, 7 * DAY);
    const escalations = await t.smtp.waitFor((m) => m.recipients.includes(am) && /^Termijn verstreken/.test(m.subject), 2);
    near(escalations[1].date, addPeriod(due, 'P1W'));
    assert.equal((await status(t, h.workflowId)).stage, 'INTAKE', 'the case keeps waiting: people decide');

    const result = await act(t, h, 'intakeRecorded');
    assert.equal(result.stage, 'INTAKE'); // the handler records; the workflow moves on right after
    const after = await status(t, h.workflowId);
    assert.equal(after.stage, 'MEETING');
    assert.deepEqual(after.openDeadlines.map((d) => d.action), ['meetingOutcome']);
    assert.ok(after.history.some((e) => e.ruleId === 'SEBO-T1' && e.by === 'test'));
  });

  it('SEBO-T2: the application goes to the next meeting; every holder gets the agenda; no outcome → reminder; deferred → next meeting', async () => {
    const holderKvk = nextKvk();
    const now = await t.now();
    const { startHolder } = await import('../helpers/sebo-fixtures');
    t.track(await startHolder(t, holderKvk, new Date(now.getTime() - 300 * DAY), new Date(now.getTime() + 600 * DAY)));
    const kvk = nextKvk();
    const h = t.track(await startApplication(t, seboApplication(kvk, now)));
    await act(t, h, 'intakeRecorded');
    const meeting = nextMeeting(sebo, await nowIso(t))!;
    assert.equal((await status(t, h.workflowId)).stage, 'MEETING');
    await t.smtp.waitFor((m) => m.recipients.includes(`els.${kvk}@bakker.example`) && /op de agenda/.test(m.subject));

    await refused(act(t, h, 'meetingOutcome', { meetingDate: meeting.date, outcome: 'approved' }), /has not taken place yet/);
    await refused(act(t, h, 'meetingOutcome', { meetingDate: '2031-01-01', outcome: 'approved' }), /on the agenda of/);
    await refused(act(t, h, 'meetingOutcome', { meetingDate: meeting.date, outcome: 'deferred' }), /reason: a reason is required/);

    await advanceTo(t, new Date(new Date(meeting.agendaClosesAt).getTime() + HOUR));
    const holder = `houder.${holderKvk}@holder.example`;
    const [agenda] = await t.smtp.waitFor((m) => m.recipients.includes(holder) && /Agenda bijeenkomst/.test(m.subject) && m.text.includes(kvk));
    near(agenda.date, meeting.agendaClosesAt);
    assert.ok(!agenda.recipients.includes(`els.${kvk}@bakker.example`), 'the applicant does not get the holders agenda');

    await advanceTo(t, new Date(new Date(meeting.startsAt).getTime() + HOUR));
    await act(t, h, 'meetingOutcome', { meetingDate: meeting.date, outcome: 'deferred', reason: 'meer informatie nodig' });
    const next = nextMeeting(sebo, meeting.startsAt, { ignoreCutOff: true })!;
    await t.smtp.waitFor((m) => m.recipients.includes(`els.${kvk}@bakker.example`) && /uitgesteld/.test(m.subject));
    assert.equal((await status(t, h.workflowId)).openDeadlines[0].dueAt, deadline(next.startsAt, 'P1W'));

    await advanceTo(t, new Date(new Date(next.agendaClosesAt).getTime() + HOUR));
    await t.smtp.waitFor((m) => m.recipients.includes(holder) && /Agenda bijeenkomst/.test(m.subject) && m.text.includes(kvk), 2);

    // The accountmanager forgets to record the outcome: reminded before the outcome deadline.
    const outcomeDue = deadline(next.startsAt, 'P1W');
    await advanceTo(t, new Date(new Date(subtractPeriod(outcomeDue, 'P3D')).getTime() + HOUR));
    const [reminder] = await t.smtp.waitFor((m) => m.recipients.includes(`am.${kvk}@wsp.example`) && /^Herinnering/.test(m.subject) && /bijeenkomst/.test(m.text));
    near(reminder.date, subtractPeriod(outcomeDue, 'P3D'));

    await act(t, h, 'meetingOutcome', { meetingDate: next.date, outcome: 'approved' });
    assert.equal((await status(t, h.workflowId)).stage, 'AUDIT_PLANNING');
    await t.smtp.waitFor((m) => m.recipients.includes(CI_EMAIL) && /doorgestuurd/.test(m.subject) && m.subject.includes(kvk));
  });

  it('SEBO-T3..T7, SEBO-D1, SEBO-T10: documents, audit, supplements, report and decision with their deadlines lead to a grant and a PDF certificate', async () => {
    const kvk = nextKvk();
    const applicant = `els.${kvk}@bakker.example`;
    const am = `am.${kvk}@wsp.example`;
    const h = t.track(await startApplication(t, seboApplication(kvk, await t.now())));
    await throughMeeting(t, h);
    const forwardedAt = await t.now();
    const [forwarded] = await t.smtp.waitFor((m) => m.recipients.includes(CI_EMAIL) && m.subject.includes(kvk) && /doorgestuurd/.test(m.subject));
    assert.ok(forwarded.recipients.includes(applicant) && forwarded.recipients.includes(am));

    // SEBO-T4: the CI does not plan the audit within a month → escalation to the CI and the accountmanager.
    const auditDue = auditDeadline(sebo, forwardedAt.toISOString());
    await advanceTo(t, new Date(new Date(auditDue).getTime() + HOUR));
    const [escalation] = await t.smtp.waitFor((m) => m.recipients.includes(CI_EMAIL) && /^Termijn verstreken/.test(m.subject) && m.subject.includes(kvk));
    assert.ok(escalation.recipients.includes(am), 'the accountmanager gets the escalation too');
    assert.match(escalation.text, /SEBO-T4/);

    // SEBO-D1: a KvK extract older than a year is refused; the audit needs every document.
    const old = allDocuments(await t.now()).map((d) => (d.id === 'kvk-extract' ? { ...d, issuedOn: '2020-01-01' } : d));
    await refused(act(t, h, 'documentsReceived', { documents: old }), /SEBO-D1: document "kvk-extract" of 2020-01-01 is older than P1Y/);
    const auditAt = new Date((await t.now()).getTime() + 2 * DAY);
    await act(t, h, 'auditPlanned', { auditAt: auditAt.toISOString() });
    await refused(act(t, h, 'auditDone', { shortcomings: 'none' }), /SEBO-D1: the audit needs all documents first; missing document/);
    await refused(act(t, h, 'documentsReceived', { documents: [{ id: 'passport', receivedAt: await nowIso(t) }] }), /unknown document id "passport"/);
    const answer = await act(t, h, 'documentsReceived', { documents: allDocuments(await t.now()) });
    assert.match(answer.message, /all documents are in/);

    // SEBO-T5: serious shortcomings need a new audit later; the month of SEBO-T4 counts anew.
    await advanceTo(t, new Date(auditAt.getTime() + 3 * HOUR));
    const serious = await act(t, h, 'auditDone', { shortcomings: 'serious' });
    assert.match(serious.message, /new audit must be planned/);
    assert.equal((await status(t, h.workflowId)).stage, 'AUDIT_PLANNING');
    const reAuditAt = new Date((await t.now()).getTime() + 10 * DAY);
    await act(t, h, 'auditPlanned', { auditAt: reAuditAt.toISOString() });

    // SEBO-T5: findings; supplements count for two weeks.
    await advanceTo(t, new Date(reAuditAt.getTime() + 3 * HOUR));
    await act(t, h, 'auditDone', { shortcomings: 'minor', findings: 'plan van aanpak ontbreekt deels' });
    const [findings] = await t.smtp.waitFor((m) => m.recipients.includes(applicant) && /bevindingen van de audit/.test(m.subject));
    assert.match(findings.text, /SEBO-T5/);
    await act(t, h, 'supplementsReceived', { description: 'aangevuld plan van aanpak' });
    await advance(t, 15 * DAY);
    await refused(act(t, h, 'supplementsReceived', { description: 'te laat' }), /SEBO-T5: the supplements period ended/);
    // The auditor may extend the period on request.
    await act(t, h, 'supplementsDeadlineExtended', { until: new Date((await t.now()).getTime() + 5 * DAY).toISOString(), reason: 'op verzoek' });
    await act(t, h, 'supplementsReceived', { description: 'alsnog binnen de verlengde termijn' });

    // SEBO-T6: report with a disagreement: both sides heard before the decision (SEBO-T7).
    await act(t, h, 'reportAndAdvice', { advice: 'positive', disagreement: { auditorView: 'voldoende', applicantView: 'ruim voldoende' } });
    const [advice] = await t.smtp.waitFor((m) => m.recipients.includes(applicant) && /kopie van het advies/.test(m.subject));
    assert.ok(advice.recipients.includes(MUNICIPALITY_EMAIL));
    assert.equal((await status(t, h.workflowId)).stage, 'DECISION');
    await refused(act(t, h, 'decision', { outcome: 'granted' }), /SEBO-T6: on a disagreement both sides are heard/);
    await act(t, h, 'bothSidesHeard');
    await act(t, h, 'decision', { outcome: 'granted', certificateNumber: `SEBO-2027-${kvk}` });

    // SEBO-T10: the same workflow id continues as the holder; certificate with PDF to holder and CI.
    const [certificate] = await t.smtp.waitFor((m) => m.recipients.includes(applicant) && /certificaat$/.test(m.subject));
    assert.ok(certificate.recipients.includes(CI_EMAIL), 'the CI is told the validity');
    assert.equal(certificate.attachments.length, 1);
    assert.equal(certificate.attachments[0].contentType, 'application/pdf');
    assert.equal(certificate.attachments[0].content.subarray(0, 4).toString(), '%PDF');
    const holder = await status(t, h.workflowId);
    assert.equal(holder.caseKind, 'holder');
    assert.equal(holder.stage, 'REGISTERED');
    assert.equal(holder.validity?.certificateNumber, `SEBO-2027-${kvk}`);
    assert.ok(holder.history.some((e) => e.ruleId === 'SEBO-T7'), 'the application history travels with the case');
  });

  it('SEBO-T8, SEBO-T9: a second keuring resumes at SEBO-T3; a second rejection ends the case after a year, and no new application starts meanwhile', async () => {
    const kvk = nextKvk();
    const applicant = `els.${kvk}@bakker.example`;
    const h = t.track(await startApplication(t, seboApplication(kvk, await t.now())));
    await throughMeeting(t, h);
    await throughAudit(t, h, 'negative');
    await act(t, h, 'decision', { outcome: 'rejected', reason: 'criterium 3.1 niet gehaald' });
    await t.smtp.waitFor((m) => m.recipients.includes(applicant) && /keurmerk niet verleend$/.test(m.subject));
    assert.equal((await status(t, h.workflowId)).stage, 'REJECTED');

    await act(t, h, 'secondKeuringRequested', { causesRemoved: 'aangemeld bij On Stage' });
    const second = await status(t, h.workflowId);
    assert.equal(second.stage, 'AUDIT_PLANNING');
    assert.equal(second.secondKeuringenUsed, 1);
    await t.smtp.waitFor((m) => m.recipients.includes(CI_EMAIL) && m.subject.includes(kvk) && /doorgestuurd/.test(m.subject), 2);

    await throughAudit(t, h, 'negative', false); // documents of the first keuring still count
    await act(t, h, 'decision', { outcome: 'rejected', reason: 'opnieuw 3.1' });
    const decidedAt = await t.now();
    const waiting = await status(t, h.workflowId);
    assert.equal(waiting.stage, 'WAITING_PERIOD');
    assert.equal(waiting.waitingUntil, earliestNewKeuring(sebo, decidedAt.toISOString()));
    const [final] = await t.smtp.waitFor((m) => m.recipients.includes(applicant) && /ook na tweede keuring/.test(m.subject));
    assert.match(final.text, /SEBO-T9/);
    await refused(act(t, h, 'secondKeuringRequested', { causesRemoved: 'nogmaals' }), /case is at WAITING_PERIOD/);

    await assert.rejects(startApplication(t, seboApplication(kvk, await t.now())), WorkflowExecutionAlreadyStartedError);

    const result = await h.result();
    assert.deepEqual(result, { outcome: 'rejected', waitedUntil: waiting.waitingUntil });
    assert.ok((await t.now()).getTime() >= new Date(waiting.waitingUntil!).getTime());
    const again = t.track(await startApplication(t, seboApplication(kvk, await t.now())));
    assert.equal((await status(t, again.workflowId)).stage, 'INTAKE');
  });

  it("SEBO-A1: the ambassadorship is its own shorter path: intake, the holders' approval, no audit", async () => {
    const kvk = nextKvk();
    const now = await t.now();
    const base = seboApplication(kvk, now);
    const app = { ...base, schemeId: 'sebo-ambassadeur', company: { ...base.company, affiliation: 'municipal-entity' as const } };
    const h = t.track(await startApplication(t, app));
    assert.equal(h.workflowId, `sebo-ambassadeur-${kvk}`);
    await act(t, h, 'intakeRecorded');
    const meeting = nextMeeting(sebo, await nowIso(t))!;
    await advanceTo(t, new Date(new Date(meeting.startsAt).getTime() + HOUR));
    await act(t, h, 'meetingOutcome', { meetingDate: meeting.date, outcome: 'approved' });
    await t.smtp.waitFor((m) => m.recipients.includes(`els.${kvk}@bakker.example`) && /ambassadeurschap toegekend/.test(m.subject));
    const s = await status(t, h.workflowId);
    assert.equal(s.caseKind, 'holder');
    assert.equal(s.schemeId, 'sebo-ambassadeur');
    assert.ok(!s.history.some((e) => /audit/.test(e.what)), 'no audit on this path');
  });

  it('continue-as-new: a case left waiting hands over to fresh runs and keeps its deadline, escalation rhythm and history', async () => {
    const kvk = nextKvk();
    const am = `am.${kvk}@wsp.example`;
    const submittedAt = await t.now();
    const h = t.track(
      await startApplication(t, seboApplication(kvk, submittedAt), { reminders: { escalateEvery: 'P1D' }, continueAsNewAfterEvents: 60 }),
    );
    const firstRun = (await h.describe()).runId;
    const due = deadline(submittedAt, 'P4W');
    await advanceTo(t, new Date(new Date(due).getTime() + 20 * DAY + HOUR));
    const escalations = await t.smtp.waitFor((m) => m.recipients.includes(am) && /^Termijn verstreken/.test(m.subject), 21);
    const s = await status(t, h.workflowId);
    assert.notEqual((await h.describe()).runId, firstRun, 'the case continued as new');
    assert.equal(s.stage, 'INTAKE');
    assert.deepEqual(s.openDeadlines.map((d) => [d.action, d.dueAt]), [['intakeRecorded', due]]);
    assert.equal(s.history.filter((e) => /escalation/.test(e.what)).length, escalations.length, 'no escalation lost or sent twice across runs');
    escalations.forEach((m, i) => near(m.date, addPeriod(due, `P${i}D`)));
    assert.equal(t.smtp.matching((m) => m.recipients.includes(am) && /^Herinnering/.test(m.subject)).length, 1, 'the reminder went out once');
    await act(t, h, 'intakeRecorded');
    assert.equal((await status(t, h.workflowId)).stage, 'MEETING');
  });

  it('search attributes: the worker registered them; a case is found by stage, KvK, accountmanager and next deadline, with no personal data', async () => {
    const registered = await t.env.connection.operatorService.listSearchAttributes({ namespace: 'default' });
    for (const key of ALL_SEARCH_ATTRIBUTES) assert.ok(key.name in (registered.customAttributes ?? {}), `${key.name} is registered`);
    const kvk = nextKvk();
    const submittedAt = await t.now();
    const h = t.track(await startApplication(t, seboApplication(kvk, submittedAt)));
    await t.smtp.waitFor((m) => m.subject.includes(kvk));
    const found = [];
    for await (const wf of t.client.workflow.list({ query: `KeurmerkStage = 'INTAKE' AND KeurmerkKvkNumber = '${kvk}' AND KeurmerkAccountmanager = 'AM-017'` })) found.push(wf);
    assert.deepEqual(found.map((wf) => wf.workflowId), [h.workflowId]);
    const attrs = found[0].typedSearchAttributes;
    assert.equal(attrs.get(SCHEME), 'sebo');
    assert.equal(attrs.get(CASE_KIND), 'application');
    assert.equal(attrs.get(COMPANY_NAME), `Bakker & Zn ${kvk}`);
    assert.equal(attrs.get(NEXT_DEADLINE)?.toISOString(), new Date(deadline(submittedAt, 'P4W')).toISOString());
    const values = JSON.stringify(attrs.getAll().map((p) => p.value));
    assert.doesNotMatch(values, /@|Els|Ahmed/, 'SEBO-R5: no names or addresses in search attributes');
  });
});
