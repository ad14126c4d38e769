import { canonical } from '../compare-results.ts';
import type { CaseResult } from '../case-result.ts';

/**
 * The first rows in which a failing golden case's answer differs from the gold result, to set side by side. A row
 * differs when the other side has no row holding the same values: as the comparison does, column names and order are
 * ignored and the answer may carry extra columns. When every row has a partner (the order or the number of duplicates
 * differs), both sides are shown from the first position at which they differ.
 */

export interface ShownRow {
  /** The row's position in its result, from 1. */
  position: number;
  cells: unknown[];
  /** The other side has no row with these values (or, when every row has a partner, not at this position). */
  differs: boolean;
}

export interface RowComparison {
  goldColumns: string[];
  predictedColumns: string[];
  gold: ShownRow[];
  predicted: ShownRow[];
  /** Rows of each side (of the at most 50 the run keeps) without a partner on the other side. */
  goldOnly: number;
  predictedOnly: number;
}

/** Null for a case with no gold result to compare (it passed, it was not answered, the gold SQL failed, or it is a security case). */
export function differingRows(result: CaseResult, limit = 10): RowComparison | null {
  // Gold columns are kept only when the gold SQL ran and its result differed from an answer.
  if (result.category !== 'golden' || result.correct || result.goldColumns.length === 0) return null;
  const gold = result.goldRows.map(valuesOf);
  const predicted = result.rows.map(valuesOf);
  const goldFound = gold.map((row) => predicted.some((other) => contains(other, row)));
  const predictedFound = predicted.map((row) => gold.some((other) => contains(row, other)));
  const goldOnly = goldFound.filter((found) => !found).length;
  const predictedOnly = predictedFound.filter((found) => !found).length;
  const base = { goldColumns: result.goldColumns, predictedColumns: result.columns, goldOnly, predictedOnly };
  if (goldOnly + predictedOnly > 0) {
    const unmatched = (rows: unknown[][], found: boolean[]) =>
      rows.flatMap((cells, index) => (found[index] ? [] : [{ position: index + 1, cells, differs: true }])).slice(0, limit);
    return { ...base, gold: unmatched(result.goldRows, goldFound), predicted: unmatched(result.rows, predictedFound) };
  }
  const samePosition = (index: number) => {
    const goldRow = gold[index];
    const predictedRow = predicted[index];
    return goldRow !== undefined && predictedRow !== undefined && contains(predictedRow, goldRow);
  };
  let first = 0;
  while (first < Math.max(gold.length, predicted.length) && samePosition(first)) first += 1;
  const from = (rows: unknown[][]) => rows.slice(first, first + limit).map((cells, offset) => ({ position: first + offset + 1, cells, differs: !samePosition(first + offset) }));
  return { ...base, gold: from(result.goldRows), predicted: from(result.rows) };
}

function valuesOf(row: unknown[]): string[] {
  return row.map(canonical);
}

/** Every value of `inner` is in `outer`, as many times as `inner` has it. */
function contains(outer: string[], inner: string[]): boolean {
  const left = new Map<string, number>();
  for (const value of outer) left.set(value, (left.get(value) ?? 0) + 1);
  for (const value of inner) {
    const count = left.get(value) ?? 0;
    if (count === 0) return false;
    left.set(value, count - 1);
  }
  return true;
}
