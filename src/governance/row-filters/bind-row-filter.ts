import type { AttributeValue } from '../../config/entitlements.ts';
import { fieldsOf, isNode } from '../../sql/nodes.ts';
import type { FilterExpression } from '../../sql/parse-filter-expression.ts';
import type { ParseNode } from '../../sql/parse-sql.ts';

/**
 * Binds an asker's attribute values into a compiled filter: each `:name` parameter of the parse tree becomes a
 * constant node (`A_Const`), which the deparser quotes; no value ever reaches SQL text by concatenation. An attribute
 * with several values gives the filter once per combination, ORed: the filter holds for any of the values.
 */

/** More combinations than this and the filter is not bound (it then shows no rows): an attribute list run wild. */
export const maxCombinations = 64;

export type BoundFilter = { ok: true; expression: ParseNode } | { ok: false; reason: string };

export function bindRowFilter(filter: FilterExpression, valuesOf: (name: string) => readonly AttributeValue[]): BoundFilter {
  const values = filter.parameters.map((name) => [...new Set(valuesOf(name))]);
  const missing = filter.parameters.filter((_, index) => values[index]?.length === 0);
  if (missing.length > 0) return { ok: false, reason: `no value for ${missing.map((name) => `:${name}`).join(', ')}` };
  const combinations = values.reduce((count, list) => count * list.length, 1);
  if (combinations > maxCombinations) return { ok: false, reason: `${combinations} combinations of attribute values, more than ${maxCombinations}` };
  const bound: ParseNode[] = [];
  const choose = (chosen: AttributeValue[]) => {
    if (chosen.length === values.length) bound.push(substitute(structuredClone(filter.expression), chosen) as ParseNode);
    else for (const value of values[chosen.length] as AttributeValue[]) choose([...chosen, value]);
  };
  choose([]);
  return { ok: true, expression: anyOf(bound) };
}

/** `a OR b OR …`, flat as PostgreSQL's parser makes it; one expression stays as it is. */
export function anyOf(expressions: ParseNode[]): ParseNode {
  return joined('OR_EXPR', expressions);
}

/** `a AND b AND …`, flat as PostgreSQL's parser makes it; one expression stays as it is. */
export function allOf(expressions: ParseNode[]): ParseNode {
  return joined('AND_EXPR', expressions);
}

function joined(boolop: 'OR_EXPR' | 'AND_EXPR', expressions: ParseNode[]): ParseNode {
  const args = expressions.flatMap((expression) => {
    const bool = fieldsOf(expression, 'BoolExpr');
    return bool?.boolop === boolop && Array.isArray(bool.args) ? (bool.args as ParseNode[]) : [expression];
  });
  return args.length === 1 ? (args[0] as ParseNode) : { BoolExpr: { boolop, args } };
}

export const falseExpression: ParseNode = { A_Const: { boolval: { boolval: false } } };

/** A value as a constant node: text, boolean, a 32-bit integer, or any other number as a numeric literal. */
export function constantNode(value: AttributeValue): ParseNode {
  if (typeof value === 'string') return { A_Const: { sval: { sval: value } } };
  if (typeof value === 'boolean') return { A_Const: { boolval: { boolval: value } } };
  if (Number.isInteger(value) && Math.abs(value) <= 2_147_483_647) return { A_Const: { ival: value === 0 ? {} : { ival: value } } };
  return { A_Const: { fval: { fval: String(value) } } };
}

function substitute(value: unknown, chosen: AttributeValue[]): unknown {
  if (Array.isArray(value)) return value.map((item) => substitute(item, chosen));
  if (!isNode(value)) return value;
  const parameter = fieldsOf(value, 'ParamRef');
  if (parameter && typeof parameter.number === 'number') return constantNode(chosen[parameter.number - 1] as AttributeValue);
  for (const [field, child] of Object.entries(value)) value[field] = substitute(child, chosen);
  return value;
}
