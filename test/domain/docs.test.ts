// docs/schemes.md is generated from the built-in definitions; it fails here when it is stale.
import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { DOC_PATH, humanDuration, renderSchemesDoc } from '../../scripts/gen-schemes-doc';
import { builtInSchemes, getScheme } from '../../domain';

describe('docs/schemes.md', () => {
  it('is current with the built-in definitions (run `npm run docs:schemes` to refresh)', () => {
    expect(readFileSync(DOC_PATH, 'utf8')).toBe(renderSchemesDoc());
  });

  it('changes when a definition changes (the check can fail)', () => {
    const changed = builtInSchemes.map((s) => (s.id === 'sebo' ? { ...s, periods: { ...s.periods, auditWithin: 'P5W' } } : s));
    expect(renderSchemesDoc(changed)).not.toBe(renderSchemesDoc());
    expect(renderSchemesDoc(changed)).toMatch(/\| `auditWithin` \| P5W \(5 weeks\) \|/);
  });

  it('SEBO-T12: shows each period with its meaning and rule id, and every decision with its reason', () => {
    const doc = renderSchemesDoc();
    expect(doc).toMatch(/\| `renewalReminderBefore` \| P3M \(3 months\) \| holder and CI are reminded this long before expiry \(SEBO-T12, PSO-2\) \|/);
    const missing = builtInSchemes.flatMap((s) => s.decisions.filter((d) => !doc.includes(d.why.replace(/\|/g, '\\|'))).map((d) => `${s.id}: ${d.about}`));
    expect(missing).toStrictEqual([]);
    expect(doc).toMatch(/\| trede-3 \| 15 % \|/);
    expect(doc).toMatch(/second Tuesday of February, June, October, at 16:00/);
    expect(getScheme('sebo').periods.auditWithin).toBe('P1M');
  });

  it('writes durations in words', () => {
    expect(['P1M', 'P2W', 'P1Y', 'P1Y6M', 'PT36H'].map(humanDuration)).toStrictEqual(['1 month', '2 weeks', '1 year', '1 year 6 months', '36 hours']);
  });
});
