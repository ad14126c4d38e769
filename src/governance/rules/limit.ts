import { fieldsOf, isNode } from '../../sql/nodes.ts';
import { pass, type PolicyInput, type RuleOutcome } from '../policy-types.ts';

/**
 * Rule: the outermost query returns at most `limits.maxRows` rows. A missing LIMIT becomes
 * `limits.defaultRows`; `LIMIT ALL`, `LIMIT NULL`, a computed limit or one above the maximum becomes
 * `limits.maxRows`. The rewrite is made on the parse tree (set operations included) and deparsed.
 */
export function enforceLimit(input: PolicyInput): RuleOutcome {
  const select = fieldsOf(input.statement, 'SelectStmt');
  if (!select) return pass;
  const { defaultRows, maxRows } = input.limits;
  const current = select.limitCount;
  if (current === undefined) {
    setLimit(select, defaultRows);
    return { kind: 'rewrite', note: `added LIMIT ${defaultRows}` };
  }
  const value = constantLimit(current);
  if (value !== undefined && value <= maxRows) return pass;
  setLimit(select, maxRows);
  const was = value === undefined ? describeLimit(current) : String(value);
  return { kind: 'rewrite', note: `clamped LIMIT ${was} to ${maxRows}` };
}

function setLimit(select: Record<string, unknown>, rows: number): void {
  select.limitCount = { A_Const: { ival: { ival: rows } } };
  // WITH TIES could return more rows than the limit.
  select.limitOption = 'LIMIT_OPTION_COUNT';
}

/** The limit when it is an integer constant; undefined for ALL, NULL, expressions and subqueries. */
function constantLimit(limit: unknown): number | undefined {
  const constant = fieldsOf(limit, 'A_Const');
  if (!constant || constant.isnull === true) return undefined;
  const integer = isNode(constant.ival) ? constant.ival.ival : undefined;
  if (constant.ival !== undefined) return typeof integer === 'number' ? integer : 0;
  const float = isNode(constant.fval) ? Number(constant.fval.fval) : undefined;
  return float !== undefined && Number.isFinite(float) ? float : undefined;
}

function describeLimit(limit: unknown): string {
  const constant = fieldsOf(limit, 'A_Const');
  if (constant?.isnull === true) return 'ALL/NULL';
  return 'expression';
}
