// Search attribute types as temporal.api.enums.v1.IndexedValueType numbers, with the short names
// the real server prints in its messages ("Keyword", "KeywordList") and the CLI flag accepts.
export const IndexedValueType = {
  UNSPECIFIED: 0,
  TEXT: 1,
  KEYWORD: 2,
  INT: 3,
  DOUBLE: 4,
  BOOL: 5,
  DATETIME: 6,
  KEYWORD_LIST: 7,
} as const;

export type IndexedValueTypeNumber = (typeof IndexedValueType)[keyof typeof IndexedValueType];

const NAMES: Record<number, string> = {
  0: 'Unspecified',
  1: 'Text',
  2: 'Keyword',
  3: 'Int',
  4: 'Double',
  5: 'Bool',
  6: 'Datetime',
  7: 'KeywordList',
};

/** "Keyword" for 2, as the real server's IndexedValueType.String() reads in error messages. */
export function typeName(type: number): string {
  return NAMES[type] ?? String(type);
}

/**
 * Accepts a type number, its short name in any case ("keyword", "KeywordList") or the proto enum
 * name ("INDEXED_VALUE_TYPE_KEYWORD"). Returns undefined for anything else, including UNSPECIFIED.
 */
export function parseIndexedValueType(value: unknown): IndexedValueTypeNumber | undefined {
  if (typeof value === 'number') {
    return Number.isInteger(value) && value >= 1 && value <= 7 ? (value as IndexedValueTypeNumber) : undefined;
  }
  if (typeof value !== 'string') return undefined;
  const wanted = value
    .trim()
    .replace(/^INDEXED_VALUE_TYPE_/i, '')
    .replace(/_/g, '')
    .toLowerCase();
  for (const [number, name] of Object.entries(NAMES)) {
    if (Number(number) !== 0 && name.toLowerCase() === wanted) return Number(number) as IndexedValueTypeNumber;
  }
  return undefined;
}

export const TYPE_NAMES_FOR_HUMANS = Object.values(NAMES).slice(1).join(', ');
