// A municipality's own scheme definition from the TEXT of a JSON or YAML file (the caller reads the file;
// domain does no I/O). A wrong file is refused with every problem listed by path.
import { type Parsed, type Problem, InputError, parseWith } from './problems';
import { type SchemeDefinition, SchemeDefinitionSchema } from './scheme';

export type DefinitionFormat = 'json' | 'yaml';

/** json for *.json, yaml for *.yaml / *.yml. */
export function formatOf(fileName: string): DefinitionFormat {
  if (/\.json$/i.test(fileName)) return 'json';
  if (/\.ya?ml$/i.test(fileName)) return 'yaml';
  throw new RangeError(`expected a .json, .yaml or .yml file, got "${fileName}"`);
}

function syntax(text: string, format: DefinitionFormat): { ok: true; value: unknown } | { ok: false; problems: Problem[] } {
  if (format === 'json') {
    try {
      return { ok: true, value: JSON.parse(text) };
    } catch (e) {
      return { ok: false, problems: [{ path: '', message: `not valid JSON: ${(e as Error).message}` }] };
    }
  }
  // Loaded for YAML only: the admin command's start-up does not pay for a parser most runs never use.
  const { parseDocument } = require('yaml') as typeof import('yaml');
  const doc = parseDocument(text, { prettyErrors: true });
  if (doc.errors.length > 0) {
    return { ok: false, problems: doc.errors.map((e) => ({ path: '', message: `not valid YAML: ${e.message.split('\n')[0]}` })) };
  }
  return { ok: true, value: doc.toJS() };
}

export function parseSchemeDefinition(text: string, format: DefinitionFormat): Parsed<SchemeDefinition> {
  const raw = syntax(text, format);
  return raw.ok ? parseWith(SchemeDefinitionSchema, raw.value) : raw;
}

/** Like parseSchemeDefinition, but throws an InputError listing every problem (message names the file). */
export function loadSchemeDefinition(text: string, fileName: string): SchemeDefinition {
  const parsed = parseSchemeDefinition(text, formatOf(fileName));
  if (!parsed.ok) throw new InputError(parsed.problems, `scheme definition ${fileName}`);
  return parsed.value;
}
