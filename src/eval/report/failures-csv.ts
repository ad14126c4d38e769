import { stringify } from 'csv-stringify/sync';
import type { CaseResult } from '../case-result.ts';
import { failingCases } from './report-model.ts';

/**
 * The failing cases as CSV (RFC 4180, header row first), for a spreadsheet: the file chat posts beside the report.
 * A cell that a spreadsheet would take for a formula (starting with `=`, `+`, `-`, `@`, a tab or a carriage return)
 * gets a leading `'`: questions and SQL are untrusted.
 */
export function failuresCsv(run: { results: CaseResult[] }): string {
  const header = ['suite', 'id', 'category', 'question', 'expect', 'gold', 'predicted sql', 'outcome', 'reason'];
  const rows = failingCases(run.results).map((result) =>
    [result.suite, result.id, result.category, result.question, result.expect, result.gold, result.sql, result.outcome, result.reason].map((cell) => inert(cell ?? '')),
  );
  return stringify([header, ...rows]);
}

function inert(cell: string): string {
  return /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell;
}
