// Proto3 canonical JSON (what grpc-gateway and the Temporal UI speak) over protobufjs reflection.
// Inside the server a message is a plain object as proto.ts decodes it (int64 as numbers, enums as
// numbers, bytes as Buffers, Timestamp/Duration as {seconds, nanos}); on the wire it is camelCase JSON
// with int64 as strings, enum names, base64 bytes, RFC 3339 timestamps and "1.5s" durations.
// protobufjs's toObject/fromObject do the scalar work; this file adds what they lack: the well-known
// types' JSON forms, snake_case input, and a specific error for every value of the wrong shape.
import type * as protobuf from 'protobufjs';
import { invalidArgument } from '../errors';
import { TO_OBJECT, root } from '../proto';
import { isWellFormed } from '../wire-text';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

const WIRE_OBJECT: protobuf.IConversionOptions = {
  longs: String,
  enums: String,
  bytes: String,
  json: true,
  defaults: false,
};

const WRAPPERS = new Set(
  ['Double', 'Float', 'Int64', 'UInt64', 'Int32', 'UInt32', 'Bool', 'String', 'Bytes'].map(
    (name) => `.google.protobuf.${name}Value`,
  ),
);

// ---------------------------------------------------------------------------------------------
// Outgoing: internal plain object -> canonical JSON

/** A message as proto3 canonical JSON; accepts any shape protobufjs's fromObject accepts. */
export function toProtoJson(type: protobuf.Type, value: unknown): JsonObject {
  const message = type.fromObject((value ?? {}) as Record<string, unknown>);
  return wellKnownToJson(type, type.toObject(message, WIRE_OBJECT)) as JsonObject;
}

function wellKnownToJson(type: protobuf.Type, obj: any): Json {
  switch (type.fullName) {
    case '.google.protobuf.Timestamp':
      return formatTimestamp(Number(obj.seconds ?? 0), obj.nanos ?? 0);
    case '.google.protobuf.Duration':
      return formatDuration(Number(obj.seconds ?? 0), obj.nanos ?? 0);
    case '.google.protobuf.FieldMask':
      return ((obj.paths ?? []) as string[]).map(camelPath).join(',');
    case '.google.protobuf.Empty':
      return {};
    case '.google.protobuf.Struct':
      return structToJson(obj);
    case '.google.protobuf.Value':
      return valueToJson(obj);
    case '.google.protobuf.ListValue':
      return ((obj.values ?? []) as unknown[]).map(valueToJson);
    case '.google.protobuf.Any':
      return anyToJson(obj);
  }
  if (WRAPPERS.has(type.fullName)) return obj.value ?? wrapperDefault(type);
  for (const field of messageFields(type)) {
    const v = obj[field.name];
    if (v === undefined || v === null) continue;
    const fieldType = field.resolvedType as protobuf.Type;
    if (field.map) {
      for (const key of Object.keys(v)) v[key] = wellKnownToJson(fieldType, v[key]);
    } else if (field.repeated) {
      obj[field.name] = (v as unknown[]).map((item) => wellKnownToJson(fieldType, item));
    } else {
      obj[field.name] = wellKnownToJson(fieldType, v);
    }
  }
  return obj;
}

function wrapperDefault(type: protobuf.Type): Json {
  const valueType = type.fields.value.type;
  if (valueType === 'bool') return false;
  if (valueType === 'string' || valueType === 'bytes') return '';
  if (valueType === 'int64' || valueType === 'uint64') return '0';
  return 0;
}

function structToJson(obj: any): JsonObject {
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(obj.fields ?? {})) out[key] = valueToJson(value);
  return out;
}

function valueToJson(obj: any): Json {
  if (obj.structValue !== undefined) return structToJson(obj.structValue);
  if (obj.listValue !== undefined) return ((obj.listValue.values ?? []) as unknown[]).map(valueToJson);
  if (obj.numberValue !== undefined) return obj.numberValue;
  if (obj.stringValue !== undefined) return obj.stringValue;
  if (obj.boolValue !== undefined) return obj.boolValue;
  return null;
}

