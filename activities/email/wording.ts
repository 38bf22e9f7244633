// The Dutch wording of every email that is not a template of its own: what each human action is
// called in a reminder, and the paragraphs of each notice. Kept beside the templates so all the
// text an employer reads is in this folder. Rule ids in brackets let a reader find the rule.
import { DateTime } from 'luxon';
import { SCHEME_NOTICES } from './wording-schemes';
import { builtInSchemes } from '../../domain/catalogue';

/** A scheme as a reader knows it: its name, with the id the accountmanager types (e.g. "SEBO-ambassadeurschap (sebo-ambassadeur)"). */
function schemeLabel(id: string): string {
  const scheme = builtInSchemes.find((s) => s.id === id);
  return scheme ? `het ${scheme.name} (${id})` : id;
}

/** How each human action (an Update of a case) reads in an email. */
export const ACTION_WORDING: Record<string, string> = {
  // The rule the step carries is shown beside it by the template ({{regel}}, from the scheme definition).
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

export function actionWording(action: string): string {
  return ACTION_WORDING[action] ?? action;
}

/**
 * The rule a notice cites: the one the case's definition gives (`regel`, e.g. WP-3 for a Werkpakt
 * suspension), else SEBO's own (the SEBO workflow code passes none), so no other scheme's email names SEBO.
 */
function rule(x: Record<string, unknown>, sebo: string): string {
  return typeof x.regel === 'string' && x.regel ? x.regel : sebo;
}

function d(value: unknown): string {
  if (typeof value !== 'string') return '';
  const dt = DateTime.fromISO(value, { zone: 'Europe/Amsterdam' });
  return dt.isValid ? dt.setLocale('nl').toFormat('d MMMM yyyy') : value;
}

type Data = Record<string, unknown>;
type Notice = (x: Data) => { titel: string; alineas: string[] };

/** Notices: one email that tells something happened, keyed by kind. */
export const NOTICES: Record<string, Notice> = {
  'application-received': (x) => ({
    titel: 'aanvraag ontvangen',
    alineas: [
      `De aanvraag van ${x.bedrijf} voor het ${x.regeling} is ontvangen.`,
      'Voordat de aanvraag in behandeling wordt genomen, maakt de accountmanager een afspraak voor een kennismakingsgesprek (SEBO-T1).',
    ],
  }),
  'meeting-scheduled': (x) => ({
    titel: `aanvraag op de agenda van ${d(x.vergadering)}`,
    alineas: [
      `De aanvraag van ${x.bedrijf} wordt voorgelegd op de bijeenkomst van keurmerkhouders van ${d(x.vergadering)} (SEBO-T2).`,
      'De accountmanager informeert u over de uitkomst.',
    ],
  }),
  'meeting-approved': (x) => ({
    titel: 'positief advies van de keurmerkhouders',
    alineas: [
      `De keurmerkhouders hebben op ${d(x.vergadering)} besloten dat de aanvraag van ${x.bedrijf} verder in behandeling wordt genomen (SEBO-T2).`,
      'De accountmanager stuurt de aanvraag door naar de certificerende instelling (SEBO-T3).',
    ],
  }),
  'meeting-rejected': (x) => ({
    titel: 'aanvraag niet verder in behandeling',
    alineas: [`De keurmerkhouders hebben op ${d(x.vergadering)} besloten de aanvraag van ${x.bedrijf} niet verder in behandeling te nemen (SEBO-T2).`],
  }),
  'meeting-deferred': (x) => ({
    titel: `aanvraag uitgesteld naar ${d(x.volgendeVergadering)}`,
    alineas: [`De aanvraag van ${x.bedrijf} is uitgesteld en wordt opnieuw voorgelegd op de bijeenkomst van ${d(x.volgendeVergadering)} (SEBO-T2).`],
  }),
  'forwarded-to-ci': (x) => ({
    titel: 'aanvraag doorgestuurd naar de certificerende instelling',
    alineas: [
      `De aanvraag van ${x.bedrijf} (KvK ${x.kvk}) is doorgestuurd naar de certificerende instelling (SEBO-T3).`,
      'De ondernemer stuurt alle bijlagen mee (SEBO-D1).',
      `De certificerende instelling maakt uiterlijk ${d(x.termijn)} een afspraak voor de audit (SEBO-T4).`,
    ],
  }),
  'audit-findings': (x) => ({
    titel: 'bevindingen van de audit',
    alineas: [
      `De audit bij ${x.bedrijf} is uitgevoerd op ${d(x.auditDatum)}.`,
      `Correctieve maatregelen of aanvullende documenten die uiterlijk ${d(x.termijn)} binnen zijn, worden nog meegenomen (SEBO-T5).`,
    ],
  }),
  'advice-copy': (x) => ({
    titel: 'kopie van het advies van de certificerende instelling',
    alineas: [
      `De certificerende instelling heeft op ${d(x.rapportDatum)} gerapporteerd met het advies: ${x.advies === 'positive' ? 'verlenen' : 'niet verlenen'} (SEBO-T6).`,
      ...(x.verschilVanInzicht ? ['Er is verschil van inzicht; beide partijen worden gehoord voordat de gemeente beslist.'] : []),
      `De gemeente beslist uiterlijk ${d(x.termijn)} (SEBO-T7).`,
    ],
  }),
  'decision-granted': (x) => ({
    titel: 'keurmerk verleend',
    alineas: [`De gemeente Zoetermeer heeft besloten het ${x.regeling} te verlenen aan ${x.bedrijf} (SEBO-T7).`],
  }),
  'decision-rejected': (x) => ({
    titel: 'keurmerk niet verleend',
    alineas: [
      `De gemeente Zoetermeer heeft besloten het ${x.regeling} niet te verlenen aan ${x.bedrijf} (SEBO-T7).`,
      'U kunt eenmalig een tweede keuring aanvragen zodra u de certificerende instelling laat weten dat de oorzaken van de afwijzing zijn weggenomen (SEBO-T8).',
    ],
  }),
  'decision-rejected-final': (x) => ({
    titel: 'keurmerk ook na tweede keuring niet verleend',
    alineas: [
      `Ook na de tweede keuring is het ${x.regeling} niet verleend aan ${x.bedrijf}.`,
      `Een nieuwe keuring kan worden aangevraagd vanaf ${d(x.wachtTot)} (SEBO-T9).`,
    ],
  }),
  'renewal-rejected': (x) => ({
    titel: 'herkeuring niet positief',
    alineas: [
      x.tweedeAfgewezen
        ? `Ook de tweede keuring van ${x.bedrijf} is niet positief afgerond (SEBO-T8).`
        : `De herkeuring van ${x.bedrijf} is niet positief afgerond. Het keurmerk vervalt op ${d(x.geldigTot)} (SEBO-T13).`,
      ...(x.tweedeKeuring
        ? [
            'U kunt eenmalig een tweede keuring aanvragen zodra u de certificerende instelling laat weten dat de oorzaken van de afwijzing zijn weggenomen (SEBO-T8).',
            `Tot ${d(x.geldigTot)} mag u het keurmerk blijven voeren, niet langer: bij het einde van de looptijd vervalt ieder recht op het voeren van het keurmerk (reglement, artikel 2c), ook als de tweede keuring dan nog loopt. Een positieve tweede keuring geeft daarna een nieuw certificaat.`,
          ]
        : []),
      ...(x.tweedeAfgewezen ? ['Wilt u het keurmerk weer voeren, dan kunt u het opnieuw aanvragen.'] : []),
    ],
  }),
  certificate: (x) => ({
    titel: 'certificaat',
    alineas: [
      `Gefeliciteerd! ${x.bedrijf} voert het ${x.regeling} van ${d(x.geldigVanaf)} tot en met ${d(x.geldigTot)} (SEBO-T10).`,
      'Het certificaat is bijgevoegd. De certificerende instelling is geïnformeerd over de geldigheidsduur.',
      'Elk jaar volgt een SEBO-gesprek met uw accountmanager (SEBO-T11).',
    ],
  }),
  'validity-extended': (x) => ({
    titel: 'keurmerk verlengd',
    alineas: [`Na een positieve herkeuring is het ${x.regeling} van ${x.bedrijf} verlengd tot en met ${d(x.geldigTot)} (SEBO-T10, SEBO-T12). Het nieuwe certificaat is bijgevoegd.`],
  }),
  'sebo-conversation': (x) => ({
    titel: 'jaarlijks SEBO-gesprek',
    alineas: [`Het is tijd voor het jaarlijkse SEBO-gesprek van ${x.bedrijf} met de accountmanager: wat is het afgelopen jaar gedaan (SEBO-T11)? Graag uiterlijk ${d(x.termijn)}.`],
  }),
  'rekeuring-due': (x) => ({
    titel: 'herkeuring starten',
    alineas: [
      `Het ${x.regeling} van ${x.bedrijf} verloopt op ${d(x.geldigTot)}. De herkeuring moet uiterlijk ${d(x.termijn)} gestart zijn (SEBO-T12).`,
      'De certificerende instelling neemt contact op om de audit in gang te zetten.',
    ],
  }),
  lapsed: (x) => ({
    titel: 'keurmerk vervallen',
    alineas: [
      `Het ${x.regeling} van ${x.bedrijf} is op ${d(x.geldigTot)} vervallen (SEBO-T13).`,
      'Het gebruik van het keurmerk en het logo moet worden beëindigd.',
      x.keuringLoopt
        ? 'De keuring die nog loopt gaat door; wordt het keurmerk daarna verleend, dan ontvangt u een nieuw certificaat.'
        : 'U kunt opnieuw een aanvraag doen.',
    ],
  }),
  suspended: (x) => ({
    titel: 'keurmerk geschorst',
    alineas: [
      `Het ${x.regeling} van ${x.bedrijf} is geschorst tot uiterlijk ${d(x.tot)} (${rule(x, 'SEBO-R2')}).`,
      ...(x.reden ? [`Reden: ${x.reden}.`] : []),
      `Tijdens de schorsing mag het keurmerk niet worden gebruikt; de openbare lijst van keurmerkhouders vermeldt de schorsing (${rule(x, 'SEBO-R2, SEBO-R6')}).`,
    ],
  }),
  'suspension-extended': (x) => ({
    titel: 'schorsing verlengd',
    alineas: [`De schorsing van het ${x.regeling} van ${x.bedrijf} is eenmalig verlengd tot uiterlijk ${d(x.tot)} (${rule(x, 'SEBO-R2')}).`],
  }),
  'suspension-lifted': (x) => ({
    titel: 'schorsing opgeheven',
    alineas: [`De schorsing van het ${x.regeling} van ${x.bedrijf} is opgeheven; de openbare lijst vermeldt het bedrijf weer als keurmerkhouder (${rule(x, 'SEBO-R2, SEBO-R6')}).`],
  }),
  'suspension-expired': (x) => ({
    titel: 'schorsingstermijn verstreken',
    alineas: [`De schorsing van ${x.bedrijf} liep tot ${d(x.tot)} en is niet opgeheven. De gemeente beslist over opheffen of intrekken (SEBO-R2, SEBO-R3).`],
  }),
  withdrawn: (x) => ({
    titel: 'keurmerk ingetrokken',
    alineas: [`Het ${x.regeling} van ${x.bedrijf} is ingetrokken (${rule(x, 'SEBO-R3')}). Het gebruik van het keurmerk moet direct stoppen.`],
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
    alineas: [`Ter informatie aan de keurmerkhouders: ${x.over}: ${x.wat} (SEBO-R2, SEBO-R3).`],
  }),
  'criteria-changed': (x) => ({
    titel: `nieuwe criteria ${x.versie}`,
    alineas: [
      `De criteria van het ${x.regeling} zijn gewijzigd (versie ${x.versie}, gepubliceerd ${d(x.gepubliceerd)}) (SEBO-R1).`,
      ...(x.samenvatting ? [`Wat verandert: ${x.samenvatting}`] : []),
      `De nieuwe criteria worden bindend op ${d(x.bindend)}.`,
      `Gaat u niet akkoord, laat het dan weten: voor u blijven de oude criteria dan gelden tot uiterlijk ${d(x.oudeCriteriaTot)}; daarna moet u het keurmerk opnieuw aanvragen.`,
    ],
  }),
  'criteria-reapply': (x) => ({
    titel: 'opnieuw aanvragen na wijziging van de criteria',
    alineas: [
      `${x.bedrijf} ging niet akkoord met de criteria ${x.versie}. De oude criteria golden tot ${d(x.oudeCriteriaTot)} (SEBO-R1).`,
      'Het keurmerk onder de oude criteria is beëindigd. Vraag het keurmerk opnieuw aan om het te blijven voeren.',
    ],
  }),
  'ambassador-approved': (x) => ({
    titel: 'SEBO-ambassadeurschap toegekend',
    alineas: [`De keurmerkhouders hebben ingestemd: ${x.bedrijf} is SEBO-ambassadeur (SEBO-A1).`],
  }),
  'ambassador-rejected': (x) => ({
    titel: 'SEBO-ambassadeurschap niet toegekend',
    alineas: [`Het SEBO-ambassadeurschap is niet toegekend aan ${x.bedrijf} (SEBO-A1).`],
  }),
  'waiting-period-over': (x) => ({
    titel: 'nieuwe keuring weer mogelijk',
    alineas: [`De wachttijd van ${x.bedrijf} na de tweede afwijzing is voorbij: er kan weer een keuring worden aangevraagd (SEBO-T9).`],
  }),
};

/** Why an application cannot be handled, by the domain's finding kind (domain/eligibility.ts). */
const NOT_ELIGIBLE_WORDING: Record<string, string> = {
  establishment: 'Het bedrijf heeft geen vestiging in Zoetermeer (SEBO-E1).',
  zzp: 'Deze regeling staat niet open voor zelfstandigen zonder personeel (SEBO-E1).',
  affiliation: 'De organisatievorm past niet bij deze regeling: aan de gemeente gelieerde organisaties en door de gemeente gesubsidieerde stichtingen kunnen het keurmerk niet krijgen, alleen het ambassadeurschap (SEBO-E2).',
  'look-back': 'Er moet minimaal één jaar (bij een herkeuring twee jaar) kunnen worden teruggekeken (SEBO-E3).',
};

NOTICES['not-eligible'] = (x) => ({
  titel: 'aanvraag kan niet in behandeling worden genomen',
  alineas: [
    `De aanvraag van ${x.bedrijf} voor het ${x.regeling} voldoet niet aan de voorwaarden (${((x.regels as string[] | undefined) ?? ['SEBO-E1', 'SEBO-E2', 'SEBO-E3']).join(', ')}):`,
    ...((x.redenen as string[] | undefined) ?? []).map((kind) => NOT_ELIGIBLE_WORDING[kind] ?? kind),
    ...(((x.alternatieven as string[] | undefined) ?? []).length
      ? [`Deze organisatie kan wel een aanvraag doen voor: ${(x.alternatieven as string[]).map(schemeLabel).join(', ')} (SEBO-A1).`]
      : []),
  ],
});

NOTICES['renewal-reapply'] = (x) => ({
  titel: 'verlopen binnenkort',
  alineas: [`Het ${x.regeling} van ${x.bedrijf} verloopt op ${d(x.geldigTot)}. Wilt u het blijven voeren, dan kunt u het opnieuw aanvragen.`],
});

NOTICES['lapse-warning'] = (x) => ({
  titel: `keurmerk vervalt op ${d(x.geldigTot)}`,
  alineas: [
    `Het ${x.regeling} van ${x.bedrijf} vervalt op ${d(x.geldigTot)}: er is geen herkeuring met positief resultaat (SEBO-T12, SEBO-T13).`,
    'Na die datum mag het keurmerk en het logo niet meer worden gebruikt.',
  ],
});

// The other schemes' notices (activities/email/wording-schemes.ts); a definition's flow names them.
Object.assign(NOTICES, SCHEME_NOTICES);
