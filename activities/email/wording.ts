// The Dutch wording of every email that is not a template of its own: what each human action is
// called in a reminder, and the paragraphs of each notice, written for its one reader (`lezer`): the
// employer is told what was decided, why, what to do next, by when and where, and how to object to a
// negative decision; the accountmanager, the certifying institution and the municipality what concerns
// them and the command they type next. References are the source's own (the definition's
// `references`), never our rule ids (those go in the X-Keurmerk-Rule header). The scheme's name and
// owner come from the case, so a municipality's own scheme that reuses these notices reads as itself.
import { SCHEME_NOTICES } from './wording-schemes';
import { builtInSchemes } from '../../domain/catalogue';
import { command, contact, d, documentLines, forReader, isEmployer, objection, reader, ref, stepRef, unmetCriteria, type Data, type Notice } from './readers';

/** A scheme as a reader knows it: its name, with the id the accountmanager types (e.g. "SEBO-ambassadeurschap (sebo-ambassadeur)"). */
function schemeLabel(id: string): string {
  const scheme = builtInSchemes.find((s) => s.id === id);
  return scheme ? `het ${scheme.name} (${id})` : id;
}

/** How each human action (an Update of a case) reads in an email. */
export const ACTION_WORDING: Record<string, string> = {
  intakeRecorded: 'het kennismakingsgesprek met de ondernemer voeren en vastleggen',
  meetingOutcome: 'de uitkomst van de bijeenkomst van keurmerkhouders vastleggen',
  documentsReceived: 'alle bijlagen van de aanvraag aanleveren',
  auditPlanned: 'een afspraak maken voor de audit op locatie',
  auditDone: 'de audit uitvoeren en de bevindingen delen',
  supplementsReceived: 'correctieve maatregelen of aanvullende documenten sturen',
  reportAndAdvice: 'de bevindingen en het advies rapporteren',
  decision: 'beslissen over het verlenen van het keurmerk',
  integrityScreened: 'de integriteit van de ondernemer toetsen en vastleggen',
  covenantSigned: 'het convenant ondertekenen',
  yearlyConversationHeld: 'het jaarlijkse gesprek met de accountmanager voeren en vastleggen',
  renewalStarted: 'de verlenging (herkeuring of hercertificering) starten',
  liftSuspension: 'de schorsing opheffen of het keurmerk intrekken: de schorsingstermijn is om',
};

/** The admin command that records each action (client/action-commands.ts names the same). */
export const ACTION_COMMAND: Record<string, string> = {
  intakeRecorded: 'intake',
  meetingOutcome: 'meeting-outcome',
  documentsReceived: 'documents',
  auditPlanned: 'audit-planned',
  auditDone: 'audit-done',
  supplementsReceived: 'supplements',
  reportAndAdvice: 'report',
  decision: 'decision',
  integrityScreened: 'integrity',
  covenantSigned: 'covenant-signed',
  yearlyConversationHeld: 'conversation-held',
  renewalStarted: 'renewal-started',
  liftSuspension: 'lift-suspension',
};

export function actionWording(action: string): string {
  return ACTION_WORDING[action] ?? action;
}

