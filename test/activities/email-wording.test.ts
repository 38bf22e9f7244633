// Issue 13: every email has one reader and carries the substance. For every built-in scheme, every
// notice its procedure sends and every reader it goes to, the rendered email (the real templates and
// wording) says what was decided with the recorded reasons and findings, the next step with its date,
// the objection route on a negative decision (the definition's own), the source's references instead
// of rule ids for employers, and nothing of another scheme.
import { describe, expect, it } from '@jest/globals';
import { builtInSchemes, type Mail, type SchemeDefinition } from '../../domain';
import { renderRequest } from '../../activities/email/send-email';
import { partyOf } from '../../workflows/engine/state';
import { RULE_ID_PATTERN } from '../helpers/smtp-catcher';

/** Decisions against the employer: each email to the employer says how to object. */
const NEGATIVE = new Set([
  'meeting-rejected', 'decision-rejected', 'decision-rejected-final', 'renewal-rejected', 'lapsed', 'suspended', 'suspension-extended', 'withdrawn',
  'not-eligible', 'ambassador-rejected', 'uitgesloten', 'besluit-afgewezen', 'verlenging-afgewezen', 'vervallen', 'niet-in-aanmerking',
]);

/** Notices that carry a recorded reason, and the data key it is in. */
const REASON: Record<string, string> = {
  'meeting-rejected': 'reden van de vergadering',
  'meeting-deferred': 'reden van de vergadering',
  'ambassador-rejected': 'reden van de vergadering',
  'decision-rejected': 'reden van het besluit',
  'decision-rejected-final': 'reden van het besluit',
  'renewal-rejected': 'reden van het besluit',
  'besluit-afgewezen': 'reden van het besluit',
  'verlenging-afgewezen': 'reden van het besluit',
  suspended: 'reden van de schorsing',
  'suspension-extended': 'reden van de schorsing',
  withdrawn: 'toelichting bij de intrekking',
};

/** The date each notice's next step is due by, as the reader must see it. */
const NEXT_DATE: Record<string, string> = {
  'meeting-scheduled': '9 februari 2027',
  'meeting-deferred': '9 februari 2027',
  'forwarded-to-ci': '15 maart 2027',
  'audit-findings': '15 maart 2027',
  'advice-copy': '15 maart 2027',
  'decision-rejected-final': '1 maart 2028',
  'sebo-conversation': '15 maart 2027',
  'rekeuring-due': '15 maart 2027',
  suspended: '1 september 2027',
  'suspension-extended': '1 september 2027',
  lapsed: '1 maart 2029',
  'aanvraag-ontvangen': '15 maart 2027',
  'beoordeling-gevraagd': '15 maart 2027',
  'besluit-gevraagd': '15 maart 2027',
  'audit-gevraagd': '15 maart 2027',
  'verlenging-aanvragen': '15 maart 2027',
  vervallen: '1 maart 2029',
};

/** Every notice a definition's procedure sends, with its readers. */
function mailsOf(s: SchemeDefinition): Mail[] {
  const out: Mail[] = [];
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') {
      const o = v as Record<string, unknown>;
      if (typeof o.notice === 'string' && Array.isArray(o.to)) out.push(o as unknown as Mail);
      else Object.values(o).forEach(walk);
    }
  };
  walk(s.flow);
  const holder = s.flow?.holder;
  const to: Mail['to'] = ['employer', 'accountmanager'];
  if (holder?.suspension) out.push({ notice: 'suspended', to }, { notice: 'suspension-extended', to }, { notice: 'suspension-lifted', to });
  if (holder?.withdrawal) out.push({ notice: 'withdrawn', to });
  if (s.procedure.audit && s.id === 'sebo') out.push({ notice: 'audit-findings', to: ['employer'] }, { notice: 'advice-copy', to: ['employer', 'municipality'] });
  return out;
}

