// domain/ is pure: it imports only luxon, zod, yaml and itself, and never reads the clock or randomness,
// so it runs unchanged in the workflow sandbox and replays identically.
import { describe, expect, it } from '@jest/globals';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';

const root = resolve(__dirname, '../../domain');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sources(path) : path.endsWith('.ts') ? [path] : [];
  });
}

describe('domain purity', () => {
  const files = sources(root);

  it('imports only luxon, zod, yaml and its own files', () => {
    const foreign = files.flatMap((file) =>
      [...readFileSync(file, 'utf8').matchAll(/(?:from|import|require\()\s*['"]([^'"]+)['"]/g)]
        .map((m) => m[1])
        .filter((spec) => !spec.startsWith('.') && !['luxon', 'zod', 'yaml'].includes(spec))
        .map((spec) => `${relative(root, file)}: ${spec}`),
    );
    expect(files.length).toBeGreaterThan(10);
    expect(foreign).toStrictEqual([]);
  });

  it('never reads the clock or randomness (every function takes "now" as input)', () => {
    const clocks = files.flatMap((file) =>
      readFileSync(file, 'utf8')
        .split('\n')
        .map((line, i) => ({ line, at: `${relative(root, file)}:${i + 1}` }))
        .filter(({ line }) => /Date\.now\(|new Date\(\s*\)|Math\.random|DateTime\.(now|local|utc)\(\s*\)|process\./.test(line))
        .map(({ at, line }) => `${at}: ${line.trim()}`),
    );
    expect(clocks).toStrictEqual([]);
  });
});
