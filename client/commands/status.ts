// `keurmerk status <kvk>`: where a case stands, what is due and by whom, and what happened when.
import { Option, type Command } from 'commander';
import { DateTime } from 'luxon';
import { statusQuery, type CaseStatus, type KeuringStatus } from '../../workflows/definitions';
import { commandOf } from '../wording';
import { commandFor, notYet } from '../case-view';
import { caseHandle, checkedKvk, checkedScheme, schemeName } from '../case';
import { fields, humanized, json, table, when } from '../output';
import type { Session } from '../session';
import { answeredByWorker, NoWorkerAnswer, workerState } from '../worker-wait';
import { diagnosed } from '../diagnose';
import { recordedSummary, formatRecorded, busyNotice } from '../recorded-status';

// How long `status` waits for the worker's full answer (a query) before it answers from what Temporal
// itself recorded (KEURMERK_STATUS_WAIT, 1 s; issue 16): under a burst the worker can be minutes
// behind, and `status` must answer within 2 s, saying why the rest is missing.

/** Why the server refused the query before asking the worker (FAILED_PRECONDITION), in our words. */
function preconditionReason(err: unknown): string | undefined {
  const cause = (err as { cause?: { code?: number; details?: string; message?: string } })?.cause;
  if (cause?.code !== 9) return undefined;
  const text = `${cause.details ?? ''} ${cause.message ?? ''}`;
  if (/failed state/i.test(text)) return "the case's last workflow task failed and is being retried (the worker's log says why)";
  if (/not ready/i.test(text)) return 'the worker has not taken up this new case yet';
  return undefined;
}

/** The history in time order (entries recorded with an earlier `at` sort before later ones). */
export function sortedStatus(status: CaseStatus): CaseStatus {
  const t = (at: string) => DateTime.fromISO(at, { setZone: true }).toMillis();
  const history = status.history.map((h, i) => ({ h, i })).sort((a, b) => t(a.h.at) - t(b.h.at) || a.i - b.i).map(({ h }) => h);
  return { ...status, history };
}

const person = (p: { name: string; email: string } | undefined) => p && `${p.name} <${p.email}>`;

/** What a history entry recorded besides the line itself: notes, findings, reasons, ... */
function detailsLine(details: Record<string, unknown> | undefined, zone: string): string {
  if (!details) return '';
  const parts = Object.entries(details).map(([key, value]) => {
    const text = Array.isArray(value) ? value.join(', ') : typeof value === 'object' && value !== null ? Object.entries(value).map(([k, v]) => `${k}: ${String(v)}`).join('; ') : String(value);
    return `${key}: ${humanized(text, zone)}`;
  });
  return ` [${parts.join(' · ')}]`;
}

function keuringLines(k: KeuringStatus, zone: string): [string, string | undefined][] {
  const day = (v: string | undefined) => when(v, zone);
  const docs = k.documentsReceived.map((d) => `${d.id}${d.issuedOn ? ` (of ${day(d.issuedOn)})` : ''}`).join(', ');
  return [
    ['keuring', `${k.round}${(k.step as string) === 'DONE' ? ' (decided)' : `, at ${k.step}`}`],
    ['forwarded to CI', day(k.forwardedAt)],
    ['documents in', docs || 'none yet'],
    ['documents missing', k.documentsMissing.length ? k.documentsMissing.join('; ') : undefined],
    ['audit', k.auditAt && `${day(k.auditAt)}${k.auditor ? ` by ${k.auditor}` : ''}${k.auditDoneAt ? `; held ${day(k.auditDoneAt)}` : ' (planned)'}`],
    ['shortcomings', k.shortcomings && `${k.shortcomings}${k.findings ? `: ${k.findings}` : ''}`],
    ['supplements', k.supplementsUntil && `until ${day(k.supplementsUntil)}${k.supplements.length ? `; received: ${k.supplements.join('; ')}` : '; none received'}`],
    ['report', k.reportAt && `${day(k.reportAt)}, advice ${k.advice}${k.unmetCriteria?.length ? `; unmet criteria ${k.unmetCriteria.join(', ')}` : ''}${k.disagreement ? `; disagreement${k.bothSidesHeard ? ', both sides heard' : ', both sides still to be heard'}` : ''}`],
    ['decision', k.outcome && `${k.outcome} on ${day(k.decidedAt)}${k.reason ? `: ${k.reason}` : ''}`],
  ];
}

