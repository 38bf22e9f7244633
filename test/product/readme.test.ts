// The README is the product's front door: its two commands must be the ones CI runs, and every
// setting the code accepts must be documented there.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
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
    assert.deepEqual(missing, []);
  });

  it('gives the two commands, and CI runs the test command it names', () => {
    assert.match(readme, /npm ci && npm start/);
    assert.match(readme, /npm ci && npm test/);
    assert.match(ciRun, /npm ci\b/);
    assert.match(ciRun, /npm test\b/);
  });

  it('links only to files that exist', () => {
    for (const [, target] of readme.matchAll(/\]\(((?!https?:)[^)#]+)\)/g)) {
      assert.doesNotThrow(() => readFileSync(resolve(ROOT, target)), `README links to missing ${target}`);
    }
  });
});
