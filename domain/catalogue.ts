// The built-in scheme definitions, each validated (zod) on its first use, so a mistake in one fails
// every test that touches it (test/domain/schemes.test.ts reads them all). Lazily, because every
// workflow run evaluates this module afresh in the worker's sandbox: parsing all six definitions at
// load cost every run tens of milliseconds, where a run needs at most its own (issue 14).
import { parseOrThrow } from './problems';
import { SchemeDefinitionSchema, type SchemeDefinition, type SchemeDefinitionInput } from './scheme';
import { mvs } from './schemes/mvs';
import { pso } from './schemes/pso';
import { sebo, seboAmbassadeur } from './schemes/sebo';
import { sroiAmersfoort } from './schemes/sroi-amersfoort';
import { werkpakt } from './schemes/werkpakt';

/** The definitions as written, before validation (ids and whether they have a flow are read from here). */
export const builtInSchemeInputs: readonly SchemeDefinitionInput[] = [sebo, seboAmbassadeur, werkpakt, mvs, pso, sroiAmersfoort];

const parsed = new Map<string, SchemeDefinition>();

/** The validated built-in definition with this id, or undefined. */
function builtIn(id: string): SchemeDefinition | undefined {
  let scheme = parsed.get(id);
  if (scheme) return scheme;
  const input = builtInSchemeInputs.find((s) => s.id === id);
  if (!input) return undefined;
  scheme = parseOrThrow(SchemeDefinitionSchema, input, `built-in scheme ${input.id}`);
  parsed.set(id, scheme);
  return scheme;
}

let all: SchemeDefinition[] | undefined;
const everyBuiltIn = (): SchemeDefinition[] => (all ??= builtInSchemeInputs.map((s) => builtIn(s.id)!));

/**
 * Every built-in scheme, validated. Reads like the array it is (find, filter, map, spread, index); the
 * definitions are parsed on the first read.
 */
export const builtInSchemes: readonly SchemeDefinition[] = new Proxy([] as SchemeDefinition[], {
  get(_target, key) {
    const list = everyBuiltIn();
    const value = Reflect.get(list, key, list);
    return typeof value === 'function' ? value.bind(list) : value;
  },
  has: (_target, key) => Reflect.has(everyBuiltIn(), key),
});

export type BuiltInSchemeId = 'sebo' | 'sebo-ambassadeur' | 'werkpakt' | 'mvs' | 'pso' | 'sroi-amersfoort';

/** A built-in scheme (or one from `extra`, e.g. loaded municipality definitions, which win on the same id). */
export function getScheme(id: string, extra: readonly SchemeDefinition[] = []): SchemeDefinition {
  const found = extra.find((s) => s.id === id) ?? builtIn(id);
  if (!found) {
    const known = [...new Set([...extra.map((s) => s.id), ...builtInSchemeInputs.map((s) => s.id)])].join(', ');
    throw new RangeError(`unknown scheme "${id}"; known schemes: ${known}`);
  }
  return found;
}
