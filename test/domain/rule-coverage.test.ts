// Every rule id of DOMAIN.md is checked by at least one test whose name carries the id, so a reader
// finds a rule's test with one grep. DOMAIN.md lives beside the repository (../shared/DOMAIN.md);
// KEURMERK_DOMAIN_MD points elsewhere.
import { describe, expect, it } from '@jest/globals';
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

// jest decides skips when the file loads; the reason is printed and named in the test's title.
const noDomainMd = existsSync(domainMd) ? undefined : `DOMAIN.md not found at ${domainMd} (set KEURMERK_DOMAIN_MD)`;
if (noDomainMd) console.log(`rule coverage against DOMAIN.md skipped: ${noDomainMd}`);

describe('rule coverage', () => {
  (noDomainMd ? it.skip : it)(`every rule id in DOMAIN.md is named by at least one test in test/domain${noDomainMd ? ` (skipped: ${noDomainMd})` : ''}`, () => {
    const ids = [...readFileSync(domainMd, 'utf8').matchAll(new RegExp(RULE, 'g'))].map((m) => m[0]);
    // DOMAIN.md has at least 30 rule ids (fewer means the pattern no longer finds them)
    expect(new Set(ids).size).toBeGreaterThanOrEqual(30);
    expect(uncovered(ids)).toStrictEqual([]);
  });

  it('every rule id a built-in scheme claims is named by at least one test', () => {
    const ids = builtInSchemes.flatMap((s) => s.rules);
    expect(ids.length).toBeGreaterThan(30);
    // the claimed ids that are not rule ids
    expect(ids.filter((id) => !new RegExp(`^${RULE}$`).test(id))).toStrictEqual([]);
    expect(uncovered(ids)).toStrictEqual([]);
  });

  it('the title scanner finds ids only in test names and reports the ones no test names', () => {
    expect(testTitles().some((t) => t.startsWith('SEBO-T4: '))).toBeTruthy();
    expect(testTitles().some((t) => t.includes('matchAll'))).toBeFalsy();
    expect(uncovered(['SEBO-T99', 'SEBO-T4', 'WP-77'])).toStrictEqual(['SEBO-T99', 'WP-77']);
  });
});
