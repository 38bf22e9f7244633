// Local validation before anything is sent: the domain schema decides, and each problem is named
// after where the value came from (an option, or a field of the --file).
import type { z } from 'zod';
import { parseWith, type Problem } from '../domain/problems';
import { InvalidInput } from './failures';
import { shown } from './input-errors';
import { attributeOf, flagForPath, type SchemaField } from './schema-options';

export interface InputSource {
  fields: SchemaField[];
  /** The option values commander parsed. */
  values: Record<string, unknown>;
  file?: string;
  /** Where the file's content sits in the validated input (e.g. ['application']). */
  fileRoot?: string[];
}

function typedValue(field: SchemaField | undefined, source: InputSource): unknown {
  return field ? source.values[attributeOf(field)] : undefined;
}

function inFile(path: string, source: InputSource): string {
  const root = (source.fileRoot ?? []).join('.');
  const inside = root && path.startsWith(`${root}.`) ? path.slice(root.length + 1) : path;
  return `${source.file}: ${inside || '(whole file)'}`;
}

/** A problem line: the option (or file field) first, then the domain's message and what was typed. */
export function problemLine(problem: Problem, source: InputSource): string {
  const flag = flagForPath(source.fields, problem.path);
  const field = source.fields.find((f) => f.flag === flag);
  const typed = typedValue(field, source);
  if (flag === undefined) {
    // A whole group is missing (e.g. `contact`): name the options that fill it.
    const prefix = `${problem.path}.`;
    const parts = source.fields.filter((f) => f.path.join('.').startsWith(prefix) && f.required !== false);
    if (parts.length > 0 && !source.file) {
      const message = parts.length > 1 ? problem.message.replace(/^is required$/, 'are required') : problem.message;
      return `${parts.map((f) => f.flag).join(' and ')}: ${message}`;
    }
    return source.file ? `${inFile(problem.path, source)}: ${problem.message}` : `${problem.path || 'input'}: ${problem.message}`;
  }
  if (source.file && typed === undefined) return `${inFile(problem.path, source)}: ${problem.message}`;
  const got = typed !== undefined && typeof typed !== 'boolean' && !/\bgot\b/.test(problem.message) ? `, got ${shown(typed)}` : '';
  return `${flag}: ${problem.message}${got}`;
}

/** The schema's output, or InvalidInput with one line per problem (exit 1, nothing sent). */
export function validated<S extends z.ZodType>(schema: S, input: unknown, source: InputSource): z.output<S> {
  const parsed = parseWith(schema, input);
  if (!parsed.ok) throw new InvalidInput(parsed.problems.map((p) => problemLine(p, source)));
  return parsed.value;
}
