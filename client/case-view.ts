// Reading a case's status for people: the command that records an open step, and the actions that
// are refused now but become possible at a known date (from the case's running clocks).
import type { CaseStatus } from '../workflows/definitions';
import { commandOf } from './wording';

/** The command that ends an open step, e.g. `keurmerk audit-planned 12345678`. */
export function commandFor(action: string, status: CaseStatus): string | undefined {
  const command = commandOf(action);
  if (!command) return undefined;
  const scheme = status.schemeId === 'sebo' ? '' : ` --scheme ${status.schemeId}`;
  return `keurmerk ${command} ${status.kvkNumber}${scheme}`;
}

/** An action refused now: the command, from when it becomes possible (a date) or after what (a step), and why. */
export interface NotYet {
  command: string;
  /** The date from which the action is possible, when a clock decides it. */
  from?: string;
  /** The step that must come first, when no clock decides it ("the intake is recorded"). */
  after?: string;
  why: string;
}

/** Actions that are refused now but become possible later: from a date (the case's clocks) or after a step. */
export function notYet(status: CaseStatus, now: Date = new Date()): NotYet[] {
  const out: NotYet[] = [];
  const openActions = new Set(status.openDeadlines.map((d) => d.action));
  const add = (action: string, entry: Omit<NotYet, 'command'>) => {
    const command = action === 'apply' ? `keurmerk apply --kvk ${status.kvkNumber}${status.schemeId === 'sebo' ? '' : ` --scheme ${status.schemeId}`}` : (commandFor(action, status) ?? action);
    if (!out.some((o) => o.command === command)) out.push({ command, ...entry });
  };
  for (const clock of status.clocks ?? []) {
    // holderObjects is possible now, until its date; the others open at theirs.
    if (!clock.action || clock.action === 'holderObjects' || openActions.has(clock.action) || new Date(clock.at) <= now) continue;
    add(clock.action, { from: clock.at, why: `${clock.what} (${clock.ruleId})` });
  }
  if (status.meeting && !status.meeting.outcome && new Date(status.meeting.startsAt) > now) {
    add('meetingOutcome', { from: status.meeting.startsAt, why: `after the members' meeting of ${status.meeting.date} (SEBO-T2)` });
  }
  if (status.caseKind === 'application') applicationNotYet(status, now, add);
  return out;
}

/**
 * The application's refused actions (issue 13): each keuring step is refused until the one before it
 * is recorded, the audit until its appointment and the documents, the report until the supplements
 * period is over, the decision until both sides are heard on a disagreement, a new application until
 * the waiting period ends.
 */
function applicationNotYet(status: CaseStatus, now: Date, add: (action: string, entry: Omit<NotYet, 'command'>) => void): void {
  const k = status.keuring;
  const cmd = (action: string) => `\`${commandFor(action, status) ?? action}\``;
  const later = (at: string | undefined) => !!at && new Date(at) > now;
  switch (status.stage) {
    case 'INTAKE':
      if (!status.meeting) add('meetingOutcome', { after: `the intake is recorded (${cmd('intakeRecorded')}) and the members' meeting has taken place`, why: 'the application goes to the members\' meeting after the intake (SEBO-T1, SEBO-T2)' });
      break;
    case 'AUDIT_PLANNING':
      add('auditDone', { after: `the audit is planned (${cmd('auditPlanned')})`, why: 'the certifying institution plans the audit first (SEBO-T4)' });
      break;
    case 'AUDIT':
      if (later(k?.auditAt)) add('auditDone', { from: k!.auditAt, why: 'the audit is planned for then; it cannot be recorded as done before (SEBO-T5)' });
      else if (k?.documentsMissing.length) add('auditDone', { after: `all documents are in (${cmd('documentsReceived')})`, why: `the audit needs every document: ${k.documentsMissing.join('; ')} (SEBO-D1)` });
      add('reportAndAdvice', { after: `the audit is recorded (${cmd('auditDone')})`, why: 'the report follows the audit (SEBO-T6)' });
      break;
    case 'REPORT':
      if (k?.supplementsUntil && new Date(k.supplementsUntil) >= now) {
        add('reportAndAdvice', { from: new Date(new Date(k.supplementsUntil).getTime() + 1).toISOString(), why: `the applicant may still send supplements until ${k.supplementsUntil}; the report takes them into account (SEBO-T5)` });
      }
      add('decision', { after: `the report and advice are recorded (${cmd('reportAndAdvice')})`, why: 'the municipality decides on the report (SEBO-T7)' });
      break;
    case 'DECISION':
      if (k?.disagreement && !k.bothSidesHeard) add('decision', { after: `both sides are heard (${cmd('bothSidesHeard')})`, why: 'the report records a disagreement; both sides are heard before the decision (SEBO-T6)' });
      break;
    case 'WAITING_PERIOD':
      if (later(status.waitingUntil)) add('apply', { from: status.waitingUntil, why: 'a new keuring only after the waiting period that follows a second rejection (SEBO-T9)' });
      break;
    default:
      break;
  }
}
