// Werkpakt-keurmerk, Enschede: seed 000.
import type { SchemeDefinitionInput } from '../scheme';

export const werkpakt: SchemeDefinitionInput = {
  id: 'werkpakt',
  name: 'Werkpakt-keurmerk',
  kind: 'keurmerk',
  owner: 'Gemeente Enschede',
  source: 'seed 000: Werkpakt: keurmerk sociale ondernemers (gemeente Enschede)',
  rules: ['WP-1', 'WP-2', 'WP-3', 'WP-4', 'WP-5'],
  // The seed's own headings: what an employer reads instead of our rule ids.
  references: {
    'WP-1': 'Werkpakt-keurmerk, "Aanvragen" en "Criteria" (de ABC-criteria)',
    'WP-2': 'Werkpakt-keurmerk, "Criteria" (minimaal 100 punten op de ABC-criteria)',
    'WP-3': 'Werkpakt-keurmerk, "Voorwaarden" (reïntegratiebedrijven, integriteit)',
    'WP-4': 'Werkpakt-keurmerk, "Voorwaarden" (beoordeling binnen 6 weken, geldigheid)',
    'WP-5': 'Werkpakt-keurmerk, "Werkpakt-ondernemers profiteren van"',
  },
  objection: {
    paragraphs: [
      'Bent u het niet eens met dit besluit, dan kunt u binnen zes weken na de datum van deze e-mail schriftelijk bezwaar maken bij het college van burgemeester en wethouders van de gemeente Enschede, via werkpakt-keurmerk@enschede.nl. Vermeld uw KvK-nummer, het besluit en waarom u het er niet mee eens bent. Vragen? Bel het ondernemersloket: 053 – 481 51 50.',
    ],
    reference: 'Algemene wet bestuursrecht, artikel 6:7 (het Werkpakt-keurmerk noemt zelf geen bezwaarroute)',
  },
  procedure: { intake: false, membersMeeting: false, audit: false, secondKeuringen: 0, suspensionExtensions: 0, certificate: true },
  flow: {
    receivedRule: 'WP-1',
    received: { notice: 'aanvraag-ontvangen', to: ['employer', 'accountmanager'] },
    notEligible: { rule: 'WP-3', mail: { notice: 'niet-in-aanmerking', to: ['employer', 'accountmanager'] } },
    steps: [
      {
        id: 'screening',
        stage: 'SCREENING',
        action: 'integrityScreened',
        actor: 'municipality',
        rule: 'WP-3',
        due: { from: 'application', period: 'decisionWithin' },
        onEnter: { notice: 'beoordeling-gevraagd', to: ['municipality'] },
        outcomes: {
          cleared: { step: 'decision' },
          excluded: { end: 'EXCLUDED', mail: { notice: 'uitgesloten', to: ['employer', 'accountmanager'] } },
        },
      },
      {
        id: 'decision',
        stage: 'DECISION',
        action: 'decision',
        actor: 'municipality',
        rule: 'WP-4',
        due: { from: 'application', period: 'decisionWithin' },
        onEnter: { notice: 'besluit-gevraagd', to: ['municipality'] },
        outcomes: {
          granted: { grant: true, mail: { notice: 'besluit-verleend', to: ['employer', 'accountmanager'] } },
          rejected: { reject: true },
        },
      },
    ],
    rejection: { final: { rule: 'WP-4', mail: { notice: 'besluit-afgewezen', to: ['employer', 'accountmanager'] } } },
    holder: {
      certificate: { rule: 'WP-4', mail: { notice: 'certificaat-verleend', to: ['employer'] }, renewedNotice: 'certificaat-verleend' },
      renewal: {
        rule: 'WP-4',
        label: 'renewal',
        actor: 'accountmanager',
        restartAt: 'screening',
        mail: { notice: 'verlenging-aanvragen', to: ['employer', 'accountmanager'] },
        rejectedMail: { notice: 'verlenging-afgewezen', to: ['employer', 'accountmanager'] },
      },
      lapse: {
        rule: 'WP-4',
        warning: true,
        mail: { notice: 'vervallen', to: ['employer', 'accountmanager'] },
        warningMail: { notice: 'vervalt-binnenkort', to: ['employer', 'accountmanager'] },
      },
      // Seed 000, "Voorwaarden": "De gemeente doet alleen zaken met integere en betrouwbare werkgevers die
      // zich niet bezighouden met criminele of illegale praktijken. Dit wordt getoetst." The keurmerk
      // gives a preference in procurement and an SROI discount (WP-5); while a serious signal about a
      // holder's integrity is being looked into, the municipality suspends it, and withdraws it when
      // the signal is confirmed. The seed gives no term: a decision (see decisions).
      suspension: { rule: 'WP-3', actor: 'municipality' },
      withdrawal: { rule: 'WP-3' },
      register: { rule: 'WP-5' },
    },
  },
  periods: {
    decisionWithin: 'P6W',
    validityFirst: 'P1Y',
    validityRenewal: 'P2Y',
    renewalReminderBefore: 'P3M',
    suspensionMax: 'P3M',
  },
  eligibility: {
    establishmentIn: [],
    zzpAllowed: true,
    excludedAffiliations: ['reintegration-company'],
    lookBackFirst: 'P1Y',
    lookBackRenewal: 'P1Y',
    integrityScreening: true,
  },
  documents: [{ id: 'application-form', label: 'Aanvraagformulier (op te vragen via werkpakt-keurmerk@enschede.nl)' }],
  documentsTo: 'per e-mail aan werkpakt-keurmerk@enschede.nl',
  criteria: [
    { id: 'A', title: 'Ambassadeursrol: eigen netwerk inzetten voor Werkplein Twente, positief optreden', assessedBy: 'Punten per activiteit in het voorgaande jaar' },
    { id: 'B', title: 'Betrokkenheid: banenmarkten, werkbezoeken voor werkzoekenden', assessedBy: 'Punten per activiteit in het voorgaande jaar' },
    { id: 'C', title: 'Capaciteit: minimaal 3 % van het personeel geplaatst vanuit Participatiewet, SW, WW, arbeidsgehandicapt, BOL/BBL', assessedBy: 'Aandeel in het personeel; punten per geplaatste persoon', hardFail: true },
  ],
  assessment: {
    method: 'werkpakt-points',
    minPoints: 100,
    minCapacityShare: 0.03,
    // see decisions: the points table
    activities: {
      A: [
        { id: 'network-introduction', label: 'Introductie van een werkgever uit het eigen netwerk bij Werkplein Twente', points: 10, maxPerYear: 5 },
        { id: 'ambassador-appearance', label: 'Optreden als ambassadeur (spreker, testimonial, publicatie)', points: 15, maxPerYear: 4 },
      ],
      B: [
        { id: 'job-fair', label: 'Deelname aan een banenmarkt', points: 10, maxPerYear: 4 },
        { id: 'work-visit', label: 'Werkbezoek voor werkzoekenden georganiseerd', points: 15, maxPerYear: 4 },
      ],
      C: [
        { id: 'placement', label: 'Werknemer geplaatst vanuit Participatiewet, SW, WW of arbeidsgehandicapt (per persoon)', points: 25 },
        { id: 'bol-bbl-intern', label: 'BOL- of BBL-stagiair (per persoon)', points: 10 },
      ],
    },
  },
  decisions: [
    {
      about: 'Objection (WP-4)',
      choice: 'Bezwaar within six weeks at the college of Enschede, via the Werkpakt address of the seed',
      why: 'Seed 000 names no route; the keurmerk is a decision of the municipality, so the general route of the Algemene wet bestuursrecht applies.',
    },
    {
      about: 'Suspension and withdrawal (WP-3)',
      choice: 'The municipality may suspend a holder\'s keurmerk for at most 3 months, not extendable, while a signal about its integrity is looked into; then it lifts the suspension or withdraws the keurmerk',
      why: 'Seed 000 only says the municipality does business with integer and reliable employers and screens it ("Dit wordt getoetst"); a keurmerk that brings a procurement preference and an SROI discount cannot stay in force while that is in doubt, and cannot stay suspended indefinitely either. Three months is the time a screening takes; a confirmed signal ends in withdrawal.',
    },
    {
      about: 'Points per activity (WP-2)',
      choice: 'A: network introduction 10 (max 5/yr), ambassador appearance 15 (max 4/yr); B: job fair 10 (max 4/yr), work visit 15 (max 4/yr); C: placement 25 per person, BOL/BBL intern 10 per person',
      why: 'The seed fixes only the 100-point minimum; with these values a small employer reaches 100 with one placement and a handful of activities, and no single activity type reaches 100 alone on the capped A and B criteria.',
    },
    {
      about: 'Renewal reminder',
      choice: '3 months before expiry',
      why: 'The seed names none; the same lead time as SEBO and PSO.',
    },
    {
      about: 'Look-back',
      choice: '1 year for every application',
      why: 'Points are given for activities in the previous year (WP-2).',
    },
  ],
  benefits: [
    { label: 'Voorkeurspositie bij inkoop en aanbestedingen van de gemeente Enschede', rule: 'WP-5' },
    { label: 'Korting op SROI-verplichtingen, ook bij andere gemeenten die het keurmerk hanteren', rule: 'WP-5' },
    { label: 'Vermelding op de website van de gemeente', rule: 'WP-5' },
    { label: 'Netwerk met andere sociaal betrokken ondernemers', rule: 'WP-5' },
  ],
  notes: [
    'Niet voor reïntegratiebedrijven met overheidsfinanciering die plaatsing van uitkeringsgerechtigden als hoofddoel hebben; integriteit wordt getoetst (WP-3).',
  ],
};
