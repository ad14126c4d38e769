import { deparseSync } from 'pgsql-deparser';
import type { Violation } from '../vocabulary/index.ts';
import type { Catalog } from '../catalog/catalog.ts';
import type { Limits } from '../config/policies.ts';
import { checkCost } from '../governance/check-cost.ts';
import type { Entitlements } from '../governance/entitlements.ts';
import { personalDataRead } from '../governance/personal-data.ts';
import type { PolicyInput, RuleOutcome } from '../governance/policy-types.ts';
import { checkCrossJoins } from '../governance/rules/cross-join.ts';
import { checkFunctions } from '../governance/rules/functions.ts';
import { enforceLimit } from '../governance/rules/limit.ts';
import { checkPii } from '../governance/rules/pii.ts';
import { checkRecursion } from '../governance/rules/recursion.ts';
import type { Datasource } from '../ports/datasource.ts';
import type { ParseNode } from '../sql/parse-sql.ts';
import { validateSql, type Validation } from './validate-sql.ts';

/**
 * Stage: the policy agent. Untrusted SQL (from the model or pasted by a user) passes every rule or is
 * refused with one violation per broken rule; rewrites (a forced LIMIT, PII columns hidden from `*`) are
 * made on the parse tree, deparsed, and the result is validated and checked again before the cost guard
 * asks PostgreSQL's planner for its estimate. Nothing refused reaches the database.
 */

export interface PolicyContext {
  catalog: Catalog;
  limits: Limits;
  entitlements: Entitlements;
  datasource: Datasource;
  role?: string | undefined;
}

export interface PolicyVerdict {
  verdict: 'allow' | 'rewrite' | 'block';
  /** The SQL to run: rewritten when the verdict is `rewrite`. */
  sql: string;
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
  const collect = (outcome: RuleOutcome) => {
    if (outcome.kind === 'violation') violations.push(outcome.violation);
    if (outcome.kind === 'rewrite') {
      notes.push(outcome.note);
      hiddenColumns.push(...(outcome.hiddenColumns ?? []));
    }
  };
  for (const rule of refusalRules) collect(rule(input));
  if (violations.length > 0) return { verdict: 'block', sql: valid.sql, violations, hiddenColumns, notes, personalData: [] };
  collect(enforceLimit(input));

  let sql = valid.sql;
  if (notes.length > 0) {
    sql = deparse(valid.statement);
    const recheck = await recheckRewrite(sql, context);
    if (recheck) return { verdict: 'block', sql, violations: [recheck], hiddenColumns, notes, personalData: [] };
  }
  const cost = await checkCost(sql, context.datasource, context.limits, context.role);
  if (cost) return { verdict: 'block', sql, violations: [cost], hiddenColumns, notes, personalData: [] };
  const personalData = personalDataRead(valid.analysis, context.catalog, context.entitlements);
  return { verdict: notes.length > 0 ? 'rewrite' : 'allow', sql, violations, hiddenColumns, notes, personalData };
}

function deparse(statement: ParseNode): string {
  return deparseSync(statement as never, { pretty: false });
}

/** The rewritten SQL must itself be valid and pass the refusal rules with nothing left to rewrite. */
async function recheckRewrite(sql: string, context: PolicyContext): Promise<Violation | null> {
  const validation = await validateSql(sql, context.catalog);
  const failed = (reason: string): Violation => ({ rule: 'rewrite', message: `The query could not be rewritten safely (${reason}).`, hint: 'Name the columns you need instead of using *, and add a LIMIT.' });
  if (!validation.ok) return failed(validation.problems.map((problem) => problem.message).join(' '));
  const input: PolicyInput = { statement: validation.statement, analysis: validation.analysis, catalog: context.catalog, limits: context.limits, entitlements: context.entitlements };
  for (const rule of refusalRules) {
    const outcome = rule(input);
    if (outcome.kind !== 'pass') return failed(outcome.kind === 'violation' ? outcome.violation.message : outcome.note);
  }
  return null;
}
