// The Dutch notices of the other keurmerken (Werkpakt, Partner in sociaal ondernemen, PSO) and of a
// municipality's own definition: each scheme's definition names these notices in its flow. Nothing
// here is SEBO's: the owner (`eigenaar`), the scheme (`regeling`) and the reference (`regel`) come from
// the case's definition, the dates, points, levels and reasons from the case itself.
import { DateTime } from 'luxon';

type Data = Record<string, unknown>;
type Notice = (x: Data) => { titel: string; alineas: string[] };

function d(value: unknown): string {
  if (typeof value !== 'string') return '';
  const dt = DateTime.fromISO(value, { zone: 'Europe/Amsterdam' });
  return dt.isValid ? dt.setLocale('nl').toFormat('d MMMM yyyy') : value;
}

const ref = (x: Data) => (x.regel ? ` (${x.regel})` : '');
const pct = (n: unknown) => (typeof n === 'number' ? `${(n * 100).toFixed(1).replace('.', ',')} %` : '');
const level = (x: Data) => (typeof x.niveau === 'string' ? x.niveau.replace(/-/g, ' ') : '');
const objection = (x: Data) =>
  `Bent u het niet eens met dit besluit, dan kunt u binnen zes weken na de datum van deze e-mail schriftelijk bezwaar maken bij ${x.eigenaar}. Vermeld uw KvK-nummer (${x.kvk}) en waarom u het er niet mee eens bent.`;

/** WP-1, WP-2: the points per criterion and the capacity share, as the municipality needs them to decide. */
function assessment(x: Data): string[] {
  const a = x.beoordeling as
    | { method?: string; points?: { A: number; B: number; C: number }; total?: number; capacityShare?: number; reasons?: string[]; level?: string | null; score?: number; reason?: string }
    | undefined;
  if (!a) return [];
  if (a.method === 'werkpakt-points' && a.points) {
    return [
      `Beoordeling van de activiteiten in het voorgaande jaar: Ambassadeursrol ${a.points.A} punten, Betrokkenheid ${a.points.B} punten, Capaciteit ${a.points.C} punten; totaal ${a.total} punten. Aandeel personeel geplaatst vanuit de doelgroepen: ${pct(a.capacityShare)}.`,
      a.reasons && a.reasons.length ? `Nog niet voldaan: ${a.reasons.join('; ')}.` : 'Aan de minimumeisen voor punten en capaciteit is voldaan.',
    ];
  }
  if (a.method === 'pso-ladder') {
    return [`Op grond van de eigen invoer is het voorlopige niveau: ${a.level ? a.level.replace(/-/g, ' ') : 'geen (de aspirant-status is al eens gebruikt)'} (score ${pct(a.score)}).`];
  }
  return [];
}

