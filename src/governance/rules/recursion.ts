import { fieldsOf, fieldsOrSelf, isNode, listOf } from '../../sql/nodes.ts';
import { pass, violation, type PolicyInput, type RuleOutcome } from '../policy-types.ts';

/**
 * Rule: a recursive CTE's recursive part must have something that can end the recursion: a WHERE
 * condition, or a join with another table (a walk over a hierarchy ends with the data).
 */
export function checkRecursion(input: PolicyInput): RuleOutcome {
  const unbounded: string[] = [];
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) return value.forEach(visit);
    if (!isNode(value)) return;
    const withClause = fieldsOf(value, 'WithClause') ?? (value.recursive === true && Array.isArray(value.ctes) ? value : undefined);
    if (withClause?.recursive === true) {
      for (const cte of listOf(withClause.ctes)) {
        const fields = fieldsOf(cte, 'CommonTableExpr');
        const query = fieldsOf(fields?.ctequery, 'SelectStmt');
        if (!fields || !query || query.op === 'SETOP_NONE' || query.op === undefined) continue;
        const recursivePart = fieldsOrSelf(query.rarg, 'SelectStmt');
        if (recursivePart && !bounded(recursivePart, String(fields.ctename))) unbounded.push(String(fields.ctename));
      }
    }
    for (const child of Object.values(value)) visit(child);
  };
  visit(input.statement);
  if (unbounded.length === 0) return pass;
  return violation(
    'recursion',
    `The recursive query ${unbounded.map((name) => `"${name}"`).join(', ')} has no condition that stops it.`,
    'Add a WHERE condition to the recursive part (for example WHERE depth < 10).',
  );
}

function bounded(recursivePart: Record<string, unknown>, cteName: string): boolean {
  if (recursivePart.whereClause !== undefined || recursivePart.limitCount !== undefined) return true;
  let readsAnotherRelation = false;
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) return value.forEach(visit);
    if (!isNode(value)) return;
    const rangeVar = fieldsOf(value, 'RangeVar');
    if (rangeVar && rangeVar.relname !== cteName) readsAnotherRelation = true;
    const join = fieldsOf(value, 'JoinExpr');
    if (join && join.quals === undefined && join.usingClause === undefined && join.isNatural !== true) return visit([join.larg, join.rarg]);
    for (const child of Object.values(value)) visit(child);
  };
  visit(recursivePart.fromClause);
  return readsAnotherRelation;
}
