import type { Violation } from '../vocabulary/index.ts';
import type { Catalog } from '../catalog/catalog.ts';
import type { Limits } from '../config/policies.ts';
import type { QueryAnalysis } from '../sql/analysis-types.ts';
import type { ParseNode } from '../sql/parse-sql.ts';
import type { Entitlements } from './entitlements.ts';

/** What every policy rule sees: the parsed statement, its analysis, the catalog, the limits and the asker's grants. */
export interface PolicyInput {
  statement: ParseNode;
  analysis: QueryAnalysis;
  catalog: Catalog;
  limits: Limits;
  entitlements: Entitlements;
}

/** A rule either passes, refuses with one violation, or rewrites the statement (in place) and says what it did. */
export type RuleOutcome =
  | { kind: 'pass' }
  | { kind: 'violation'; violation: Violation }
  | { kind: 'rewrite'; note: string; hiddenColumns?: string[] };

export const pass: RuleOutcome = { kind: 'pass' };

export function violation(rule: string, message: string, hint: string): RuleOutcome {
  return { kind: 'violation', violation: { rule, message, hint } };
}
