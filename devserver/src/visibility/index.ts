// Visibility for the devserver: search attributes, the list filter language, and the List, Scan and
// Count answers. Pure and synchronous: the engine hands in its records and the request.
export { SearchAttributeRegistry, parseSearchAttributeFlag, isReservedName, UPSERT_LIMITS } from './registry';
export type { SearchAttributeRegistryOptions } from './registry';
export { IndexedValueType, parseIndexedValueType, typeName } from './indexed-value-type';
export type { IndexedValueTypeNumber } from './indexed-value-type';
export { listExecutions, scanExecutions, countExecutions, MAX_PAGE_SIZE } from './list';
export type { ListRequest, CountRequest, VisibilityOptions } from './list';
export { workflowExecutionInfo } from './execution-info';
export { compileQuery, parseQuery } from './query';
export type { CompiledQuery } from './query';
export { SYSTEM_ATTRIBUTES, PREDEFINED_ATTRIBUTES, SQL_CUSTOM_ATTRIBUTE_LIMITS } from './system-attributes';
export { encodeJsonPayload, decodePayload } from './payload';
export type { AttributeValues, Scalar } from './search-attribute-value';
export type { VisibilityRecord } from './types';
