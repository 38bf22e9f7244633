// The admin command's code cache (client/bin/compile-cache.js, issue 14) may only ever make a start
// faster: the same output with a cache, without one, with a damaged one, and none at all in a folder
// that is not the user's own (a cache of compiled code there could run someone else's code).
import { execFile } from 'node:child_process';
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KEURMERK_BIN } from './support';

interface Outcome {
  code: number;
  stdout: string;
  stderr: string;
}

function keurmerk(tmp: string, args: string[], extra: NodeJS.ProcessEnv = {}): Promise<Outcome> {
  const env = { ...process.env, TMPDIR: tmp, KEURMERK_COMPILE_CACHE: undefined, ...extra };
  return new Promise((resolve) => {
    execFile(process.execPath, [KEURMERK_BIN, ...args], { env, timeout: 60_000 }, (err, stdout, stderr) => {
      const code = err ? (typeof err.code === 'number' ? err.code : 1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

const cacheFolderIn = (tmp: string): string => {
  const uid = typeof process.getuid === 'function' ? process.getuid() : undefined;
  return join(tmp, `keurmerk-compile-cache-${uid}-${process.version}`);
};

describe('the admin command keeps a code cache that only makes it start faster', () => {
  let tmp: string;
  beforeEach(() => {
    tmp = mkdtempSync(join(tmpdir(), 'keurmerk-cc-'));
  });
  afterEach(() => rmSync(tmp, { recursive: true, force: true }));

  it('writes its cache in a folder only the user may open, and answers the same from it', async () => {
    const without = await keurmerk(tmp, ['--help'], { KEURMERK_COMPILE_CACHE: 'off' });
    expect(readdirSync(tmp)).toEqual([]);

    const cold = await keurmerk(tmp, ['--help']);
    const folder = cacheFolderIn(tmp);
    expect(statSync(folder).mode & 0o777).toBe(0o700);
    const entries = readdirSync(folder).filter((f) => f.endsWith('.cache'));
    expect(entries.length).toBeGreaterThan(50);

    const warm = await keurmerk(tmp, ['--help']);
    expect(cold).toEqual(without);
    expect(warm).toEqual(without);
    expect(warm.stdout).toContain('status');
  });

  it('falls back to ordinary loading when every cache entry is damaged', async () => {
    const reference = await keurmerk(tmp, ['status', 'not-a-kvk']);
    expect(reference.code).not.toBe(0);
    const folder = cacheFolderIn(tmp);
    const entries = readdirSync(folder).filter((f) => f.endsWith('.cache'));
    expect(entries.length).toBeGreaterThan(0);
    for (const [i, entry] of entries.entries()) {
      // Half lose their header, half keep a plausible header over bytes that are not V8's.
      writeFileSync(join(folder, entry), i % 2 ? 'garbage' : `{"path":"x"}\n${'\u0000'.repeat(64)}`);
    }
    const again = await keurmerk(tmp, ['status', 'not-a-kvk']);
    expect(again).toEqual(reference);
  });

  it('uses no folder that others may write to', async () => {
    const folder = cacheFolderIn(tmp);
    mkdirSync(folder);
    chmodSync(folder, 0o777);
    const outcome = await keurmerk(tmp, ['--help']);
    expect(outcome.code).toBe(0);
    expect(outcome.stdout).toContain('status');
    expect(readdirSync(folder)).toEqual([]);
  });
});
