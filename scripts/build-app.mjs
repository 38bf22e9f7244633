#!/usr/bin/env node
// `npm run build:app`: the application compiled to dist/ for production (the Dockerfile runs it):
// TypeScript through tsc, plus the email templates that live beside the activities that send them.
import { spawnSync } from 'node:child_process';
import { cpSync, readdirSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const tsc = spawnSync('npx', ['tsc', '-p', 'tsconfig.build.json'], { cwd: root, stdio: 'inherit' });
if (tsc.status !== 0) process.exit(tsc.status ?? 1);

function templateDirs(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (!statSync(path).isDirectory()) return [];
    return name === 'templates' ? [path] : templateDirs(path);
  });
}
for (const dir of templateDirs(join(root, 'activities'))) {
  cpSync(dir, join(root, 'dist', relative(root, dir)), { recursive: true });
}
console.log('built dist/ (worker: node dist/worker/worker.js, admin command: node client/bin/keurmerk.js)');
