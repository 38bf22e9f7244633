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

/** Actions that are refused now but become possible later, with the date (from the case's clocks). */
export function notYet(status: CaseStatus, now: Date = new Date()): { command: string; from: string; why: string }[] {
  const out: { command: string; from: string; why: string }[] = [];
  const openActions = new Set(status.openDeadlines.map((d) => d.action));
  for (const clock of status.clocks ?? []) {
    // holderObjects is possible now, until its date; the others open at theirs.
    if (!clock.action || clock.action === 'holderObjects' || openActions.has(clock.action) || new Date(clock.at) <= now) continue;
    if (out.some((o) => o.command === commandFor(clock.action!, status))) continue;
    out.push({ command: commandFor(clock.action, status) ?? clock.action, from: clock.at, why: `${clock.what} (${clock.ruleId})` });
  }
  if (status.meeting && !status.meeting.outcome && new Date(status.meeting.startsAt) > now) {
    out.push({ command: commandFor('meetingOutcome', status)!, from: status.meeting.startsAt, why: `after the members' meeting of ${status.meeting.date} (SEBO-T2)` });
  }
  return out;
}

