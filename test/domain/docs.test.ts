// docs/schemes.md is generated from the built-in definitions; it fails here when it is stale.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { DOC_PATH, humanDuration, renderSchemesDoc } from '../../scripts/gen-schemes-doc';
import { builtInSchemes, getScheme } from '../../domain';

describe('docs/schemes.md', () => {
  it('is current with the built-in definitions (run `npm run docs:schemes` to refresh)', () => {
    assert.equal(readFileSync(DOC_PATH, 'utf8'), renderSchemesDoc());
  });

  it('changes when a definition changes (the check can fail)', () => {
    const changed = builtInSchemes.map((s) => (s.id === 'sebo' ? { ...s, periods: { ...s.periods, auditWithin: 'P5W' } } : s));
    assert.notEqual(renderSchemesDoc(changed), renderSchemesDoc());
    assert.match(renderSchemesDoc(changed), /\| `auditWithin` \| P5W \(5 weeks\) \|/);
  });

  it('SEBO-T12: shows each period with its meaning and rule id, and every decision with its reason', () => {
    const doc = renderSchemesDoc();
    assert.match(doc, /\| `renewalReminderBefore` \| P3M \(3 months\) \| holder and CI are reminded this long before expiry \(SEBO-T12, PSO-2\) \|/);
    for (const s of builtInSchemes) for (const d of s.decisions) assert.ok(doc.includes(d.why.replace(/\|/g, '\\|')), `${s.id}: ${d.about}`);
    assert.match(doc, /\| trede-3 \| 15 % \|/);
    assert.match(doc, /second Tuesday of February, June, October, at 16:00/);
    assert.equal(getScheme('sebo').periods.auditWithin, 'P1M');
  });

  it('writes durations in words', () => {
    assert.deepEqual(['P1M', 'P2W', 'P1Y', 'P1Y6M', 'PT36H'].map(humanDuration), ['1 month', '2 weeks', '1 year', '1 year 6 months', '36 hours']);
  });
});
