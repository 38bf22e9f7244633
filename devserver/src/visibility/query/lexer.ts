// Splits a list filter into tokens. The language is the SQL WHERE-clause subset the real server
// accepts (MySQL flavour): names bare or in backticks, strings in single or double quotes with
// backslash escapes or doubled quotes, numbers, comparison operators, keywords in any case.
import { queryError } from './errors';

export type TokenKind = 'name' | 'string' | 'number' | 'keyword' | 'operator' | 'now' | '(' | ')' | ',' | 'end';

export interface Token {
  kind: TokenKind;
  /** Keywords upper-cased, names and strings unquoted, operators normalised ("<>" reads "!="). */
  text: string;
  /** The token as written, for error messages. */
  raw: string;
  /** 1-based character position of the token's first character. */
  position: number;
  /** For `now` tokens: the signed offset written after NOW(), as duration text ("-1h30m"). */
  offset?: string;
}

export const KEYWORDS = new Set([
  'AND', 'OR', 'NOT', 'IN', 'BETWEEN', 'IS', 'NULL', 'STARTS_WITH', 'ORDER', 'GROUP', 'BY', 'ASC', 'DESC',
  'TRUE', 'FALSE', 'LIMIT', 'LIKE', 'SELECT', 'FROM', 'WHERE',
]);

const OPERATORS = ['<=', '>=', '!=', '<>', '=', '<', '>', '-', '+'];
const NUMBER = /^(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?/;
const NAME = /^[A-Za-z_][A-Za-z0-9_]*/;
/** NOW(), NOW() - 1h, NOW()+2d: the real server's relative times, one token so "1h30m" needs no lexing. */
const NOW = /^now\(\)(?:\s*([+-])\s*([0-9A-Za-zµμ]+))?/i;

export function tokenize(query: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < query.length) {
    const char = query[i];
    if (/\s/.test(char)) {
      i++;
      continue;
    }
    const position = i + 1;
    const rest = query.slice(i);
    if (char === '(' || char === ')' || char === ',') {
      tokens.push({ kind: char, text: char, raw: char, position });
      i++;
    } else if (char === "'" || char === '"') {
      const { value, end } = readQuoted(query, i, char, 'string');
      tokens.push({ kind: 'string', text: value, raw: query.slice(i, end), position });
      i = end;
    } else if (char === '`') {
      const { value, end } = readQuoted(query, i, char, 'name');
      if (value === '') throw queryError('empty name in backticks', position);
      tokens.push({ kind: 'name', text: value, raw: query.slice(i, end), position });
      i = end;
    } else if (NOW.test(rest)) {
      const match = NOW.exec(rest)!;
      const offset = match[1] ? `${match[1]}${match[2]}` : undefined;
      tokens.push({ kind: 'now', text: 'NOW()', raw: match[0], position, offset });
      i += match[0].length;
    } else if (NUMBER.test(rest)) {
      const raw = NUMBER.exec(rest)![0];
      if (NAME.test(query.slice(i + raw.length))) throw queryError(`unexpected token "${raw}${NAME.exec(query.slice(i + raw.length))![0]}"`, position);
      tokens.push({ kind: 'number', text: raw, raw, position });
      i += raw.length;
    } else if (NAME.test(rest)) {
      const raw = NAME.exec(rest)![0];
      const upper = raw.toUpperCase();
      tokens.push(KEYWORDS.has(upper) ? { kind: 'keyword', text: upper, raw, position } : { kind: 'name', text: raw, raw, position });
      i += raw.length;
    } else {
      const operator = OPERATORS.find((op) => rest.startsWith(op));
      // The whole character, not one UTF-16 half of it (an emoji is two code units).
      if (!operator) throw queryError(`unexpected character "${String.fromCodePoint(query.codePointAt(i)!)}"`, position);
      tokens.push({ kind: 'operator', text: operator === '<>' ? '!=' : operator, raw: operator, position });
      i += operator.length;
    }
  }
  tokens.push({ kind: 'end', text: '', raw: 'end of query', position: query.length + 1 });
  return tokens;
}

const ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', '0': '\0', b: '\b', Z: '\x1a' };

function readQuoted(query: string, start: number, quote: string, what: 'string' | 'name'): { value: string; end: number } {
  let value = '';
  let i = start + 1;
  while (i < query.length) {
    const char = query[i];
    if (char === quote) {
      if (query[i + 1] === quote) {
        value += quote;
        i += 2;
        continue;
      }
      return { value, end: i + 1 };
    }
    if (char === '\\' && what === 'string' && i + 1 < query.length) {
      const next = query[i + 1];
      value += ESCAPES[next] ?? next;
      i += 2;
      continue;
    }
    value += char;
    i++;
  }
  throw queryError(`unterminated ${what === 'string' ? 'string' : 'quoted name'} starting with ${quote}`, start + 1);
}