// protobufjs's Any wrapper already unpacked the message into {"@type", ...fields}; only the inner
// message's own well-known fields still need their JSON forms.
function anyToJson(obj: any): Json {
  const typeUrl: string | undefined = obj['@type'];
  if (!typeUrl) return obj;
  const inner = lookupMessage(typeUrl.slice(typeUrl.lastIndexOf('/') + 1));
  if (!inner) return obj;
  const { '@type': _, ...fields } = obj;
  const converted = wellKnownToJson(inner, fields);
  if (inner.fullName.startsWith('.google.protobuf.') && !isPlainObject(converted)) {
    return { '@type': typeUrl, value: converted };
  }
  return { '@type': typeUrl, ...(converted as JsonObject) };
}

export function formatTimestamp(seconds: number, nanos: number): string {
  const date = new Date(seconds * 1000);
  if (Number.isNaN(date.getTime())) return '1970-01-01T00:00:00Z';
  return `${date.toISOString().slice(0, 19)}${fraction(nanos)}Z`;
}

export function formatDuration(seconds: number, nanos: number): string {
  const negative = seconds < 0 || nanos < 0;
  return `${negative ? '-' : ''}${Math.abs(seconds)}${fraction(Math.abs(nanos))}s`;
}

/** Nanoseconds as 0, 3, 6 or 9 fractional digits, as protojson writes them. */
function fraction(nanos: number): string {
  if (!nanos) return '';
  const digits = String(nanos).padStart(9, '0');
  if (nanos % 1_000_000 === 0) return `.${digits.slice(0, 3)}`;
  if (nanos % 1_000 === 0) return `.${digits.slice(0, 6)}`;
  return `.${digits}`;
}

// ---------------------------------------------------------------------------------------------
// Incoming: canonical JSON (camelCase or snake_case) -> internal plain object

/** A request message from JSON, as the handlers expect it (see proto.ts TO_OBJECT). */
export function fromProtoJson(type: protobuf.Type, json: unknown): any {
  return toInternal(type, prepareMessage(type, json ?? {}, ''));
}

/** The result of prepareMessage (or one completed by setFieldPath) in the handlers' shape. */
export function toInternal(type: protobuf.Type, prepared: Record<string, unknown>): any {
  return type.toObject(type.fromObject(prepared), TO_OBJECT);
}

/**
 * JSON into the object protobufjs's fromObject understands: field names in camelCase, bytes as
 * Buffers, well-known types expanded, and every value checked against its field's type.
 */
export function prepareMessage(type: protobuf.Type, json: unknown, path: string): any {
  const special = prepareWellKnown(type, json, path);
  if (special !== NOT_WELL_KNOWN) return special;
  if (!isPlainObject(json)) throw wrongShape(path, `a JSON object (${shortName(type)})`, json);
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(json)) {
    const field = findField(type, key);
    // Unknown fields are dropped, as protojson with DiscardUnknown does: a newer UI may send
    // fields this API version does not know yet.
    if (!field || value === null) continue;
    out[field.name] = prepareField(field, value, join(path, field.name));
  }
  return out;
}

function prepareField(field: protobuf.Field, value: unknown, path: string): unknown {
  field.resolve();
  if (field.map) {
    if (!isPlainObject(value)) throw wrongShape(path, 'a JSON object (map)', value);
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      if (!isWellFormed(key)) throw invalidArgument(`${path}: a map key holds half of a UTF-16 surrogate pair; send well-formed Unicode text`);
      if (RESERVED_NAMES.has(key)) throw invalidArgument(`${path}: "${key}" cannot be used as a map key here`);
      out[key] = prepareSingle(field, item, `${path}["${key}"]`);
    }
    return out;
  }
  if (field.repeated) {
    if (!Array.isArray(value)) throw wrongShape(path, 'a JSON array', value);
    return value.map((item, i) => prepareSingle(field, item, `${path}[${i}]`));
  }
  return prepareSingle(field, value, path);
}

