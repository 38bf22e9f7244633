// SEBO-T2: "Aansluitend zal de aanvraag voorgelegd tijdens de bijeenkomst (3 keer per jaar)." After the
// intake the application goes to a meeting that is still to come, whose agenda is still open, when the
// intake is RECORDED: an intake recorded late but dated before a cut-off that has since passed must not
// land on a meeting whose agenda went out without it. And the holders can only decide on an application
// their agenda listed.
import { type Meeting, nextMeeting } from '../meetings';
import type { SchemeDefinition } from '../scheme';
import { type DateInput, toDateTime } from '../time';

const msOf = (at: DateInput) => toDateTime(at).toMillis();

/** The meeting for an intake held at `intakeAt` and recorded at `recordedAt`. */
export function meetingForIntake(scheme: SchemeDefinition, intakeAt: DateInput, recordedAt: DateInput): Meeting | undefined {
  return nextMeeting(scheme, msOf(intakeAt) >= msOf(recordedAt) ? intakeAt : recordedAt);
}

/** Whether an application put on the agenda at `listedAt` made that meeting's agenda (before it closed). */
export function listedOnAgenda(meeting: Meeting, listedAt: DateInput): boolean {
  return msOf(listedAt) <= msOf(meeting.agendaClosesAt);
}

/** Why an outcome for `meetingDate` must be refused, or undefined. */
export function meetingOutcomeRefusal(
  meeting: Meeting,
  o: { meetingDate: string; now: DateInput; listedAt?: DateInput },
): string | undefined {
  if (o.meetingDate !== meeting.date) {
    return `meetingOutcome.meetingDate: the agenda of ${o.meetingDate} did not list this application; it is on the agenda of ${meeting.date}`;
  }
  if (o.listedAt !== undefined && !listedOnAgenda(meeting, o.listedAt)) {
    return `meetingOutcome: the agenda of ${meeting.date} closed before this application was put on it; it goes to the next meeting`;
  }
  if (msOf(o.now) < msOf(meeting.startsAt)) return `meetingOutcome: the meeting of ${meeting.date} has not taken place yet`;
  return undefined;
}
