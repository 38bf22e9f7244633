// The public register (SEBO-R6) as a complete web page a municipality can publish as it is: an HTML5
// document in Dutch (lang="nl", UTF-8), a small embedded style sheet that also prints well, and one
// table with a caption and column headers (scope="col") so screen readers announce each cell's column.
// Suspended holders (SEBO-R2: "vermeldt schorsingen op de website") are marked in words, not only by
// colour. Every value is escaped by Handlebars' {{ }}, so a company called `<script>` stays text.
// Only organisation data goes in (SEBO-R5).
import type { TemplateDelegate } from 'handlebars';
import { DateTime } from 'luxon';

/** What the page needs of an entry; the register data may carry more (or the older `expiresOn`). */
export interface RegisterPageEntry {
  scheme: string;
  company: string;
  kvk: string;
  status?: 'current' | 'suspended';
  /** YYYY-MM-DD, the last valid day ("geldig tot en met"). */
  validThrough?: string;
  /** YYYY-MM-DD, the first day no longer valid ("geldig tot"), from registers before validThrough. */
  expiresOn?: string;
  suspendedFrom?: string;
  suspendedUntil?: string;
}

const TEMPLATE = `<!DOCTYPE html>
<html lang="nl">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{title}}</title>
<style>
  body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; color: #1a1a1a; background: #fff; margin: 2rem auto; max-width: 60rem; padding: 0 1rem; line-height: 1.5; }
  h1 { font-size: 1.6rem; margin-bottom: 0.25rem; }
  p.intro { margin-top: 0; color: #444; }
  table.keurmerk-register { border-collapse: collapse; width: 100%; }
  table.keurmerk-register caption { text-align: left; font-weight: 600; padding: 0.5rem 0; }
  table.keurmerk-register th, table.keurmerk-register td { text-align: left; padding: 0.5rem 0.75rem; border-bottom: 1px solid #ccc; vertical-align: top; }
  table.keurmerk-register thead th { background: #00497a; color: #fff; }
  table.keurmerk-register tbody tr:nth-child(even) { background: #f3f6f9; }
  tr.geschorst td { background: #fff4e5; }
  .label { display: inline-block; padding: 0 0.4rem; border-radius: 0.25rem; font-size: 0.9em; font-weight: 600; }
  .label.geldig { background: #e3f2e6; color: #14532d; }
  .label.geschorst { background: #ffe0b2; color: #7a3e00; }
  footer { margin-top: 1.5rem; font-size: 0.9em; color: #555; }
  @media print { body { margin: 0; } table.keurmerk-register thead th { background: none; color: #000; border-bottom: 2px solid #000; } }
</style>
</head>
<body>
<main>
<h1>{{title}}</h1>
<p class="intro">Organisaties die het keurmerk mogen voeren{{#if asOf}}, stand per {{asOf}}{{/if}}. Een geschorst keurmerk mag tijdens de schorsing niet worden gebruikt.</p>
<table class="keurmerk-register">
  <caption>{{caption}}</caption>
  <thead><tr><th scope="col">Keurmerk</th><th scope="col">Organisatie</th><th scope="col">KvK-nummer</th><th scope="col">Status</th><th scope="col">{{validHeader}}</th></tr></thead>
  <tbody>
{{#each rows}}    <tr{{#if suspended}} class="geschorst"{{/if}}><td>{{scheme}}</td><th scope="row">{{company}}</th><td>{{kvk}}</td><td>{{#if suspended}}<span class="label geschorst">Geschorst</span>{{#if suspension}} {{suspension}}{{/if}}{{else}}<span class="label geldig">Geldig</span>{{/if}}</td><td>{{valid}}</td></tr>
{{/each}}{{#unless rows.length}}    <tr><td colspan="5">Er zijn op dit moment geen keurmerkhouders.</td></tr>
{{/unless}}  </tbody>
</table>
</main>
<footer>Schorsingen worden hier vermeld volgens het keurmerkreglement (bijlage 3, artikel 7a). Dit register bevat alleen organisatiegegevens, geen persoonsgegevens.</footer>
</body>
</html>
`;

let compiled: TemplateDelegate | undefined;

/** Handlebars is loaded for the HTML register only: `--help` builds the register command too (issue 14). */
function page(context: object): string {
  compiled ??= (require('handlebars') as typeof import('handlebars')).compile(TEMPLATE, { strict: false });
  return compiled(context);
}

/** YYYY-MM-DD as people read it: `1 maart 2027`. */
export function dutchDay(isoDay: string | undefined): string | undefined {
  if (!isoDay) return undefined;
  const day = DateTime.fromISO(isoDay, { zone: 'Europe/Amsterdam' });
  return day.isValid ? day.setLocale('nl').toFormat('d MMMM yyyy') : isoDay;
}

export function registerPage(entries: readonly RegisterPageEntry[], opts: { asOf?: string } = {}): string {
  const schemes = [...new Set(entries.map((e) => e.scheme))];
  const title = schemes.length === 1 ? `Register ${schemes[0]}` : 'Register van keurmerkhouders';
  const suspended = entries.filter((e) => e.status === 'suspended').length;
  const caption = `${entries.length} ${entries.length === 1 ? 'keurmerkhouder' : 'keurmerkhouders'}${suspended ? `, waarvan ${suspended} geschorst` : ''}`;
  const usesValidThrough = entries.some((e) => e.validThrough) || !entries.some((e) => e.expiresOn);
  const rows = entries.map((e) => ({
    scheme: e.scheme,
    company: e.company,
    kvk: e.kvk,
    suspended: e.status === 'suspended',
    suspension: e.suspendedFrom || e.suspendedUntil ? `van ${dutchDay(e.suspendedFrom) ?? '?'} tot en met ${dutchDay(e.suspendedUntil) ?? '?'}` : undefined,
    valid: dutchDay(e.validThrough ?? e.expiresOn) ?? '',
  }));
  return page({ title, caption, rows, asOf: dutchDay(opts.asOf), validHeader: usesValidThrough ? 'Geldig tot en met' : 'Geldig tot' });
}