function prepareSingle(field: protobuf.Field, value: unknown, path: string): unknown {
  const resolved = field.resolvedType;
  if (isMessageType(resolved)) return prepareMessage(resolved, value, path);
  if (isEnumType(resolved)) return prepareEnum(resolved, value, path);
  return prepareScalar(field.type, value, path);
}

function prepareEnum(type: protobuf.Enum, value: unknown, path: string): number {
  if (typeof value === 'number' && Number.isInteger(value)) return value;
  if (typeof value === 'string') {
    if (value in type.values) return type.values[value];
    if (/^-?\d+$/.test(value)) return Number(value);
    // The UI and people write enum names without their prefix too ("Running" for
    // WORKFLOW_EXECUTION_STATUS_RUNNING); grpc-gateway in the Temporal server accepts both.
    const short = type.name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toUpperCase() + '_';
    const full = short + value.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toUpperCase();
    if (full in type.values) return type.values[full];
  }
  const names = Object.keys(type.values);
  throw invalidArgument(
    `${path || 'value'}: expected a ${type.name} name (${names.slice(0, 4).join(', ')}${names.length > 4 ? ', ...' : ''}) or number, got ${describe(value)}`,
  );
}

const INT32 = new Set(['int32', 'uint32', 'sint32', 'fixed32', 'sfixed32']);
const INT64 = new Set(['int64', 'uint64', 'sint64', 'fixed64', 'sfixed64']);

function prepareScalar(scalar: string, value: unknown, path: string): unknown {
  if (scalar === 'string') {
    // Half a surrogate pair ("\ud800") is no text: the real server's protojson refuses it too.
    if (typeof value === 'string' && !isWellFormed(value)) throw invalidArgument(`${path || 'value'}: the string holds half of a UTF-16 surrogate pair (an invalid "\\uD800"-style escape); send well-formed Unicode text`);
    if (typeof value === 'string') return value;
    throw wrongShape(path, 'a string', value);
  }
  if (scalar === 'bool') {
    if (typeof value === 'boolean') return value;
    throw wrongShape(path, 'true or false', value);
  }
  if (INT32.has(scalar) || INT64.has(scalar)) {
    if (typeof value === 'number' && Number.isInteger(value)) return value;
    if (typeof value === 'string' && /^-?\d+$/.test(value)) return INT64.has(scalar) ? value : Number(value);
    throw wrongShape(path, `an integer (${scalar})`, value);
  }
  if (scalar === 'double' || scalar === 'float') {
    if (typeof value === 'number') return value;
    if (value === 'NaN' || value === 'Infinity' || value === '-Infinity') return Number(value);
    if (typeof value === 'string' && value.trim() !== '' && !Number.isNaN(Number(value))) return Number(value);
    throw wrongShape(path, 'a number', value);
  }
  if (scalar === 'bytes') {
    if (typeof value === 'string' && /^[A-Za-z0-9+/_-]*={0,2}$/.test(value)) return Buffer.from(value, 'base64');
    throw wrongShape(path, 'base64 bytes', value);
  }
  throw invalidArgument(`${path}: unsupported field type ${scalar}`);
}

const NOT_WELL_KNOWN = Symbol('not well-known');

function prepareWellKnown(type: protobuf.Type, json: unknown, path: string): unknown {
  switch (type.fullName) {
    case '.google.protobuf.Timestamp':
      if (isPlainObject(json)) return secondsAndNanos(json, path);
      return parseTimestamp(json, path);
    case '.google.protobuf.Duration':
      if (isPlainObject(json)) return secondsAndNanos(json, path);
      return parseDuration(json, path);
    case '.google.protobuf.FieldMask':
      if (typeof json !== 'string') throw wrongShape(path, 'a comma-separated field mask', json);
      return { paths: json.split(',').filter(Boolean).map(snakePath) };
    case '.google.protobuf.Empty':
      return {};
    case '.google.protobuf.Struct':
      if (!isPlainObject(json)) throw wrongShape(path, 'a JSON object', json);
      return structFromJson(json);
    case '.google.protobuf.Value':
      return valueFromJson(json as Json);
    case '.google.protobuf.ListValue':
      if (!Array.isArray(json)) throw wrongShape(path, 'a JSON array', json);
      return { values: json.map((item) => valueFromJson(item as Json)) };
    case '.google.protobuf.Any':
      return anyFromJson(json, path);
  }
  if (WRAPPERS.has(type.fullName)) {
    return { value: prepareScalar(type.fields.value.type, json, path) };
  }
  return NOT_WELL_KNOWN;
}

