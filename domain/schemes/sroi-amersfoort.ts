// Social return, Amersfoort / Soest / Baarn (WSP regio Amersfoort), bouwblokken: seed 003.
import type { SchemeDefinitionInput } from '../scheme';

export const sroiAmersfoort: SchemeDefinitionInput = {
  id: 'sroi-amersfoort',
  name: 'Social Return (bouwblokken) regio Amersfoort',
  kind: 'sroi',
  owner: 'WerkgeversServicepunt regio Amersfoort (Amersfoort, Soest, Baarn)',
  source: 'seed 003: Social Return, WSP regio Amersfoort (bouwblokken, proces na gunning)',
  rules: ['SROI-1', 'SROI-2', 'SROI-3', 'SROI-4'],
  // The seed's own headings: what a contractor reads instead of our rule ids.
  references: {
    'SROI-1': 'Social Return, "Gemeenten en social return" (5 % van de opdrachtsom; maatschappelijke activiteit bij kleinere opdrachten)',
    'SROI-2': 'Social Return, "Bouwblokken"',
    'SROI-3': 'Social Return, "Het proces na gunning" (contact binnen één week, plan van aanpak)',
    'SROI-4': 'Social Return, "Het proces na gunning" (goedkeuring binnen 6 weken, schriftelijk te verlengen tot 12 weken)',
  },
  objection: {
    paragraphs: [
      'Bent u het niet eens met deze beoordeling? Laat het de coördinator Social Return van het WerkgeversServicepunt regio Amersfoort binnen twee weken na deze e-mail schriftelijk weten, met uw onderbouwing en bewijsstukken. Het WSP beoordeelt het dan opnieuw; komt u er samen niet uit, dan geldt de geschillenregeling van uw contract met de gemeente.',
    ],
    reference: 'het contract met de gemeente (het proces na gunning noemt geen eigen bezwaarroute)',
  },
  procedure: { intake: false, membersMeeting: false, audit: false, secondKeuringen: 0, suspensionExtensions: 0, certificate: false },
  periods: {
    contactWithin: 'P1W',
    planApprovalWithin: 'P6W',
    planApprovalExtendedMax: 'P12W',
    finalEvaluationWithin: 'P6W',
  },
  eligibility: { establishmentIn: [], zzpAllowed: true },
  documents: [
    { id: 'sroi-plan', label: 'Plan van aanpak: opdrachtsom, bouwblokken, gewaardeerde activiteiten, evaluaties, akkoord WSP' },
    { id: 'interim-evidence', label: 'Tussenevaluatie met bewijsstukken', required: false },
    { id: 'final-evidence', label: 'Eindevaluatie met bewijsstukken' },
  ],
  criteria: [
    { id: 'obligation', title: 'De gestapelde bouwblokken dekken de verplichting', assessedBy: 'Waarde van het plan ≥ verplichting' },
  ],
  assessment: {
    method: 'sroi-bouwblokken',
    contractSumShare: 0.05,
    wageSumShare: 0.1,
    largeContractFrom: 100_000,
    // see decisions: these values are configurable defaults
    bouwblokken: [
      { id: 'hire-benefit', label: 'Dienstverband kandidaat uit de uitkering (per maand)', unit: 'maand', valuePerUnit: 2_500 },
      { id: 'hire-recently-unemployed', label: 'Dienstverband recent werkloze (per maand)', unit: 'maand', valuePerUnit: 1_500 },
      { id: 'bbl-place', label: 'BBL-leerwerkplek (per jaar)', unit: 'jaar', valuePerUnit: 7_500 },
      { id: 'internship', label: 'Stageplaats (per maand)', unit: 'maand', valuePerUnit: 500 },
      { id: 'social-purchase', label: 'Inkoop bij een sociale onderneming (per euro factuur: 30 %)', unit: 'euro', valuePerUnit: 0.3 },
      { id: 'power-certificate', label: 'Amersfoortse Power Certificaat (per euro)', unit: 'euro', valuePerUnit: 1, maxShareOfObligation: 0.5 },
      { id: 'social-activity', label: 'Maatschappelijke activiteit (waarde vooraf bepaald door het Bureau Social Return)', unit: 'activiteit' },
    ],
    municipalities: ['Amersfoort', 'Soest', 'Baarn'],
    // See docs/decisions/sroi-keurmerk-credit.md: the seeds name the credit but give no figure.
    keurmerkCredit: [
      { schemeId: 'werkpakt', share: 0.1, source: 'seed 000 (WP-5: "Korting op SROI-opdrachten"), no figure: decision sroi-keurmerk-credit' },
      { schemeId: 'pso', share: 0.1, source: 'DOMAIN.md PSO (a PSO level counts for SROI in several regions), no figure: decision sroi-keurmerk-credit' },
      { schemeId: 'sebo', share: 0.05, source: 'seed 004 (SEBO aims at a uniform 5 % SROI requirement), no credit figure: decision sroi-keurmerk-credit' },
    ],
  },
  decisions: [
    {
      about: 'Objection to an assessment (SROI-4)',
      choice: 'Within two weeks to the WSP coordinator, who reassesses; then the dispute clause of the contract',
      why: 'Seed 003 names no route; the WSP assesses the plan and the evaluations, and the obligation is a condition of the contract with the municipality.',
    },
    {
      about: 'Keurmerk credit (WP-5, PSO, SEBO)',
      choice: 'A keurmerk that is valid and not suspended on the award date lowers the obligation: Werkpakt 10 %, PSO 10 %, SEBO 5 %; not cumulative (the highest applies); lost when the keurmerk is suspended, withdrawn or lapses during the contract',
      why: 'Werkpakt promises a discount on SROI and PSO is counted for SROI elsewhere, but no source gives a figure; modest shares keep the obligation meaningful. See docs/decisions/sroi-keurmerk-credit.md.',
    },
    {
      about: 'Final evaluation (SROI-3)',
      choice: 'Held within 6 weeks after the contract end, with evidence; the realised value is compared with the obligation',
      why: 'The seed names the final evaluation with evidence but no period; the same 6 weeks as the plan approval.',
    },
    {
      about: 'Large contract threshold (SROI-1)',
      choice: 'From € 100.000 the obligation is 5 % of the contract sum; below it a social activity',
      why: 'The seed says "grote opdrachten" without a figure; € 100.000 is a common threshold in Dutch SROI policies.',
    },
    {
      about: 'Bouwblok values (SROI-2)',
      choice: 'Hire from benefits € 2.500/month, recently unemployed € 1.500/month, BBL place € 7.500/year, internship € 500/month, social purchasing 30 % of the invoice, Power Certificate at face value for at most 50 % of the obligation, social activity valued beforehand',
      why: 'The seed promises transparent values but publishes none; these are defaults in the right order of magnitude and are data to replace by the Handleiding Social Return values.',
    },
  ],
  notes: [
    'Na gunning neemt de opdrachtnemer binnen één week contact op met het WSP (SROI-3); het WSP keurt het plan binnen 6 weken na gunning, schriftelijk verlengbaar tot maximaal 12 weken (SROI-4).',
    'Onderaannemers dragen bij voorkeur ook een SROI-verplichting (SROI-2).',
  ],
};
