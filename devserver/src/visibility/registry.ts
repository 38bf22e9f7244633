// The search attributes of a namespace: the built-in ones and the custom ones an operator adds with
// OperatorService.AddSearchAttributes (or `--search-attribute Name=Type` at start-up). Refusals use
// the real server's words; every call either fully succeeds or changes nothing.
import { alreadyExists, invalidArgument } from '../errors';
import { IndexedValueType, parseIndexedValueType, typeName, TYPE_NAMES_FOR_HUMANS } from './indexed-value-type';
import { dataSize, PayloadDecodeError } from './payload';
import { AttributeValues, decodeAttributeValue, formatRawValue, InvalidValueError } from './search-attribute-value';
import { decodePayload } from './payload';
import {
  PREDEFINED_ATTRIBUTES,
  RESERVED_NAMES,
  RESERVED_PREFIX,
  SQL_CUSTOM_ATTRIBUTE_LIMITS,
  SYSTEM_ATTRIBUTES,
} from './system-attributes';

export interface SearchAttributeRegistryOptions {
  /** Maximum custom attributes per type; false for none. Default: the real server's SQL limits. */
  limits?: Readonly<Record<number, number>> | false;
}

/** The real server's default dynamic-config limits for the search attributes of one execution. */
export const UPSERT_LIMITS = { numberOfKeys: 100, sizeOfValue: 2 * 1024, totalSize: 40 * 1024 } as const;

export class SearchAttributeRegistry {
  private readonly customTypes = new Map<string, number>();
  private readonly limits: Readonly<Record<number, number>> | false;

  constructor(custom: Record<string, number | string> = {}, options: SearchAttributeRegistryOptions = {}) {
    this.limits = options.limits ?? SQL_CUSTOM_ATTRIBUTE_LIMITS;
    this.addAll(custom);
  }

  /** The type number of any attribute a query may name, or undefined when it is not defined. */
  typeOf(name: string): number | undefined {
    return SYSTEM_ATTRIBUTES[name] ?? PREDEFINED_ATTRIBUTES[name] ?? this.customTypes.get(name);
  }

  isSystem(name: string): boolean {
    return Object.hasOwn(SYSTEM_ATTRIBUTES, name);
  }

  /** Adds one custom attribute; see addAll. Returns false when it already existed with that type. */
  add(name: string, type: number | string): boolean {
    return this.addAll({ [name]: type }).includes(name);
  }

  /**
   * Adds custom attributes, all or none. Re-adding an attribute with its own type is a no-op, as on
   * the real server's SQL visibility (so a worker may register its attributes at every start). Re-adding
   * it with another type is refused with ALREADY_EXISTS (the real server silently keeps the old type,
   * which would hide the mistake). Returns the names actually added.
   */
  addAll(attributes: Record<string, number | string>): string[] {
    const toAdd = new Map<string, number>();
    for (const [name, rawType] of Object.entries(attributes)) {
      const type = this.checkAddable(name, rawType);
      if (this.customTypes.get(name) === type) continue;
      toAdd.set(name, type);
    }
    this.checkLimits(toAdd);
    for (const [name, type] of toAdd) this.customTypes.set(name, type);
    return [...toAdd.keys()];
  }

