import { fieldsOf, fieldsOrSelf, isNode, listOf } from '../../sql/nodes.ts';
import { pass, violation, type PolicyInput, type RuleOutcome } from '../policy-types.ts';

/** Rule: a recursive CTE's recursive part must have a condition (WHERE) that can end the recursion. */
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
        if (recursivePart && recursivePart.whereClause === undefined && recursivePart.limitCount === undefined) unbounded.push(String(fields.ctename));
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
