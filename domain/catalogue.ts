// The built-in scheme definitions, validated once at load so a mistake in them fails every test.
import { parseOrThrow } from './problems';
import { SchemeDefinitionSchema, type SchemeDefinition } from './scheme';
import { mvs } from './schemes/mvs';
import { pso } from './schemes/pso';
import { sebo, seboAmbassadeur } from './schemes/sebo';
import { sroiAmersfoort } from './schemes/sroi-amersfoort';
import { werkpakt } from './schemes/werkpakt';

export const builtInSchemes: readonly SchemeDefinition[] = [sebo, seboAmbassadeur, werkpakt, mvs, pso, sroiAmersfoort].map(
  (input) => parseOrThrow(SchemeDefinitionSchema, input, `built-in scheme ${input.id}`),
);

export type BuiltInSchemeId = 'sebo' | 'sebo-ambassadeur' | 'werkpakt' | 'mvs' | 'pso' | 'sroi-amersfoort';

/** A built-in scheme (or one from `extra`, e.g. loaded municipality definitions, which win on the same id). */
export function getScheme(id: string, extra: readonly SchemeDefinition[] = []): SchemeDefinition {
  const found = extra.find((s) => s.id === id) ?? builtInSchemes.find((s) => s.id === id);
  if (!found) {
    const known = [...new Set([...extra, ...builtInSchemes].map((s) => s.id))].join(', ');
    throw new RangeError(`unknown scheme "${id}"; known schemes: ${known}`);
  }
  return found;
}
