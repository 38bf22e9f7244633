// Recursive-descent parser for list filters. Precedence as in SQL: NOT binds tighter than AND,
// AND tighter than OR; BETWEEN's own AND belongs to the BETWEEN. A whole query is
// [condition] [GROUP BY name] [ORDER BY name [ASC|DESC], ...].
import { Column, ComparisonOperator, Expression, Literal, OrderTerm, ParsedQuery } from './ast';
import { queryError } from './errors';
import { Token, tokenize } from './lexer';

export function parseQuery(query: string): ParsedQuery {
  return new Parser(tokenize(query)).parse();
}

const COMPARISONS = new Set(['=', '!=', '<', '>', '<=', '>=']);

/**
 * Parentheses and NOTs nested deeper than this are refused (the real server's SQL parser has a
 * nesting limit too); without one a query of thousands of "(" would exhaust the stack.
 */
export const MAX_NESTING = 100;

class Parser {
  private index = 0;
  private depth = 0;

  constructor(private readonly tokens: Token[]) {}

  parse(): ParsedQuery {
    const result: ParsedQuery = { groupBy: [], orderBy: [] };
    if (!this.atKeyword('GROUP') && !this.atKeyword('ORDER') && !this.at('end')) result.where = this.orExpression();
    if (this.acceptKeywords('GROUP', 'BY')) result.groupBy = this.columnList();
    if (this.acceptKeywords('ORDER', 'BY')) result.orderBy = this.orderTerms();
    if (this.atKeyword('LIMIT')) throw queryError("operation is not supported: 'LIMIT' clause", this.peek().position);
    if (this.atKeyword('GROUP')) throw queryError('GROUP BY must come before ORDER BY', this.peek().position);
    if (!this.at('end')) throw this.unexpected('AND, OR, GROUP BY, ORDER BY or the end of the query');
    return result;
  }

  private orExpression(): Expression {
    let left = this.andExpression();
    while (this.acceptKeyword('OR')) left = { kind: 'or', left, right: this.andExpression() };
    return left;
  }

  private andExpression(): Expression {
    let left = this.notExpression();
    while (this.acceptKeyword('AND')) left = { kind: 'and', left, right: this.notExpression() };
    return left;
  }

  private notExpression(): Expression {
    const token = this.peek();
    if (!this.atKeyword('NOT') && !this.at('(')) return this.predicate();
    if (++this.depth > MAX_NESTING) throw queryError(`parentheses and NOT nested more than ${MAX_NESTING} levels deep`, token.position);
    try {
      if (this.acceptKeyword('NOT')) return { kind: 'not', operand: this.notExpression() };
      this.accept('(');
      const inner = this.orExpression();
      this.expect(')', 'AND, OR or a closing parenthesis');
      return inner;
    } finally {
      this.depth--;
    }
  }

  private predicate(): Expression {
    const column = this.column('a search attribute name or "("');
    const token = this.peek();
    if (token.kind === 'operator' && COMPARISONS.has(token.text)) {
      this.index++;
      return { kind: 'compare', column, operator: token.text as ComparisonOperator, value: this.literal() };
    }
    if (this.acceptKeyword('IS')) {
      const negated = this.acceptKeyword('NOT');
      this.expectKeyword('NULL', "'IS' operator can only be used as 'IS NULL' or 'IS NOT NULL'");
      return { kind: 'isNull', column, negated };
    }
    const negated = this.acceptKeyword('NOT');
    if (this.acceptKeyword('IN')) return { kind: 'in', column, negated, values: this.literalList() };
    if (this.acceptKeyword('BETWEEN')) {
      const from = this.literal();
      this.expectKeyword('AND', 'AND between the two bounds of BETWEEN');
      return { kind: 'between', column, negated, from, to: this.literal() };
    }
    if (this.acceptKeyword('STARTS_WITH')) return { kind: 'startsWith', column, negated, value: this.literal() };
    if (this.atKeyword('LIKE')) throw queryError("operation is not supported: 'LIKE' (use STARTS_WITH)", this.peek().position);
    throw this.unexpected(
      negated ? 'IN, BETWEEN or STARTS_WITH after NOT' : 'an operator (=, !=, <, >, <=, >=, IN, BETWEEN, STARTS_WITH, IS)',
    );
  }

