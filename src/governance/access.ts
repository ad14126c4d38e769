import type { Entitlements } from './entitlements.ts';
import type { RowFilterSet } from './row-filters/resolve-row-filters.ts';

/** What one person may read: personal-data entitlements (columns) and row filters (rows), resolved for each request. */
export interface Access {
  entitlements: Entitlements;
  rowFilters: RowFilterSet;
}
