import { performance } from 'node:perf_hooks';
import type { Catalog } from '../src/catalog/catalog.ts';
import { entitlementsFileSchema } from '../src/config/entitlements.ts';
import { defaultPolicies } from '../src/config/policies.ts';
import { percentile } from '../src/eval/percentile.ts';
import { compileRowPolicies } from '../src/governance/row-filters/compile-row-policies.ts';
import { noRowFilters, resolveRowFilters, type RowFilterSet } from '../src/governance/row-filters/resolve-row-filters.ts';
import { applyPolicies } from '../src/pipeline/apply-policies.ts';
import { validateSql } from '../src/pipeline/validate-sql.ts';
import type { Datasource } from '../src/ports/datasource.ts';

/**
 * The policy agent's extra latency for row filters, for `pnpm bench`: the statements a filter rewrites (of the security
 * suites' and the golden SQL; the others are refused before the filters or read no filtered table) through validation
 * and the policy agent (EXPLAIN cost guard included), once for someone without row filters and once for someone with a
 * filter on every table of the sample shop, interleaved, several rounds. The extra is the paired difference per
 * statement: the rewrite, deparse, second validation and rule pass, and the cost guard planning the filtered query.
 */

const everyTableFiltered = entitlementsFileSchema.parse({
  groups: {
    bench: {
      members: ['cli:bench-filtered'],
      attributes: { country: ['PT', 'ES'], department: 'Sales' },
      rowFilters: {
        customers: 'country = :country',
        orders: "status <> 'cancelled'",
        order_items: 'quantity > 0',
        products: 'price_cents > 0',
        employees: 'department = :department',
        support_tickets: "created_at >= TIMESTAMPTZ '2020-01-01'",
      },
    },
  },
});

export async function benchRowFilters(input: { datasource: Datasource; catalog: Catalog; statements: string[]; line: (name: string, value: string) => void }): Promise<void> {
  const policies = compileRowPolicies(everyTableFiltered, input.catalog, 'bench');
  const filtered = resolveRowFilters({ platform: 'cli', workspaceId: 'bench', userId: 'bench-filtered' }, policies);
  const review = async (sql: string, rowFilters: RowFilterSet): Promise<number> => {
    const started = performance.now();
    const validation = await validateSql(sql, input.catalog);
    if (validation.ok) await applyPolicies(validation, { catalog: input.catalog, limits: defaultPolicies.limits, entitlements: new Set(), rowFilters, datasource: input.datasource });
    return performance.now() - started;
  };
  const without: number[] = [];
  const withFilters: number[] = [];
  const extra: number[] = [];
  const rewritten: string[] = [];
  for (const sql of input.statements) {
    const validation = await validateSql(sql, input.catalog);
    if (validation.ok && (await applyPolicies(validation, { catalog: input.catalog, limits: defaultPolicies.limits, entitlements: new Set(), rowFilters: filtered, datasource: input.datasource })).rowPolicies.length > 0) rewritten.push(sql);
  }
  // Round 0 warms the parser, the deparser and the server's plan of each statement; it is not counted.
  for (let round = 0; round <= 5; round += 1) {
    for (const sql of rewritten) {
      const plain = await review(sql, noRowFilters);
      const limited = await review(sql, filtered);
      if (round === 0) continue;
      without.push(plain);
      withFilters.push(limited);
      extra.push(limited - plain);
    }
  }
  const format = (values: number[]) => `P50 ${percentile(values, 50)?.toFixed(2)} ms, P95 ${percentile(values, 95)?.toFixed(2)} ms (n=${values.length})`;
  input.line(`policy agent, no row filters (${rewritten.length}/${input.statements.length} statements)`, format(without));
  input.line('policy agent, a row filter on every table', format(withFilters));
  input.line('row filters: extra policy latency (paired)', format(extra));
}
