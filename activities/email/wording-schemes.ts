// The Dutch notices of the other keurmerken (Werkpakt, Partner in sociaal ondernemen, PSO) and of a
// municipality's own definition: each scheme's definition names these notices in its flow. Nothing
// here is SEBO's: the owner (`eigenaar`), the scheme (`regeling`), the source's reference (from
// `regel` through the definition's `references`) and the objection route (`bezwaar`) come from the
// case's definition, the dates, points, levels and reasons from the case itself. Each notice is
// written for its one reader (`lezer`).
import { command, contact, d, forReader, objection, stepRef, type Data, type Notice } from './readers';

const pct = (n: unknown) => (typeof n === 'number' ? `${(n * 100).toFixed(1).replace('.', ',')} %` : '');
const level = (x: Data) => (typeof x.niveau === 'string' ? x.niveau.replace(/-/g, ' ') : '');

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

const integrityNotes = (x: Data) => {
  const i = x.integriteit as { outcome?: string; notes?: string; ground?: string } | undefined;
  return i?.notes ? [`Toelichting: ${i.notes}`] : [];
};

export const SCHEME_NOTICES: Record<string, Notice> = {
  'aanvraag-ontvangen': (x) => ({
    titel: 'aanvraag ontvangen',
    alineas: forReader(x, {
      applicant: () => [
        `${x.eigenaar} heeft uw aanvraag voor het ${x.regeling} ontvangen${stepRef(x)}.`,
        ...(x.termijn ? [`U hoort uiterlijk ${d(x.termijn)} wat er is besloten.`] : []),
        'U hoeft nu niets te doen. Vragen? Neem contact op met uw accountmanager.',
      ],
      staff: () => [
        `${x.bedrijf} (KvK ${x.kvk}) heeft het ${x.regeling} aangevraagd. Contactpersoon: ${contact(x)}.`,
        ...(x.termijn ? [`Op de aanvraag moet uiterlijk ${d(x.termijn)} zijn beslist.`] : []),
      ],
    }),
  }),
  'beoordeling-gevraagd': (x) => ({
    titel: 'aanvraag ter beoordeling',
    alineas: [
      `De aanvraag van ${x.bedrijf} (KvK ${x.kvk}) voor het ${x.regeling} wacht op uw beoordeling${stepRef(x)}.`,
      ...assessment(x),
      `Toets de integriteit en betrouwbaarheid van de ondernemer en of de uitsluiting voor reïntegratiebedrijven met overheidsfinanciering van toepassing is; leg de uitkomst vast met \`${command(x, 'integrity', '--outcome cleared|excluded --notes "..."')}\`.`,
      ...(x.termijn ? [`Op de aanvraag moet uiterlijk ${d(x.termijn)} zijn beslist.`] : []),
    ],
  }),
  'besluit-gevraagd': (x) => ({
    titel: 'besluit gevraagd',
    alineas: [
      `Voor de aanvraag van ${x.bedrijf} (KvK ${x.kvk}) voor het ${x.regeling} is nu uw besluit nodig${stepRef(x)}.`,
      ...assessment(x),
      ...(x.integriteit ? [`Integriteitstoets: ${(x.integriteit as { outcome: string }).outcome === 'cleared' ? 'geen bezwaren' : 'bezwaren'}.`] : []),
      ...(x.termijn ? [`Beslis uiterlijk ${d(x.termijn)} en leg het besluit vast met \`${command(x, 'decision', '--outcome granted|rejected --reason "..."')}\`.`] : []),
    ],
  }),
  uitgesloten: (x) => ({
    titel: 'keurmerk kan niet worden verleend',
    alineas: forReader(x, {
      applicant: () => [
        `${x.eigenaar} kan het ${x.regeling} niet aan u verlenen: uit de toetsing volgt dat uw onderneming niet in aanmerking komt${stepRef(x)}.`,
        ...((x.integriteit as { ground?: string } | undefined)?.ground === 'reintegration-company'
          ? ['Het keurmerk is niet bedoeld voor reïntegratiebedrijven die overheidsfinanciering krijgen en het aan het werk helpen van personen in een uitkeringssituatie als hoofddoel hebben.']
          : ['De gemeente doet alleen zaken met integere en betrouwbare werkgevers; de toetsing daarvan is niet positief uitgevallen.']),
        ...integrityNotes(x),
        ...objection(x),
      ],
      staff: () => [
        `${x.bedrijf} (KvK ${x.kvk}) is uitgesloten van het ${x.regeling}; de zaak is gesloten.`,
        ...integrityNotes(x),
        ...objection(x),
      ],
    }),
  }),
  'besluit-verleend': (x) => ({
    titel: 'keurmerk verleend',
    alineas: forReader(x, {
      applicant: () => [
        `${x.eigenaar} heeft op ${d(x.besluitDatum)} besloten het ${x.regeling} aan u te verlenen${x.niveau ? ` op niveau ${level(x)}` : ''}${stepRef(x)}.`,
        'U ontvangt het certificaat met de geldigheidsduur in een afzonderlijke e-mail.',
      ],
      staff: () => [`${x.eigenaar} heeft op ${d(x.besluitDatum)} het ${x.regeling} verleend aan ${x.bedrijf} (KvK ${x.kvk})${x.niveau ? ` op niveau ${level(x)}` : ''}.`],
    }),
  }),
  'besluit-afgewezen': (x) => ({
    titel: 'keurmerk niet verleend',
    alineas: forReader(x, {
      applicant: () => [
        `${x.eigenaar} heeft op ${d(x.besluitDatum)} besloten het ${x.regeling} niet aan u te verlenen${stepRef(x)}.`,
        ...(x.reden ? [`Reden: ${x.reden}`] : []),
        ...assessment(x).slice(1),
        ...objection(x),
        'U kunt opnieuw een aanvraag doen zodra u aan de criteria voldoet.',
      ],
      staff: () => [
        `${x.eigenaar} heeft op ${d(x.besluitDatum)} het ${x.regeling} niet verleend aan ${x.bedrijf} (KvK ${x.kvk}).`,
        ...(x.reden ? [`Reden: ${x.reden}`] : []),
        ...objection(x),
      ],
    }),
  }),
  'certificaat-verleend': (x) => ({
    titel: 'certificaat',
    alineas: forReader(x, {
      applicant: () => [
        `Gefeliciteerd! U voert het ${x.regeling}${x.niveau ? ` op niveau ${level(x)}` : ''} van ${d(x.geldigVanaf)} tot en met ${d(x.geldigTot)}${stepRef(x)}.`,
        `Het certificaat${x.certificaatnummer ? ` (nummer ${x.certificaatnummer})` : ''} is bijgevoegd.`,
        ...((x.voordelen as string[] | undefined)?.length ? [`Als houder heeft u: ${(x.voordelen as string[]).join('; ')}.`] : []),
        'Voordat de geldigheid afloopt, krijgt u bericht om tijdig verlenging aan te vragen.',
      ],
      staff: () => [`${x.bedrijf} (KvK ${x.kvk}) voert het ${x.regeling}${x.niveau ? ` op niveau ${level(x)}` : ''} van ${d(x.geldigVanaf)} tot en met ${d(x.geldigTot)}${x.certificaatnummer ? ` (certificaat ${x.certificaatnummer})` : ''}.`],
    }),
  }),
  toolkit: (x) => ({
    titel: 'uw toolkit als partner in sociaal ondernemen',
    alineas: forReader(x, {
      applicant: () => [
        `Gefeliciteerd! U mag van ${d(x.geldigVanaf)} tot en met ${d(x.geldigTot)} het keurmerk van het ${x.regeling} voeren${stepRef(x)}.`,
        "Bijgevoegd is uw toolkit: het certificaat en de logo's (kleur en zwart-wit) voor uw website, documenten en aanbiedingen.",
        ...((x.eindeVoordelen as { label: string; endsAt: string }[] | undefined) ?? []).map((b) => `${b.label}: tot ${d(b.endsAt)}.`),
        `U wordt vermeld op de website van ${x.eigenaar} en uitgenodigd voor de bijeenkomsten van het netwerk.`,
        'Laat uw accountmanager weten hoeveel extra inwoners u aan het werk helpt; dat telt mee voor het doel van het programma.',
      ],
      staff: () => [
        `${x.bedrijf} (KvK ${x.kvk}) voert het keurmerk van het ${x.regeling} van ${d(x.geldigVanaf)} tot en met ${d(x.geldigTot)}; de toolkit is verstuurd.`,
        `Leg geplaatste inwoners vast met \`${command(x, 'placements', '--count <aantal> --description "..."')}\`.`,
      ],
    }),
  }),
  'convenant-gevraagd': (x) => ({
    titel: 'convenant ondertekenen',
    alineas: forReader(x, {
      applicant: () => [
        `U heeft zich aangemeld voor het ${x.regeling}. De eerste stap is het ondertekenen van het convenant met ${x.eigenaar}${stepRef(x)}: daarin zegt u toe kansen te bieden aan werkzoekenden met een afstand tot de arbeidsmarkt.`,
        `${x.termijn ? `Onderteken het convenant graag uiterlijk ${d(x.termijn)}. ` : ''}Na ondertekening toetst de convenantpartner of u aan de criteria voldoet.`,
      ],
      staff: () => [
        `${x.bedrijf} (KvK ${x.kvk}, contactpersoon ${contact(x)}) heeft zich aangemeld voor het ${x.regeling} en ondertekent het convenant.`,
        `Leg de ondertekening vast met \`${command(x, 'covenant-signed', '--signatory "<naam>"')}\`${x.termijn ? `, uiterlijk ${d(x.termijn)}` : ''}.`,
      ],
    }),
  }),
  'toets-gevraagd': (x) => ({
    titel: 'criteria toetsen',
    alineas: [
      `${x.bedrijf} (KvK ${x.kvk}) heeft het convenant ondertekend${x.convenantGetekend ? ` op ${d(x.convenantGetekend)}` : ''}.`,
      `Toets of de onderneming voldoet aan de criteria van het ${x.regeling}${stepRef(x)} en leg het besluit vast met \`${command(x, 'decision', '--outcome granted|rejected --reason "..."')}\`${x.termijn ? `, uiterlijk ${d(x.termijn)}` : ''}.`,
    ],
  }),
  'audit-gevraagd': (x) => ({
    titel: 'aanvraag doorgestuurd voor de audit',
    alineas: forReader(x, {
      applicant: () => [
        `Uw aanvraag voor de ${x.regeling} is doorgestuurd naar de certificerende instelling.`,
        ...assessment(x),
        `De certificerende instelling maakt uiterlijk ${d(x.termijn)} een afspraak met u voor de audit, die uw eigen invoer controleert${stepRef(x)}. Houd de personeelsgegevens waarop uw invoer berust bij de hand.`,
      ],
      'certifying-institution': () => [
        `De aanvraag van ${x.bedrijf} (KvK ${x.kvk}, contactpersoon ${contact(x)}) voor de ${x.regeling} is aan u doorgestuurd.`,
        ...assessment(x),
        `Maak uiterlijk ${d(x.termijn)} een afspraak voor de audit, die de eigen invoer controleert, en leg die vast met \`${command(x, 'audit-planned', '--audit-at <datum en tijd>')}\`.`,
      ],
      staff: () => [`De aanvraag van ${x.bedrijf} (KvK ${x.kvk}) is doorgestuurd naar de certificerende instelling, die uiterlijk ${d(x.termijn)} de audit plant.`],
    }),
  }),
  'audit-uitgevoerd': (x) => ({
    titel: 'audit uitgevoerd',
    alineas: [
      `De audit bij ${x.bedrijf} is uitgevoerd op ${d(x.auditDatum)}.`,
      ...(x.bevindingen ? [`Bevindingen van de auditor: ${x.bevindingen}`] : []),
      `Het certificaat met het behaalde niveau volgt uiterlijk ${d(x.termijn)}${stepRef(x)}. U hoeft daarvoor niets te doen.`,
    ],
  }),
  'verlenging-aanvragen': (x) => ({
    titel: `geldig tot ${d(x.geldigTot)}: verlenging aanvragen`,
    alineas: forReader(x, {
      applicant: () => [
        `Uw ${x.regeling} is geldig tot ${d(x.geldigTot)}${stepRef(x)}.`,
        `Wilt u het blijven voeren, vraag dan de verlenging aan${x.termijn ? ` vóór ${d(x.termijn)}` : ''} bij uw accountmanager, met de gegevens over het afgelopen jaar; de procedure wordt dan opnieuw doorlopen.`,
      ],
      staff: () => [
        `Het ${x.regeling} van ${x.bedrijf} (KvK ${x.kvk}) is geldig tot ${d(x.geldigTot)}.`,
        `Start de verlenging${x.termijn ? ` vóór ${d(x.termijn)}` : ''} met \`${command(x, 'renewal-started')}\` zodra de houder de gegevens heeft aangeleverd.`,
      ],
    }),
  }),
  'verlenging-afgewezen': (x) => ({
    titel: 'verlenging niet verleend',
    alineas: forReader(x, {
      applicant: () => [`De verlenging van uw ${x.regeling} is niet verleend${stepRef(x)}. Het keurmerk vervalt op ${d(x.geldigTot)}.`, ...(x.reden ? [`Reden: ${x.reden}`] : []), ...objection(x)],
      staff: () => [`De verlenging van het ${x.regeling} van ${x.bedrijf} (KvK ${x.kvk}) is niet verleend; het keurmerk vervalt op ${d(x.geldigTot)}.`, ...(x.reden ? [`Reden: ${x.reden}`] : []), ...objection(x)],
    }),
  }),
  'vervalt-binnenkort': (x) => ({
    titel: `keurmerk vervalt op ${d(x.geldigTot)}`,
    alineas: forReader(x, {
      applicant: () => [
        `Uw ${x.regeling} vervalt op ${d(x.geldigTot)}: er is geen verlenging verleend${stepRef(x)}.`,
        'Na die datum mag u het keurmerk en het logo niet meer gebruiken.',
      ],
      staff: () => [`Het ${x.regeling} van ${x.bedrijf} (KvK ${x.kvk}) vervalt op ${d(x.geldigTot)}: er is geen verlenging verleend.`],
    }),
  }),
  vervallen: (x) => ({
    titel: 'keurmerk vervallen',
    alineas: forReader(x, {
      applicant: () => [
        `Uw ${x.regeling} is op ${d(x.geldigTot)} vervallen${stepRef(x)}.`,
        'Beëindig het gebruik van het keurmerk en het logo. U kunt opnieuw een aanvraag doen.',
        ...objection(x),
      ],
      staff: () => [`Het ${x.regeling} van ${x.bedrijf} (KvK ${x.kvk}) is op ${d(x.geldigTot)} vervallen; de zaak is gesloten.`, ...objection(x)],
    }),
  }),
  'benefit-ended': (x) => ({
    titel: `${x.voordeel}: eindigt op ${d(x.eindigtOp)}`,
    alineas: forReader(x, {
      applicant: () => [
        `${x.voordeel}, onderdeel van het ${x.regeling}, eindigt op ${d(x.eindigtOp)}${stepRef(x)}.`,
        'Wilt u het voortzetten, neem dan contact op met de organisatie die het aanbiedt.',
      ],
      staff: () => [`${x.voordeel} van ${x.bedrijf} (KvK ${x.kvk}) eindigt op ${d(x.eindigtOp)}.`],
    }),
  }),
  'niet-in-aanmerking': (x) => {
    const reasons = ((x.redenen as string[] | undefined) ?? []).map((kind) => `- ${GENERIC_NOT_ELIGIBLE[kind] ?? kind}`);
    return {
      titel: 'aanvraag kan niet in behandeling worden genomen',
      alineas: forReader(x, {
        applicant: () => [`Uw aanvraag voor het ${x.regeling} voldoet niet aan de voorwaarden${stepRef(x)}:`, ...reasons, ...objection(x)],
        staff: () => [`De aanvraag van ${x.bedrijf} (KvK ${x.kvk}) voor het ${x.regeling} voldoet niet aan de voorwaarden:`, ...reasons, ...objection(x)],
      }),
    };
  },
};

const GENERIC_NOT_ELIGIBLE: Record<string, string> = {
  establishment: 'Het bedrijf heeft geen vestiging in het gebied waarvoor deze regeling geldt.',
  zzp: 'Deze regeling staat niet open voor zelfstandigen zonder personeel.',
  affiliation: 'De organisatievorm past niet bij deze regeling (bijvoorbeeld een reïntegratiebedrijf met overheidsfinanciering).',
  'look-back': 'Er is nog te weinig geschiedenis om op terug te kijken (de activiteiten van het voorgaande jaar tellen).',
};
