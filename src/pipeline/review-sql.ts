import type { Catalog } from '../catalog/catalog.ts';
import type { Limits } from '../config/policies.ts';
import type { Access } from '../governance/access.ts';
import { DatasourceError, type Datasource } from '../ports/datasource.ts';
import { applyPolicies, type PolicyVerdict } from './apply-policies.ts';
import { problemsAsViolations } from './describe-problems.ts';
import { validateSql, type Validation } from './validate-sql.ts';

/**
 * Stage: validation then the policy agent, for SQL from any lane. A database that cannot be reached (down, its
 * breaker open, or too busy) is an outcome of its own, `unavailable`, never a policy violation: nothing was wrong
 * with the SQL, so nothing is repaired.
 */

export interface ReviewContext {
  catalog: Catalog;
  limits: Limits;
  datasource: Datasource;
  role?: string | undefined;
}

export type Review = PolicyVerdict | { verdict: 'unavailable'; error: DatasourceError };

export async function reviewSql(sql: string, access: Access, context: ReviewContext): Promise<Review> {
  const validation = await validateSql(sql, context.catalog);
  if (!validation.ok) return { verdict: 'block', sql, sqlBeforeRowFilters: sql, rowPolicies: [], violations: problemsAsViolations(validation.problems), hiddenColumns: [], notes: [], personalData: [] };
  return reviewValidated(validation, access, context);
}

/** Whose access applies is the caller's choice: the asker's when asked, the clicker's at Run. */
export async function reviewValidated(validation: Extract<Validation, { ok: true }>, access: Access, context: ReviewContext): Promise<Review> {
  try {
    return await applyPolicies(validation, { ...context, entitlements: access.entitlements, rowFilters: access.rowFilters });
  } catch (error) {
    if (error instanceof DatasourceError) return { verdict: 'unavailable', error };
    throw error;
  }
}
