// Turns zod issues into lines an accountmanager can act on: which option (or which field of the
// --file), what was expected, what was given. The domain schemas carry the plain-language messages;
// this file only says where the value came from.
import type { z } from 'zod';

/** How a field path is named to the user: an option such as `--kvk`, or `company.kvk` in a file. */
export type FieldNamer = (path: PropertyKey[]) => string;

export const kebab = (name: string): string => name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

/** The option a field comes from when every field has an option of its own name. */
export const optionName: FieldNamer = (path) =>
  path.length === 0 ? 'input' : `--${path.filter((p) => typeof p === 'string').map(kebab).join('-') || String(path[0])}`;

/** The field as it is written in an application file. */
export const fileFieldName =
  (file: string): FieldNamer =>
  (path) =>
    `${file}: ${path.length ? path.map(String).join('.') : '(whole file)'}`;

export function describeIssue(issue: z.core.$ZodIssue, nameOf: FieldNamer): string {
  const field = nameOf(issue.path);
  const input = (issue as { input?: unknown }).input;
  if (issue.code === 'invalid_type' && input === undefined) return `${field}: required (${expectation(issue)})`;
  if (issue.code === 'unrecognized_keys') return `${field}: unknown field(s) ${issue.keys.join(', ')}`;
  const message = issue.message.replace(/^Invalid input: /, '');
  return input === undefined || /\bgot\b|\breceived\b/.test(message)
    ? `${field}: ${message}`
    : `${field}: ${message}, got ${shown(input)}`;
}

function expectation(issue: z.core.$ZodIssue): string {
  const custom = issue.message.replace(/^Invalid input: /, '').replace(/, received undefined$/, '');
  return custom;
}

/** A value as the user typed it, kept short so one issue stays one line. */
export function shown(value: unknown): string {
  const text = typeof value === 'string' ? JSON.stringify(value) : safeJson(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

/**
 * An Update validator inside a workflow may refuse with a zod error, which reaches the client as the
 * error's message: a JSON array of issues. Recognise that shape so it reads like a local refusal.
 */
export function issuesFromMessage(message: string): z.core.$ZodIssue[] | undefined {
  if (!message.trimStart().startsWith('[')) return undefined;
  try {
    const parsed: unknown = JSON.parse(message);
    const looksLikeIssues =
      Array.isArray(parsed) &&
      parsed.length > 0 &&
      parsed.every((i) => typeof i === 'object' && i !== null && Array.isArray(i.path) && typeof i.message === 'string');
    return looksLikeIssues ? (parsed as z.core.$ZodIssue[]) : undefined;
  } catch {
    return undefined;
  }
}
