#!/usr/bin/env node
// `npm run ui:build`: builds the genuine Temporal UI (ui/, a SvelteKit app on @temporalio/ui) into
// ui/build, which the devserver serves on its UI port. ui/ has its own package.json so its ~280 MB
// of dependencies never slow down `npm ci` of the application; they are installed here, once.
// Skips when ui/build matches its sources (a hash of ui/src, the configs and the lockfile);
// --force rebuilds anyway.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';

const ui = resolve(import.meta.dirname, '../ui');
const stampFile = join(ui, 'build', '.build-stamp');
const force = process.argv.includes('--force');
const started = Date.now();

const log = (message) => console.log(`ui: ${message}`);
const seconds = (since) => `${((Date.now() - since) / 1000).toFixed(1)} s`;

function inputs() {
  const files = ['package.json', 'package-lock.json', 'svelte.config.js', 'vite.config.js', 'tailwind.config.js', 'postcss.config.js'];
  const walk = (dir) =>
    readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
      const path = join(dir, entry.name);
      return entry.isDirectory() ? walk(path) : [relative(ui, path)];
    });
  return [...files.filter((f) => existsSync(join(ui, f))), ...walk(join(ui, 'src')), ...walkStatic()].sort();
  function walkStatic() {
    return existsSync(join(ui, 'static')) ? walk(join(ui, 'static')) : [];
  }
}

function sourceHash() {
  const hash = createHash('sha256');
  for (const file of inputs()) hash.update(file).update('\0').update(readFileSync(join(ui, file))).update('\0');
  hash.update(process.env.VITE_API ?? '');
  return hash.digest('hex');
}

/**
 * Runs one stage with its own output kept back (npm's fetch log is hundreds of lines) and a progress
 * line every 15 s instead; the output is shown only when the stage fails.
 */
async function run(command, args, what) {
  const at = Date.now();
  log(`${what} ...`);
  const child = spawn(command, args, { cwd: ui, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, VITE_API: process.env.VITE_API ?? '' } });
  let output = '';
  child.stdout.on('data', (d) => (output += d));
  child.stderr.on('data', (d) => (output += d));
  const ticker = setInterval(() => log(`${what}: still working (${seconds(at)})`), 15_000);
  const status = await new Promise((ok) => child.once('close', (code, signal) => ok(code ?? signal)));
  clearInterval(ticker);
  if (status !== 0) {
    process.stderr.write(output.split('\n').slice(-40).join('\n'));
    console.error(`ui: ${what} failed (exit ${status})`);
    process.exit(typeof status === 'number' ? status : 1);
  }
  log(`${what} took ${seconds(at)}`);
}

function dependenciesCurrent() {
  // npm writes node_modules/.package-lock.json on install; it must be at least as new as the lockfile.
  const installed = join(ui, 'node_modules', '.package-lock.json');
  return existsSync(installed) && statSync(installed).mtimeMs >= statSync(join(ui, 'package-lock.json')).mtimeMs;
}

// One build at a time: the test runner runs files in parallel and two of them (the browser test and
// the `npm start` test) may both ask for the UI. mkdir is atomic; the lock names its owner's pid, so a
// lock left by a killed build is taken over. The second caller waits, then finds the build current.
const lockDir = join(ui, '.build-lock');
function ownerAlive() {
  try {
    process.kill(Number(readFileSync(join(lockDir, 'pid'), 'utf8')), 0);
    return true;
  } catch (err) {
    return err.code === 'EPERM';
  }
}
const waitUntil = Date.now() + 30 * 60_000;
for (let announced = false; ; ) {
  try {
    mkdirSync(lockDir);
    writeFileSync(join(lockDir, 'pid'), String(process.pid));
    process.on('exit', () => rmSync(lockDir, { recursive: true, force: true }));
    break;
  } catch (err) {
    if (err.code !== 'EEXIST') throw err;
  }
  // The owner may not have written its pid yet: give it a moment before calling the lock stale.
  if (existsSync(join(lockDir, 'pid')) && !ownerAlive()) {
    rmSync(lockDir, { recursive: true, force: true });
    continue;
  }
  if (Date.now() > waitUntil) {
    console.error(`ui: another build has held ${lockDir} for 30 minutes; remove it if no build is running`);
    process.exit(1);
  }
  if (!announced) log('another ui build is running; waiting for it');
  announced = true;
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 1000);
}

if (!dependenciesCurrent()) {
  await run('npm', ['ci', '--no-audit', '--no-fund', '--loglevel=error', '--progress=false'], 'installing dependencies (npm ci in ui/, ~280 MB, about a minute)');
}

const hash = sourceHash();
if (!force && existsSync(stampFile) && readFileSync(stampFile, 'utf8') === hash && existsSync(join(ui, 'build', 'index.html'))) {
  log('build is current (ui/build matches ui/src); use --force to rebuild');
  process.exit(0);
}
await run('npx', ['vite', 'build'], 'building ui/build (vite, about a minute)');
writeFileSync(stampFile, hash);
log(`ready in ${seconds(started)}: the devserver serves ui/build on its UI port`);