/** Who does what in a reminder or an escalation, per reader (step-reminder, step-escalation). */
export function stepParagraphs(kind: 'reminder' | 'escalation', x: Data): { titel: string; alineas: string[] } {
  const action = String(x.actieId ?? '');
  const what = actionWording(action);
  const due = d(x.termijn);
  const cmd = ACTION_COMMAND[action] ? command(x, ACTION_COMMAND[action]) : undefined;
  const own = reader(x) === x.partij;
  const actorName = PARTY_NAME[String(x.partij)] ?? 'de betrokkene';
  if (kind === 'reminder') {
    return {
      titel: `${what} uiterlijk ${due}`,
      alineas: [
        `Dit is een herinnering. Voor ${x.bedrijf} (KvK ${x.kvk}) staat nog open: ${what}${stepRef(x)}.`,
        `Uiterlijk: ${due}.`,
        isEmployer(x)
          ? 'Is dit al gedaan? Laat het uw accountmanager weten, dan legt die het vast.'
          : `Is dit gedaan, leg het dan vast${cmd ? ` met \`${cmd}\`` : ''}.`,
      ],
    };
  }
  return {
    titel: `termijn verstreken: ${what} (was uiterlijk ${due})`,
    alineas: [
      own
        ? `De termijn voor ${what} bij ${x.bedrijf} (KvK ${x.kvk}) is verstreken: uiterlijk was ${due}${stepRef(x)}.`
        : `Bij ${x.bedrijf} (KvK ${x.kvk}) is de termijn voor ${actorName} verstreken: ${what}, uiterlijk ${due}${stepRef(x)}.`,
      'De zaak wacht op deze stap; er wordt niets automatisch besloten.',
      isEmployer(x)
        ? 'Wilt u dit zo snel mogelijk doen en uw accountmanager laten weten wanneer het gedaan is?'
        : own
          ? `Doe het zo snel mogelijk en leg het vast${cmd ? ` met \`${cmd}\`` : ''}.`
          : `Neem contact op met ${actorName} en leg de stap vast zodra die gedaan is${cmd ? ` (\`${cmd}\`)` : ''}.`,
    ],
  };
}

export const PARTY_NAME: Record<string, string> = {
  applicant: 'de ondernemer',
  accountmanager: 'de accountmanager',
  'certifying-institution': 'de certificerende instelling',
  municipality: 'de gemeente',
  'covenant-partner': 'de convenantpartner',
};

/** "1 juni 2027" for the decision's date, or today's wording when absent. */
const on = (value: unknown) => (value ? ` op ${d(value)}` : '');

/** The recorded reason, as a paragraph ("Reden: ..."), or nothing. */
const reason = (label: string, value: unknown) => (typeof value === 'string' && value ? [`${label}: ${value}`] : []);

function findings(x: Data): string[] {
  const shortcomings = x.tekortkomingen === 'minor' ? 'kleine tekortkomingen' : x.tekortkomingen === 'serious' ? 'veel of belangrijke tekortkomingen' : x.tekortkomingen === 'none' ? 'geen tekortkomingen' : '';
  return [
    ...(shortcomings ? [`Uitkomst van de audit: ${shortcomings}.`] : []),
    ...reason('Bevindingen van de auditor', x.bevindingen),
  ];
}

function unmet(x: Data, lead: string): string[] {
  const lines = unmetCriteria(x);
  return lines.length ? [`${lead}:`, ...lines] : [];
}

/** SEBO-D1: the documents and where they go (the definition's `documents` and `documentsTo`). */
function documentsToSend(x: Data): string[] {
  const lines = documentLines(x);
  if (!lines.length) return [];
  return [
    `Stuur deze bijlagen mee${ref(x, x.documentenRegel)}:`,
    ...lines,
    ...(typeof x.documentenNaar === 'string' ? [`Waar naartoe: ${x.documentenNaar}`] : []),
    ...(x.documentenTermijn ? [`Graag uiterlijk ${d(x.documentenTermijn)}.`] : []),
  ];
}

/** Notices: one email that tells something happened, keyed by kind, written for its reader. */
export const NOTICES: Record<string, Notice> = {
  'application-received': (x) => ({
    titel: 'aanvraag ontvangen',
    alineas: forReader(x, {
      applicant: () => [
        `Uw aanvraag voor het ${x.regeling} is ontvangen.`,
        `Voordat de aanvraag in behandeling wordt genomen, maakt uw accountmanager een afspraak met u voor een kennismakingsgesprek${ref(x, x.ontvangstRegel ?? x.regel)}. Daarin hoort u wat de criteria zijn en hoe de procedure verloopt.`,
        ...(x.termijn ? [`Dat gesprek vindt uiterlijk ${d(x.termijn)} plaats.`] : []),
      ],
      accountmanager: () => [
        `${x.bedrijf} (KvK ${x.kvk}) heeft het ${x.regeling} aangevraagd. Contactpersoon: ${contact(x)}.`,
        `Maak een afspraak voor het kennismakingsgesprek${x.termijn ? ` en voer het uiterlijk ${d(x.termijn)}` : ''}, en leg het vast met \`${command(x, 'intake', '--notes "..."')}\`${ref(x, x.ontvangstRegel ?? x.regel)}.`,
      ],
    }),
  }),
  'meeting-scheduled': (x) => ({
    titel: `aanvraag op de agenda van ${d(x.vergadering)}`,
    alineas: forReader(x, {
      applicant: () => [
        `Uw aanvraag wordt voorgelegd op de bijeenkomst van keurmerkhouders van ${d(x.vergadering)}. De keurmerkhouders beslissen of de aanvraag verder in behandeling wordt genomen${ref(x, x.regel)}.`,
        'U hoeft daarvoor nu niets te doen; uw accountmanager laat u de uitkomst weten.',
      ],
      accountmanager: () => [
        `De aanvraag van ${x.bedrijf} (KvK ${x.kvk}) staat op de agenda van de bijeenkomst van keurmerkhouders van ${d(x.vergadering)}${ref(x, x.regel)}.`,
        `Leg na de bijeenkomst de uitkomst vast met \`${command(x, 'meeting-outcome', `--meeting-date ${String(x.vergadering ?? '').slice(0, 10)} --outcome approved|rejected|deferred`)}\`${x.termijn ? `, uiterlijk ${d(x.termijn)}` : ''}.`,
      ],
    }),
  }),
  'meeting-approved': (x) => ({
    titel: 'positief advies van de keurmerkhouders',
    alineas: forReader(x, {
      applicant: () => [
        `De keurmerkhouders hebben op ${d(x.vergadering)} besloten dat uw aanvraag verder in behandeling wordt genomen${ref(x, x.regel)}.`,
        x.audit
          ? 'Uw accountmanager stuurt de aanvraag nu door naar de certificerende instelling. U krijgt daarover een e-mail met de bijlagen die u meestuurt en waar u ze naartoe stuurt.'
          : `${x.eigenaar} laat u weten wanneer het ${x.regeling} is toegekend.`,
      ],
      accountmanager: () => [
        `De keurmerkhouders hebben op ${d(x.vergadering)} positief geadviseerd over ${x.bedrijf} (KvK ${x.kvk})${ref(x, x.regel)}.`,
        x.audit ? 'De aanvraag is doorgestuurd naar de certificerende instelling; de ondernemer heeft de lijst met bijlagen gekregen.' : 'Er volgt geen audit.',
      ],
    }),
  }),
  'meeting-rejected': (x) => ({
    titel: 'aanvraag niet verder in behandeling',
    alineas: forReader(x, {
      applicant: () => [
        `De keurmerkhouders hebben op ${d(x.vergadering)} besloten uw aanvraag voor het ${x.regeling} niet verder in behandeling te nemen${ref(x, x.regel)}.`,
        ...reason('Reden', x.redenVergadering),
        'Wilt u weten wat u kunt verbeteren voor een nieuwe aanvraag, neem dan contact op met uw accountmanager.',
        ...objection(x),
      ],
      accountmanager: () => [
        `De keurmerkhouders hebben op ${d(x.vergadering)} besloten de aanvraag van ${x.bedrijf} (KvK ${x.kvk}) niet verder in behandeling te nemen${ref(x, x.regel)}.`,
        ...reason('Reden', x.redenVergadering),
        `De zaak is gesloten. Bespreek de uitkomst met ${contact(x)}.`,
        ...objection(x),
      ],
    }),
  }),
  'meeting-deferred': (x) => ({
    titel: `aanvraag uitgesteld naar ${d(x.volgendeVergadering)}`,
    alineas: forReader(x, {
      applicant: () => [
        `De bespreking van uw aanvraag is uitgesteld. De aanvraag wordt opnieuw voorgelegd op de bijeenkomst van keurmerkhouders van ${d(x.volgendeVergadering)}${ref(x, x.regel)}.`,
        ...reason('Reden', x.redenVergadering),
        'Uw accountmanager laat u weten of er iets van u nodig is.',
      ],
      accountmanager: () => [
        `De aanvraag van ${x.bedrijf} (KvK ${x.kvk}) is uitgesteld naar de bijeenkomst van ${d(x.volgendeVergadering)}${ref(x, x.regel)}.`,
        ...reason('Reden', x.redenVergadering),
        'Laat de ondernemer weten wat er voor die bijeenkomst nodig is.',
      ],
    }),
  }),
  'forwarded-to-ci': (x) => ({
    titel: 'aanvraag doorgestuurd naar de certificerende instelling',
    alineas: forReader(x, {
      applicant: () => [
        `Uw aanvraag voor het ${x.regeling} is doorgestuurd naar de certificerende instelling${ref(x, 'SEBO-T3')}.`,
        ...documentsToSend(x),
        `De certificerende instelling maakt uiterlijk ${d(x.termijn)} een afspraak met u voor de audit op locatie (ongeveer twee uur). Zorg dat tijdens de audit iemand beschikbaar is die de criteria kan toelichten, en dat alle documenten en registraties ter inzage liggen.`,
      ],
      'certifying-institution': () => [
        `De aanvraag van ${x.bedrijf} (KvK ${x.kvk}) voor het ${x.regeling} is na positief advies van de keurmerkhouders aan u doorgestuurd. Contactpersoon: ${contact(x)}.`,
        `Maak uiterlijk ${d(x.termijn)} een afspraak voor de audit op locatie en leg die vast met \`${command(x, 'audit-planned', '--audit-at <datum en tijd> --auditor "<naam>"')}\`.`,
        ...(documentLines(x).length ? ['De ondernemer stuurt deze bijlagen:', ...documentLines(x)] : []),
      ],
      accountmanager: () => [
        `De aanvraag van ${x.bedrijf} (KvK ${x.kvk}) is doorgestuurd naar de certificerende instelling, die uiterlijk ${d(x.termijn)} de audit plant.`,
        `De ondernemer heeft de lijst met bijlagen gekregen. Leg binnengekomen bijlagen vast met \`${command(x, 'documents', '--document <id>[:<datum>]')}\`.`,
      ],
    }),
  }),
  'audit-findings': (x) => ({
    titel: 'bevindingen van de audit',
    alineas: [
      `De audit bij ${x.bedrijf} is uitgevoerd op ${d(x.auditDatum)}.`,
      ...findings(x),
      `Correctieve maatregelen of aanvullende documenten die uiterlijk ${d(x.termijn ?? x.aanvullenTot)} bij de certificerende instelling binnen zijn, worden nog meegenomen in het rapport en het advies${ref(x, 'SEBO-T5')}. Heeft u meer tijd nodig, vraag de auditor dan om verlenging.`,
      `Stuur ze naar de certificerende instelling${x.auditor ? ` (auditor: ${x.auditor})` : ''}. Binnen vier weken na de audit rapporteert de certificerende instelling aan ${x.eigenaar}; u krijgt een kopie van het advies.`,
    ],
  }),
  'advice-copy': (x) => ({
    titel: 'kopie van het advies van de certificerende instelling',
    alineas: forReader(x, {
      applicant: () => [
        `De certificerende instelling heeft${on(x.rapportDatum)} aan ${x.eigenaar} gerapporteerd met het advies: ${x.advies === 'positive' ? 'het keurmerk verlenen' : 'het keurmerk niet verlenen'}${ref(x, 'SEBO-T6')}.`,
        ...unmet(x, 'Volgens het rapport is niet voldaan aan deze criteria'),
        ...findings(x),
        ...(x.verschilVanInzicht ? ['Er is verschil van inzicht tussen u en de auditor; beide gezichtspunten staan in het rapport. Voordat de gemeente beslist, wordt u gehoord.'] : []),
        `${x.eigenaar} beslist uiterlijk ${d(x.termijn)}${ref(x, 'SEBO-T7')}. U hoeft nu niets te doen.`,
      ],
      municipality: () => [
        `De certificerende instelling heeft${on(x.rapportDatum)} gerapporteerd over ${x.bedrijf} (KvK ${x.kvk}) met het advies: ${x.advies === 'positive' ? 'verlenen' : 'niet verlenen'}.`,
        ...unmet(x, 'Niet voldaan aan'),
        ...findings(x),
        ...(x.verschilVanInzicht ? [`Er is verschil van inzicht: hoor beide partijen en leg dat vast met \`${command(x, 'both-sides-heard', '--notes "..."')}\` voordat u beslist.`] : []),
        `Beslis uiterlijk ${d(x.termijn)}${ref(x, 'SEBO-T7')} en leg het besluit vast met \`${command(x, 'decision', '--outcome granted|rejected --reason "..."')}\`.`,
      ],
    }),
  }),
  'decision-granted': (x) => ({
    titel: 'keurmerk verleend',
    alineas: forReader(x, {
      applicant: () => [
        `${x.eigenaar} heeft${on(x.besluitDatum)} besloten het ${x.regeling} aan u te verlenen${ref(x, x.regel)}.`,
        'U ontvangt het certificaat in een afzonderlijke e-mail, met de geldigheidsduur.',
      ],
      accountmanager: () => [`${x.eigenaar} heeft${on(x.besluitDatum)} het ${x.regeling} verleend aan ${x.bedrijf} (KvK ${x.kvk}). Het certificaat gaat naar de ondernemer; het jaarlijkse gesprek met u volgt.`],
      'certifying-institution': () => [`${x.eigenaar} heeft${on(x.besluitDatum)} besloten het ${x.regeling} te verlenen aan ${x.bedrijf} (KvK ${x.kvk}). U ontvangt de geldigheidsduur met het certificaat.`],
    }),
  }),
  'decision-rejected': (x) => ({
    titel: 'keurmerk niet verleend',
    alineas: forReader(x, {
      applicant: () => [
        `${x.eigenaar} heeft${on(x.besluitDatum)} besloten het ${x.regeling} niet aan u te verlenen${ref(x, 'SEBO-T7')}.`,
        ...reason('Reden', x.reden),
        ...unmet(x, 'Niet voldaan aan deze criteria'),
        `U kunt eenmalig een tweede keuring aanvragen: laat de certificerende instelling weten dat de oorzaken van de afwijzing zijn weggenomen of vervallen. De keuring wordt dan hervat bij het insturen van de bijlagen${ref(x, 'SEBO-T8')}.`,
        ...objection(x),
      ],
      accountmanager: () => [
        `${x.eigenaar} heeft${on(x.besluitDatum)} het ${x.regeling} niet verleend aan ${x.bedrijf} (KvK ${x.kvk}).`,
        ...reason('Reden', x.reden),
        ...unmet(x, 'Niet voldaan aan'),
        `De ondernemer mag eenmalig een tweede keuring vragen; leg dat vast met \`${command(x, 'second-keuring', '--causes-removed "..."')}\`.`,
        ...objection(x),
      ],
      'certifying-institution': () => [
        `${x.eigenaar} heeft${on(x.besluitDatum)} het ${x.regeling} niet verleend aan ${x.bedrijf} (KvK ${x.kvk}).`,
        ...reason('Reden', x.reden),
        'De ondernemer kan u eenmalig laten weten dat de oorzaken zijn weggenomen; dan wordt de keuring hervat bij het insturen van de bijlagen.',
        ...objection(x),
      ],
    }),
  }),
  'decision-rejected-final': (x) => ({
    titel: 'keurmerk ook na tweede keuring niet verleend',
    alineas: forReader(x, {
      applicant: () => [
        `Ook na de tweede keuring heeft ${x.eigenaar}${on(x.besluitDatum)} besloten het ${x.regeling} niet aan u te verlenen.`,
        ...reason('Reden', x.reden),
        ...unmet(x, 'Niet voldaan aan deze criteria'),
        `Een nieuwe keuring kunt u aanvragen vanaf ${d(x.wachtTot)}${ref(x, 'SEBO-T9')}.`,
        ...objection(x),
      ],
      staff: () => [
        `Ook na de tweede keuring is het ${x.regeling} niet verleend aan ${x.bedrijf} (KvK ${x.kvk}).`,
        ...reason('Reden', x.reden),
        `Een nieuwe keuring kan pas vanaf ${d(x.wachtTot)}.`,
        ...objection(x),
      ],
    }),
  }),
  'renewal-rejected': (x) => ({
    titel: 'herkeuring niet positief',
    alineas: forReader(x, {
      applicant: () => [
        x.tweedeAfgewezen
          ? `Ook de tweede keuring is niet positief afgerond${ref(x, 'SEBO-T8')}.`
          : `De herkeuring is niet positief afgerond. Het keurmerk vervalt op ${d(x.geldigTot)}${ref(x, 'SEBO-T13')}.`,
        ...reason('Reden', x.reden),
        ...unmet(x, 'Niet voldaan aan deze criteria'),
        ...(x.tweedeKeuring
          ? [
              `U kunt eenmalig een tweede keuring aanvragen: laat de certificerende instelling weten dat de oorzaken van de afwijzing zijn weggenomen${ref(x, 'SEBO-T8')}.`,
              `Tot ${d(x.geldigTot)} mag u het keurmerk blijven voeren, niet langer: bij het einde van de looptijd vervalt ieder recht op het voeren van het keurmerk${ref(x, 'SEBO-T13')}, ook als de tweede keuring dan nog loopt. Een positieve tweede keuring geeft daarna een nieuw certificaat.`,
            ]
          : []),
        ...(x.tweedeAfgewezen ? ['Wilt u het keurmerk weer voeren, dan kunt u het opnieuw aanvragen.'] : []),
        ...objection(x),
      ],
      staff: () => [
        `De herkeuring van ${x.bedrijf} (KvK ${x.kvk}) is niet positief afgerond${x.tweedeAfgewezen ? ', ook niet na de tweede keuring' : ''}. Het keurmerk vervalt op ${d(x.geldigTot)}.`,
        ...reason('Reden', x.reden),
        ...(x.tweedeKeuring ? ['De houder mag eenmalig een tweede keuring vragen.'] : []),
        ...objection(x),
      ],
    }),
  }),
  certificate: (x) => ({
    titel: 'certificaat',
    alineas: forReader(x, {
      applicant: () => [
        `Gefeliciteerd! U voert het ${x.regeling} van ${d(x.geldigVanaf)} tot en met ${d(x.geldigTot)}${ref(x, x.regel)}.`,
        `Het certificaat${x.certificaatnummer ? ` (nummer ${x.certificaatnummer})` : ''} is bijgevoegd. De certificerende instelling is geïnformeerd over de geldigheidsduur.`,
        ...(x.gesprek ? ['Elk jaar volgt een gesprek met uw accountmanager over wat u het afgelopen jaar heeft gedaan.'] : []),
        'Ongeveer drie maanden voor het einde van de geldigheid krijgt u bericht om de herkeuring te starten.',
      ],
      'certifying-institution': () => [
        `${x.eigenaar} heeft het ${x.regeling} verleend aan ${x.bedrijf} (KvK ${x.kvk}): geldig van ${d(x.geldigVanaf)} tot en met ${d(x.geldigTot)}${x.certificaatnummer ? `, certificaatnummer ${x.certificaatnummer}` : ''}.`,
        'Benader de houder ongeveer twee maanden voor de herkeuring om de audit in gang te zetten.',
      ],
      staff: () => [`Het ${x.regeling} van ${x.bedrijf} (KvK ${x.kvk}) geldt van ${d(x.geldigVanaf)} tot en met ${d(x.geldigTot)}${x.certificaatnummer ? ` (certificaat ${x.certificaatnummer})` : ''}.`],
    }),
  }),
  'validity-extended': (x) => ({
    titel: 'keurmerk verlengd',
    alineas: forReader(x, {
      applicant: () => [
        `Na een positieve herkeuring is uw ${x.regeling} verlengd tot en met ${d(x.geldigTot)}${ref(x, x.regel)}.`,
        `Het nieuwe certificaat${x.certificaatnummer ? ` (nummer ${x.certificaatnummer})` : ''} is bijgevoegd.`,
      ],
      staff: () => [`Het ${x.regeling} van ${x.bedrijf} (KvK ${x.kvk}) is na een positieve herkeuring verlengd tot en met ${d(x.geldigTot)}${x.certificaatnummer ? ` (certificaat ${x.certificaatnummer})` : ''}.`],
    }),
  }),
  'sebo-conversation': (x) => ({
    titel: 'jaarlijks gesprek met de accountmanager',
    alineas: forReader(x, {
      applicant: () => [
        `Het is tijd voor het jaarlijkse gesprek over het ${x.regeling} met uw accountmanager: wat heeft u het afgelopen jaar gedaan${ref(x, x.regel)}?`,
        `Het gesprek moet uiterlijk ${d(x.termijn)} gevoerd zijn. Uw accountmanager neemt contact met u op; neem uw doelstellingen en wat u daarvan heeft gerealiseerd mee.`,
      ],
      accountmanager: () => [
        `Het jaarlijkse gesprek met ${x.bedrijf} (KvK ${x.kvk}, contactpersoon ${contact(x)}) is aan de orde.`,
        `Voer het uiterlijk ${d(x.termijn)} en leg het vast met \`${command(x, 'conversation-held', '--notes "..."')}\`.`,
      ],
    }),
  }),
  'rekeuring-due': (x) => ({
    titel: 'herkeuring starten',
    alineas: forReader(x, {
      applicant: () => [
        `Uw ${x.regeling} verloopt op ${d(x.geldigTot)}. De herkeuring moet uiterlijk ${d(x.termijn)} gestart zijn${ref(x, x.regel)}.`,
        'De certificerende instelling neemt contact met u op om de audit in gang te zetten. Houd de bijlagen van de aanvraag bij de hand; bij een herkeuring wordt twee jaar teruggekeken.',
      ],
      'certifying-institution': () => [
        `Het ${x.regeling} van ${x.bedrijf} (KvK ${x.kvk}) verloopt op ${d(x.geldigTot)}; de herkeuring moet uiterlijk ${d(x.termijn)} gestart zijn.`,
        `Benader de houder (${contact(x)}) om de audit in gang te zetten en leg de start vast met \`${command(x, 'renewal-started')}\`.`,
      ],
      staff: () => [`Het ${x.regeling} van ${x.bedrijf} (KvK ${x.kvk}) verloopt op ${d(x.geldigTot)}; de herkeuring moet uiterlijk ${d(x.termijn)} gestart zijn (\`${command(x, 'renewal-started')}\`).`],
    }),
  }),
  lapsed: (x) => ({
    titel: 'keurmerk vervallen',
    alineas: forReader(x, {
      applicant: () => [
        `Uw ${x.regeling} is op ${d(x.geldigTot)} vervallen: er is geen herkeuring met positief resultaat${ref(x, x.regel)}.`,
        'Beëindig vanaf nu het gebruik van het keurmerk en het logo, op uw website en in uw documenten.',
        x.keuringLoopt
          ? 'De keuring die nog loopt gaat door; wordt het keurmerk daarna verleend, dan ontvangt u een nieuw certificaat.'
          : 'U kunt het keurmerk opnieuw aanvragen via uw accountmanager.',
        ...objection(x),
      ],
      staff: () => [
        `Het ${x.regeling} van ${x.bedrijf} (KvK ${x.kvk}) is op ${d(x.geldigTot)} vervallen.`,
        x.keuringLoopt ? 'De keuring die nog loopt gaat door.' : 'De zaak is gesloten; de houder staat niet meer in de openbare lijst.',
        ...objection(x),
      ],
    }),
  }),
  suspended: (x) => ({
    titel: 'keurmerk geschorst',
    alineas: forReader(x, {
      applicant: () => [
        `${x.eigenaar} heeft uw ${x.regeling} ${x.opEigenVerzoek ? 'op uw eigen verzoek ' : ''}geschorst tot uiterlijk ${d(x.tot)}${ref(x, x.regel)}.`,
        ...reason('Reden', x.reden),
        'Tijdens de schorsing mag u het keurmerk niet gebruiken en niet de indruk wekken dat u het voert. De openbare lijst van keurmerkhouders vermeldt de schorsing, en de andere keurmerkhouders worden geïnformeerd.',
        `Neem de oorzaak van de schorsing vóór ${d(x.tot)} weg en laat uw accountmanager weten wat u heeft gedaan. Gebeurt dat niet, dan kan ${x.eigenaar} het keurmerk intrekken.`,
        ...(x.opEigenVerzoek ? [] : objection(x)),
      ],
      staff: () => [
        `Het ${x.regeling} van ${x.bedrijf} (KvK ${x.kvk}) is ${x.opEigenVerzoek ? 'op verzoek van de houder ' : ''}geschorst tot uiterlijk ${d(x.tot)}.`,
        ...reason('Reden', x.reden),
        `Hef de schorsing op zodra de oorzaak is weggenomen (\`${command(x, 'lift-suspension', '--reason "..."')}\`), of trek het keurmerk in (\`${command(x, 'withdraw', '--ground suspension-terms-not-met --explanation "..."')}\`).`,
        ...(x.opEigenVerzoek ? [] : objection(x)),
      ],
    }),
  }),
  'suspension-extended': (x) => ({
    titel: 'schorsing verlengd',
    alineas: forReader(x, {
      applicant: () => [
        `${x.eigenaar} heeft de schorsing van uw ${x.regeling} eenmalig verlengd tot uiterlijk ${d(x.tot)}${ref(x, x.regel)}.`,
        ...reason('Reden', x.reden),
        `Neem de oorzaak vóór ${d(x.tot)} weg; verder verlengen is niet mogelijk.`,
        ...objection(x),
      ],
      staff: () => [
        `De schorsing van ${x.bedrijf} (KvK ${x.kvk}) is eenmalig verlengd tot uiterlijk ${d(x.tot)}; verder verlengen is niet mogelijk.`,
        ...reason('Reden', x.reden),
        ...objection(x),
      ],
    }),
  }),
  'suspension-lifted': (x) => ({
    titel: 'schorsing opgeheven',
    alineas: forReader(x, {
      applicant: () => [
        `${x.eigenaar} heeft de schorsing van uw ${x.regeling} opgeheven${ref(x, x.regel)}. U mag het keurmerk weer voeren; de openbare lijst vermeldt u weer als keurmerkhouder.`,
        ...reason('Toelichting', x.reden),
      ],
      staff: () => [`De schorsing van ${x.bedrijf} (KvK ${x.kvk}) is opgeheven; de openbare lijst vermeldt het bedrijf weer als keurmerkhouder.`, ...reason('Toelichting', x.reden)],
    }),
  }),
  'suspension-expired': (x) => ({
    titel: 'schorsingstermijn verstreken',
    alineas: [
      `De schorsing van ${x.bedrijf} (KvK ${x.kvk}) liep tot ${d(x.tot)} en is niet opgeheven${ref(x, x.regel)}.`,
      `Beslis over opheffen (\`${command(x, 'lift-suspension', '--reason "..."')}\`) of intrekken (\`${command(x, 'withdraw', '--ground suspension-terms-not-met --explanation "..."')}\`).`,
    ],
  }),
  withdrawn: (x) => ({
    titel: 'keurmerk ingetrokken',
    alineas: forReader(x, {
      applicant: () => [
        `${x.eigenaar} heeft uw ${x.regeling} ingetrokken${ref(x, x.regel)}.`,
        ...reason('Grond', WITHDRAWAL_GROUND[String(x.grond)] ?? x.grond),
        ...reason('Toelichting', x.toelichting),
        'Stop direct met het gebruik van het keurmerk en het logo. De intrekking wordt openbaar gemaakt; de kosten van die bekendmaking kunnen bij u in rekening worden gebracht.',
        ...objection(x),
      ],
      staff: () => [
        `Het ${x.regeling} van ${x.bedrijf} (KvK ${x.kvk}) is ingetrokken.`,
        ...reason('Grond', WITHDRAWAL_GROUND[String(x.grond)] ?? x.grond),
        ...reason('Toelichting', x.toelichting),
        'De zaak is gesloten; het bedrijf staat niet meer in de openbare lijst.',
        ...objection(x),
      ],
    }),
  }),
  'case-cancelled': (x) => ({
    titel: 'zaak geannuleerd',
    alineas: [
      `De zaak van ${x.bedrijf} voor het ${x.regeling} (KvK ${x.kvk}) is door een beheerder geannuleerd in de fase ${x.fase}.`,
      'Er lopen geen termijnen of herinneringen meer en er gaan geen e-mails meer uit over deze zaak. Is dit onterecht, start de zaak dan opnieuw.',
    ],
  }),
  'email-undeliverable': (x) => ({
    titel: `e-mail over ${x.bedrijf} niet afgeleverd`,
    alineas: [
      `De e-mail "${x.onderwerp}" over ${x.bedrijf} (KvK ${x.kvk}, ${x.regeling}) kon niet worden afgeleverd bij ${x.ontvangers}: de mailserver weigerde het adres voorgoed (${x.reden}).`,
      'De zaak loopt gewoon door; deze e-mail wordt niet opnieuw verstuurd.',
      'Controleer het e-mailadres, breng de ontvanger op een andere manier op de hoogte en laat een onjuist adres corrigeren.',
    ],
  }),
  'holder-informed': (x) => ({
    titel: `mededeling over ${x.over}`,
    alineas: [
      x.soort === 'geschorst' && x.tot
        ? `Ter informatie aan de keurmerkhouders: het ${x.regeling} van ${x.over} is geschorst tot uiterlijk ${d(x.tot)}${stepRef(x)}. Zolang de schorsing duurt, voert ${x.over} het keurmerk niet.`
        : x.soort === 'ingetrokken'
          ? `Ter informatie aan de keurmerkhouders: het ${x.regeling} van ${x.over} is ingetrokken${stepRef(x)}.`
          : `Ter informatie aan de keurmerkhouders: ${x.over}: ${x.wat}${stepRef(x)}.`,
      'U hoeft hiervoor niets te doen.',
    ],
  }),
  'criteria-changed': (x) => ({
    titel: `nieuwe criteria ${x.versie}`,
    alineas: [
      `De criteria van het ${x.regeling} zijn gewijzigd (versie ${x.versie}, gepubliceerd ${d(x.gepubliceerd)})${ref(x, 'SEBO-R1')}.`,
      ...(x.samenvatting ? [`Wat verandert: ${x.samenvatting}`] : []),
      `De nieuwe criteria worden bindend op ${d(x.bindend)}.`,
      `Gaat u niet akkoord, laat het dan vóór ${d(x.bindend)} weten aan uw accountmanager: voor u blijven de oude criteria dan gelden tot uiterlijk ${d(x.oudeCriteriaTot)}; daarna moet u het keurmerk opnieuw aanvragen.`,
    ],
  }),
  'criteria-reapply': (x) => ({
    titel: 'opnieuw aanvragen na wijziging van de criteria',
    alineas: forReader(x, {
      applicant: () => [
        `U ging niet akkoord met de criteria ${x.versie}. De oude criteria golden voor u tot ${d(x.oudeCriteriaTot)}${ref(x, x.regel ?? 'SEBO-R1')}.`,
        'Uw keurmerk onder de oude criteria is daarmee beëindigd. Vraag het keurmerk opnieuw aan via uw accountmanager om het te blijven voeren.',
      ],
      staff: () => [`${x.bedrijf} (KvK ${x.kvk}) ging niet akkoord met de criteria ${x.versie}; de oude criteria golden tot ${d(x.oudeCriteriaTot)}. Het keurmerk is beëindigd; het bedrijf kan opnieuw aanvragen.`],
    }),
  }),
  'ambassador-approved': (x) => ({
    titel: `${x.regeling} toegekend`,
    alineas: forReader(x, {
      applicant: () => [
        `De keurmerkhouders hebben ingestemd: u bent ambassadeur van het ${x.regeling}${x.geldigTot ? ` tot en met ${d(x.geldigTot)}` : ''}${ref(x, x.regel)}.`,
        'Als ambassadeur neemt u deel aan het netwerk van de gemeente en de keurmerkhouders.',
      ],
      staff: () => [`${x.bedrijf} (KvK ${x.kvk}) is ambassadeur${x.geldigTot ? ` tot en met ${d(x.geldigTot)}` : ''}.`],
    }),
  }),
  'ambassador-rejected': (x) => ({
    titel: `${x.regeling} niet toegekend`,
    alineas: forReader(x, {
      applicant: () => [
        `Het ${x.regeling} is niet aan u toegekend${x.vergadering ? `: de keurmerkhouders hebben op ${d(x.vergadering)} niet ingestemd` : ''}${ref(x, x.regel)}.`,
        ...reason('Reden', x.redenVergadering ?? x.reden),
        ...objection(x),
      ],
      staff: () => [
        `Het ${x.regeling} is niet toegekend aan ${x.bedrijf} (KvK ${x.kvk}).`,
        ...reason('Reden', x.redenVergadering ?? x.reden),
        ...objection(x),
      ],
    }),
  }),
  'waiting-period-over': (x) => ({
    titel: 'nieuwe keuring weer mogelijk',
    alineas: forReader(x, {
      applicant: () => [`De wachttijd na de tweede afwijzing is voorbij${ref(x, 'SEBO-T9')}: u kunt weer een keuring aanvragen. Neem daarvoor contact op met uw accountmanager.`],
      staff: () => [`De wachttijd van ${x.bedrijf} (KvK ${x.kvk}) na de tweede afwijzing is voorbij: er kan weer een keuring worden aangevraagd.`],
    }),
  }),
};

