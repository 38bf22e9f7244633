// `npm start -- --demo`: example cases of every scheme at different stages (SEBO, SEBO-ambassadeur,
// Werkpakt, Partner in sociaal ondernemen (MVS), PSO, and an SROI obligation), driven through the admin
// command exactly as an accountmanager would, plus holders of several schemes (one suspended), so there
// is something to look at in the UI, the mail catcher, `keurmerk list`, `keurmerk register` and
// `keurmerk sroi list` right away. Cases that already exist (a second --demo start) are left alone.
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { Client, Connection, WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import { WorkflowIdConflictPolicy } from '@temporalio/common';
import { loadConfig } from '../../worker/config';
import { caseWorkflowId, statusQuery, WORKFLOW_TYPES } from '../../workflows/definitions';
import type { HolderInput } from '../../workflows/holder';

const KEURMERK = resolve(__dirname, '../../client/bin/keurmerk.js');

interface DemoCompany {
  kvk: string;
  scheme: string;
  company: string;
  contact: string;
  email: string;
  affiliation?: string;
  establishment?: string;
  /** Scheme-specific application options (figures, activities, self-assessment). */
  extra?: string[];
  /** Actions after the application, as admin command arguments. */
  then: string[][];
}

const companies: DemoCompany[] = [
  { kvk: '10000001', scheme: 'sebo', company: 'Bakkerij De Korenschoof', contact: 'Anna de Vries', email: 'anna@korenschoof.example', then: [] },
  {
    kvk: '10000002', scheme: 'sebo', company: 'Installatiebedrijf Van Dijk', contact: 'Jan van Dijk', email: 'jan@vandijk.example',
    then: [['intake', '10000002', '--notes', 'kennismaking op locatie']],
  },
  {
    kvk: '10000003', scheme: 'sebo', company: 'Drukkerij Het Anker', contact: 'Piet Jansen', email: 'piet@hetanker.example',
    then: [['intake', '10000003', '--notes', 'plan van aanpak besproken']],
  },
  {
    kvk: '10000004', scheme: 'sebo-ambassadeur', company: 'Stichting Werkkracht', contact: 'Fatima El Amrani', email: 'fatima@werkkracht.example',
    affiliation: 'subsidised-foundation', then: [],
  },
  {
    // WP-1, WP-2: 110 points on the ABC criteria, 5 % capacity; WP-3 screened, waiting for the decision (WP-4).
    kvk: '10000005', scheme: 'werkpakt', company: 'Twentse Bouw BV', contact: 'Jan Smit', email: 'jan@twentsebouw.example', establishment: 'Enschede',
    extra: [
      '--figures-employees', '40', '--figures-fte', '36', '--figures-establishments', '1', '--figures-internship-places', '2',
      '--figures-distance-to-labour-market', '2', '--figures-unpaid-hours-per-year', '0', '--activities', 'placement=2,job-fair=3,work-visit=2',
    ],
    then: [['integrity', '10000005', '--outcome', 'cleared', '--notes', 'VOG en KvK-uittreksel gezien']],
  },
  // MVS-1: waiting for the covenant to be signed.
  { kvk: '10000006', scheme: 'mvs', company: 'Koffiebranderij De Boon', contact: 'Lotte Mulder', email: 'lotte@deboon.example', establishment: 'Vlaardingen', then: [] },
  {
    // PSO-1: a provisional level from the own entry (9 % → trede 2); PSO-2: waiting for the audit appointment.
    kvk: '10000007', scheme: 'pso', company: 'Recyclingbedrijf Twente', contact: 'Erik Veldman', email: 'erik@recyclingtwente.example', establishment: 'Hengelo',
    extra: ['--self-assessment-total-fte', '100', '--self-assessment-target-group-fte', '9'],
    then: [],
  },
];

function keurmerk(args: string[]): { ok: boolean; output: string } {
  const result = spawnSync(process.execPath, [KEURMERK, ...args], { encoding: 'utf8', env: process.env });
  return { ok: result.status === 0, output: `${result.stdout}${result.stderr}`.trim() };
}

for (const c of companies) {
  const applied = keurmerk([
    'apply', '--scheme', c.scheme, '--kvk', c.kvk, '--company', c.company, '--contact', c.contact, '--email', c.email,
    '--accountmanager', 'wsp-001', '--establishment', c.establishment ?? 'Zoetermeer', '--active-since', '2019-01-15',
    ...(c.affiliation ? ['--affiliation', c.affiliation] : []),
    ...(c.extra ?? []),
  ]);
  if (!applied.ok) {
    console.log(`demo: ${c.company}: ${applied.output.split('\n')[0]}`);
    continue;
  }
  for (const action of c.then) {
    const done = keurmerk([...action, '--scheme', c.scheme]);
    if (!done.ok) console.log(`demo: ${c.company}: ${action[0]}: ${done.output.split('\n')[0]}`);
  }
  console.log(`demo: ${c.company} (KvK ${c.kvk}) started`);
}

/**
 * Holders, so the register is not empty: a holder's life begins after a members' meeting months away,
 * so the demo brings them in as existing holders (the holder workflow's import path, `grant.validity`),
 * then suspends one through the admin command (SEBO-R2: the register marks it). A Werkpakt holder is
 * also the contractor of the demo's SROI contract, so its keurmerk credit shows (SROI-1, WP-5).
 */
interface DemoHolder {
  kvk: string;
  scheme: string;
  company: string;
  contact: string;
  email: string;
  monthsAgo: number;
  years: number;
  level?: string;
  suspend?: boolean;
}
const holders: DemoHolder[] = [
  { kvk: '10000011', scheme: 'sebo', company: 'Schoonmaakbedrijf Glans', contact: 'Kees Bakker', email: 'kees@glans.example', monthsAgo: 6, years: 2 },
  { kvk: '10000012', scheme: 'sebo', company: 'Hoveniersbedrijf Groen Zoetermeer', contact: 'Sanne de Wit', email: 'sanne@groen.example', monthsAgo: 14, years: 2 },
  { kvk: '10000013', scheme: 'sebo', company: 'Fietsenmaker De Spaak', contact: 'Mo Haddou', email: 'mo@despaak.example', monthsAgo: 3, years: 2, suspend: true },
  { kvk: '10000014', scheme: 'werkpakt', company: 'Bouwbedrijf Eemland', contact: 'Sanne Visser', email: 'sanne@eemland.example', monthsAgo: 4, years: 1 },
  { kvk: '10000015', scheme: 'pso', company: 'Twente Milieu', contact: 'Ruud Kamphuis', email: 'ruud@twentemilieu.example', monthsAgo: 2, years: 1, level: 'trede-3' },
];

/** SROI-1: one awarded contract, to the Werkpakt holder above (its 10 % credit applies). */
const sroiAward = [
  'sroi', 'award', '--contract', 'AMF-DEMO-001', '--municipality', 'Amersfoort', '--kvk', '10000014',
  '--company', 'Bouwbedrijf Eemland', '--contact', 'Sanne Visser', '--email', 'sanne@eemland.example',
  '--contract-sum', '1250000', '--contract-end', `${new Date().getFullYear() + 2}-03-31`, '--coordinator', 'sr-01',
  '--coordinator-name', 'Roy de Vries', '--coordinator-email', 'sr@wsp-amersfoort.example',
];

async function startHolders(): Promise<void> {
  const config = loadConfig(process.env);
  const connection = await Connection.connect({ address: config.TEMPORAL_ADDRESS ?? '127.0.0.1:7233' });
  const client = new Client({ connection, namespace: config.TEMPORAL_NAMESPACE });
  try {
    for (const h of holders) {
      const from = new Date();
      from.setMonth(from.getMonth() - h.monthsAgo, 1);
      from.setHours(0, 0, 0, 0);
      const until = new Date(from);
      until.setFullYear(until.getFullYear() + h.years);
      const input: HolderInput = {
        grant: {
          schemeId: h.scheme,
          ...(h.level ? { level: h.level } : {}),
          company: { name: h.company, kvkNumber: h.kvk },
          contact: { name: h.contact, email: h.email },
          accountmanagerCode: 'wsp-001',
          decidedAt: from.toISOString(),
          activeSince: '2015-01-01',
          validity: { validFrom: from.toISOString(), expiresAt: until.toISOString() },
        },
      };
      try {
        const started = await client.workflow.start(WORKFLOW_TYPES.holder, {
          taskQueue: config.TEMPORAL_TASK_QUEUE,
          workflowId: caseWorkflowId(h.scheme, h.kvk),
          workflowIdConflictPolicy: WorkflowIdConflictPolicy.FAIL,
          args: [input],
        });
        // Answered once its first task ran: it is listed (search attributes) before anything looks for it.
        await started.query(statusQuery);
      } catch (err) {
        if (err instanceof WorkflowExecutionAlreadyStartedError) continue;
        throw err;
      }
      if (h.suspend) {
        const until = new Date(Date.now() + 60 * 24 * 3600 * 1000).toISOString().slice(0, 10);
        const done = keurmerk(['suspend', h.kvk, '--scheme', h.scheme, '--until', until, '--reason', 'klacht over logogebruik in onderzoek']);
        if (!done.ok) console.log(`demo: ${h.company}: suspend: ${done.output.split('\n')[0]}`);
      }
      console.log(`demo: ${h.scheme} holder ${h.company} (KvK ${h.kvk}) in the register`);
    }
    const awarded = keurmerk(sroiAward);
    console.log(awarded.ok ? 'demo: SROI contract AMF-DEMO-001 awarded to Bouwbedrijf Eemland' : `demo: SROI contract AMF-DEMO-001: ${awarded.output.split('\n')[0]}`);
  } finally {
    await connection.close();
  }
}

startHolders().catch((err: unknown) => {
  console.log(`demo: the holders could not be started: ${(err as Error).message}`);
  process.exitCode = 1;
});
