// SEBO-Keurmerk, Zoetermeer: seed 004 (Criteria SEBO-Keurmerk, geldig per 7 maart 2019, with
// bijlage 1 toetsingskader, bijlage 2 keuringsprocedure and bijlage 3 keurmerkreglement).
import type { MeetingCalendar, SchemeDefinitionInput } from '../scheme';

/** SEBO-T2, SEBO-A1: the members' meeting, "3 keer per jaar"; the dates are a decision (see decisions below). */
export const seboMeetings: MeetingCalendar = {
  schedule: { kind: 'rule', nth: 2, weekday: 2, months: [2, 6, 10] },
  time: '16:00',
  agendaCutOff: 'P3W',
};

/** 3.1: the nine local programmes of the toetsingskader. */
export const seboLocalProgrammes = [
  'On Stage',
  'In de lift',
  'Next Step',
  'Richting werk',
  'Living Lab Palenstein',
  'Sebo project',
  'Een verrassend gesprek',
  'Ondernemers voor ondernemers',
  'Overige werkgelegenheidsprojecten vanuit ZHC (statushouders, ouderen, ...)',
];

export const sebo: SchemeDefinitionInput = {
  id: 'sebo',
  name: 'SEBO-Keurmerk',
  kind: 'keurmerk',
  owner: 'Gemeente Zoetermeer',
  source: 'seed 004: Criteria SEBO-Keurmerk (EP SEBO, geldig per 7 maart 2019), bijlagen 1-3',
  certificate: {
    colour: '#00497a',
    accent: '#e87722',
    logoText: 'SEBO',
    // A hand, open upwards, under a small roof: "sociaal economisch betrokken" (our own drawing).
    logoPath: 'M20 62 L50 38 L80 62 L74 62 L50 44 L26 62 Z M30 66 Q50 84 70 66 L66 66 Q50 78 34 66 Z',
    issuer: 'Gemeente Zoetermeer',
    place: 'Zoetermeer',
    signatory: 'namens het college van burgemeester en wethouders van Zoetermeer',
  },
  rules: [
    'SEBO-E1', 'SEBO-E2', 'SEBO-E3', 'SEBO-D1',
    'SEBO-T1', 'SEBO-T2', 'SEBO-T3', 'SEBO-T4', 'SEBO-T5', 'SEBO-T6', 'SEBO-T7', 'SEBO-T8', 'SEBO-T9',
    'SEBO-T10', 'SEBO-T11', 'SEBO-T12', 'SEBO-T13',
    'SEBO-R1', 'SEBO-R2', 'SEBO-R3', 'SEBO-R4', 'SEBO-R5', 'SEBO-R6',
  ],
  procedure: { intake: true, membersMeeting: true, audit: true, secondKeuringen: 1, suspensionExtensions: 1, certificate: true },
  periods: {
    auditWithin: 'P1M',
    supplementsWithin: 'P2W',
    reportWithin: 'P4W',
    decisionWithin: 'P2W',
    waitAfterSecondRejection: 'P1Y',
    validityFirst: 'P2Y',
    validityRenewal: 'P2Y',
    conversationEvery: 'P1Y',
    renewalReminderBefore: 'P3M',
    renewalEscalationBefore: 'P2M',
    suspensionMax: 'P6M',
    suspensionExtensionMax: 'P6M',
    criteriaTransition: 'P6M',
    criteriaOptOutMax: 'P1Y',
  },
  meetings: seboMeetings,
  eligibility: {
    establishmentIn: ['Zoetermeer'],
    zzpAllowed: true,
    excludedAffiliations: ['municipal-entity', 'subsidised-foundation'],
    lookBackFirst: 'P1Y',
    lookBackRenewal: 'P2Y',
  },
  documents: [
    { id: 'organisation-description', label: 'Organisatiebeschrijving (een verwijzing naar de website mag ook)' },
    { id: 'kvk-extract', label: 'Uittreksel KvK (niet ouder dan één jaar)', maxAge: 'P1Y' },
    { id: 'sebo-goals', label: 'Overzicht doelstellingen Sociaal Economisch Betrokken Ondernemen' },
    { id: 'accountmanager-contact', label: 'Contactgegevens accountmanager WSP Zoetermeer' },
    { id: 'plan-of-approach', label: 'Plan van aanpak met de accountmanager WSP ZHC' },
    { id: 'external-partners', label: 'Overzicht externe samenwerkingspartners sociaal betrokken ondernemen' },
    { id: 'inflow-measures', label: 'Maatregelen voor in- en doorstroom van kwetsbare groepen' },
    { id: 'unpaid-hours', label: 'Overzicht uren onbezoldigde inzet voor Zoetermeerse doelen' },
  ],
  criteria: [
    { id: '1.1', title: 'Sollicitatiewerkwijze die diversiteit bevordert', assessedBy: 'De procedure of werkwijze is schriftelijk vastgelegd; personeelsopbouw gecontroleerd' },
    { id: '1.2', title: 'Aandacht voor in- en doorstroom van kwetsbare groepen', assessedBy: 'Accountmanager WSP bekend; aantal in- en doorgestroomde kandidaten' },
    { id: '1.3', title: 'Opleidingsbeleid', assessedBy: 'Opleidingsbeleid vastgelegd in de organisatie' },
    { id: '1.4', title: 'Werknemers volgen daadwerkelijk opleidingen', assessedBy: 'Ingezette opleidingen die daadwerkelijk zijn gevolgd' },
    { id: '1.5', title: 'Werk-privébalans (parttime, plaats- en tijdonafhankelijk werken, CAO)', assessedBy: 'Beleid vastgelegd in de organisatie' },
    { id: '1.6', title: 'Loopbaanbegeleiding', assessedBy: 'Beleid vastgelegd; maandelijks voortgangsdocument aan de jobcoach' },
    { id: '1.7', title: 'Jaarlijks meetbare SEBO-doelstellingen, jaarlijks geëvalueerd', assessedBy: 'A4 met SEBO-doelstellingen per jaar (eerste aanvraag: 1 jaar terug; herkeuring: 2 jaar)' },
    { id: '2.1', title: 'Stageplaatsen, duale werkplekken, aangepaste werkplekken met interne doelstelling', assessedBy: 'Beleid en doelstelling; hoeveel kandidaten' },
    { id: '2.2', title: 'Kennis en good practice delen met externe partijen', assessedBy: 'Navraag en voorbeelden' },
    { id: '3.1', title: 'Samenwerking met onderwijsinstellingen en deelname aan 1 van 9 lokale programma\'s', assessedBy: 'Minimaal 1 samenwerkingsvorm; niet aangemeld voor 1 van de 9: geen goedkeuring', hardFail: true },
    { id: '4.1', title: 'Inzet voor sociale en maatschappelijke doelen in Zoetermeer', assessedBy: 'Activiteiten en uren op jaarbasis; zzp: geen aantoonbare 80 uur per jaar onbezoldigd, geen goedkeuring', hardFail: true },
  ],
  assessment: {
    method: 'sebo-checklist',
    zzpMinUnpaidHours: 80,
    minEducationForms: 1,
    minLocalProgrammes: 1,
    localProgrammes: seboLocalProgrammes,
  },
  benefits: [
    { label: 'Voorkeur bij enkelvoudig en meervoudig onderhandse aanbestedingen van de gemeente (mits goede prijs/kwaliteit)' },
    { label: 'Vermelding in de lijst van keurmerkhouders op www.tzho.nl en www.zoetermeer.nl', rule: 'SEBO-R6' },
  ],
  notes: [
    'Audit ca. 2 uur op locatie + 1 uur rapportage; bij meer vestigingen een representatieve steekproef (SEBO-T4).',
    'Geschillen (SEBO-R4): interpretatieadvies van het WSP; bindend advies van een ad-hoc Geschillencommissie van 3 (één afgevaardigde per partij en een onafhankelijke voorzitter).',
    'Vertrouwelijkheid (SEBO-R5): tot personen of organisaties herleidbare gegevens blijven geheim; auditrapporten worden niet openbaar gemaakt.',
    'Openbaarheid (SEBO-R6): de lijst van keurmerkhouders staat op www.tzho.nl en www.zoetermeer.nl; schorsingen en intrekkingen worden gepubliceerd (SEBO-R2, SEBO-R3).',
  ],
  decisions: [
    {
      about: "Members' meeting dates (SEBO-T2)",
      choice: 'Second Tuesday of February, June and October at 16:00; the agenda closes 3 weeks before',
      why: 'The seed only says "3 keer per jaar". Four-month spacing avoids the summer and Christmas holidays; 3 weeks gives the accountmanager time to send the agenda to the holders. Replace by a list of dates when the real dates are set.',
    },
    {
      about: 'Renewal reminders (SEBO-T12)',
      choice: 'Remind holder and CI at expiry − 3 months; escalate to the accountmanager at expiry − 2 months if the re-keuring has not started',
      why: 'The re-keuring must have started 3 months before expiry (§7.3) and the CI approaches the holder about 2 months before (bijlage 2, 11); DOMAIN.md decision.',
    },
    {
      about: 'Criterion numbering',
      choice: 'The numbering of bijlage 1 (toetsingskader): 1.1–1.7, 2.1, 2.2, 3.1, 4.1',
      why: 'The CI scores against bijlage 1; chapter 5 numbers the same criteria 1.1–1.6 (training policy and followed training are one item there).',
    },
    {
      about: '4.1 for companies with staff',
      choice: "The auditor's judgement (met / not met); the 80 unpaid hours are a hard minimum only for a zzp",
      why: 'The toetsingskader asks companies with staff for activities and hours without a minimum.',
    },
    {
      about: 'Counting a period',
      choice: 'A period runs to the end of its last calendar day in Europe/Amsterdam; months are calendar months (31 January + 1 month = end of February)',
      why: 'How Dutch procedural periods ("binnen een maand na ontvangst") are read; the same rule for every scheme.',
    },
    {
      about: 'Validity after a renewal',
      choice: 'A renewal decided before the old expiry runs from that expiry; otherwise from the decision day',
      why: 'A timely re-keuring (started 3 months early) must not shorten the holder\'s 2 years.',
    },
  ],
};

