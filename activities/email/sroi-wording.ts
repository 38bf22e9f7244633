// The Dutch wording of every SROI email (template sroi-notice): one paragraph list per notice, written
// for its reader (`lezer`: the contractor, opdrachtnemer, or the WSP coordinator). Amounts in euros,
// dates as Dutch calendar dates. References are to the WSP's own process ("Het proces na gunning"),
// not to our rule ids.
import { DateTime } from 'luxon';
import { getScheme } from '../../domain';

type Data = Record<string, unknown>;
type Notice = (x: Data) => { titel: string; alineas: string[] };

const money = new Intl.NumberFormat('nl-NL', { style: 'currency', currency: 'EUR', minimumFractionDigits: 2, maximumFractionDigits: 2 });

export function euro(value: unknown): string {
  return typeof value === 'number' ? money.format(value).replace(/\u00a0/g, ' ') : '';
}

function d(value: unknown): string {
  if (typeof value !== 'string') return '';
  const dt = DateTime.fromISO(value, { zone: 'Europe/Amsterdam' });
  return dt.isValid ? dt.setLocale('nl').toFormat('d MMMM yyyy') : value;
}

/** Date and time, for deadlines that are not the end of a day (an extension to 16:00). */
function dt(value: unknown): string {
  if (typeof value !== 'string') return '';
  const t = DateTime.fromISO(value, { zone: 'Europe/Amsterdam' });
  if (!t.isValid) return value;
  const endOfDay = t.hour === 23 && t.minute === 59;
  return endOfDay ? `${d(value)} (einde van de dag)` : t.setLocale('nl').toFormat("d MMMM yyyy 'om' HH:mm");
}

function blockLabel(x: Data, id: unknown): string {
  try {
    const scheme = getScheme(String(x.schemeId ?? 'sroi-amersfoort'));
    if (scheme.assessment.method === 'sroi-bouwblokken') return scheme.assessment.bouwblokken.find((b) => b.id === id)?.label ?? String(id);
  } catch {
    // an unknown scheme: show the id
  }
  return String(id);
}

const contractor = (x: Data) => x.lezer === 'contractor';

function stepWording(step: unknown): string {
  const s = String(step);
  if (s === 'sroiContactRecorded') return 'contact opnemen met het WerkgeversServicepunt (binnen één week na gunning)';
  if (s === 'sroiPlanAssessed') return 'het plan van aanpak laten goedkeuren door het WerkgeversServicepunt';
  if (s === 'sroiFinalEvaluation') return 'de eindevaluatie houden, met bewijsstukken';
  if (s.startsWith('sroiInterimEvaluation ')) return `de tussenevaluatie van ${d(s.slice('sroiInterimEvaluation '.length))} houden, met bewijsstukken`;
  return s;
}

function planLines(x: Data): string[] {
  const regels = Array.isArray(x.regels) ? (x.regels as Data[]) : [];
  return regels.map((r) => `- ${blockLabel(x, r.bouwblok)}: ${r.eenheden} × = ${euro(r.waarde)}${r.afgetopt ? ' (afgetopt op het maximale deel van de verplichting)' : ''}`);
}

const OBJECT =
  'Bent u het niet eens met deze beoordeling? Laat het de coördinator Social Return van het WerkgeversServicepunt binnen twee weken na deze e-mail schriftelijk weten, met uw onderbouwing en bewijsstukken. Het WSP beoordeelt het dan opnieuw; komt u er samen niet uit, dan geldt de geschillenregeling van uw contract met de gemeente';