function secondsAndNanos(json: Record<string, unknown>, path: string) {
  return {
    seconds: prepareScalar('int64', json.seconds ?? 0, join(path, 'seconds')),
    nanos: prepareScalar('int32', json.nanos ?? 0, join(path, 'nanos')),
  };
}

const RFC3339 = /^(\d{4}-\d{2}-\d{2})[Tt ](\d{2}:\d{2}:\d{2})(?:\.(\d{1,9}))?([Zz]|[+-]\d{2}:\d{2})$/;

export function parseTimestamp(json: unknown, path: string): { seconds: number; nanos: number } {
  const match = typeof json === 'string' ? RFC3339.exec(json) : null;
  const millis = match ? Date.parse(`${match[1]}T${match[2]}${match[4].toUpperCase()}`) : NaN;
  if (!match || Number.isNaN(millis)) throw wrongShape(path, 'an RFC 3339 timestamp like "2026-01-31T09:00:00Z"', json);
  return { seconds: Math.floor(millis / 1000), nanos: Number((match[3] ?? '').padEnd(9, '0')) };
}

const DURATION = /^(-)?(\d+)(?:\.(\d{1,9}))?s$/;

export function parseDuration(json: unknown, path: string): { seconds: number; nanos: number } {
  const match = typeof json === 'string' ? DURATION.exec(json) : null;
  if (!match) throw wrongShape(path, 'a duration in seconds like "10s" or "0.5s"', json);
  const sign = match[1] ? -1 : 1;
  return { seconds: sign * Number(match[2]), nanos: sign * Number((match[3] ?? '').padEnd(9, '0')) };
}

function structFromJson(json: Record<string, unknown>) {
  const fields: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(json)) fields[key] = valueFromJson(value as Json);
  return { fields };
}

function valueFromJson(json: Json): unknown {
  if (json === null) return { nullValue: 0 };
  if (Array.isArray(json)) return { listValue: { values: json.map(valueFromJson) } };
  if (typeof json === 'object') return { structValue: structFromJson(json) };
  if (typeof json === 'number') return { numberValue: json };
  if (typeof json === 'string') return { stringValue: json };
  return { boolValue: json };
}

function anyFromJson(json: unknown, path: string) {
  if (!isPlainObject(json) || typeof json['@type'] !== 'string') {
    throw wrongShape(path, 'an object with "@type"', json);
  }
  const typeUrl = json['@type'];
  const inner = lookupMessage(typeUrl.slice(typeUrl.lastIndexOf('/') + 1));
  if (!inner) throw invalidArgument(`${join(path, '@type')}: unknown message type ${typeUrl}`);
  const { '@type': _, ...rest } = json;
  const body = inner.fullName.startsWith('.google.protobuf.') && 'value' in rest ? rest.value : rest;
  const prepared = prepareMessage(inner, body, path);
  return { typeUrl, value: inner.encode(inner.fromObject(prepared)).finish() };
}

// ---------------------------------------------------------------------------------------------
// Field paths ("execution.run_id") for path variables and query parameters

/**
 * Sets one field given by a dotted path in camelCase or snake_case from its text form (a URL path
 * segment or query parameter). Repeated fields collect every occurrence. Returns false when the path
 * names no field, so the caller can decide whether that is an error.
 */
