// Prestatieladder Socialer Ondernemen (PSO), national, TNO: seed 002 plus public facts (PSO-2).
import type { SchemeDefinitionInput } from '../scheme';

export const pso: SchemeDefinitionInput = {
  id: 'pso',
  name: 'Prestatieladder Socialer Ondernemen (PSO)',
  kind: 'keurmerk',
  owner: 'PSO-Nederland / TNO (via een certificerende instelling)',
  source: 'seed 002: Twente Milieu behaalt PSO trede 3 (december 2017); PSO-2 from public sources',
  rules: ['PSO-1', 'PSO-2'],
  // The public terms of the PSO: what an employer reads instead of our rule ids.
  references: {
    'PSO-1': 'Prestatieladder Socialer Ondernemen: de prestatieniveaus (aspirant-status, trede 1 tot en met 3)',
    'PSO-2': 'Prestatieladder Socialer Ondernemen: de certificering (audit, certificaat, geldigheid)',
  },
  objection: {
    paragraphs: [
      'Bent u het niet eens met deze beslissing, dan kunt u binnen zes weken na de datum van deze e-mail schriftelijk bezwaar maken bij de certificerende instelling die de audit uitvoerde, volgens haar klachten- en bezwaarprocedure. Vermeld uw KvK-nummer, de beslissing en waarom u het er niet mee eens bent. Komt u er samen niet uit, dan kunt u zich wenden tot PSO-Nederland, de beheerder van de Prestatieladder.',
    ],
    reference: 'de klachten- en bezwaarprocedure van de certificerende instelling (de PSO-bron hier noemt geen eigen route)',
  },
  procedure: { intake: false, membersMeeting: false, audit: true, secondKeuringen: 0, suspensionExtensions: 0, certificate: true },
  flow: {
    receivedRule: 'PSO-1',
    received: { notice: 'aanvraag-ontvangen', to: ['employer'] },
    notEligible: { rule: 'PSO-1', mail: { notice: 'niet-in-aanmerking', to: ['employer', 'accountmanager'] } },
    steps: [
      {
        id: 'audit-planning',
        stage: 'AUDIT_PLANNING',
        action: 'auditPlanned',
        actor: 'certifying-institution',
        rule: 'PSO-2',
        due: { from: 'step-opened', period: 'auditWithin' },
        onEnter: { notice: 'audit-gevraagd', to: ['certifying-institution', 'employer'] },
        next: { step: 'audit' },
      },
      {
        id: 'audit',
        stage: 'AUDIT',
        action: 'auditDone',
        actor: 'certifying-institution',
        rule: 'PSO-2',
        due: { from: 'audit-appointment' },
        outcomes: {
          none: { step: 'certificate', mail: { notice: 'audit-uitgevoerd', to: ['employer'] } },
          minor: { step: 'certificate', mail: { notice: 'audit-uitgevoerd', to: ['employer'] } },
          serious: { step: 'audit-planning', quiet: true },
        },
      },
      {
        id: 'certificate',
        stage: 'CERTIFICATE',
        action: 'decision',
        actor: 'certifying-institution',
        rule: 'PSO-2',
        due: { from: 'audit-done', period: 'certificateWithin' },
        outcomes: {
          granted: { grant: true, mail: { notice: 'besluit-verleend', to: ['employer', 'accountmanager'] } },
          rejected: { reject: true },
        },
      },
    ],
    rejection: { final: { rule: 'PSO-2', mail: { notice: 'besluit-afgewezen', to: ['employer', 'accountmanager'] } } },
    holder: {
      certificate: { rule: 'PSO-1', mail: { notice: 'certificaat-verleend', to: ['employer', 'certifying-institution'] }, renewedNotice: 'certificaat-verleend' },
      renewal: {
        rule: 'PSO-2',
        label: 're-certification',
        actor: 'certifying-institution',
        restartAt: 'audit-planning',
        mail: { notice: 'verlenging-aanvragen', to: ['employer', 'certifying-institution'] },
        rejectedMail: { notice: 'verlenging-afgewezen', to: ['employer', 'accountmanager'] },
      },
      lapse: {
        rule: 'PSO-2',
        warning: true,
        mail: { notice: 'vervallen', to: ['employer', 'accountmanager'] },
        warningMail: { notice: 'vervalt-binnenkort', to: ['employer'] },
      },
      withdrawal: { rule: 'PSO-2' },
      register: { rule: 'PSO-1' },
    },
  },
  periods: {
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
    // see decisions: thresholds and why
    thresholds: { 'trede-1': 0.03, 'trede-2': 0.08, 'trede-3': 0.15 },
    indirectMaxShareOfScore: 0.5,
  },
  decisions: [
    {
      about: 'Objection (PSO-2)',
      choice: 'Bezwaar within six weeks at the certifying institution that audited, then PSO-Nederland',
      why: 'Seed 002 names no route; a PSO certificate is a private certification decision of the certifying institution, not a municipal decision.',
    },
    {
      about: 'Level thresholds (PSO-1)',
      choice: 'Score = direct share + credited indirect share; trede 1 from 3 %, trede 2 from 8 %, trede 3 from 15 %; below 3 %: aspirant (once)',
      why: 'PSO compares with a benchmark of the same size class that is not public. 3 % is the capacity norm Werkpakt uses and close to the national share; 8 % is clearly above it; 15 % marks the front runners, consistent with seed 002 where Twente Milieu at about 20 % reached trede 3. All three are data, to replace with the current PSO norms.',
    },
    {
      about: 'Indirect contribution (social purchasing)',
      choice: 'Counted as fte-equivalents, at most half of the score (indirect ≤ direct)',
      why: 'PSO adds the indirect contribution to the direct one; a cap keeps purchasing from replacing own employment.',
    },
    {
      about: 'Validity and terms',
      choice: 'Valid 1 year; audit within 1 month, report within 4 weeks, certificate within 1 month of the audit; reminder 3 months before expiry',
      why: 'PSO-2 (public facts); yearly certification keeps the score current.',
    },
  ],
  notes: ['Vier niveaus: aspirant-status, trede 1, 2 en 3 (hoogste) (PSO-1).'],
};
