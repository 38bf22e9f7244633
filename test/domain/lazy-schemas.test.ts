// Issue 14: the domain's zod schemas are built on first use, not when the modules load, because the
// SDK evaluates the workflow bundle's modules afresh for every workflow run (docs/decisions/lazy-schemas.md).
// These tests hold both halves: loading builds nothing, and a lazily built schema behaves as the schema.
import { describe, expect, it, jest } from '@jest/globals';
import { z } from 'zod';
import { lazy } from '../../domain/lazy';

/** zod's factories (z.string, z.object, ...) counted; its classes (ZodError, ZodType) left as they are. */
function countingZod(calls: { n: number }) {
  const actual = jest.requireActual<typeof import('zod')>('zod');
  // zod's namespace is frozen: a copy of it, with each factory wrapped.
  const counted = Object.fromEntries(
    Object.entries(actual.z).map(([key, value]) =>
      typeof value === 'function' && /^[a-z]/.test(key)
        ? [
            key,
            (...args: unknown[]) => {
              calls.n++;
              return (value as (...a: unknown[]) => unknown)(...args);
            },
          ]
        : [key, value],
    ),
  );
  return { ...actual, z: counted };
}

describe('domain schemas built on first use (issue 14)', () => {
  it('loading the domain and the workflow modules that hold schemas builds no zod schema', () => {
    const calls = { n: 0 };
    jest.isolateModules(() => {
      jest.doMock('zod', () => countingZod(calls));
      const domain = require('../../domain') as typeof import('../../domain');
      require('../../workflows/reminder-policy');
      expect(calls.n).toBe(0);

      // The first parse builds what it needs, and only that.
      const parsed = domain.seboActions.intakeRecorded.safeParse({ at: '2026-03-02T09:30:00+01:00', notes: 'kennismakingsgesprek gehouden' });
      expect(parsed.success).toBe(true);
      const afterIntake = calls.n;
      expect(afterIntake).toBeGreaterThan(0);
      domain.seboActions.intakeRecorded.safeParse({ at: '2026-03-02T09:30:00+01:00' });
      expect(calls.n).toBe(afterIntake);
    });
    jest.dontMock('zod');
  });

  it('a lazy schema parses, refuses and composes as the schema it stands for', () => {
    let builds = 0;
    const when = lazy(() => {
      builds++;
      return z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'expected YYYY-MM-DD' });
    });
    const visit = lazy(() => z.object({ on: when, by: z.string().optional() }).strict());
    expect(builds).toBe(0);

    expect(visit.parse({ on: '2026-12-03' })).toStrictEqual({ on: '2026-12-03' });
    const refused = visit.safeParse({ on: '3 december', extra: 1 });
    expect(refused.success).toBe(false);
    expect(refused.error?.issues.map((i) => [i.path.join('.'), i.message])).toStrictEqual([
      ['on', 'expected YYYY-MM-DD'],
      ['', 'Unrecognized key: "extra"'],
    ]);
    expect(visit.optional().parse(undefined)).toBeUndefined();
    expect(visit.extend({ why: z.string() }).parse({ on: '2026-12-03', why: 'audit' })).toStrictEqual({ on: '2026-12-03', why: 'audit' });
    expect(visit instanceof z.ZodObject).toBe(true);
    expect(Object.keys(visit.shape)).toStrictEqual(['on', 'by']);
    expect(builds).toBe(1);
  });

  it('a lazy object spreads and answers `in` like the object', () => {
    const fields = lazy(() => ({ at: z.string(), by: z.string().optional() }));
    expect('at' in fields).toBe(true);
    expect(Object.keys({ ...fields })).toStrictEqual(['at', 'by']);
    expect(z.object({ ...fields }).parse({ at: 'nu' })).toStrictEqual({ at: 'nu' });
  });
});