export function setFieldPath(type: protobuf.Type, target: Record<string, any>, fieldPath: string, text: string): boolean {
  const names = fieldPath.split('.');
  let current = type;
  let object = target;
  const seen: string[] = [];
  for (let i = 0; i < names.length; i++) {
    const field = findField(current, names[i]);
    if (!field) return false;
    field.resolve();
    seen.push(field.name);
    const last = i === names.length - 1;
    if (!last) {
      if (!(isMessageType(field.resolvedType)) || field.repeated || field.map) return false;
      current = field.resolvedType;
      object = object[field.name] ??= {};
      continue;
    }
    const value = fromText(field, text, seen.join('.'));
    if (field.repeated) (object[field.name] ??= []).push(value);
    else object[field.name] = value;
  }
  return true;
}

function fromText(field: protobuf.Field, text: string, path: string): unknown {
  if (field.map) throw invalidArgument(`${path}: a map cannot be set from a URL`);
  const resolved = field.resolvedType;
  if (isMessageType(resolved)) {
    if (resolved.fullName.startsWith('.google.protobuf.')) {
      const wrapperType = WRAPPERS.has(resolved.fullName) ? resolved.fields.value.type : undefined;
      return prepareMessage(resolved, wrapperType ? textScalar(wrapperType, text, path) : text, path);
    }
    throw invalidArgument(`${path}: a message (${shortName(resolved)}) cannot be set from a URL; send it in a JSON body`);
  }
  if (isEnumType(resolved)) return prepareEnum(resolved, text, path);
  return prepareScalar(field.type, textScalar(field.type, text, path), path);
}

function textScalar(scalar: string, text: string, path: string): unknown {
  if (scalar !== 'bool') return text;
  if (text === 'true' || text === '1') return true;
  if (text === 'false' || text === '0') return false;
  throw wrongShape(path, 'true or false', text);
}

// ---------------------------------------------------------------------------------------------

/** Names of Object.prototype that must never be taken as a field or key (prototype pollution). */
export const RESERVED_NAMES = new Set(['__proto__', 'constructor', 'prototype']);

const messageFieldCache = new WeakMap<protobuf.Type, protobuf.Field[]>();

function messageFields(type: protobuf.Type): protobuf.Field[] {
  let fields = messageFieldCache.get(type);
  if (!fields) {
    fields = type.fieldsArray.filter((field) => isMessageType(field.resolve().resolvedType));
    messageFieldCache.set(type, fields);
  }
  return fields;
}

/** A field by its proto or JSON name; never something of Object.prototype ("__proto__", "constructor"). */
function findField(type: protobuf.Type, name: string): protobuf.Field | undefined {
  const own = (key: string) => (Object.prototype.hasOwnProperty.call(type.fields, key) ? type.fields[key] : undefined);
  return own(name) ?? own(camel(name));
}

function lookupMessage(name: string): protobuf.Type | undefined {
  const found = root.lookup(name);
  return isMessageType(found) ? found : undefined;
}

// Duck-typed: @temporalio/proto brings its own protobufjs copy, so instanceof against ours fails.
function isMessageType(value: unknown): value is protobuf.Type {
  return typeof value === 'object' && value !== null && 'fieldsArray' in value;
}

function isEnumType(value: unknown): value is protobuf.Enum {
  return typeof value === 'object' && value !== null && 'valuesById' in value && !('fieldsArray' in value);
}

const camel = (name: string) => name.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
const camelPath = (path: string) => path.split('.').map(camel).join('.');
const snakePath = (path: string) => path.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
const join = (path: string, name: string) => (path ? `${path}.${name}` : name);
const shortName = (type: protobuf.Type) => type.fullName.replace(/^\./, '');

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !Buffer.isBuffer(value);
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}...` : value);
  if (typeof value === 'object') return 'an object';
  return `${typeof value} ${String(value)}`;
}

function wrongShape(path: string, expected: string, got: unknown) {
  return invalidArgument(`${path || 'request body'}: expected ${expected}, got ${describe(got)}`);
}
