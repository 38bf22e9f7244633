// `keurmerk programme --scheme mvs` (not `report`: that is the CI's report action, SEBO-T6): a programme's goals against reality (MVS-3: 100 entrepreneurs signing
// within 2 years, 200 extra residents at work), counted from the cases themselves: every case of the
// scheme in visibility, its own status (covenant signed, placements reported). Closed cases that no
// longer answer a query are counted as not signed and said so.
import type { Command } from 'commander';
import { programmeReport, type ProgrammeCase } from '../../domain/programme';
import { statusQuery } from '../../workflows/definitions';
import { checkedScheme, schemeDefinition } from '../case';
import { json, table, when } from '../output';
import type { Session } from '../session';
import { InvalidInput } from '../failures';

export function addReportCommand(program: Command, session: Session): Command {
  return program
    .command('programme')
    .summary("a programme's goals against what the cases show (MVS-3)")
    .description('The programme goals of a scheme (its definition\'s programmeGoals) against the figures of its cases: holders whose covenant was signed in the period, residents placed at work.')
    .requiredOption('--scheme <id>', 'the scheme, e.g. mvs')
    .option('--from <YYYY-MM-DD>', "start of the programme period (default: the definition's; the period lasts as long as the goal says)")
    .option('--json', 'print the report as JSON')
    .addHelpText('after', '\nExamples:\n  keurmerk programme --scheme mvs\n  keurmerk programme --scheme mvs --from 2027-01-01   (the programme run again from 2027)')
    .action(async (values: { scheme: string; from?: string; json?: boolean }) => {
      if (values.from !== undefined && (!/^\d{4}-\d{2}-\d{2}$/.test(values.from) || Number.isNaN(Date.parse(`${values.from}T00:00:00Z`)))) {
        throw new InvalidInput([`--from: expected a date as YYYY-MM-DD, got "${values.from}"`]);
      }
      const schemeId = checkedScheme(session, values.scheme);
      const scheme = schemeDefinition(session, schemeId);
      const client = await session.client();
      // One entry per case (workflow id = scheme + KvK): the last run of each chain (a granted case has
      // continued as new into its holder run), asked by run id; earlier closed cases of the same company merged.
      const byCase = new Map<string, ProgrammeCase>();
      let unanswered = 0;
      const query = `KeurmerkScheme = '${schemeId}' AND KeurmerkCaseKind IN ('application', 'holder') AND ExecutionStatus != 'ContinuedAsNew'`;
      for await (const wf of client.workflow.list({ query })) {
        try {
          const s = await client.workflow.getHandle(wf.workflowId, wf.runId).query(statusQuery);
          const signedAt = s.covenantSignedAt ?? (s.caseKind === 'holder' ? s.validity?.validFrom : undefined);
          const placed = (s.history ?? []).filter((h) => /resident\(s\) placed at work/.test(h.what)).map((h) => ({ count: Number(/^(\d+)/.exec(h.what)?.[1] ?? 0), at: h.at }));
          const seen = byCase.get(wf.workflowId);
          byCase.set(wf.workflowId, {
            signedAt: [seen?.signedAt, signedAt].filter((x): x is string => !!x).sort()[0],
            placements: [...(seen?.placements ?? []), ...placed],
          });
        } catch {
          unanswered += 1;
        }
      }
      const cases = [...byCase.values()];
      const goals = programmeReport(scheme, cases, values.from ? { from: values.from } : {});
      if (values.json) {
        session.io.out(json({ scheme: schemeId, cases: cases.length, unanswered, goals }));
        return;
      }
      if (goals.length === 0) {
        session.io.out(`${scheme.name} has no programme goals in its definition`);
        return;
      }
      session.io.out(
        `${scheme.name}: programme goals against the ${cases.length} case(s)${unanswered ? ` (${unanswered} closed case(s) did not answer and are not counted)` : ''}\n` +
          table(goals, [
            { header: 'goal', value: (g) => g.label },
            { header: 'target', value: (g) => `${g.target} ${g.unit}` },
            { header: 'reality', value: (g) => `${g.actual} ${g.unit}` },
            { header: 'reached', value: (g) => `${Math.round(g.reached * 100)} %` },
            { header: 'period', value: (g) => (g.from ? `${when(g.from, session.zone)} – ${when(g.until, session.zone)}` : '') },
            { header: 'rule', value: (g) => g.rule ?? '' },
          ]),
      );
    });
}
