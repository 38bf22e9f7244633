// `npm start -- --demo`: a handful of example cases at different stages, driven through the admin
// command exactly as an accountmanager would, so there is something to look at in the UI, the mail
// catcher and `keurmerk list` right away. Cases that already exist (a second --demo start) are left alone.
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';

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
