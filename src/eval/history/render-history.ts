import type { EvalRunHeader } from '../../ports/eval-run-store.ts';
import { renderTextTable } from '../../render/text-table.ts';
import { showFigure, trendFigures } from './run-figures.ts';
import { sparkline } from './sparkline.ts';

/** The text `sql-eval eval history` prints: the runs, newest first, then each figure's trend, oldest to newest. */
export function renderHistory(runs: EvalRunHeader[]): string {
  const columns = ['id', 'when (UTC)', 'label', 'suites', ...trendFigures.map((figure) => figure.label), 'cases'];
  const rows = runs.map((run) => [
    run.id,
    whenOf(run.startedAt),
    run.label ?? '',
    suitesOf(run.suites),
    ...trendFigures.map((figure) => showFigure(figure.kind, figure.of(run.summary))),
    String(run.summary.cases),
  ]);
  const table = plainTable(columns, rows);
  if (runs.length < 2) return table;
  const oldestFirst = [...runs].reverse();
  const width = Math.max(...trendFigures.map((figure) => figure.label.length));
  const trend = trendFigures.map((figure) => {
    const values = oldestFirst.map((run) => figure.of(run.summary));
    // From the first run that has the figure to the last one that has it (a run of other suites may not).
    const present = values.filter((value) => value !== null);
    const range = present.length === 0 ? 'n/a' : `${showFigure(figure.kind, present[0] ?? null)} → ${showFigure(figure.kind, present.at(-1) ?? null)}`;
    return `${figure.label.padEnd(width)}  ${sparkline(values)}  ${range}`;
  });
  return [table, '', `Trend, oldest to newest (${runs.length} runs):`, ...trend].join('\n');
}

/** A text table of strings, without the row count line `renderTextTable` ends with. */
export function plainTable(columns: string[], rows: string[][]): string {
  const table = renderTextTable({ columns: columns.map((name) => ({ name, dataType: 'text' })), rows, truncated: false }, rows.length);
  return table.split('\n').slice(0, -1).join('\n');
}

/** `2026-11-30T22:43:11.052Z` → `2026-11-30 22:43`. */
export function whenOf(startedAt: string): string {
  return startedAt.slice(0, 16).replace('T', ' ');
}

/** At most two names, then how many more. */
function suitesOf(suites: string[]): string {
  return suites.length <= 2 ? suites.join(', ') : `${suites.slice(0, 2).join(', ')} +${suites.length - 2}`;
}
