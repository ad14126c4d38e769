import { deparseSync } from 'pgsql-deparser';
import type { Violation } from '../vocabulary/index.ts';
import type { Catalog } from '../catalog/catalog.ts';
import type { Limits } from '../config/policies.ts';
import { checkCost } from '../governance/check-cost.ts';
import type { Entitlements } from '../governance/entitlements.ts';
import { personalDataRead } from '../governance/personal-data.ts';
import { applyRowFilters, subqueryText } from '../governance/row-filters/apply-row-filters.ts';
import type { RowFilterSet } from '../governance/row-filters/resolve-row-filters.ts';
import type { PolicyInput, RuleOutcome } from '../governance/policy-types.ts';
import { checkCrossJoins } from '../governance/rules/cross-join.ts';
import { checkFunctions } from '../governance/rules/functions.ts';
import { enforceLimit } from '../governance/rules/limit.ts';
import { checkPii } from '../governance/rules/pii.ts';
import { checkRecursion } from '../governance/rules/recursion.ts';
import type { Datasource } from '../ports/datasource.ts';
import type { ResolvedRelation } from '../sql/analysis-types.ts';
import type { ParseNode } from '../sql/parse-sql.ts';
import { validateSql, type Validation } from './validate-sql.ts';

/**
 * Stage: the policy agent. Untrusted SQL (from the model or pasted by a user) passes every rule or is
 * refused with one violation per broken rule; rewrites (a forced LIMIT, PII columns hidden from `*`) are
 * made on the parse tree, deparsed, and the result is validated and checked again. Then the asker's row filters
 * replace every filtered table (governance/row-filters), and that result is validated and checked again too, reading
 * each filtered subquery as the table it stands for, with nothing left to filter, before the cost guard asks
 * PostgreSQL's planner for its estimate. Nothing refused reaches the database.
 */

export interface PolicyContext {
  catalog: Catalog;
  limits: Limits;
  entitlements: Entitlements;
  rowFilters: RowFilterSet;
  datasource: Datasource;
  role?: string | undefined;
}

export interface PolicyVerdict {
  verdict: 'allow' | 'rewrite' | 'block';
  /** The SQL to run: rewritten when the verdict is `rewrite`. */
  sql: string;
  /**
   * The SQL before the asker's row filters: what is shown, and what previews, thread memory and verified queries
   * keep (it holds no one's filter), so whoever runs it later gets their own filters. `sql` when none applies.
   */
  sqlBeforeRowFilters: string;
  /** The row policies applied, by name, never by value: `sales-iberia on customers`. */
  rowPolicies: string[];
  violations: Violation[];
  hiddenColumns: string[];
  /** What the rewrites did, in words. */
  notes: string[];
  /** Personal-data columns (`table.column`) the allowed query reads: its answer is personal data. */
  personalData: string[];
}

type ValidSql = Extract<Validation, { ok: true }>;

/** The rules that refuse (or, for PII, narrow `*`); the LIMIT rule runs after them. */
export const refusalRules = [checkFunctions, checkPii, checkCrossJoins, checkRecursion];

export async function applyPolicies(valid: ValidSql, context: PolicyContext): Promise<PolicyVerdict> {
  const input: PolicyInput = { statement: valid.statement, analysis: valid.analysis, catalog: context.catalog, limits: context.limits, entitlements: context.entitlements };
  const violations: Violation[] = [];
  const notes: string[] = [];
  const hiddenColumns: string[] = [];
  const block = (sql: string, found: Violation[]): PolicyVerdict => ({ verdict: 'block', sql, sqlBeforeRowFilters: sql, rowPolicies: [], violations: found, hiddenColumns, notes, personalData: [] });
  const collect = (outcome: RuleOutcome) => {
    if (outcome.kind === 'violation') violations.push(outcome.violation);
    if (outcome.kind === 'rewrite') {
      notes.push(outcome.note);
      hiddenColumns.push(...(outcome.hiddenColumns ?? []));
    }
  };
  for (const rule of refusalRules) collect(rule(input));
  if (violations.length > 0) return block(valid.sql, violations);
  collect(enforceLimit(input));

  let sql = valid.sql;
  if (notes.length > 0) {
    sql = deparse(valid.statement);
    const recheck = await recheckRewrite(sql, context);
    if (recheck) return block(sql, [recheck]);
  }
  const rowFilters = applyRowFilters(valid.statement, context.rowFilters, context.catalog);
  if (rowFilters.problems.length > 0) return block(sql, [rowPolicyViolation(rowFilters.problems.join(' '))]);
  let filteredSql = sql;
  if (rowFilters.applied.length > 0) {
    filteredSql = deparse(valid.statement);
    notes.push(`rows limited by row policies: ${rowFilters.applied.join('; ')}`);
    const recheck = await recheckRewrite(filteredSql, context, rowFilters.known);
    if (recheck) return block(sql, [recheck]);
  }
  const cost = await checkCost(filteredSql, context.datasource, context.limits, context.role);
  if (cost) return block(sql, [cost]);
  const personalData = personalDataRead(valid.analysis, context.catalog, context.entitlements);
  return { verdict: notes.length > 0 ? 'rewrite' : 'allow', sql: filteredSql, sqlBeforeRowFilters: sql, rowPolicies: rowFilters.applied, violations, hiddenColumns, notes, personalData };
}

function rowPolicyViolation(reason: string): Violation {
  return { rule: 'row-policy', message: `The query could not be limited to the rows you may see: ${reason}`, hint: 'Read the tables directly, or through a view the assistant can expand; read a parent table with ONLY when its child tables have row filters of their own.' };
}

function deparse(statement: ParseNode): string {
  return deparseSync(statement as never, { pretty: false });
}

/**
 * The rewritten SQL must itself be valid and pass the refusal rules with nothing left to rewrite. After the row
 * filters (`filtered` given), each subquery they put in is read as the relation it stands for (its WHERE is the
 * policy's, not the asker's), and filtering again must find nothing left: no filtered table is read unfiltered.
 */
async function recheckRewrite(sql: string, context: PolicyContext, filtered?: ReadonlyMap<string, ResolvedRelation>): Promise<Violation | null> {
  const knownSubquery = filtered ? (subquery: ParseNode) => filtered.get(subqueryText(subquery)) : undefined;
  const validation = await validateSql(sql, context.catalog, { knownSubquery });
  const failed = (reason: string): Violation =>
    filtered ? rowPolicyViolation(`the filtered query did not check out (${reason}).`) : { rule: 'rewrite', message: `The query could not be rewritten safely (${reason}).`, hint: 'Name the columns you need instead of using *, and add a LIMIT.' };
  if (!validation.ok) return failed(validation.problems.map((problem) => problem.message).join(' '));
  const input: PolicyInput = { statement: validation.statement, analysis: validation.analysis, catalog: context.catalog, limits: context.limits, entitlements: context.entitlements };
  for (const rule of filtered ? [...refusalRules, enforceLimit] : refusalRules) {
    const outcome = rule(input);
    if (outcome.kind !== 'pass') return failed(outcome.kind === 'violation' ? outcome.violation.message : outcome.note);
  }
  if (filtered) {
    const again = applyRowFilters(validation.statement, context.rowFilters, context.catalog, filtered);
    if (again.applied.length > 0 || again.problems.length > 0) return failed(`a filtered table was still read unfiltered: ${[...again.applied, ...again.problems].join('; ')}`);
  }
  return null;
}
