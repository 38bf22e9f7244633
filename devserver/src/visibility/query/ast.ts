// The parsed form of a list filter, before names are resolved against the search attributes.
export interface Column {
  name: string;
  position: number;
}

export type Literal =
  | { kind: 'string'; value: string; position: number }
  | { kind: 'number'; value: number; isInteger: boolean; raw: string; position: number }
  | { kind: 'bool'; value: boolean; position: number }
  /** NOW() plus a signed duration text ("-1h"), resolved against the server's clock. */
  | { kind: 'now'; offset?: string; raw: string; position: number };

export type ComparisonOperator = '=' | '!=' | '<' | '>' | '<=' | '>=';

export type Expression =
  | { kind: 'and' | 'or'; left: Expression; right: Expression }
  | { kind: 'not'; operand: Expression }
  | { kind: 'compare'; column: Column; operator: ComparisonOperator; value: Literal }
  | { kind: 'in'; column: Column; negated: boolean; values: Literal[] }
  | { kind: 'between'; column: Column; negated: boolean; from: Literal; to: Literal }
  | { kind: 'startsWith'; column: Column; negated: boolean; value: Literal }
  | { kind: 'isNull'; column: Column; negated: boolean };

export interface OrderTerm {
  column: Column;
  descending: boolean;
}

export interface ParsedQuery {
  where?: Expression;
  groupBy: Column[];
  orderBy: OrderTerm[];
}
