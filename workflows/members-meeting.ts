// SEBO-T2 (and SEBO-A1): the members' meeting, three times a year. Applications put themselves on the
// agenda of the first meeting whose agenda is open after their intake (signal, sent by an activity with
// signalWithStart so this workflow exists when needed); when the agenda closes every current holder
// gets it. The outcome per application is recorded on the application itself (update meetingOutcome).
import { condition, continueAsNew, setHandler } from '@temporalio/workflow';
import { getScheme, msUntil, nextMeeting, sourceReference, type Meeting, type SchemeDefinition } from '../domain';
import { agendaQuery, enqueueForMeeting, leaveMeeting, STAGES, type MeetingAgendaStatus, type MeetingItem } from './definitions';
import { acts } from './activity-api';
import { nowIso, nowMs, ms } from './case';

export interface MembersMeetingInput {
  schemeId: string;
  /** The definition with the meeting calendar (a loaded file); absent: the built-in one by id. */
  definition?: SchemeDefinition;
  pending?: MeetingItem[];
  agendasSent?: MeetingAgendaStatus['agendasSent'];
}

/** Meetings handled per run before continuing as new (each run stays small; ~3 a year). */
const MEETINGS_PER_RUN = 12;

export async function membersMeeting(input: MembersMeetingInput): Promise<void> {
  const scheme = input.definition ?? getScheme(input.schemeId);
  const pending = new Map<string, MeetingItem>((input.pending ?? []).map((i) => [i.workflowId, i]));
  const agendasSent = input.agendasSent ?? [];
  let next: Meeting | undefined;

  setHandler(enqueueForMeeting, (item) => void pending.set(item.workflowId, item));
  setHandler(leaveMeeting, ({ workflowId }) => void pending.delete(workflowId));
  setHandler(agendaQuery, () => ({
    schemeId: input.schemeId,
    stage: STAGES.SCHEDULING,
    nextMeeting: next,
    pending: [...pending.values()],
    agendasSent,
  }));

  for (let handled = 0; handled < MEETINGS_PER_RUN; handled++) {
    // The first meeting whose agenda closes after now (strictly: an agenda just sent is not sent twice).
    next = nextMeeting(scheme, new Date(nowMs() + 1).toISOString());
    if (!next) return; // configured dates ran out; a new application starts the workflow again
    const meeting = next;
    await condition(() => false, Math.max(1, msUntil(meeting.agendaClosesAt, nowMs())));
    const items = [...pending.values()].filter((i) => i.meetingDate === meeting.date);
    if (items.length > 0) {
      await acts.mailHolders({
        schemeId: input.schemeId,
        email: {
          template: 'meeting-agenda',
          date: nowIso(),
          data: { regeling: scheme.name, eigenaar: scheme.owner, lezer: 'holders', ...meetingSource(scheme), vergadering: meeting.startsAt, aanvragen: items.map((i) => ({ bedrijf: i.companyName, kvk: i.kvkNumber })) },
        },
      });
      agendasSent.push({ meetingDate: meeting.date, items: items.length, sentAt: nowIso() });
    }
    // Items whose meeting has passed wait for their outcome on the application; they stay listed
    // until the application leaves (outcome) or is deferred to a later date (enqueued again).
    await condition(() => false, Math.max(1, ms(meeting.startsAt) - nowMs()));
  }
  await continueAsNew<typeof membersMeeting>({ schemeId: input.schemeId, definition: input.definition, pending: [...pending.values()], agendasSent: agendasSent.slice(-12) });
}

/** The source's own reference for the members' meeting (the rule of the step that waits for it), for the agenda's holders. */
function meetingSource(scheme: SchemeDefinition): { bron?: string; regel?: string } {
  const rule = scheme.flow?.steps.find((st) => st.meeting)?.rule;
  const bron = sourceReference(scheme, rule);
  return { ...(bron ? { bron } : {}), ...(rule ? { regel: rule } : {}) };
}
