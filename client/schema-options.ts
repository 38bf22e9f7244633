// Command-line options derived from a domain zod schema, so every field of a human action has an
// option of its own name (`auditAt` → `--audit-at`, `disagreement.auditorView` →
// `--disagreement-auditor-view`) and the schema stays the one place that says what is valid.
// Values are handed to the schema as typed; only numbers and lists are shaped first, so a wrong
// value is still refused by the schema with its own message.
import { Option, type Command } from 'commander';
import type { z } from 'zod';
import { DateTime } from 'luxon';
import { kebab } from './input-errors';

export type FieldKind = 'text' | 'number' | 'boolean' | 'list' | 'choice';

export interface SchemaField {
  /** Path of the field in the schema's input, e.g. ['disagreement', 'auditorView']. */
  path: string[];
  flag: string;
  kind: FieldKind;
  required: boolean;
  choices?: readonly string[];
  /** What the value looks like, e.g. `date-time`; shown as `--audit-at <date-time>`. */
  hint: string;
  /**
   * Required inside an optional group (e.g. `accountmanager.name` and `.email`, every `figures.*`):
   * the dotted path of the group. Giving one option of the group makes the others required.
   */
  group?: string;
}

/** Names a string schema's format for the help text, e.g. the domain's date or email schema. */
export type HintOf = (schema: z.ZodType) => string | undefined;

export interface FieldOptions {
  /** Fields the command fills itself (e.g. from its arguments) or that only a --file can carry. */
  skip?: readonly string[];
  /** Shorter option names for some fields, by dotted path, e.g. `{ 'company.kvkNumber': '--kvk' }`. */
  flags?: Readonly<Record<string, string>>;
  hintOf?: HintOf;
}

interface Unwrapped {
  inner: z.ZodType;
  required: boolean;
}

/** zod's own name for a schema's kind ('string', 'optional', 'object', ...); formats such as z.email() are 'string'. */
const kindOf = (schema: z.ZodType): string => schema._zod.def.type;

function unwrap(schema: z.ZodType): Unwrapped {
  let inner: z.ZodType = schema;
  let required = true;
  for (;;) {
    const def = inner._zod.def as { type: string; innerType?: z.ZodType; in?: z.ZodType };
    if (def.type === 'optional' || def.type === 'nullable' || def.type === 'default' || def.type === 'prefault') {
      required = false;
      inner = def.innerType!;
    } else if (def.type === 'pipe') {
      inner = def.in!;
    } else {
      return { inner, required };
    }
  }
}

/** Every field of an object schema that a command-line option can carry, nested objects flattened. */
export function schemaFields(schema: z.ZodObject, options: FieldOptions = {}, prefix: string[] = [], parentRequired = true, group?: string): SchemaField[] {
  const skip = new Set(options.skip ?? []);
  const result: SchemaField[] = [];
  for (const [key, fieldSchema] of Object.entries(schema.shape as Record<string, z.ZodType>)) {
    const path = [...prefix, key];
    if (skip.has(path.join('.'))) continue;
    const { inner, required: ownRequired } = unwrap(fieldSchema);
    const required = parentRequired && ownRequired;
    const inGroup = !parentRequired && ownRequired ? group : undefined;
    const flag = options.flags?.[path.join('.')] ?? `--${path.map(kebab).join('-')}`;
    const hint = options.hintOf?.(inner) ?? options.hintOf?.(fieldSchema);
    switch (kindOf(inner)) {
      case 'object':
        result.push(...schemaFields(inner as z.ZodObject, options, path, required, required ? undefined : (group ?? path.join('.'))));
        break;
      case 'enum': {
        const choices = (inner as z.ZodEnum).options.map(String);
        const short = choices.join('|');
        result.push({ path, flag, kind: 'choice', required, choices, hint: hint ?? (short.length <= 30 ? short : key), ...(inGroup ? { group: inGroup } : {}) });
        break;
      }
      case 'boolean':
        result.push({ path, flag, kind: 'boolean', required: false, hint: '' });
        break;
      case 'number':
        result.push({ path, flag, kind: 'number', required, hint: hint ?? 'number', ...(inGroup ? { group: inGroup } : {}) });
        break;
      case 'array':
        // Lists of objects (e.g. documents) have no generic option: the command adds its own or they come from --file.
        if (kindOf(unwrap((inner as z.ZodArray<z.ZodType>).element).inner) !== 'object') {
          result.push({ path, flag, kind: 'list', required, hint: hint ?? 'a,b,...', ...(inGroup ? { group: inGroup } : {}) });
        }
        break;
      case 'string':
        result.push({ path, flag, kind: 'text', required, hint: hint ?? 'text', ...(inGroup ? { group: inGroup } : {}) });
        break;
    }
  }
  return result;
}