export function formatStatus(raw: CaseStatus, zone: string, now: Date = new Date()): string {
  const status = sortedStatus(raw);
  const day = (v: string | undefined) => when(v, zone);
  const am = status.accountmanager ? `${status.accountmanagerCode} (${person(status.accountmanager)})` : status.accountmanagerCode;
  const summary = fields([
    ['case', `${status.workflowId} (${status.caseKind})`],
    ['keurmerk', schemeName(status.schemeId)],
    ['company', `${status.companyName} (KvK ${status.kvkNumber})`],
    ['contact', person(status.contact)],
    ['accountmanager', am],
    ['stage', status.renewalStep ? `${status.stage} (re-keuring: ${status.renewalStep})` : status.stage],
    ['intake', status.intakeAt && `held ${day(status.intakeAt)}`],
    ['meeting', status.meeting && `${day(status.meeting.startsAt)}${status.meeting.outcome ? `: ${status.meeting.outcome}` : ''}`],
    // SEBO-T10/T13: "through" the last valid day, the date on the certificate; it lapses the day after.
    ['valid', status.validity && `${day(status.validity.validFrom)} through ${status.validity.validThrough ?? day(status.validity.expiresAt)} (lapses ${day(status.validity.expiresAt)})`],
    ['criteria not met', status.unmetCriteria?.length ? status.unmetCriteria.join(', ') : undefined],
    ['certificate', status.validity?.certificateNumber],
    ['suspended', status.suspension && `${day(status.suspension.from)} until ${day(status.suspension.until)}${status.suspension.extended ? ' (extended)' : ''}`],
    ['criteria', status.criteria && criteriaLine(status.criteria, zone)],
    ['second keuring', status.secondKeuringenUsed ? `${status.secondKeuringenUsed} used (SEBO-T8)` : undefined],
    ['new application', status.waitingUntil && `possible from ${day(status.waitingUntil)} (SEBO-T9)`],
    ['in register', status.listedAs === 'suspended' ? 'listed as suspended (SEBO-R2)' : status.inRegister ? 'yes' : 'no'],
    ...(status.keuring ? keuringLines(status.keuring, zone) : []),
  ]);
  const deadlines = status.openDeadlines.length
    ? table(status.openDeadlines, [
        { header: 'due', value: (d) => day(d.dueAt) },
        { header: 'rule', value: (d) => d.ruleId },
        { header: 'party', value: (d) => d.party },
        { header: 'action', value: (d) => commandOf(d.action) ?? d.action },
        { header: 'record with', value: (d) => commandFor(d.action, status) },
      ])
    : 'none';
  const clocks = status.clocks?.length
    ? table(status.clocks, [
        { header: 'when', value: (c) => day(c.at) },
        { header: 'rule', value: (c) => c.ruleId },
        { header: 'what', value: (c) => c.what },
        { header: 'then', value: (c) => (c.action ? commandFor(c.action, status) : undefined) },
      ])
    : undefined;
  const later = notYet(status, now);
  const laterText = later.length ? later.map((l) => `  ${l.command}: possible ${l.from ? `from ${day(l.from)}` : `once ${l.after}`} (${l.why})`).join('\n') : undefined;
  const history = status.history.length
    ? table(status.history, [
        { header: 'when', value: (h) => day(h.at) },
        { header: 'rule', value: (h) => h.ruleId },
        { header: 'by', value: (h) => h.by },
        { header: 'what', value: (h) => `${humanized(h.what, zone)}${detailsLine(h.details, zone)}` },
      ])
    : 'nothing yet';
  return [
    summary,
    `Open deadlines\n${deadlines}`,
    clocks && `Running clocks\n${clocks}`,
    laterText && `Not possible yet\n${laterText}`,
    `History\n${history}`,
  ]
    .filter(Boolean)
    .join('\n\n');
}

