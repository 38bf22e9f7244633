#!/usr/bin/env node
// The one test command (`npm test`): builds the devserver, then runs jest on test/**/*.test.ts
// (TypeScript through @swc/jest). Arguments go to jest, so a run narrows as usual:
//   npm test -- test/domain   npm test -- test/devserver/cli.test.ts   npm test -- -t SEBO-T9
// The last line is jest's own count as CI reads it: `N passed, M failed` (`, K skipped` when any).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const started = Date.now();
const args = process.argv.slice(2);
const narrowed = args.length > 0;

const build = spawnSync('npm', ['run', '--silent', 'build'], { cwd: root, stdio: 'inherit' });
if (build.status !== 0) {
  // A narrowed run (one folder) may not need the devserver; the full suite always does.
  if (!narrowed) process.exit(build.status ?? 1);
  console.warn('warning: the build failed; running the chosen tests anyway');
}

const out = mkdtempSync(join(tmpdir(), 'keurmerk-jest-'));
const resultsFile = join(out, 'results.json');
const run = spawnSync(
  process.execPath,
  [join(root, 'node_modules/jest/bin/jest.js'), '--json', `--outputFile=${resultsFile}`, ...args],
  { cwd: root, stdio: 'inherit', env: process.env },
);

let summary = 'no results: jest did not write its results file';
const skippedTitles = [];
try {
  const r = JSON.parse(readFileSync(resultsFile, 'utf8'));
  const skipped = r.numPendingTests + r.numTodoTests;
  // A file that fails to load counts no test; count it as a failure so it cannot hide.
  const brokenFiles = r.testResults.filter((f) => f.status === 'failed' && f.assertionResults.length === 0).length;
  // A skip is never silent: each skipped test is listed with its title, which carries the reason
  // (test/helpers/skip.ts), just above the count. With -t jest counts the tests the name leaves out
  // as skipped too; those are not listed.
  const byName = args.some((a) => a === '-t' || a.startsWith('--testNamePattern') || a.startsWith('-t='));
  for (const f of byName ? [] : r.testResults) {
    for (const a of f.assertionResults) if (a.status === 'pending' || a.status === 'todo') skippedTitles.push(a.fullName);
  }
  summary = `${r.numPassedTests} passed, ${r.numFailedTests + brokenFiles} failed${skipped ? `, ${skipped} skipped` : ''}`;
} catch {
  // keep the message above
}
rmSync(out, { recursive: true, force: true });
for (const title of skippedTitles) console.log(`skipped: ${title}`);
console.log(`test duration: ${((Date.now() - started) / 1000).toFixed(1)} s`);
console.log(summary);
process.exit(run.status ?? 1);
