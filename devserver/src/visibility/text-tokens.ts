// Full-text matching for Text attributes. The real server's SQLite visibility (the official dev
// server) indexes Text in an FTS5 table with the unicode61 tokenizer and turns `Attr = 'a b'` into
// the FTS query `a OR b`; Elasticsearch's match query is an OR of the analysed tokens too. So here:
// both sides are split into tokens (letters and digits, case and diacritics folded) and a value
// matches when it contains at least one token of the query.
export function textTokens(text: string): string[] {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((token) => token.length > 0);
}

export function textMatches(values: readonly string[], queryTokens: readonly string[]): boolean {
  const present = new Set(values.flatMap(textTokens));
  return queryTokens.some((token) => present.has(token));
}
