import type { Violation } from '../vocabulary/index.ts';
import type { Limits } from '../config/policies.ts';
import { DatasourceError, type Datasource } from '../ports/datasource.ts';

/**
 * The cost guard: the planner's own estimate (`EXPLAIN (FORMAT JSON)`) of the rows and cost of the final
 * SQL, refused above the configured maxima. A statement the server cannot even plan is refused too.
 * An unreachable, overloaded or timed-out database is not a verdict: the error is thrown for the caller to report.
 */
export async function checkCost(sql: string, datasource: Datasource, limits: Limits, role?: string): Promise<Violation | null> {
  let plan;
  try {
    plan = await datasource.explain(sql, { statementTimeoutMs: limits.statementTimeoutMs, role });
  } catch (error) {
    if (error instanceof DatasourceError && !['unavailable', 'overloaded', 'timeout'].includes(error.code)) {
      return { rule: 'plan', message: `PostgreSQL cannot plan this query: ${error.message}`, hint: 'Check the column types and functions used.' };
    }
    throw error;
  }
  // The largest row estimate of any plan node: a LIMIT on top does not make an exploding join below cheap.
  const rows = Math.round(Math.max(plan.estimatedRows, largestNodeRows(plan.plan)));
  const cost = Math.round(plan.totalCost);
  if (rows > limits.maxEstimatedRows || cost > limits.maxEstimatedCost) {
    return {
      rule: 'cost',
      message: `The planner estimates ${rows.toLocaleString('en-US')} rows at a cost of ${cost.toLocaleString('en-US')}; the limits are ${limits.maxEstimatedRows.toLocaleString('en-US')} rows and a cost of ${limits.maxEstimatedCost.toLocaleString('en-US')}.`,
      hint: 'Narrow the question: filter on a period or a category, or aggregate instead of listing.',
    };
  }
  return null;
}

function largestNodeRows(plan: unknown): number {
  let largest = 0;
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) return value.forEach(visit);
    if (value === null || typeof value !== 'object') return;
    const node = value as Record<string, unknown>;
    if (typeof node['Plan Rows'] === 'number') largest = Math.max(largest, node['Plan Rows']);
    visit(node.Plan);
    visit(node.Plans);
  };
  visit(plan);
  return largest;
}