/** What a case gives the wording (workflows/case.ts wordingData + a case's facts). */
function data(s: SchemeDefinition, notice: string, reader: string): Record<string, unknown> {
  return {
    aanhef: reader === 'applicant' ? 'Els de Bakker' : 'lezer',
    lezer: reader,
    regeling: s.name,
    eigenaar: s.owner,
    bedrijf: 'Bakker & Zn',
    kvk: '12345678',
    regelingId: s.id,
    verwijzingen: s.references,
    ...(s.objection ? { bezwaar: s.objection } : {}),
    contactNaam: 'Els de Bakker',
    contactEmail: 'els@bakker.example',
    audit: s.procedure.audit,
    vestigingIn: s.eligibility.establishmentIn,
    regel: s.rules[0],
    termijn: '2027-03-15T23:59:59.999+01:00',
    vergadering: '2027-02-09T16:00:00+01:00',
    volgendeVergadering: '2027-02-09T16:00:00+01:00',
    auditDatum: '2027-03-01T10:00:00+01:00',
    tekortkomingen: 'minor',
    bevindingen: 'plan van aanpak ontbreekt deels',
    onvoldaan: s.criteria.slice(0, 1).map((c) => ({ id: c.id, titel: c.title })),
    redenVergadering: 'reden van de vergadering',
    reden: notice === 'suspended' || notice === 'suspension-extended' ? 'reden van de schorsing' : 'reden van het besluit',
    grond: 'misuse-in-bad-faith',
    toelichting: 'toelichting bij de intrekking',
    tot: '2027-09-01T23:59:59.999+02:00',
    besluitDatum: '2027-03-10T12:00:00+01:00',
    rapportDatum: '2027-03-05T12:00:00+01:00',
    advies: 'negative',
    wachtTot: '2028-03-01T00:00:00+01:00',
    geldigVanaf: '2027-03-01T00:00:00+01:00',
    geldigTot: '2029-03-01T00:00:00+01:00',
    certificaatnummer: 'KM-2027-014',
    redenen: ['establishment'],
    documenten: s.documents.map((doc) => ({ label: doc.label, verplicht: doc.required, ontbreekt: true })),
    ...(s.documentsTo ? { documentenNaar: s.documentsTo } : {}),
    over: 'Korenschoof BV',
    soort: 'geschorst',
    beoordeling: s.assessment.method === 'werkpakt-points' ? { method: 'werkpakt-points', points: { A: 20, B: 30, C: 25 }, total: 75, capacityShare: 0.02, reasons: ['minder dan 100 punten'] } : undefined,
    voordeel: 'Gratis lidmaatschap',
    eindigtOp: '2028-03-01T00:00:00+01:00',
  };
}

const keurmerken = builtInSchemes.filter((s) => s.kind !== 'sroi');

