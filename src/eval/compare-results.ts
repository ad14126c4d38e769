/**
 * Execution accuracy: do two result sets hold the same answer? Column names, column order and
 * duplicate rows are ignored; rows are compared as sets unless order matters; numbers match within a
 * small relative tolerance; a prediction may carry extra columns as long as every gold column is there.
 */

export interface ResultSet {
  rows: unknown[][];
}

const maxMappings = 5000;

export function sameAnswer(gold: ResultSet, predicted: ResultSet, ordered: boolean): boolean {
  const goldWidth = gold.rows[0]?.length ?? 0;
  const predictedWidth = predicted.rows[0]?.length ?? 0;
  if (gold.rows.length === 0 || predicted.rows.length === 0) return gold.rows.length === predicted.rows.length || (dedupe(gold.rows).length === 0 && dedupe(predicted.rows).length === 0);
  if (predictedWidth < goldWidth) return false;
  const goldKeys = gold.rows.map((row) => row.map(canonical));
  const predictedKeys = predicted.rows.map((row) => row.map(canonical));
  const goldColumns = columnsOf(goldKeys, goldWidth);
  const predictedColumns = columnsOf(predictedKeys, predictedWidth);
  // Candidates for each gold column: predicted columns holding the same set of values.
  const candidates = goldColumns.map((goldColumn) =>
    predictedColumns.flatMap((predictedColumn, index) => (sameSet(goldColumn, predictedColumn) ? [index] : [])),
  );
  if (candidates.some((list) => list.length === 0)) return false;
  let tried = 0;
  const goldRows = ordered ? goldKeys.map(rowKey) : dedupe(goldKeys.map(rowKey)).sort();
  const search = (column: number, mapping: number[]): boolean => {
    if (tried > maxMappings) return false;
    if (column === goldWidth) {
      tried += 1;
      const projected = predictedKeys.map((row) => rowKey(mapping.map((index) => row[index] as string)));
      const predictedRows = ordered ? projected : dedupe(projected).sort();
      return predictedRows.length === goldRows.length && predictedRows.every((key, index) => key === goldRows[index]);
    }
    for (const candidate of candidates[column] ?? []) {
      if (mapping.includes(candidate)) continue;
      if (search(column + 1, [...mapping, candidate])) return true;
    }
    return false;
  };
  return search(0, []);
}

/** A value as a comparable string: numbers (and numeric strings) to 8 significant digits. */
export function canonical(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'number') return `n:${Number(value.toPrecision(8))}`;
  if (typeof value === 'bigint') return `n:${Number(Number(value).toPrecision(8))}`;
  if (typeof value === 'string' && /^-?\d+(\.\d+)?(e[-+]?\d+)?$/i.test(value.trim())) return `n:${Number(Number(value).toPrecision(8))}`;
  if (typeof value === 'boolean') return `b:${value}`;
  if (typeof value === 'string') return `s:${value}`;
  return `j:${JSON.stringify(value)}`;
}

function columnsOf(rows: string[][], width: number): Set<string>[] {
  return Array.from({ length: width }, (_, index) => new Set(rows.map((row) => row[index] as string)));
}

function sameSet(left: Set<string>, right: Set<string>): boolean {
  if (left.size !== right.size) return false;
  for (const value of left) if (!right.has(value)) return false;
  return true;
}

function rowKey(row: string[]): string {
  return JSON.stringify(row);
}

function dedupe<T>(items: T[]): T[] {
  return [...new Set(items.map((item) => (typeof item === 'string' ? item : JSON.stringify(item))))] as T[];
}
