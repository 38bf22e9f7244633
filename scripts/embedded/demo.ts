// `npm start -- --demo`: a handful of example cases at different stages, driven through the admin
// command exactly as an accountmanager would, so there is something to look at in the UI, the mail
// catcher and `keurmerk list` right away. Cases that already exist (a second --demo start) are left alone.
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { Client, Connection, WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import { WorkflowIdConflictPolicy } from '@temporalio/common';
import { loadConfig } from '../../worker/config';
import { caseWorkflowId, WORKFLOW_TYPES } from '../../workflows/definitions';
import type { HolderInput } from '../../workflows/holder';

const KEURMERK = resolve(__dirname, '../../client/bin/keurmerk.js');

interface DemoCompany {
  kvk: string;
  scheme: string;
  company: string;
  contact: string;
  email: string;
  affiliation?: string;
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
];

function keurmerk(args: string[]): { ok: boolean; output: string } {
  const result = spawnSync(process.execPath, [KEURMERK, ...args], { encoding: 'utf8', env: process.env });
  return { ok: result.status === 0, output: `${result.stdout}${result.stderr}`.trim() };
}

for (const c of companies) {
  const applied = keurmerk([
    'apply', '--scheme', c.scheme, '--kvk', c.kvk, '--company', c.company, '--contact', c.contact, '--email', c.email,
    '--accountmanager', 'wsp-001', '--establishment', 'Zoetermeer', '--active-since', '2019-01-15',
    ...(c.affiliation ? ['--affiliation', c.affiliation] : []),
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
 * then suspends one through the admin command (SEBO-R2: the register marks it).
 */
const holders = [
  { kvk: '10000011', company: 'Schoonmaakbedrijf Glans', contact: 'Kees Bakker', email: 'kees@glans.example', monthsAgo: 6 },
  { kvk: '10000012', company: 'Hoveniersbedrijf Groen Zoetermeer', contact: 'Sanne de Wit', email: 'sanne@groen.example', monthsAgo: 14 },
  { kvk: '10000013', company: 'Fietsenmaker De Spaak', contact: 'Mo Haddou', email: 'mo@despaak.example', monthsAgo: 3, suspend: true },
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
      until.setFullYear(until.getFullYear() + 2);
      const input: HolderInput = {
        grant: {
          schemeId: 'sebo',
          company: { name: h.company, kvkNumber: h.kvk },
          contact: { name: h.contact, email: h.email },
          accountmanagerCode: 'wsp-001',
          decidedAt: from.toISOString(),
          activeSince: '2015-01-01',
          validity: { validFrom: from.toISOString(), expiresAt: until.toISOString() },
        },
      };
      try {
        await client.workflow.start(WORKFLOW_TYPES.holder, {
          taskQueue: config.TEMPORAL_TASK_QUEUE,
          workflowId: caseWorkflowId('sebo', h.kvk),
          workflowIdConflictPolicy: WorkflowIdConflictPolicy.FAIL,
          args: [input],
        });
      } catch (err) {
        if (err instanceof WorkflowExecutionAlreadyStartedError) continue;
        throw err;
      }
      if (h.suspend) {
        const until = new Date(Date.now() + 60 * 24 * 3600 * 1000).toISOString().slice(0, 10);
        const done = keurmerk(['suspend', h.kvk, '--until', until, '--reason', 'klacht over logogebruik in onderzoek']);
        if (!done.ok) console.log(`demo: ${h.company}: suspend: ${done.output.split('\n')[0]}`);
      }
      console.log(`demo: holder ${h.company} (KvK ${h.kvk}) in the register`);
    }
  } finally {
    await connection.close();
  }
}

startHolders().catch((err: unknown) => {
  console.log(`demo: the holders could not be started: ${(err as Error).message}`);
  process.exitCode = 1;
});
