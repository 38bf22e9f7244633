// SEBO-R6, SEBO-R2: the register as a complete, accessible web page with suspended holders marked.
import { describe, expect, it } from '@jest/globals';
import { registerPage, dutchDay } from '../../client/register-page';

const entries = [
  { scheme: 'SEBO-Keurmerk', company: 'Bakkerij <De Korenschoof> & Zn', kvk: '12345678', status: 'current' as const, validThrough: '2028-02-29' },
  { scheme: 'SEBO-Keurmerk', company: 'Drukkerij Het Anker', kvk: '23456789', status: 'suspended' as const, validThrough: '2027-06-30', suspendedFrom: '2026-12-01', suspendedUntil: '2027-03-31' },
];

describe('SEBO-R6: the public register page', () => {
  it('SEBO-R6: is a whole HTML5 document in Dutch with charset, title, style and a captioned table with column headers', () => {
    const html = registerPage(entries, { asOf: '2026-12-02' });
    expect(html.startsWith('<!DOCTYPE html>\n<html lang="nl">')).toBe(true);
    expect(html).toContain('<meta charset="utf-8">');
    expect(html).toContain('<title>Register SEBO-Keurmerk</title>');
    expect(html).toMatch(/<style>[\s\S]+table\.keurmerk-register[\s\S]+<\/style>/);
    expect(html).toContain('<caption>2 keurmerkhouders, waarvan 1 geschorst</caption>');
    expect(html.match(/<th scope="col">/g)).toHaveLength(5);
    expect(html).toContain('stand per 2 december 2026');
    expect(html.trimEnd().endsWith('</html>')).toBe(true);
  });

  it('SEBO-R2: a suspended holder is marked in words (not by colour only) with its period; dates are Dutch', () => {
    const html = registerPage(entries);
    expect(html).toContain('<tr class="geschorst">');
    expect(html).toContain('<span class="label geschorst">Geschorst</span> van 1 december 2026 tot en met 31 maart 2027');
    expect(html).toContain('<span class="label geldig">Geldig</span>');
    expect(html).toContain('<td>29 februari 2028</td>');
  });

  it('SEBO-R5: values are escaped, so a company name cannot inject markup', () => {
    const html = registerPage(entries);
    expect(html).toContain('Bakkerij &lt;De Korenschoof&gt; &amp; Zn');
    expect(html).not.toContain('<De Korenschoof>');
  });

  it('SEBO-R6: an empty register says so in a row of the table', () => {
    const html = registerPage([]);
    expect(html).toContain('<caption>0 keurmerkhouders</caption>');
    expect(html).toContain('<td colspan="5">Er zijn op dit moment geen keurmerkhouders.</td>');
    expect(dutchDay('2027-03-01')).toBe('1 maart 2027');
  });
});
