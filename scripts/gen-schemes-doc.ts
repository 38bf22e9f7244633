// Writes docs/schemes.md from the built-in scheme definitions, so the documentation cannot drift
// from the code. `npm run docs:schemes` writes it; `npm run docs:check` fails when it is stale.
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Duration } from 'luxon';
import { builtInSchemes, periodMeaning, type MeetingCalendar, type PeriodName, type SchemeDefinition } from '../domain';

export const DOC_PATH = resolve(__dirname, '..', 'docs', 'schemes.md');

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
const NTH = ['', 'first', 'second', 'third', 'fourth', 'fifth'];

/** "P1M" → "1 month", "P2W" → "2 weeks". */
export function humanDuration(iso: string): string {
  const parts = Object.entries(Duration.fromISO(iso).toObject())
    .filter(([, n]) => n)
    .map(([unit, n]) => `${n} ${n === 1 ? unit.replace(/s$/, '') : unit}`);
  return parts.join(' ');
}

const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
const yes = (b: boolean) => (b ? 'yes' : 'no');
const pct = (n: number) => `${+(n * 100).toFixed(2)} %`;
const euro = (n: number) => `€ ${n.toLocaleString('nl-NL')}`;

function meetings(m: MeetingCalendar): string {
  const s = m.schedule;
  const when =
    s.kind === 'dates'
      ? `on ${s.dates.join(', ')}`
      : `on the ${s.nth === -1 ? 'last' : NTH[s.nth]} ${WEEKDAYS[s.weekday - 1]} of ${s.months.map((x) => MONTHS[x - 1]).join(', ')}`;
  return `Members' meeting ${when}, at ${m.time} (Europe/Amsterdam); the agenda closes ${humanDuration(m.agendaCutOff)} before.`;
}

function assessment(s: SchemeDefinition): string[] {
  const a = s.assessment;
  switch (a.method) {
    case 'sebo-checklist':
      return [
        'SEBO checklist (toetsingskader): every criterion must be met.',
        `- 3.1 hard fail: fewer than ${a.minEducationForms} form(s) of cooperation with education, or participation in fewer than ${a.minLocalProgrammes} of: ${a.localProgrammes.join('; ')}.`,
        `- 4.1 hard fail for a zzp: fewer than ${a.zzpMinUnpaidHours} unpaid hours a year in the municipality.`,
      ];
    case 'werkpakt-points':
      return [
        `ABC points for activities in the previous year: at least ${a.minPoints} points and a capacity of at least ${pct(a.minCapacityShare)} of staff.`,
        '',
        '| criterion | activity | points | max per year |',
        '|---|---|---|---|',
        ...(['A', 'B', 'C'] as const).flatMap((k) =>
          a.activities[k].map((x) => `| ${k} | ${cell(x.label)} (\`${x.id}\`) | ${x.points} | ${x.maxPerYear ?? '—'} |`),
        ),
      ];
    case 'pso-ladder':
      return [
        `PSO ladder: score = share of staff (fte) with a distance to the labour market + indirect contribution (social purchasing as fte-equivalents, at most ${pct(a.indirectMaxShareOfScore)} of the score).`,
        '',
        '| level | score from |',
        '|---|---|',
        `| ${a.entryLevel} | below the lowest level${s.eligibility.aspirantOnlyOnce ? ' (only once)' : ''} |`,
        ...Object.entries(a.thresholds)
          .sort(([, x], [, y]) => x - y)
          .map(([l, min]) => `| ${l} | ${pct(min)} |`),
      ];
    case 'members-approval':
      return ["The holders approve at the members' meeting."];
    case 'covenant':
      return ['Signing the covenant and meeting the criteria.'];
    case 'sroi-bouwblokken':
      return [
        `Obligation: ${pct(a.contractSumShare)} of the contract sum (or ${pct(a.wageSumShare)} of the wage sum) from a contract sum of ${euro(a.largeContractFrom)}; below it a social activity.`,
        '',
        '| bouwblok | unit | value per unit | max share of the obligation |',
        '|---|---|---|---|',
        ...a.bouwblokken.map(
          (b) => `| ${cell(b.label)} (\`${b.id}\`) | ${b.unit} | ${b.valuePerUnit === undefined ? 'set beforehand' : euro(b.valuePerUnit)} | ${b.maxShareOfObligation === undefined ? '—' : pct(b.maxShareOfObligation)} |`,
        ),
      
        ...(a.municipalities.length ? ['', `Municipalities: ${a.municipalities.join(', ')}.`] : []),
        ...(a.keurmerkCredit.length
          ? [
              '',
              'Keurmerk credit (a live keurmerk on the award date lowers the obligation; the highest credit applies):',
              '',
              '| keurmerk | credit (share of the obligation) | source |',
              '|---|---|---|',
              ...a.keurmerkCredit.map((k) => `| \`${k.schemeId}\` | ${pct(k.share)} | ${cell(k.source)} |`),
            ]
          : []),
      ];
  }
}