const WITHDRAWAL_GROUND: Record<string, string> = {
  'suspension-terms-not-met': 'de voorwaarden en termijnen van de schorsing zijn niet nagekomen',
  'misuse-in-bad-faith': 'het keurmerk is ook na herhaalde sommatie te kwader trouw gebruikt',
  'false-impression': 'zonder toestemming is de indruk gewekt dat het keurmerk is verleend',
};

/** Why an application cannot be handled, by the domain's finding kind (domain/eligibility.ts). */
function notEligibleWording(x: Data, kind: string): string {
  const where = Array.isArray(x.vestigingIn) && x.vestigingIn.length ? (x.vestigingIn as string[]).join(' of ') : 'het gebied van deze regeling';
  switch (kind) {
    case 'establishment':
      return `Het bedrijf heeft geen vestiging in ${where}${ref(x, 'SEBO-E1')}.`;
    case 'zzp':
      return 'Deze regeling staat niet open voor zelfstandigen zonder personeel.';
    case 'affiliation':
      return `De organisatievorm past niet bij deze regeling: aan de gemeente gelieerde organisaties en door de gemeente gesubsidieerde stichtingen kunnen het keurmerk niet krijgen${ref(x, 'SEBO-E2')}.`;
    case 'look-back':
      return `Er moet minimaal één jaar (bij een herkeuring twee jaar) kunnen worden teruggekeken om te zien of de doelstellingen zijn behaald${ref(x, 'SEBO-E3')}.`;
    default:
      return kind;
  }
}