export const SCHEME_NOTICES: Record<string, Notice> = {
  'aanvraag-ontvangen': (x) => ({
    titel: 'aanvraag ontvangen',
    alineas: [
      `${x.eigenaar} heeft de aanvraag van ${x.bedrijf} (KvK ${x.kvk}) voor het ${x.regeling} ontvangen.`,
      ...(x.termijn ? [`U hoort uiterlijk ${d(x.termijn)} wat er is besloten${ref(x)}.`] : []),
      'Vragen? Neem contact op met uw accountmanager.',
    ],
  }),
  'beoordeling-gevraagd': (x) => ({
    titel: 'aanvraag ter beoordeling',
    alineas: [
      `De aanvraag van ${x.bedrijf} (KvK ${x.kvk}) voor het ${x.regeling} wacht op uw beoordeling.`,
      ...assessment(x),
      `Toets de integriteit en betrouwbaarheid van de ondernemer en of de uitsluiting voor reïntegratiebedrijven met overheidsfinanciering van toepassing is${ref(x)}; leg de uitkomst vast met \`keurmerk integrity ${x.kvk}\`.`,
      ...(x.termijn ? [`Op de aanvraag moet uiterlijk ${d(x.termijn)} zijn beslist.`] : []),
    ],
  }),
  'besluit-gevraagd': (x) => ({
    titel: 'besluit gevraagd',
    alineas: [
      `Voor de aanvraag van ${x.bedrijf} (KvK ${x.kvk}) voor het ${x.regeling} is nu uw besluit nodig${ref(x)}.`,
      ...assessment(x),
      ...(x.integriteit ? [`Integriteitstoets: ${(x.integriteit as { outcome: string }).outcome === 'cleared' ? 'geen bezwaren' : 'bezwaren'}.`] : []),
      ...(x.termijn ? [`Beslis uiterlijk ${d(x.termijn)} en leg het besluit vast met \`keurmerk decision ${x.kvk}\`.`] : []),
    ],
  }),
  uitgesloten: (x) => ({
    titel: 'keurmerk kan niet worden verleend',
    alineas: [
      `${x.eigenaar} kan het ${x.regeling} niet verlenen aan ${x.bedrijf}: uit de toetsing volgt dat de onderneming niet in aanmerking komt${ref(x)}.`,
      ...(x.integriteit && (x.integriteit as { notes?: string }).notes ? [`Toelichting: ${(x.integriteit as { notes?: string }).notes}`] : []),
      objection(x),
    ],
  }),
  'besluit-verleend': (x) => ({
    titel: 'keurmerk verleend',
    alineas: [
      `${x.eigenaar} heeft op ${d(x.besluitDatum)} besloten het ${x.regeling} te verlenen aan ${x.bedrijf}${x.niveau ? ` op niveau ${level(x)}` : ''}${ref(x)}.`,
      'U ontvangt het certificaat in een afzonderlijke e-mail.',
    ],
  }),
  'besluit-afgewezen': (x) => ({
    titel: 'keurmerk niet verleend',
    alineas: [
      `${x.eigenaar} heeft op ${d(x.besluitDatum)} besloten het ${x.regeling} niet te verlenen aan ${x.bedrijf}${ref(x)}.`,
      ...(x.reden ? [`Reden: ${x.reden}`] : []),
      objection(x),
      'U kunt opnieuw een aanvraag doen zodra u aan de criteria voldoet.',
    ],
  }),
  'certificaat-verleend': (x) => ({
    titel: 'certificaat',
    alineas: [
      `Gefeliciteerd! ${x.bedrijf} voert het ${x.regeling}${x.niveau ? ` op niveau ${level(x)}` : ''} van ${d(x.geldigVanaf)} tot en met ${d(x.geldigTot)}${ref(x)}.`,
      'Het certificaat is bijgevoegd.',
      ...((x.voordelen as string[] | undefined)?.length ? [`Als houder heeft u: ${(x.voordelen as string[]).join('; ')}.`] : []),
      'Voordat de geldigheid afloopt, krijgt u bericht om tijdig verlenging aan te vragen.',
    ],
  }),
  toolkit: (x) => ({
    titel: 'uw toolkit als partner in sociaal ondernemen',
    alineas: [
      `Gefeliciteerd! ${x.bedrijf} mag van ${d(x.geldigVanaf)} tot en met ${d(x.geldigTot)} het keurmerk van het ${x.regeling} voeren${ref(x)}.`,
      'Bijgevoegd is uw toolkit: het certificaat en de logo\'s (kleur en zwart-wit) voor uw website, documenten en aanbiedingen.',
      ...((x.eindeVoordelen as { label: string; endsAt: string }[] | undefined) ?? []).map((b) => `${b.label}: tot ${d(b.endsAt)}.`),
      `U wordt vermeld op de website van ${x.eigenaar} en uitgenodigd voor de bijeenkomsten van het netwerk.`,
      `Laat uw accountmanager weten hoeveel extra inwoners u aan het werk helpt; dat telt mee voor het doel van het programma.`,
    ],
  }),
  'convenant-gevraagd': (x) => ({
    titel: 'convenant ondertekenen',
    alineas: [
      `${x.bedrijf} heeft zich aangemeld voor het ${x.regeling}. De eerste stap is het ondertekenen van het convenant met ${x.eigenaar}${ref(x)}: daarin zegt u toe kansen te bieden aan werkzoekenden met een afstand tot de arbeidsmarkt.`,
      'Na ondertekening toetst de convenantpartner of u aan de criteria voldoet.',
    ],
  }),
  'toets-gevraagd': (x) => ({
    titel: 'criteria toetsen',
    alineas: [
      `${x.bedrijf} (KvK ${x.kvk}) heeft het convenant ondertekend${x.convenantGetekend ? ` op ${d(x.convenantGetekend)}` : ''}.`,
      `Toets of de onderneming voldoet aan de criteria van het ${x.regeling}${ref(x)} en leg het besluit vast met \`keurmerk decision ${x.kvk} --scheme mvs\`.`,
    ],
  }),
  'audit-gevraagd': (x) => ({
    titel: 'aanvraag doorgestuurd voor de audit',
    alineas: [
      `De aanvraag van ${x.bedrijf} (KvK ${x.kvk}) voor de ${x.regeling} is doorgestuurd naar de certificerende instelling.`,
      ...assessment(x),
      `De certificerende instelling maakt uiterlijk ${d(x.termijn)} een afspraak voor de audit, die de eigen invoer controleert${ref(x)}.`,
    ],
  }),
  'audit-uitgevoerd': (x) => ({
    titel: 'audit uitgevoerd',
    alineas: [
      `De audit bij ${x.bedrijf} is uitgevoerd op ${d(x.auditDatum)}.`,
      `Het certificaat met het behaalde niveau volgt uiterlijk ${d(x.termijn)}${ref(x)}.`,
    ],
  }),
  'verlenging-aanvragen': (x) => ({
    titel: `geldig tot ${d(x.geldigTot)}: verlenging aanvragen`,
    alineas: [
      `Het ${x.regeling} van ${x.bedrijf} is geldig tot ${d(x.geldigTot)}${ref(x)}.`,
      `Wilt u het blijven voeren, start dan de verlenging${x.termijn ? ` vóór ${d(x.termijn)}` : ''}; de procedure wordt dan opnieuw doorlopen.`,
    ],
  }),
  'verlenging-afgewezen': (x) => ({
    titel: 'verlenging niet verleend',
    alineas: [`De verlenging van het ${x.regeling} van ${x.bedrijf} is niet verleend${ref(x)}. Het keurmerk vervalt op ${d(x.geldigTot)}.`, objection(x)],
  }),
  'vervalt-binnenkort': (x) => ({
    titel: `keurmerk vervalt op ${d(x.geldigTot)}`,
    alineas: [
      `Het ${x.regeling} van ${x.bedrijf} vervalt op ${d(x.geldigTot)}: er is geen verlenging verleend${ref(x)}.`,
      'Na die datum mag het keurmerk en het logo niet meer worden gebruikt.',
    ],
  }),
  vervallen: (x) => ({
    titel: 'keurmerk vervallen',
    alineas: [
      `Het ${x.regeling} van ${x.bedrijf} is op ${d(x.geldigTot)} vervallen${ref(x)}.`,
      'Het gebruik van het keurmerk en het logo moet worden beëindigd. U kunt opnieuw een aanvraag doen.',
    ],
  }),
  'benefit-ended': (x) => ({
    titel: `${x.voordeel}: eindigt op ${d(x.eindigtOp)}`,
    alineas: [
      `${x.voordeel} van ${x.bedrijf}, onderdeel van het ${x.regeling}, eindigt op ${d(x.eindigtOp)}${ref(x)}.`,
      'Wilt u het voortzetten, neem dan contact op met de organisatie die het aanbiedt.',
    ],
  }),
  'niet-in-aanmerking': (x) => ({
    titel: 'aanvraag kan niet in behandeling worden genomen',
    alineas: [
      `De aanvraag van ${x.bedrijf} voor het ${x.regeling} voldoet niet aan de voorwaarden${ref(x)}:`,
      ...((x.redenen as string[] | undefined) ?? []).map((kind) => GENERIC_NOT_ELIGIBLE[kind] ?? kind),
      objection(x),
    ],
  }),
};

const GENERIC_NOT_ELIGIBLE: Record<string, string> = {
  establishment: 'Het bedrijf heeft geen vestiging in het gebied waarvoor deze regeling geldt.',
  zzp: 'Deze regeling staat niet open voor zelfstandigen zonder personeel.',
  affiliation: 'De organisatievorm past niet bij deze regeling (bijvoorbeeld een reïntegratiebedrijf met overheidsfinanciering).',
  'look-back': 'Er is nog te weinig geschiedenis om op terug te kijken (de activiteiten van het voorgaande jaar tellen).',
};
