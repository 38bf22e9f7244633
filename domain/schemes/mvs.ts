// Partner in sociaal ondernemen (Sociaal Werkpact MVS: Maassluis, Vlaardingen, Schiedam; Stroomopwaarts): seed 001.
import type { SchemeDefinitionInput } from '../scheme';

export const mvs: SchemeDefinitionInput = {
  id: 'mvs',
  name: 'Partner in sociaal ondernemen (Sociaal Werkpact MVS)',
  kind: 'keurmerk',
  owner: 'Stroomopwaarts (Maassluis, Vlaardingen, Schiedam)',
  source: "seed 001: keurmerk 'partner in sociaal ondernemen', Schiedam, november 2020",
  rules: ['MVS-1', 'MVS-2', 'MVS-3'],
  // The seed's own terms: what an employer reads instead of our rule ids.
  references: {
    'MVS-1': 'Sociaal Werkpact MVS: het convenant met Stroomopwaarts en de criteria (www.stroomopwaarts.nl/sociaal-werkpact)',
    'MVS-2': 'Sociaal Werkpact MVS: wat keurmerkhouders ontvangen (toolkit, certificaat, vermelding, SEN-lidmaatschap)',
    'MVS-3': 'Sociaal Werkpact MVS: doelstelling 100 ondernemers en 200 extra inwoners aan het werk',
  },
  objection: {
    paragraphs: [
      'Bent u het niet eens met dit besluit, dan kunt u binnen zes weken na de datum van deze e-mail schriftelijk bezwaar maken bij Stroomopwaarts MVS, t.a.v. het Werkleerbedrijf (Sociaal Werkpact MVS). Vermeld uw KvK-nummer, het besluit en waarom u het er niet mee eens bent.',
    ],
    reference: 'Algemene wet bestuursrecht, artikel 6:7 (het Sociaal Werkpact MVS noemt zelf geen bezwaarroute)',
  },
  procedure: { intake: false, membersMeeting: false, audit: false, secondKeuringen: 0, suspensionExtensions: 0, covenant: true, certificate: true },
  flow: {
    receivedRule: 'MVS-1',
    received: { notice: 'aanvraag-ontvangen', to: ['employer', 'accountmanager'] },
    notEligible: { rule: 'MVS-1', mail: { notice: 'niet-in-aanmerking', to: ['employer', 'accountmanager'] } },
    steps: [
      {
        id: 'covenant',
        stage: 'COVENANT',
        action: 'covenantSigned',
        actor: 'employer',
        rule: 'MVS-1',
        onEnter: { notice: 'convenant-gevraagd', to: ['employer', 'covenant-partner'] },
        next: { step: 'criteria' },
      },
      {
        id: 'criteria',
        stage: 'CRITERIA',
        action: 'decision',
        actor: 'covenant-partner',
        rule: 'MVS-1',
        onEnter: { notice: 'toets-gevraagd', to: ['covenant-partner'] },
        outcomes: {
          granted: { grant: true, mail: { notice: 'besluit-verleend', to: ['employer', 'accountmanager'] } },
          rejected: { reject: true },
        },
      },
    ],
    rejection: { final: { rule: 'MVS-1', mail: { notice: 'besluit-afgewezen', to: ['employer', 'accountmanager'] } } },
    holder: {
      certificate: { rule: 'MVS-2', mail: { notice: 'toolkit', to: ['employer', 'accountmanager'] }, renewedNotice: 'toolkit', toolkit: true },
      renewal: {
        rule: 'MVS-1',
        label: 'renewal',
        actor: 'covenant-partner',
        restartAt: 'criteria',
        mail: { notice: 'verlenging-aanvragen', to: ['employer', 'accountmanager'] },
        rejectedMail: { notice: 'verlenging-afgewezen', to: ['employer', 'accountmanager'] },
      },
      lapse: {
        rule: 'MVS-1',
        warning: true,
        mail: { notice: 'vervallen', to: ['employer', 'accountmanager'] },
        warningMail: { notice: 'vervalt-binnenkort', to: ['employer', 'accountmanager'] },
      },
      withdrawal: { rule: 'MVS-1' },
      placements: { rule: 'MVS-3' },
      register: { rule: 'MVS-2' },
    },
  },
  periods: {
    validityFirst: 'P2Y',
    validityRenewal: 'P2Y',
    renewalReminderBefore: 'P3M',
  },
  eligibility: {
    establishmentIn: ['Maassluis', 'Vlaardingen', 'Schiedam'],
    zzpAllowed: true,
  },
  documents: [{ id: 'covenant', label: 'Ondertekend convenant Sociaal Werkpact MVS' }],
  criteria: [
    { id: 'MVS-C1', title: 'Convenant ondertekend: kansen bieden aan werkzoekenden met een afstand tot de arbeidsmarkt', assessedBy: 'Ondertekend convenant' },
    { id: 'MVS-C2', title: 'Voldoet aan de criteria op stroomopwaarts.nl/sociaal-werkpact (werkplek, stage, ervaringsplek of uitbesteding aan het Werkleerbedrijf)', assessedBy: 'Stroomopwaarts' },
  ],
  assessment: { method: 'covenant' },
  decisions: [
    {
      about: 'Objection (MVS-1)',
      choice: 'Bezwaar within six weeks at Stroomopwaarts (its Werkleerbedrijf runs the Werkpact)',
      why: 'Seed 001 names no route; Stroomopwaarts decides for the three municipalities, so the general route of the Algemene wet bestuursrecht applies.',
    },
    {
      about: 'Renewal reminder and decision term',
      choice: 'Reminder 3 months before the 2 years end; no decision term',
      why: 'The seed names neither; the covenant is signed when the criteria are met.',
    },
  ],
  benefits: [
    { label: 'Toolkit met logo\'s en een certificaat', rule: 'MVS-2' },
    { label: 'Vermelding op de website van Stroomopwaarts (Sociaal Werkpact MVS)', rule: 'MVS-2' },
    { label: 'Extra publiciteit en uitnodigingen voor speciale bijeenkomsten', rule: 'MVS-2' },
    { label: 'Gratis lidmaatschap van het Sociaal Economisch Netwerk MVS (SEN)', rule: 'MVS-2', lasts: 'P1Y' },
  ],
  programmeGoals: [
    { label: 'Ondernemers die het Sociaal Werkpact MVS ondertekenen', target: 100, unit: 'ondernemers', within: 'P2Y', rule: 'MVS-3', from: '2020-11-01', measure: 'holders-signed' },
    { label: 'Extra inwoners aan het werk', target: 200, unit: 'inwoners', within: 'P2Y', rule: 'MVS-3', from: '2020-11-01', measure: 'placements' },
  ],
  notes: ['Grote en kleine organisaties en zzp\'ers kunnen zich aanmelden; werkplek, stage, ervaringsplek of uitbesteding aan het Werkleerbedrijf (MVS-1).'],
};