export const SROI_NOTICES: Record<string, Notice> = {
  'sroi-awarded': (x) => {
    const amount = x.basis !== 'social-activity';
    const credit = x.korting as { keurmerk: string; aandeel: number; bedrag: number } | undefined;
    return {
      titel: `Social Return bij opdracht ${x.contract}`,
      alineas: [
        contractor(x)
          ? `De gemeente ${x.gemeente} heeft op ${d(x.gegundOp)} de opdracht ${x.contract} aan ${x.bedrijf} gegund. Bij deze opdracht hoort een Social Return-verplichting.`
          : `De gemeente ${x.gemeente} heeft op ${d(x.gegundOp)} de opdracht ${x.contract} gegund aan ${x.bedrijf} (KvK ${x.kvk}). U volgt de Social Return-verplichting van deze opdracht.`,
        amount
          ? `De verplichting is ${x.basis === 'wage-sum' ? '10 % van de loonsom' : '5 % van de opdrachtsom'} van ${euro(x.basisbedrag)}${x.geschat ? ' (een verwachte opdrachtsom)' : ''}: ${euro(x.verplichtingVoorKorting)}.`
          : `De opdrachtsom van ${euro(x.opdrachtsom)} is een kleinere opdracht: in plaats van een percentage wordt een maatschappelijke activiteit gevraagd, waarvan het Bureau Social Return vooraf de waarde bepaalt.`,
        ...(credit
          ? [
              `Omdat ${x.bedrijf} op de gunningsdatum het ${credit.keurmerk} voert, geldt een korting van ${Math.round(credit.aandeel * 100)} % (${euro(credit.bedrag)}). De verplichting is daarmee ${euro(x.verplichting)}. De korting geldt zolang het keurmerk geldig is en niet geschorst.`,
            ]
          : []),
        contractor(x)
          ? `Neem uiterlijk ${d(x.contactTermijn)} contact op met het WerkgeversServicepunt regio Amersfoort. Samen stelt u een plan van aanpak op: de opdrachtsom, de bouwblokken die u inzet, eventuele maatschappelijke activiteiten, tussenevaluaties en de eindevaluatie.`
          : `De opdrachtnemer neemt uiterlijk ${d(x.contactTermijn)} contact op; daarna stelt u samen het plan van aanpak op.`,
        `Het WSP keurt het plan uiterlijk ${d(x.planTermijn)} goed. Deze termijn kan schriftelijk worden verlengd tot uiterlijk ${d(x.planTermijnMax)}, niet later.`,
        `De opdracht loopt tot en met ${d(x.contracteindeOp)}; daarna volgt de eindevaluatie.`,
        ...(contractor(x) ? ['Werkt u met onderaannemers? Neem dan ook in hun contracten een Social Return-verplichting op en meld dit bij het WSP.'] : []),
      ],
    };
  },
  'sroi-reminder': (x) => ({
    titel: `herinnering: ${stepWording(x.stap)}`,
    alineas: [
      `Voor de Social Return bij opdracht ${x.contract} staat de volgende stap open: ${stepWording(x.stap)}.`,
      `Uiterlijk: ${dt(x.termijn)}.`,
      contractor(x) ? 'Neem bij vragen contact op met het WerkgeversServicepunt regio Amersfoort.' : 'Neem zo nodig contact op met de opdrachtnemer.',
    ],
  }),
  'sroi-escalation': (x) => ({
    titel: `termijn verstreken: ${stepWording(x.stap)}`,
    alineas: [
      `De termijn voor ${stepWording(x.stap)} bij opdracht ${x.contract} is verstreken: uiterlijk was ${dt(x.termijn)}.`,
      contractor(x)
        ? 'Wij verzoeken u dit zo snel mogelijk in orde te maken en contact op te nemen met het WerkgeversServicepunt. Deze melding wordt herhaald tot de stap is vastgelegd.'
        : `Dit is melding ${x.keer}; de zaak wacht op deze stap en er wordt niets automatisch besloten. De melding wordt herhaald tot de stap is vastgelegd.`,
    ],
  }),
  'sroi-contact': (x) => ({
    titel: 'contact met het WerkgeversServicepunt vastgelegd',
    alineas: [
      `Op ${d(x.op)} is het contact tussen ${x.bedrijf} en het WerkgeversServicepunt over opdracht ${x.contract} vastgelegd${x.telaat ? `, na de termijn van ${d(x.termijn)}` : ''}.`,
      `Het plan van aanpak moet uiterlijk ${dt(x.planTermijn)} door het WSP zijn goedgekeurd; het plan dekt een verplichting van ${euro(x.verplichting)}.`,
    ],
  }),
  'sroi-plan-refused': (x) => ({
    titel: 'plan van aanpak niet goedgekeurd',
    alineas: [
      x.maatschappelijk
        ? `Het plan van aanpak voor opdracht ${x.contract} is niet goedgekeurd: bij deze opdracht hoort een maatschappelijke activiteit, en die staat niet in het plan.`
        : `Het plan van aanpak voor opdracht ${x.contract} is niet goedgekeurd: de gekozen bouwblokken zijn samen ${euro(x.waarde)} waard, terwijl de verplichting ${euro(x.verplichting)} is. Er ontbreekt ${euro(x.tekort)}.`,
      ...planLines(x),
      `Pas het plan aan en leg het opnieuw voor; het moet uiterlijk ${dt(x.planTermijn)} zijn goedgekeurd.`,
      ...(contractor(x) ? [`${OBJECT} ${x.gemeente}.`] : []),
    ],
  }),
  'sroi-plan-approved': (x) => {
    const interims = Array.isArray(x.tussenevaluaties) ? (x.tussenevaluaties as string[]) : [];
    return {
      titel: 'plan van aanpak goedgekeurd',
      alineas: [
        `Het plan van aanpak voor opdracht ${x.contract} is goedgekeurd${x.telaat ? ` (na de termijn van ${dt(x.planTermijn)})` : ''}. De bouwblokken zijn samen ${euro(x.waarde)} waard, voor een verplichting van ${euro(x.verplichting)}:`,
        ...planLines(x),
        interims.length ? `Tussenevaluaties: ${interims.map(d).join(', ')}. Neem daarbij de bewijsstukken mee.` : 'Er zijn geen tussenevaluaties gepland.',
        `De eindevaluatie volgt na het einde van de opdracht op ${d(x.eindevaluatie)}, met bewijsstukken.`,
        ...(contractor(x) ? ['Geef de realisatie per bouwblok door met een verwijzing naar het bewijsstuk (arbeidsovereenkomst, BBL-overeenkomst, factuur, Power Certificaat).'] : []),
      ],
    };
  },
  'sroi-plan-extended': (x) => ({
    titel: 'termijn voor het plan van aanpak verlengd',
    alineas: [
      `Het WSP heeft de termijn voor de goedkeuring van het plan van aanpak voor opdracht ${x.contract} schriftelijk verlengd van ${dt(x.was)} tot ${dt(x.planTermijn)}.`,
      `Reden: ${x.reden}`,
      `Verder verlengen dan ${d(x.planTermijnMax)} is niet mogelijk.`,
    ],
  }),
  'sroi-realisation': (x) => ({
    titel: `realisatie vastgelegd: ${blockLabel(x, x.bouwblok)}`,
    alineas: [
      `Voor opdracht ${x.contract} is vastgelegd: ${blockLabel(x, x.bouwblok)}, ${x.eenheden} eenheden, gewaardeerd op ${euro(x.waarde)}${Array.isArray(x.bewijs) ? ` (bewijs: ${(x.bewijs as string[]).join(', ')})` : ''}.`,
      `Gerealiseerd tot nu toe: ${euro(x.gerealiseerd)} van ${euro(x.verplichting)} (${x.procent} %).${Number(x.tekort) > 0 ? ` Nog te realiseren: ${euro(x.tekort)}.` : ' De verplichting is daarmee gedekt.'}`,
    ],
  }),
  'sroi-subcontractor': (x) => ({
    titel: `onderaannemer ${x.onderaannemer} vastgelegd`,
    alineas: [
      `Onderaannemer ${x.onderaannemer} (KvK ${x.onderaannemerKvk}) draagt ${euro(x.deel)} van de Social Return-verplichting bij opdracht ${x.contract}.`,
      'Wat de onderaannemer realiseert, telt mee voor de verplichting van de opdrachtnemer; geef het door met bewijsstukken.',
    ],
  }),
  'sroi-interim': (x) => ({
    titel: `tussenevaluatie van ${d(x.gepland)}`,
    alineas: [
      `De tussenevaluatie van ${d(x.gepland)} voor opdracht ${x.contract} is gehouden. Bevindingen: ${x.bevindingen}`,
      `Gerealiseerd: ${euro(x.gerealiseerd)} van ${euro(x.verplichting)} (${x.procent} %).${Number(x.tekort) > 0 ? ` Nog te realiseren vóór het einde van de opdracht op ${d(x.contracteindeOp)}: ${euro(x.tekort)}.` : ''}`,
    ],
  }),
  'sroi-credit-lost': (x) => ({
    titel: 'korting op de Social Return-verplichting vervallen',
    alineas: [
      `De korting op de Social Return-verplichting bij opdracht ${x.contract} gold omdat ${x.bedrijf} het ${x.keurmerk} voerde. Dat is niet meer zo: ${x.reden}.`,
      `De korting van ${euro(x.korting)} vervalt; de verplichting is weer ${euro(x.verplichting)}.`,
      contractor(x) ? `Bespreek met het WerkgeversServicepunt hoe u het verschil invult. ${OBJECT} ${x.gemeente}.` : 'Bespreek met de opdrachtnemer hoe het plan van aanpak het verschil invult.',
    ],
  }),
  'sroi-final-due': (x) => ({
    titel: 'eindevaluatie Social Return',
    alineas: [
      `De opdracht ${x.contract} is afgelopen op ${d(x.contracteindeOp)}. De eindevaluatie, met bewijsstukken, volgt uiterlijk ${d(x.termijn)}.`,
      `Gerealiseerd: ${euro(x.gerealiseerd)} van ${euro(x.verplichting)} (${x.procent} %).${Number(x.tekort) > 0 ? ` Er ontbreekt nog ${euro(x.tekort)}.` : ''}`,
    ],
  }),
  'sroi-fulfilled': (x) => ({
    titel: 'Social Return-verplichting nagekomen',
    alineas: [
      `De eindevaluatie van opdracht ${x.contract} is gehouden: ${x.bedrijf} heeft ${euro(x.gerealiseerd)} gerealiseerd voor een verplichting van ${euro(x.verplichting)}. De verplichting is nagekomen.`,
      `Er zijn ${x.mensen} mensen geplaatst. Bevindingen: ${x.bevindingen}`,
    ],
  }),
  'sroi-shortfall': (x) => ({
    titel: 'Social Return-verplichting niet volledig nagekomen',
    alineas: [
      `De eindevaluatie van opdracht ${x.contract} is gehouden: ${x.bedrijf} heeft ${euro(x.gerealiseerd)} gerealiseerd (${x.procent} %) van een verplichting van ${euro(x.verplichting)}. Er ontbreekt ${euro(x.tekort)}.`,
      `Bevindingen: ${x.bevindingen}`,
      contractor(x)
        ? `De gemeente ${x.gemeente} beslist wat er met het tekort gebeurt volgens de voorwaarden van het contract. ${OBJECT} ${x.gemeente}.`
        : `Leg het tekort voor aan de gemeente ${x.gemeente}, die volgens de voorwaarden van het contract beslist.`,
    ],
  }),
};
