// `keurmerk agenda`: the members' meeting (SEBO-T2): when the next one is, which applications are on
// its agenda, and the agendas already sent to the holders. The accountmanager records each outcome
// with `keurmerk meeting-outcome <kvk> --meeting-date <date>`.
import { Option, type Command } from 'commander';
import { temporalClient } from '../sdk';
import { agendaQuery, membersMeetingWorkflowId, type MeetingAgendaStatus } from '../../workflows/definitions';
import { schemeName } from '../case';
import { Refusal } from '../failures';
import { fields, json, table, when } from '../output';
import type { Session } from '../session';

export function formatAgenda(agenda: MeetingAgendaStatus, zone: string): string {
  const next = agenda.nextMeeting;
  const summary = fields([
    ["members' meeting", schemeName(agenda.schemeId)],
    ['next meeting', next && `${when(next.startsAt, zone)} (agenda closes ${when(next.agendaClosesAt, zone)})`],
  ]);
  const pending = agenda.pending.length
    ? table(
        [...agenda.pending].sort((a, b) => a.meetingDate.localeCompare(b.meetingDate) || a.companyName.localeCompare(b.companyName, 'nl')),
        [
          { header: 'meeting', value: (i) => i.meetingDate },
          { header: 'kvk', value: (i) => i.kvkNumber },
          { header: 'scheme', value: (i) => i.schemeId },
          { header: 'company', value: (i) => i.companyName },
        ],
      )
    : 'no applications';
  const sent = agenda.agendasSent.length
    ? table(agenda.agendasSent, [
        { header: 'meeting', value: (a) => a.meetingDate },
        { header: 'sent', value: (a) => when(a.sentAt, zone) },
        { header: 'applications', value: (a) => String(a.items) },
      ])
    : 'none yet';
  return `${summary}\n\nOn the agenda (outcome not yet recorded)\n${pending}\n\nAgendas sent to the holders\n${sent}`;
}

export function addAgendaCommand(program: Command, session: Session): Command {
  return program
    .command('agenda')
    .summary("the members' meeting: next date and the applications on its agenda (SEBO-T2)")
    .description(
      "Show the members' meeting of a scheme family: when the next meeting is, which applications wait for an outcome, and the agendas sent to the holders. " +
        'The SEBO-Keurmerk and the ambassadorship share one meeting.',
    )
    .addOption(new Option('--meeting <id>', "whose members' meeting").default('sebo'))
    .option('--json', 'print the agenda as JSON')
    .addHelpText('after', '\nExample:\n  keurmerk agenda\n  keurmerk meeting-outcome 12345678 --meeting-date 2027-02-09 --outcome approved')
    .action(async (values: { meeting: string; json?: boolean }) => {
      const client = await session.client();
      let agenda: MeetingAgendaStatus;
      try {
        agenda = await client.workflow.getHandle(membersMeetingWorkflowId(values.meeting)).query(agendaQuery);
      } catch (err) {
        if (err instanceof temporalClient().WorkflowNotFoundError) {
          throw new Refusal(`no members' meeting for ${values.meeting} yet: it is scheduled when the first application has had its intake`);
        }
        throw err;
      }
      session.io.out(values.json ? json(agenda) : formatAgenda(agenda, session.zone));
    });
}
