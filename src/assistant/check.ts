import { describeDatasourceError, executeSql } from '../pipeline/execute-sql.ts';
import type { Actor } from '../vocabulary/actor.ts';
import type { CheckOptions, CheckResult } from './assistant.ts';
import type { FlowContext } from './flow-context.ts';

/**
 * The check flow: validator and policy verdict for SQL that did not come from the planner, and optionally its rows.
 * `options.entitlements` replaces the person's entitlements to personal data, never their row filters.
 */
export async function check(sql: string, actor: Actor, options: CheckOptions, context: FlowContext): Promise<CheckResult> {
  const access = await context.accessOf(actor);
  const verdict = await context.review(sql, options.entitlements ? { ...access, entitlements: new Set(options.entitlements) } : access);
  if (verdict.verdict === 'unavailable') {
    const described = describeDatasourceError(verdict.error, context.limits, context.config.datasource.name);
    return { verdict: 'block', sql, violations: [], hiddenColumns: [], error: { message: described.message, hint: described.hint } };
  }
  const result: CheckResult = { verdict: verdict.verdict, sql: verdict.sql, violations: verdict.violations, hiddenColumns: verdict.hiddenColumns, rowPolicies: verdict.rowPolicies };
  if (verdict.verdict === 'block' || !options.execute) return result;
  const execution = await executeSql(verdict.sql, context.executeContext);
  if (!execution.ok) return { ...result, error: { message: execution.failure.message, hint: execution.failure.hint } };
  return { ...result, columns: execution.result.columns, rows: execution.result.rows };
}
