// Every rule id of DOMAIN.md is checked by at least one test whose name carries the id, so a reader
// finds a rule's test with one grep. DOMAIN.md lives beside the repository (../shared/DOMAIN.md);
// KEURMERK_DOMAIN_MD points elsewhere.
import { describe, expect, it } from '@jest/globals';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { builtInSchemes } from '../../domain';

const RULE = '\\b(?:SEBO-[A-Z]\\d+|WP-\\d+|MVS-\\d+|PSO-\\d+|SROI-\\d+)\\b';
const domainMd = process.env.KEURMERK_DOMAIN_MD ?? resolve(__dirname, '../../../shared/DOMAIN.md');

/** The titles of it()/test() calls in the *.test.ts files of `dir` (string literals and template literals). */
function testTitles(dir: string = __dirname): string[] {
  const titles: string[] = [];
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.test.ts'))) {
    const source = readFileSync(join(dir, file), 'utf8');
    for (const m of source.matchAll(/\b(?:it|test)\(\s*(['"`])((?:\\.|(?!\1).)*)\1/g)) titles.push(m[2]);
  }
  return titles;
}

function uncovered(ids: Iterable<string>, titles: string[] = testTitles()): string[] {
  return [...new Set(ids)].filter((id) => !titles.some((t) => new RegExp(`\\b${id}\\b`).test(t))).sort();
}

/** Tests that run a case through the real Worker and Client: the workflow tests and the admin command's. */
const caseTestTitles = () => [...testTitles(resolve(__dirname, '../workflows')), ...testTitles(resolve(__dirname, '../cli'))];
/** The schemes beside SEBO (issues 10 and 11): each of their rules is proven by a running case, not only by a domain function. */
const OTHER_SCHEMES = /^(?:WP|MVS|PSO|SROI)-\d+$/;

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

  it('every WP-, MVS-, PSO- and SROI- rule id (DOMAIN.md and the built-in schemes) is named by a test under test/workflows or test/cli', () => {
    const fromDomain = noDomainMd ? [] : [...readFileSync(domainMd, 'utf8').matchAll(new RegExp(RULE, 'g'))].map((m) => m[0]);
    const ids = [...fromDomain, ...builtInSchemes.flatMap((s) => s.rules)].filter((id) => OTHER_SCHEMES.test(id));
    // WP-1..5, MVS-1..3, PSO-1..2, SROI-1..4 (fewer means the pattern no longer finds them)
    expect(new Set(ids).size).toBeGreaterThanOrEqual(14);
    expect(uncovered(ids, caseTestTitles())).toStrictEqual([]);
  });

  it('the title scanner finds ids only in test names and reports the ones no test names', () => {
    expect(testTitles().some((t) => t.startsWith('SEBO-T4: '))).toBeTruthy();
    expect(testTitles().some((t) => t.includes('matchAll'))).toBeFalsy();
    expect(uncovered(['SEBO-T99', 'SEBO-T4', 'WP-77'])).toStrictEqual(['SEBO-T99', 'WP-77']);
    // The case tests are scanned in their own folders: a WP- id named only by a domain test counts as uncovered there.
    expect(caseTestTitles().some((t) => /^WP-1\b/.test(t))).toBeTruthy();
    expect(uncovered(['WP-1', 'WP-77'], caseTestTitles())).toStrictEqual(['WP-77']);
  });
});
