// Every rule id of DOMAIN.md is checked by at least one test whose name carries the id, so a reader
// finds a rule's test with one grep. DOMAIN.md lives beside the repository (../shared/DOMAIN.md);
// KEURMERK_DOMAIN_MD points elsewhere.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { builtInSchemes } from '../../domain';

const RULE = '\\b(?:SEBO-[A-Z]\\d+|WP-\\d+|MVS-\\d+|PSO-\\d+|SROI-\\d+)\\b';
const domainMd = process.env.KEURMERK_DOMAIN_MD ?? resolve(__dirname, '../../../shared/DOMAIN.md');

/** The titles of it()/test() calls in test/domain/*.test.ts (string literals and template literals). */
function testTitles(): string[] {
  const titles: string[] = [];
  for (const file of readdirSync(__dirname).filter((f) => f.endsWith('.test.ts'))) {
    const source = readFileSync(join(__dirname, file), 'utf8');
    for (const m of source.matchAll(/\b(?:it|test)\(\s*(['"`])((?:\\.|(?!\1).)*)\1/g)) titles.push(m[2]);
  }
  return titles;
}

function uncovered(ids: Iterable<string>): string[] {
  const titles = testTitles();
  return [...new Set(ids)].filter((id) => !titles.some((t) => new RegExp(`\\b${id}\\b`).test(t))).sort();
}

describe('rule coverage', () => {
  it('every rule id in DOMAIN.md is named by at least one test in test/domain', (t) => {
    if (!existsSync(domainMd)) {
      t.skip(`DOMAIN.md not found at ${domainMd} (set KEURMERK_DOMAIN_MD)`);
      return;
    }
    const ids = [...readFileSync(domainMd, 'utf8').matchAll(new RegExp(RULE, 'g'))].map((m) => m[0]);
    assert.ok(new Set(ids).size >= 30, `found only ${new Set(ids).size} rule ids in ${domainMd}`);
    assert.deepEqual(uncovered(ids), []);
  });

  it('every rule id a built-in scheme claims is named by at least one test', () => {
    const ids = builtInSchemes.flatMap((s) => s.rules);
    assert.ok(ids.length > 30);
    for (const id of ids) assert.match(id, new RegExp(`^${RULE}$`), `${id} is a DOMAIN.md rule id`);
    assert.deepEqual(uncovered(ids), []);
  });

  it('the title scanner finds ids only in test names and reports the ones no test names', () => {
    assert.ok(testTitles().some((t) => t.startsWith('SEBO-T4: ')));
    assert.ok(!testTitles().some((t) => t.includes('matchAll')));
    assert.deepEqual(uncovered(['SEBO-T99', 'SEBO-T4', 'WP-77']), ['SEBO-T99', 'WP-77']);
  });
});
