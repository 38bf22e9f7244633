// Prestatieladder Socialer Ondernemen (PSO), national, TNO: seed 002 plus public facts (PSO-2).
import type { SchemeDefinitionInput } from '../scheme';

export const pso: SchemeDefinitionInput = {
  id: 'pso',
  name: 'Prestatieladder Socialer Ondernemen (PSO)',
  kind: 'keurmerk',
  owner: 'PSO-Nederland / TNO (via een certificerende instelling)',
  source: 'seed 002: Twente Milieu behaalt PSO trede 3 (december 2017); PSO-2 from public sources',
  rules: ['PSO-1', 'PSO-2'],
  procedure: { intake: false, membersMeeting: false, audit: true, secondKeuringen: 0, suspensionExtensions: 0, certificate: true },
  periods: {
    // **decision**: PSO certifies per year; the audit and report terms follow the CI's usual month.
    auditWithin: 'P1M',
    reportWithin: 'P4W',
    certificateWithin: 'P1M',
    validityFirst: 'P1Y',
    validityRenewal: 'P1Y',
    renewalReminderBefore: 'P3M',
  },
  eligibility: {
    establishmentIn: [],
    zzpAllowed: false,
    lookBackFirst: 'P1Y',
    lookBackRenewal: 'P1Y',
    aspirantOnlyOnce: true,
  },
  documents: [
    { id: 'kvk-extract', label: 'Uittreksel KvK (niet ouder dan één jaar)', maxAge: 'P1Y' },
    { id: 'staff-register', label: 'Personeelsoverzicht met de PSO-doelgroep (fte)' },
    { id: 'purchasing-overview', label: 'Overzicht inkoop bij PSO-gecertificeerde organisaties en SW-bedrijven', required: false },
  ],
  criteria: [
    { id: 'direct', title: 'Directe bijdrage: aandeel werkzame personen met een afstand tot de arbeidsmarkt', assessedBy: 'fte doelgroep / totaal fte' },
    { id: 'indirect', title: 'Indirecte bijdrage: inkoop bij PSO-gecertificeerde organisaties en SW-bedrijven', assessedBy: 'Omgerekend naar fte-equivalent, begrensd' },
  ],
  assessment: {
    method: 'pso-ladder',
    // **decision** (see docs/schemes.md): 3 % ≈ the national share, 8 % clearly above it, 15 % the front runners
    // (Twente Milieu at ~20 % is trede 3 in seed 002). Below trede 1: aspirant status, once only.
    thresholds: { 'trede-1': 0.03, 'trede-2': 0.08, 'trede-3': 0.15 },
    indirectMaxShareOfScore: 0.5,
  },
  notes: ['Vier niveaus: aspirant-status, trede 1, 2 en 3 (hoogste) (PSO-1).'],
};
