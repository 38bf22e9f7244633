// The README is the product's front door: its two commands must be the ones CI runs, and every
// setting the code accepts must be documented there.
import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { configSchema } from '../../worker/config';
import { embeddedSchema } from '../../scripts/embedded/settings';

const ROOT = resolve(__dirname, '../..');
const readme = readFileSync(resolve(ROOT, 'README.md'), 'utf8');
const ciRun = readFileSync(resolve(ROOT, '.ci/run'), 'utf8');

describe('README.md', () => {
  it('documents every setting of worker/config.ts and of the embedded default', () => {
    const settings = [...Object.keys(configSchema.shape), ...Object.keys(embeddedSchema.shape)];
    const missing = settings.filter((name) => !readme.includes(`\`${name}\``));
    expect(missing).toStrictEqual([]);
  });

  it('gives the two commands, and CI runs the test command it names', () => {
    expect(readme).toMatch(/npm ci && npm start/);
    expect(readme).toMatch(/npm ci && npm test/);
    expect(ciRun).toMatch(/npm ci\b/);
    expect(ciRun).toMatch(/npm test\b/);
  });

  it('links only to files that exist', () => {
    const targets = [...readme.matchAll(/\]\(((?!https?:)[^)#]+)\)/g)].map((m) => m[1]);
    const unreadable = (target: string) => {
      try {
        readFileSync(resolve(ROOT, target));
        return false;
      } catch {
        return true;
      }
    };
    // the links whose file is missing (or is a folder)
    expect(targets.filter(unreadable)).toStrictEqual([]);
  });
});