function criteriaLine(criteria: NonNullable<CaseStatus['criteria']>, zone: string): string {
  const pending = criteria.pending;
  if (!pending) return criteria.version;
  const binding = pending.objected
    ? `objected; old criteria until ${when(pending.oldCriteriaUntil, zone)}`
    : `binding from ${when(pending.bindingFrom, zone)}`;
  return `${criteria.version}; new ${pending.criteriaVersion} ${binding} (SEBO-R1)`;
}

export function addStatusCommand(program: Command, session: Session): Command {
  return program
    .command('status')
    .summary("a case's stage, open deadlines and history")
    .description('Show where the case of one company stands: its stage, the deadlines still open and who must act, and its history.')
    .argument('<kvk>', 'KvK number of the company (8 digits)')
    .addOption(new Option('--scheme <id>', 'scheme of the case').default('sebo'))
    .option('--json', 'print the status as JSON')
    .addHelpText('after', '\nExample:\n  keurmerk status 12345678\n  keurmerk status 12345678 --json')
    .action(async (kvkArg: string, values: { scheme: string; json?: boolean }) => {
      const kvk = checkedKvk(kvkArg);
      const scheme = checkedScheme(session, values.scheme);
      const handle = await caseHandle(session, scheme, kvk);
      const client = await session.client();
      const abort = new AbortController();
      // Asked at once, beside the query: what Temporal recorded and whether a worker polls (two cheap
      // calls the server answers itself), so a late worker costs no extra round trips.
      const taskQueue = session.config.TEMPORAL_TASK_QUEUE;
      const recordedSoon = recordedSummary(handle);
      const stateSoon = workerState(client, taskQueue);
      recordedSoon.catch(() => undefined);
      const full = answeredByWorker(session, 'query', () => client.withAbortSignal(abort.signal, () => handle.query(statusQuery)));
      const first = await Promise.race([
        full.then(
          (status) => ({ status }),
          (err: unknown) => ({ err }),
        ),
        new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), session.config.KEURMERK_STATUS_WAIT * 1000).unref()),
      ]);
      if (first && 'status' in first) {
        session.io.out(values.json ? json({ ...sortedStatus(first.status), notYet: notYet(first.status) }, session.zone) : formatStatus(first.status, session.zone));
        return;
      }
      // A case whose workflow task is failing (being retried) or not yet taken up: the server refuses the
      // query at once (FAILED_PRECONDITION); what it recorded is still worth showing.
      const pending = first && preconditionReason(first.err);
      if (first && !pending) throw await diagnosed(first.err, session, { scheme, kvk });
      // No full answer yet: say what Temporal recorded, and whether a worker runs at all.
      const waited = session.config.KEURMERK_STATUS_WAIT;
      const [state, recorded] = await Promise.all([
        stateSoon,
        recordedSoon.catch(async (err: unknown) => {
          throw await diagnosed(err, session, { scheme, kvk });
        }),
      ]);
      abort.abort();
      full.catch(() => undefined);
      session.io.out(values.json ? json({ ...recorded, partial: true, worker: state }, session.zone) : formatRecorded(recorded, session.zone));
      if (state === 'absent') throw new NoWorkerAnswer(state, 'query', `KvK ${kvk}`, waited, taskQueue);
      session.io.err(pending ? `note: ${pending}; above is what Temporal recorded. Try again in a moment.` : busyNotice(state, taskQueue, waited));
    });
}
