// The wording of the accountmanager's digest of escalations (docs/decisions/escalation-digest.md): per
// case the company, the scheme, the step, since when it is overdue, what to do and the admin command
// that records it. The rule ids stay in the X-Keurmerk-Rule header; the text names the source's own
// reference of each step (the definition's `references`).
import type { DigestItem } from '../../workflows/definitions';
import { command, d, type Data } from './readers';
import { ACTION_COMMAND, actionWording, PARTY_NAME } from './wording';

export interface DigestCase {
  nummer: number;
  kop: string;
  regels: string[];
}

export function digestWording(x: Data): { titel: string; alineas: string[]; zaken: DigestCase[]; afzender: string } {
  const items = (Array.isArray(x.zaken) ? x.zaken : []) as DigestItem[];
  const sorted = [...items].sort((a, b) => a.dueAt.localeCompare(b.dueAt) || a.companyName.localeCompare(b.companyName, 'nl'));
  const zaken = sorted.map((item, i): DigestCase => {
    const what = actionWording(item.action);
    const own = item.party === 'accountmanager';
    const actor = PARTY_NAME[item.party] ?? 'de betrokkene';
    const cmdName = ACTION_COMMAND[item.action];
    const cmd = cmdName ? command({ kvk: item.kvkNumber, regelingId: item.schemeId }, cmdName) : undefined;
    return {
      nummer: i + 1,
      kop: `${item.companyName} (KvK ${item.kvkNumber}), ${item.schemeName}`,
      regels: [
        `Stap: ${what}${item.reference ? ` (${item.reference})` : ''}.`,
        `Termijn verstreken: uiterlijk was ${d(item.dueAt)}${item.escalation > 1 ? `; dit is melding ${item.escalation} van deze stap` : ''}.`,
        own
          ? 'Te doen: voer deze stap zo snel mogelijk uit; de zaak wacht erop en er wordt niets automatisch besloten.'
          : `Te doen: neem contact op met ${actor} (die heeft er een eigen e-mail over gekregen); de zaak wacht op deze stap.`,
        ...(cmd ? [`Vastleggen: \`${cmd}\` (de opties staan in \`keurmerk ${cmdName} --help\`).`] : []),
      ],
    };
  });
  const owners = [...new Set(sorted.map((i) => i.owner))];
  return {
    titel: `${zaken.length === 1 ? '1 zaak wacht' : `${zaken.length} zaken wachten`} op een stap waarvan de termijn is verstreken`,
    alineas: [
      `Dit is uw overzicht van de termijnen die sinds het vorige overzicht zijn verstreken. Per zaak staat wat er openstaat, sinds wanneer, wat u kunt doen en met welk commando u het vastlegt.`,
      'Een zaak waarin de stap intussen is vastgelegd of die is beëindigd, staat er niet meer in. Zolang een stap openstaat, komt hij in een later overzicht terug, met steeds langere tussenpozen.',
    ],
    zaken,
    afzender: owners.join(' en '),
  };
}