/** The steps the case engine runs (definition field `flow`, docs/scheme-definitions.md). */
function flowTable(s: SchemeDefinition): string[] {
  const f = s.flow;
  if (!f) return ['No procedure (flow): no case runs on this definition.', ''];
  const due = (d: NonNullable<SchemeDefinition['flow']>['steps'][number]['due']) =>
    d ? `${d.period ?? d.office ?? d.duration ?? 'at'} from ${d.from}` : 'no term';
  const target = (t: { step?: string; grant?: true; reject?: true; end?: string }) => t.step ?? (t.grant ? 'grant' : t.reject ? 'rejection' : `end ${t.end}`);
  const leads = (st: NonNullable<SchemeDefinition['flow']>['steps'][number]) =>
    [...Object.entries(st.outcomes ?? {}).map(([o, t]) => `${o} → ${target(t)}`), ...(st.next ? [`→ ${target(st.next)}`] : [])].join('; ');
  const h = f.holder;
  const holder = [
    `certificate (${h.certificate.rule ?? ''})`,
    h.conversation && `${h.conversation.label} (${h.conversation.rule ?? ''})`,
    h.renewal && `${h.renewal.label}${h.renewal.restartAt ? ` from ${h.renewal.restartAt}` : ' (apply anew)'} (${h.renewal.rule ?? ''})`,
    `lapse (${h.lapse.rule ?? ''})`,
    h.suspension && `suspension (${h.suspension.rule ?? ''})`,
    h.withdrawal && `withdrawal (${h.withdrawal.rule ?? ''})`,
    h.criteriaChange && `criteria change (${h.criteriaChange.rule ?? ''})`,
    h.placements && `placements (${h.placements.rule ?? ''})`,
  ].filter(Boolean);
  return [
    '| step | stage | action | who | rule | due | leads to |',
    '|---|---|---|---|---|---|---|',
    ...f.steps.map((st) => `| ${st.id} | ${st.stage} | \`${st.action}\` | ${st.actor} | ${st.rule ?? ''} | ${due(st.due)} | ${cell(leads(st))} |`),
    '',
    `Holder phase: ${holder.join(', ')}.`,
    '',
  ];
}

