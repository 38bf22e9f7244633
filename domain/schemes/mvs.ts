// Partner in sociaal ondernemen (Sociaal Werkpact MVS: Maassluis, Vlaardingen, Schiedam; Stroomopwaarts): seed 001.
import type { SchemeDefinitionInput } from '../scheme';

export const mvs: SchemeDefinitionInput = {
  id: 'mvs',
  name: 'Partner in sociaal ondernemen (Sociaal Werkpact MVS)',
  kind: 'keurmerk',
  owner: 'Stroomopwaarts (Maassluis, Vlaardingen, Schiedam)',
  source: "seed 001: keurmerk 'partner in sociaal ondernemen', Schiedam, november 2020",
  rules: ['MVS-1', 'MVS-2', 'MVS-3'],
  procedure: { intake: false, membersMeeting: false, audit: false, secondKeuringen: 0, suspensionExtensions: 0, covenant: true, certificate: true },
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
      about: 'Renewal reminder and decision term',
      choice: 'Reminder 3 months before the 2 years end; no decision term',
      why: 'The seed names neither; the covenant is signed when the criteria are met.',
    },
  ],
  notes: [
    'Houders krijgen een toolkit met logo\'s en een certificaat, een vermelding op de website, publiciteit, uitnodigingen en één jaar gratis lidmaatschap van het SEN (MVS-2).',
    'Programmadoel: 100 ondernemers in 2 jaar, minimaal 200 extra inwoners aan het werk (MVS-3).',
  ],
};