  private column(expected: string): Column {
    const token = this.peek();
    if (token.kind !== 'name') throw this.unexpected(expected);
    this.index++;
    return { name: token.text, position: token.position };
  }

  private literal(): Literal {
    const token = this.peek();
    if (token.kind === 'string') {
      this.index++;
      return { kind: 'string', value: token.text, position: token.position };
    }
    if (token.kind === 'now') {
      this.index++;
      return { kind: 'now', offset: token.offset, raw: token.raw, position: token.position };
    }
    if (token.kind === 'keyword' && (token.text === 'TRUE' || token.text === 'FALSE')) {
      this.index++;
      return { kind: 'bool', value: token.text === 'TRUE', position: token.position };
    }
    if (token.kind === 'operator' && (token.text === '-' || token.text === '+')) {
      const next = this.tokens[this.index + 1];
      if (next.kind !== 'number') throw this.unexpected('a number after the sign', next);
      this.index += 2;
      const raw = token.text === '-' ? `-${next.text}` : next.text;
      return numberLiteral(raw, token.position);
    }
    if (token.kind === 'number') {
      this.index++;
      return numberLiteral(token.text, token.position);
    }
    if (token.kind === 'name') {
      throw queryError(
        `column name on the right side of comparison expression (did you forget to quote "${token.text}"?)`,
        token.position,
      );
    }
    throw this.unexpected('a value (a quoted string, a number, true or false)');
  }

  private literalList(): Literal[] {
    this.expect('(', 'a parenthesised list of values');
    const values = [this.literal()];
    while (this.accept(',')) values.push(this.literal());
    this.expect(')', 'a comma or a closing parenthesis');
    return values;
  }

  private columnList(): Column[] {
    const columns = [this.column('a search attribute name')];
    while (this.accept(',')) columns.push(this.column('a search attribute name'));
    return columns;
  }

  private orderTerms(): OrderTerm[] {
    const terms: OrderTerm[] = [];
    do {
      const column = this.column('a search attribute name');
      const descending = this.acceptKeyword('DESC');
      if (!descending) this.acceptKeyword('ASC');
      terms.push({ column, descending });
    } while (this.accept(','));
    return terms;
  }

  private peek(): Token {
    return this.tokens[this.index];
  }

  private at(kind: Token['kind']): boolean {
    return this.peek().kind === kind;
  }

  private atKeyword(word: string): boolean {
    const token = this.peek();
    return token.kind === 'keyword' && token.text === word;
  }

  private accept(kind: Token['kind']): boolean {
    if (!this.at(kind)) return false;
    this.index++;
    return true;
  }

  private acceptKeyword(word: string): boolean {
    if (!this.atKeyword(word)) return false;
    this.index++;
    return true;
  }

  private acceptKeywords(first: string, second: string): boolean {
    if (!this.acceptKeyword(first)) return false;
    this.expectKeyword(second, `${second} after ${first}`);
    return true;
  }

  private expect(kind: Token['kind'], expected: string): void {
    if (!this.accept(kind)) throw this.unexpected(expected);
  }

  private expectKeyword(word: string, expected: string): void {
    if (!this.acceptKeyword(word)) throw this.unexpected(expected);
  }

  private unexpected(expected: string, token: Token = this.peek()) {
    if (token.kind === 'end') return queryError(`unexpected end of query, expected ${expected}`, token.position);
    return queryError(`unexpected token "${token.raw}" at position ${token.position}, expected ${expected}`);
  }
}

function numberLiteral(raw: string, position: number): Literal {
  const isInteger = /^[+-]?\d+$/.test(raw);
  return { kind: 'number', value: Number(raw), isInteger, raw, position };
}