  private checkAddable(name: string, rawType: number | string): number {
    if (typeof name !== 'string' || name.trim() === '') throw invalidArgument('Search attribute name is empty.');
    if (/[\s`]/.test(name)) {
      throw invalidArgument(`Search attribute name "${name}" may not contain white space or backticks.`);
    }
    if (isReservedName(name)) throw invalidArgument(`Search attribute ${name} is reserved by system.`);
    const type = parseIndexedValueType(rawType);
    if (type === undefined) {
      throw invalidArgument(`Unknown search attribute type: ${String(rawType)}. Expected one of ${TYPE_NAMES_FOR_HUMANS}.`);
    }
    const existing = this.customTypes.get(name);
    if (existing !== undefined && existing !== type) {
      throw alreadyExists(
        `Search attribute ${name} already exists with type ${typeName(existing)}; it cannot be added again as ${typeName(type)}.`,
      );
    }
    return type;
  }

  private checkLimits(toAdd: Map<string, number>): void {
    if (!this.limits) return;
    for (const type of new Set(toAdd.values())) {
      const limit = this.limits[type];
      if (limit === undefined) continue;
      const inUse = [...this.customTypes.values()].filter((t) => t === type).length;
      const adding = [...toAdd.values()].filter((t) => t === type).length;
      if (inUse + adding > limit) {
        throw invalidArgument(
          `Unable to create search attributes: cannot have more than ${limit} search attribute of type ${typeName(type)}.`,
        );
      }
    }
  }

  /** Removes one custom attribute; see removeAll. */
  remove(name: string): boolean {
    return this.removeAll([name]).length > 0;
  }

  /**
   * Removes custom attributes, all or none. A built-in attribute is refused; an unknown name is
   * skipped, as on the real server. Returns the names actually removed.
   */
  removeAll(names: readonly string[]): string[] {
    for (const name of names) {
      if (this.isSystem(name) || Object.hasOwn(PREDEFINED_ATTRIBUTES, name)) {
        throw invalidArgument(`Unable to remove non-custom search attributes: ${name}.`);
      }
    }
    return names.filter((name) => this.customTypes.delete(name));
  }

  custom(): Record<string, number> {
    return Object.fromEntries([...this.customTypes].sort(([a], [b]) => compareText(a, b)));
  }

  /** OperatorService.ListSearchAttributesResponse (SQL visibility: no storage schema). */
  list(): { customAttributes: Record<string, number>; systemAttributes: Record<string, number>; storageSchema: Record<string, string> } {
    return {
      customAttributes: this.custom(),
      systemAttributes: { ...SYSTEM_ATTRIBUTES, ...PREDEFINED_ATTRIBUTES },
      storageSchema: {},
    };
  }

  /** The `keys` map of WorkflowService.GetSearchAttributesResponse: every attribute and its type. */
  keys(): Record<string, number> {
    return { ...SYSTEM_ATTRIBUTES, ...PREDEFINED_ATTRIBUTES, ...this.custom() };
  }

  /**
   * Checks the search attributes of a start or upsert (temporal.api.common.v1.SearchAttributes
   * indexedFields) and returns their decoded values (null = remove the attribute). Refuses a built-in
   * attribute, an unknown one, a value of the wrong type and the real server's size limits.
   */
  validateUpsert(indexedFields: Record<string, unknown> | null | undefined): Record<string, AttributeValues> {
    const entries = Object.entries(indexedFields ?? {});
    if (entries.length > UPSERT_LIMITS.numberOfKeys) {
      throw invalidArgument(`number of search attributes ${entries.length} exceeds limit ${UPSERT_LIMITS.numberOfKeys}`);
    }
    const decoded: Record<string, AttributeValues> = {};
    let totalSize = 0;
    for (const [name, payload] of entries) {
      decoded[name] = this.validateOne(name, payload);
      const size = dataSize(payload as object);
      if (size > UPSERT_LIMITS.sizeOfValue) {
        throw invalidArgument(`search attribute ${name} value of size ${size} exceeds size limit ${UPSERT_LIMITS.sizeOfValue}`);
      }
      totalSize += size + name.length;
    }
    if (totalSize > UPSERT_LIMITS.totalSize) {
      throw invalidArgument(`total size of search attributes ${totalSize} exceeds size limit ${UPSERT_LIMITS.totalSize}`);
    }
    return decoded;
  }

  private validateOne(name: string, payload: unknown): AttributeValues {
    if (this.isSystem(name)) throw invalidArgument(`${name} attribute can't be set in SearchAttributes`);
    const type = this.typeOf(name);
    if (type === undefined) throw invalidArgument(`search attribute ${name} is not defined`);
    try {
      return decodeAttributeValue(payload, type);
    } catch (error) {
      const shown = error instanceof InvalidValueError ? formatRawValue(error.rawValue) : describeUndecodable(payload, error);
      throw invalidArgument(`invalid value for search attribute ${name} of type ${typeName(type)}: ${shown}`);
    }
  }

  /**
   * The search attributes of an execution after an upsert (or a continue-as-new carrying new ones):
   * validates the upsert, then returns the current payloads with the upserted ones replacing them and
   * those set to null or [] removed. The inputs are not modified.
   */
  applyUpsert(
    current: Record<string, unknown> | null | undefined,
    upsert: Record<string, unknown> | null | undefined,
  ): Record<string, unknown> {
    const decoded = this.validateUpsert(upsert);
    const merged: Record<string, unknown> = { ...(current ?? {}) };
    for (const [name, values] of Object.entries(decoded)) {
      if (values === null) delete merged[name];
      else merged[name] = upsert![name];
    }
    return merged;
  }

  /**
   * The value of one attribute of a stored execution, for queries: undefined attributes and values
   * that no longer fit the registered type (the attribute was removed and re-added) read as unset.
   */
  readValue(indexedFields: Record<string, unknown> | undefined, name: string): AttributeValues {
    const payload = indexedFields?.[name];
    const type = this.typeOf(name);
    if (payload === undefined || payload === null || typeof payload !== 'object' || type === undefined) return null;
    const cached = decodedPayloads.get(payload);
    if (cached?.type === type) return cached.values;
    let values: AttributeValues;
    try {
      values = decodeAttributeValue(payload, type);
      if (values) Object.freeze(values);
    } catch {
      values = null;
    }
    decodedPayloads.set(payload, { type, values });
    return values;
  }
}

/**
 * Decoded values by payload object: a UI polling List and Count re-reads the same stored payloads,
 * and JSON-decoding them dominated the cost of a query. Payloads are replaced, never changed in place.
 */
const decodedPayloads = new WeakMap<object, { type: number; values: AttributeValues }>();

function describeUndecodable(payload: unknown, error: unknown): string {
  if (error instanceof PayloadDecodeError) return `(${error.message})`;
  try {
    const decoded = decodePayload(payload);
    return decoded.isNull ? 'null' : formatRawValue(decoded.value);
  } catch {
    return '(undecodable payload)';
  }
}

export function isReservedName(name: string): boolean {
  return (
    Object.hasOwn(SYSTEM_ATTRIBUTES, name) ||
    Object.hasOwn(PREDEFINED_ATTRIBUTES, name) ||
    RESERVED_NAMES.has(name) ||
    name.startsWith(RESERVED_PREFIX)
  );
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Parses the value of `--search-attribute Name=Type` (as the official dev server takes it), e.g.
 * "KeurmerkStage=Keyword". Throws an Error naming the flag and the accepted types.
 */
export function parseSearchAttributeFlag(value: string): { name: string; type: number } {
  const at = value.indexOf('=');
  const name = at < 0 ? '' : value.slice(0, at).trim();
  const rawType = at < 0 ? '' : value.slice(at + 1).trim();
  if (at < 0 || !name || !rawType) {
    throw new Error(`--search-attribute "${value}": expected Name=Type, e.g. KeurmerkStage=Keyword`);
  }
  const type = parseIndexedValueType(rawType);
  if (type === undefined) {
    throw new Error(`--search-attribute "${value}": unknown type "${rawType}"; expected one of ${TYPE_NAMES_FOR_HUMANS}`);
  }
  return { name, type };
}

export { IndexedValueType };
