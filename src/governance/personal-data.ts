import { findColumn, type Catalog } from '../catalog/catalog.ts';
import type { QueryAnalysis } from '../sql/analysis-types.ts';
import type { Entitlements } from './entitlements.ts';
import { mayReadPii } from './entitlements.ts';

/**
 * The personal-data columns (`pii: true`) a query reads that the asker may see, in any clause: an answer built from
 * them is personal data too, so it is shown only where everyone may see it (a direct message, a restricted channel).
 * Columns the asker may not see were refused or hidden by the PII rule before this is asked.
 */
export function personalDataRead(analysis: QueryAnalysis, catalog: Catalog, entitlements: Entitlements): string[] {
  const read = new Set<string>();
  const visit = (source: { schema: string; table: string; column: string }) => {
    const column = findColumn(catalog, source.schema, source.table, source.column);
    if (column?.pii === true && mayReadPii(entitlements, source.table, source.column)) read.add(`${source.table}.${source.column}`);
  };
  for (const use of analysis.columnUses) visit(use);
  for (const expansion of analysis.starExpansions) for (const column of expansion.columns) for (const source of column.sources) visit(source);
  return [...read].sort();
}
