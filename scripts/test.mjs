#!/usr/bin/env node
// The one test command (`npm test`): builds the devserver, then runs every test/**/*.test.ts with
// node's own test runner (TypeScript through tsx). Arguments narrow the run to files or folders:
//   npm test -- test/domain   npm test -- test/devserver/timers.test.ts
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const started = Date.now();

function collect(path) {
  if (statSync(path).isFile()) return path.endsWith('.test.ts') ? [path] : [];
  return readdirSync(path)
    .filter((name) => name !== 'node_modules' && name !== 'artifacts')
    .sort()
    .flatMap((name) => collect(join(path, name)));
}

const targets = process.argv.slice(2);
const files = (targets.length ? targets : ['test']).flatMap((t) => collect(resolve(root, t)));
if (files.length === 0) {
  console.error(`no test files under ${targets.join(' ') || 'test'}`);
  process.exit(1);
}

const build = spawnSync('npm', ['run', '--silent', 'build'], { cwd: root, stdio: 'inherit' });
if (build.status !== 0) {
  // A narrowed run (one folder) may not need the devserver; the full suite always does.
  if (!targets.length) process.exit(build.status ?? 1);
  console.warn('warning: the build failed; running the chosen tests anyway');
}

const concurrency = process.env.TEST_CONCURRENCY ?? '1';
const run = spawnSync(
  process.execPath,
  ['--import', 'tsx', '--test', `--test-concurrency=${concurrency}`, '--test-reporter=spec', ...files],
  { cwd: root, stdio: 'inherit' },
);
console.log(`test duration: ${((Date.now() - started) / 1000).toFixed(1)} s`);
process.exit(run.status ?? 1);
