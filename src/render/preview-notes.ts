import type { Lane } from '../vocabulary/reply.ts';
import { formatNumber } from './format-cell.ts';

/** The words every surface shows around a preview or an answer: which lane, how many rows, the row limit, row policies. */

export function laneName(lane: Lane): string {
  switch (lane) {
    case 'fast':
      return 'Fast lane (no language model)';
    case 'llm':
      return 'Planned by the language model';
    case 'sql':
      return 'SQL as written';
    default:
      return '';
  }
}

export function rowEstimate(rows: number | null): string {
  return rows === null ? 'Row estimate unavailable' : `About ${formatNumber(rows)} row${rows === 1 ? '' : 's'} (EXPLAIN estimate)`;
}

/** The policy's own LIMIT: rows are capped, said plainly. */
export function limitNote(sql: string): string[] {
  const limit = /\blimit\s+(\d+)\s*;?\s*$/i.exec(sql.trim());
  return limit ? [`At most ${formatNumber(limit[1] as string)} rows (LIMIT)`] : [];
}

/**
 * Which row policies limit the rows, by name, never by value: on a preview, that they apply (and that Run applies the
 * clicker's own); on an answer, that its rows are limited by the person's access.
 */
export function rowPolicyNote(rowPolicies: readonly string[] | undefined, on: 'preview' | 'answer'): string[] {
  if (!rowPolicies || rowPolicies.length === 0) return [];
  const names = rowPolicies.join('; ');
  return on === 'preview' ? [`Row policies apply: ${names} (Run applies the row policies of whoever runs it)`] : [`Rows limited by your access (row policies: ${names})`];
}