function scheme(s: SchemeDefinition): string[] {
  const p = s.procedure;
  const e = s.eligibility;
  const periods = (Object.keys(periodMeaning) as PeriodName[]).filter((k) => s.periods[k]);
  const steps = [
    p.intake && 'intake conversation',
    p.membersMeeting && "members' meeting",
    p.audit && 'audit by a certifying institution',
    p.covenant && 'covenant',
    p.certificate && 'certificate',
    p.secondKeuringen > 0 && `${p.secondKeuringen} second keuring after a rejection`,
    p.suspensionExtensions > 0 && `suspension extendable ${p.suspensionExtensions}×`,
  ].filter(Boolean);
  return [
    `## ${s.name} (\`${s.id}\`)`,
    '',
    `Owner: ${s.owner}. Kind: ${s.kind}. Source: ${s.source}.`,
    s.rules.length ? `Rules: ${s.rules.join(', ')}.` : '',
    '',
    `Procedure: ${steps.join(', ') || 'no steps beyond the decision'}.`,
    '',
    ...flowTable(s),
    '| period | value | meaning |',
    '|---|---|---|',
    ...periods.map((k) => `| \`${k}\` | ${s.periods[k]} (${humanDuration(s.periods[k] as string)}) | ${periodMeaning[k]} |`),
    '',
    ...(s.meetings ? [meetings(s.meetings), ''] : []),
    '**Eligibility**',
    '',
    `- establishment in: ${e.establishmentIn.length ? e.establishmentIn.join(', ') : 'anywhere'}; zzp allowed: ${yes(e.zzpAllowed)}`,
    ...(e.excludedAffiliations.length ? [`- excluded: ${e.excludedAffiliations.join(', ')}`] : []),
    ...(e.requiredAffiliations.length ? [`- only for: ${e.requiredAffiliations.join(', ')}`] : []),
    ...(e.lookBackFirst ? [`- look-back: ${humanDuration(e.lookBackFirst)} (first), ${humanDuration(e.lookBackRenewal ?? e.lookBackFirst)} (renewal)`] : []),
    ...(e.integrityScreening ? ['- integrity is screened'] : []),
    '',
    ...(s.documents.length
      ? ['**Documents**', '', '| id | document | required | max age |', '|---|---|---|---|',
         ...s.documents.map((d) => `| \`${d.id}\` | ${cell(d.label)} | ${yes(d.required)} | ${d.maxAge ? humanDuration(d.maxAge) : '—'} |`), '',
         ...(s.documentsTo ? [`Sent to: ${s.documentsTo}.`, ''] : [])]
      : []),
    ...(s.criteria.length
      ? ['**Criteria**', '', '| id | criterion | assessed by | hard fail |', '|---|---|---|---|',
         ...s.criteria.map((c) => `| ${c.id} | ${cell(c.title)} | ${cell(c.assessedBy)} | ${yes(c.hardFail)} |`), '']
      : []),
    '**Assessment**',
    '',
    ...assessment(s),
    '',
    ...(s.benefits.length
      ? ['**Benefits**', '', ...s.benefits.map((b) => `- ${b.label}${b.lasts ? ` (for ${humanDuration(b.lasts)})` : ''}${b.rule ? ` (${b.rule})` : ''}`), '']
      : []),
    ...(s.programmeGoals.length
      ? ['**Programme goals** (to report on)', '', ...s.programmeGoals.map((g) => `- ${g.label}: ${g.target} ${g.unit} within ${humanDuration(g.within)}${g.rule ? ` (${g.rule})` : ''}`), '']
      : []),
    ...(s.decisions.length
      ? ['**Decisions** (where the seed is silent or ambiguous; all configurable)', '', '| about | choice | why |', '|---|---|---|',
         ...s.decisions.map((d) => `| ${cell(d.about)} | ${cell(d.choice)} | ${cell(d.why)} |`), '']
      : []),
    ...(Object.keys(s.references).length
      ? ['**References** (what employers read in emails instead of the rule id)', '', '| rule | the source\'s own reference |', '|---|---|',
         ...Object.entries(s.references).map(([id, ref]) => `| ${id} | ${cell(ref)} |`), '']
      : []),
    ...(s.objection
      ? ['**Objection** to a negative decision' + (s.objection.reference ? ` (${cell(s.objection.reference)})` : ''), '', ...s.objection.paragraphs.map((p) => `> ${cell(p)}`), '']
      : []),
    ...(s.notes.length ? ['**Notes**', '', ...s.notes.map((n) => `- ${n}`), ''] : []),
  ];
}

export function renderSchemesDoc(schemes: readonly SchemeDefinition[] = builtInSchemes): string {
  const lines = [
    '# Scheme catalogue',
    '',
    '<!-- Generated by scripts/gen-schemes-doc.ts from domain/schemes/*.ts. Do not edit: run `npm run docs:schemes`. -->',
    '',
    'Every keurmerk and SROI obligation the system runs, with all its periods, rules and thresholds as the',
    'code holds them. Rule ids refer to DOMAIN.md. Periods are ISO-8601 durations on the Europe/Amsterdam',
    'calendar: a period ends at the end of its last day; 31 January + 1 month = the last day of February;',
    '29 February + 2 years = 28 February. A municipality may load its own definition (JSON or YAML, same fields).',
    '',
    '| id | name | kind | owner |',
    '|---|---|---|---|',
    ...schemes.map((s) => `| \`${s.id}\` | ${cell(s.name)} | ${s.kind} | ${cell(s.owner)} |`),
    '',
    ...schemes.flatMap(scheme),
  ];
  return lines.join('\n').replace(/\n{3,}/g, '\n\n').trimEnd() + '\n';
}

function main(args: string[]): number {
  const text = renderSchemesDoc();
  if (args.includes('--check')) {
    let current = '';
    try {
      current = readFileSync(DOC_PATH, 'utf8');
    } catch {
      // missing file: stale
    }
    if (current === text) return 0;
    console.error('docs/schemes.md is stale: run `npm run docs:schemes` and commit it');
    return 1;
  }
  writeFileSync(DOC_PATH, text);
  console.log(`wrote ${DOC_PATH}`);
  return 0;
}

if (require.main === module) process.exit(main(process.argv.slice(2)));