NOTICES['not-eligible'] = (x) => {
  const alternatives = (x.alternatieven as string[] | undefined) ?? [];
  const reasons = ((x.redenen as string[] | undefined) ?? []).map((kind) => `- ${notEligibleWording(x, kind)}`);
  return {
    titel: 'aanvraag kan niet in behandeling worden genomen',
    alineas: forReader(x, {
      applicant: () => [
        `Uw aanvraag voor het ${x.regeling} kan niet in behandeling worden genomen; niet voldaan is aan:`,
        ...reasons,
        ...(alternatives.length ? [`U kunt wel een aanvraag doen voor: ${alternatives.map(schemeLabel).join(', ')}${ref(x, 'SEBO-A1')}. Uw accountmanager helpt u daarbij.`] : []),
        ...objection(x),
      ],
      staff: () => [
        `De aanvraag van ${x.bedrijf} (KvK ${x.kvk}) voor het ${x.regeling} voldoet niet aan de voorwaarden:`,
        ...reasons,
        ...(alternatives.length ? [`Wel mogelijk: ${alternatives.map(schemeLabel).join(', ')}.`] : []),
        ...objection(x),
      ],
    }),
  };
};

NOTICES['renewal-reapply'] = (x) => ({
  titel: 'verloopt binnenkort',
  alineas: forReader(x, {
    applicant: () => [`Uw ${x.regeling} verloopt op ${d(x.geldigTot)}${ref(x, x.regel)}. Wilt u het blijven voeren, vraag het dan opnieuw aan via uw accountmanager, zodat het op tijd op de agenda van de bijeenkomst van keurmerkhouders komt.`],
    staff: () => [`Het ${x.regeling} van ${x.bedrijf} (KvK ${x.kvk}) verloopt op ${d(x.geldigTot)}. Bespreek met ${contact(x)} een nieuwe aanvraag.`],
  }),
});

NOTICES['lapse-warning'] = (x) => ({
  titel: `keurmerk vervalt op ${d(x.geldigTot)}`,
  alineas: forReader(x, {
    applicant: () => [
      `Uw ${x.regeling} vervalt op ${d(x.geldigTot)}: er is geen herkeuring met positief resultaat${ref(x, x.regel)}.`,
      'Na die datum mag u het keurmerk en het logo niet meer gebruiken. Loopt er nog een herkeuring, neem dan contact op met de certificerende instelling.',
    ],
    staff: () => [`Het ${x.regeling} van ${x.bedrijf} (KvK ${x.kvk}) vervalt op ${d(x.geldigTot)}: er is geen herkeuring met positief resultaat.`],
  }),
});

// The other schemes' notices (activities/email/wording-schemes.ts); a definition's flow names them.
Object.assign(NOTICES, SCHEME_NOTICES);

/** The rule ids a notice is about (for the X-Keurmerk-Rule header): the step's rule and the ones it cites. */
export function noticeRules(x: Data): string[] {
  const out = new Set<string>();
  for (const r of [x.regel, ...((x.regels as unknown[] | undefined) ?? [])]) if (typeof r === 'string' && r) out.add(r);
  return [...out];
}
