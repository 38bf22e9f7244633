// `--file application.json|yaml`: the same fields as the options, for input too long to type.
// YAML is a superset of JSON, so one parser reads both.
import { readFileSync } from 'node:fs';
import { UsageError } from './failures';

export function readInputFile(path: string): Record<string, unknown> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new UsageError(`--file: cannot read ${path} (${(err as NodeJS.ErrnoException).code ?? String(err)})`);
  }
  let value: unknown;
  try {
    // The parser is loaded for a --file only: the action commands that take one are built for `--help` too (issue 14).
    value = (require('yaml') as typeof import('yaml')).parse(text);
  } catch (err) {
    throw new UsageError(`--file: ${path} is not valid JSON or YAML: ${(err as Error).message.split('\n')[0]}`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new UsageError(`--file: ${path} must hold one object with the fields (got ${Array.isArray(value) ? 'a list' : typeof value})`);
  }
  return value as Record<string, unknown>;
}
