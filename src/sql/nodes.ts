import type { ParseNode } from './parse-sql.ts';

/** Small, typed accessors over libpg-query's JSON parse tree. */

export function isNode(value: unknown): value is ParseNode {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** The single node type of a wrapped node: `{ ColumnRef: {...} }` → `'ColumnRef'`. */
export function nodeType(node: ParseNode): string | undefined {
  const keys = Object.keys(node);
  return keys.length === 1 ? keys[0] : undefined;
}

/** The fields of a wrapped node if it is of the given type. */
export function fieldsOf(node: unknown, type: string): ParseNode | undefined {
  if (!isNode(node)) return undefined;
  const inner = node[type];
  return isNode(inner) ? inner : undefined;
}

export function listOf(value: unknown): ParseNode[] {
  return Array.isArray(value) ? value.filter(isNode) : [];
}

/** `{ String: { sval: 'x' } }` → `'x'`. */
export function stringValue(node: unknown): string | undefined {
  const fields = fieldsOf(node, 'String');
  return typeof fields?.sval === 'string' ? fields.sval : undefined;
}

/** A qualified name list (`[{String}, {String}]`) as plain strings. */
export function nameList(value: unknown): string[] {
  return listOf(value)
    .map((item) => stringValue(item))
    .filter((name): name is string => name !== undefined);
}

/** Fields typed as one node type (`alias`, `withClause`, `larg`) come unwrapped; accept both forms. */
export function fieldsOrSelf(value: unknown, type: string): ParseNode | undefined {
  return fieldsOf(value, type) ?? (isNode(value) && !(type in value) ? value : undefined);
}