describe('the email each reader gets (every scheme, every notice, every reader)', () => {
  const cases = keurmerken.flatMap((s) =>
    mailsOf(s).flatMap((m) => [...new Set(m.to.map(partyOf))].map((reader) => ({ s, notice: m.notice, reader }))),
  );

  it('covers every scheme and each kind of decision', () => {
    expect(new Set(cases.map((c) => c.s.id))).toStrictEqual(new Set(keurmerken.map((s) => s.id)));
    expect(cases.length).toBeGreaterThan(80);
  });

  it.each(cases.map((c) => [c.s.id, c.notice, c.reader, c] as const))('%s %s to %s: one reader, the substance, no rule id for an employer', (_id, notice, reader, c) => {
    const mail = renderRequest({ template: 'notice', notice, to: ['x@example.org'], date: '2027-03-01T09:00:00Z', data: data(c.s, notice, reader) });
    const employer = reader === 'applicant' || reader === 'holders';
    expect(mail.headers['X-Keurmerk-Reader']).toBe(reader);
    expect(mail.text.length).toBeGreaterThan(80);
    // the employer is addressed as themselves and told about their own case
    if (reader === 'applicant') expect(mail.text).toMatch(/^Beste Els de Bakker,/);
    if (employer) {
      const hit = RULE_ID_PATTERN.exec(`${mail.subject}\n${mail.text}\n${mail.html}`);
      expect(hit?.[0]).toBeUndefined();
    }
    // staff read the command that acts, never an employer
    if (employer) expect(mail.text).not.toMatch(/`keurmerk /);
    // a negative decision says how to object, in the definition's route and terms
    if (NEGATIVE.has(notice)) {
      if (employer) expect(mail.text).toContain(c.s.objection!.paragraphs[0]);
      else expect(mail.text).toMatch(/bezwaar/);
    }
    if (REASON[notice]) expect(mail.text).toContain(REASON[notice]);
    if (NEXT_DATE[notice]) expect(mail.text).toContain(NEXT_DATE[notice]);
    // no SEBO words in another scheme's emails
    if (!c.s.id.startsWith('sebo')) expect(`${mail.subject}\n${mail.text}`).not.toMatch(/SEBO|Zoetermeer/);
  });

  it('SEBO-D1: the forwarded-to-CI email to the employer lists the eight bijlagen and where to send them; the CI reads the command', () => {
    const sebo = keurmerken.find((s) => s.id === 'sebo')!;
    const employer = renderRequest({ template: 'notice', notice: 'forwarded-to-ci', to: ['x@example.org'], date: '2027-03-01T09:00:00Z', data: { ...data(sebo, 'forwarded-to-ci', 'applicant'), documentenRegel: 'SEBO-D1' } });
    const items = employer.text.split('\n').filter((l) => /^\d\. /.test(l));
    expect(items.length).toBe(8);
    expect(items[1]).toBe('2. Uittreksel KvK (niet ouder dan één jaar)');
    expect(employer.text).toContain('productdienst@keurmerk.nl');
    expect(employer.text).toContain('Keurmerkinstituut, t.a.v. SEBO-Keurmerk, Postbus 45, 2700 AA Zoetermeer');
    expect(employer.text).toContain('Criteria SEBO-Keurmerk, hoofdstuk 2, en keuringsprocedure (bijlage 2), punt 3');
    const ci = renderRequest({ template: 'notice', notice: 'forwarded-to-ci', to: ['x@example.org'], date: '2027-03-01T09:00:00Z', data: data(sebo, 'forwarded-to-ci', 'certifying-institution') });
    expect(ci.text).toMatch(/^Beste lezer,/);
    expect(ci.text).toContain('keurmerk audit-planned 12345678');
    expect(ci.text).toContain('uiterlijk 15 maart 2027');
  });

  it('SEBO-R4: a rejection tells the employer the reglement\'s route (WSP advice, Geschillencommissie) and the reasons; the municipality reads what to decide', () => {
    const sebo = keurmerken.find((s) => s.id === 'sebo')!;
    const rejected = renderRequest({ template: 'notice', notice: 'decision-rejected', to: ['x@example.org'], date: '2027-03-01T09:00:00Z', data: data(sebo, 'decision-rejected', 'applicant') });
    expect(rejected.text).toContain('Reden: reden van het besluit');
    expect(rejected.text).toContain('- 1.1 Sollicitatiewerkwijze die diversiteit bevordert');
    expect(rejected.text).toContain('wint de gemeente advies in bij het WSP');
    expect(rejected.text).toContain('Geschillencommissie SEBO-Keurmerk');
    expect(rejected.text).toContain('Zo staat het in: Keurmerkreglement (bijlage 3), artikel 8.');
    expect(rejected.text).toContain('(keuringsprocedure (bijlage 2), punt 9)');
    expect(rejected.headers['X-Keurmerk-Rule']).toBe('SEBO-E1');
    const advice = renderRequest({ template: 'notice', notice: 'advice-copy', to: ['x@example.org'], date: '2027-03-01T09:00:00Z', data: data(sebo, 'advice-copy', 'municipality') });
    expect(advice.text).toContain('keurmerk decision 12345678 --outcome granted|rejected');
    expect(advice.text).toContain('Beslis uiterlijk 15 maart 2027');
  });

  it('reminders and escalations: the party is told what to do by when; the accountmanager who is to chase whom, with the command', () => {
    const sebo = keurmerken.find((s) => s.id === 'sebo')!;
    const base = { ...data(sebo, 'x', 'certifying-institution'), actie: 'auditPlanned', partij: 'certifying-institution', regel: 'SEBO-T4' };
    const toCi = renderRequest({ template: 'step-escalation', to: ['x@example.org'], date: '2027-03-01T09:00:00Z', data: base });
    expect(toCi.subject).toBe('Termijn verstreken SEBO-Keurmerk Bakker & Zn: een afspraak maken voor de audit op locatie (was uiterlijk 15 maart 2027)');
    expect(toCi.text).toContain('Doe het zo snel mogelijk en leg het vast met `keurmerk audit-planned 12345678`');
    const toAm = renderRequest({ template: 'step-escalation', to: ['x@example.org'], date: '2027-03-01T09:00:00Z', data: { ...base, lezer: 'accountmanager' } });
    expect(toAm.text).toContain('is de termijn voor de certificerende instelling verstreken: een afspraak maken voor de audit op locatie, uiterlijk 15 maart 2027');
    expect(toAm.text).toContain('Neem contact op met de certificerende instelling');
    const werkpakt = keurmerken.find((s) => s.id === 'werkpakt')!;
    const reminder = renderRequest({ template: 'step-reminder', to: ['x@example.org'], date: '2027-03-01T09:00:00Z', data: { ...data(werkpakt, 'x', 'municipality'), actie: 'decision', partij: 'municipality', regel: 'WP-4' } });
    expect(reminder.text).toContain('keurmerk decision 12345678 --scheme werkpakt');
    expect(reminder.text).toContain('Uiterlijk: 15 maart 2027.');
    expect(reminder.text).not.toMatch(/SEBO|Zoetermeer/);
  });
});