/** Fields the command fills itself when they are left out (e.g. `at` = now) are not required of the user. */
export function filledByCommand(fields: SchemaField[], paths: readonly string[]): SchemaField[] {
  return fields.map((f) => (paths.includes(f.path.join('.')) ? { ...f, required: false } : f));
}

/** commander's name for the value of an option. */
export function attributeOf(field: SchemaField): string {
  return new Option(field.flag).attributeName();
}

/** A list option may be repeated and takes comma-separated values: `--unmet-criteria 3.1,4.1`. */
function appendList(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), ...value.split(',').map((v) => v.trim()).filter(Boolean)];
}

export function addSchemaOptions(command: Command, fields: SchemaField[], describe: (field: SchemaField) => string = () => ''): void {
  for (const field of fields) {
    const flags = field.kind === 'boolean' ? field.flag : `${field.flag} <${field.hint}>`;
    const choices = field.choices && field.hint !== field.choices.join('|') ? `one of: ${field.choices.join(', ')}` : '';
    const others = field.group ? fields.filter((f) => f.group === field.group && f !== field).map((f) => f.flag) : [];
    const together = others.length ? (others.length > 2 ? `with the other ${commonPrefix(others)}* options` : `together with ${others.join(' and ')}`) : '';
    const text = [describe(field), choices, together, field.required ? '(required)' : ''].filter(Boolean).join('; ').replace(/; \(required\)$/, ' (required)');
    const option = new Option(flags, text);
    if (field.kind === 'list') option.argParser(appendList);
    command.addOption(option);
  }
}

/** `--figures-fte`, `--figures-employees` → `--figures-`. */
function commonPrefix(flags: string[]): string {
  let prefix = flags[0] ?? '';
  for (const f of flags) while (!f.startsWith(prefix)) prefix = prefix.slice(0, -1);
  return prefix;
}

/** A number as typed stays a string when it is not one, so the schema refuses it with its message. */
function shaped(field: SchemaField, value: unknown): unknown {
  if (field.kind === 'number' && typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value.trim())) return Number(value);
  return value;
}

/** The schema's input from the command's option values, on top of a base (e.g. a --file). An absent flag is false. */
export function inputFromOptions(fields: SchemaField[], values: Record<string, unknown>, base: Record<string, unknown> = {}): Record<string, unknown> {
  const input = structuredClone(base);
  for (const field of fields) {
    const value = values[attributeOf(field)] ?? (field.kind === 'boolean' && !hasPath(input, field.path) ? false : undefined);
    if (value === undefined) continue;
    setPath(input, field.path, shaped(field, value));
  }
  return input;
}

function hasPath(target: Record<string, unknown>, path: readonly string[]): boolean {
  let node: unknown = target;
  for (const key of path) {
    if (typeof node !== 'object' || node === null || !(key in node)) return false;
    node = (node as Record<string, unknown>)[key];
  }
  return true;
}

export function setPath(target: Record<string, unknown>, path: readonly string[], value: unknown): void {
  let node = target;
  for (const key of path.slice(0, -1)) {
    const next = node[key];
    if (typeof next !== 'object' || next === null || Array.isArray(next)) node[key] = {};
    node = node[key] as Record<string, unknown>;
  }
  node[path[path.length - 1]!] = value;
}

/** The option a schema path (as the domain writes it, `a.b[2].c`) comes from, if any. */
export function flagForPath(fields: SchemaField[], path: string): string | undefined {
  const keys = path.replace(/\[\d+\]/g, '').split('.').filter(Boolean);
  for (let n = keys.length; n > 0; n--) {
    const found = fields.find((f) => f.path.join('.') === keys.slice(0, n).join('.'));
    if (found) return found.flag;
  }
  return undefined;
}

/**
 * One time zone rule: a date typed without a time (`--until 2026-09-01`) is that calendar day in the
 * scheme's zone, written as its start with the zone's offset (2026-09-01T00:00:00.000+02:00), never
 * UTC midnight. Only date-time fields are touched; calendar-date fields stay YYYY-MM-DD.
 */
export function datesInZone(fields: SchemaField[], input: Record<string, unknown>, zone: string): void {
  for (const field of fields) {
    if (field.hint !== 'date-time') continue;
    let node: unknown = input;
    for (const key of field.path.slice(0, -1)) node = (node as Record<string, unknown> | undefined)?.[key];
    const holder = node as Record<string, unknown> | undefined;
    const last = field.path[field.path.length - 1]!;
    const value = holder?.[last];
    if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value.trim())) {
      const local = DateTime.fromISO(value.trim(), { zone });
      if (local.isValid) holder![last] = local.toISO();
    }
  }
}