/** SEBO-A1 / SEBO-E2: the ambassadorship for municipal entities and subsidised foundations. */
export const seboAmbassadeur: SchemeDefinitionInput = {
  id: 'sebo-ambassadeur',
  name: 'SEBO-ambassadeurschap',
  kind: 'ambassadeurschap',
  owner: 'Gemeente Zoetermeer',
  source: 'seed 004, paragraaf 2A: Hoe vraagt een rechtspersoon het SEBO-ambassadeurschap aan?',
  rules: ['SEBO-A1', 'SEBO-E2'],
  procedure: { intake: true, membersMeeting: true, audit: false, secondKeuringen: 0, suspensionExtensions: 0, certificate: false },
  periods: {
    validityFirst: 'P2Y',
    validityRenewal: 'P2Y',
    renewalReminderBefore: 'P3M',
  },
  meetings: seboMeetings,
  eligibility: {
    establishmentIn: ['Zoetermeer'],
    zzpAllowed: false,
    requiredAffiliations: ['municipal-entity', 'subsidised-foundation'],
  },
  documents: [{ id: 'subsidy-granted', label: 'Toegekende subsidie', required: false }],
  criteria: [
    { id: 'A1', title: 'Positief advies van de accountmanager na het gesprek', assessedBy: 'Accountmanager' },
    { id: 'A2', title: 'Akkoord van de SEBO-keurmerkhouders in de bijeenkomst', assessedBy: 'Ledenbijeenkomst (3 keer per jaar)' },
  ],
  assessment: { method: 'members-approval' },
  decisions: [
    {
      about: 'Term of the ambassadorship',
      choice: '2 years, with a reminder 3 months before the end',
      why: 'Paragraph 2A sets no term; it follows the SEBO-Keurmerk so both are reviewed in the same rhythm.',
    },
  ],
  notes: ['Aanvraag via het Ondernemershuis Ter Zake (TZHO); digitaal indienen na positief advies van de accountmanager.'],
};
