import { columnLabel, formatCell, formatNumber, formatSql, isNumericColumn, laneName, renderTextTable, rowPolicyNote, type TableView } from '../../../src/index.ts';
import { adaptiveCard, TEAMS_LIMITS, type CardAction, type CardElement, type CardMessage } from './card-types.ts';
import { codeBlock, cut, subtle, textBlock } from './card-text.ts';

/**
 * One answer table as a card: an Adaptive Card `Table` with the first 20 rows (numbers right-aligned, money in its
 * currency), or monospace text where a table would be too wide; then the row count, the duration, the lane, what was
 * left out, and a button to download every row as CSV when rows were left out. Rows are dropped from the end until
 * the card fits Teams' message size.
 */

export interface AnswerCardInput {
  table: TableView;
  /** A heading: who asked what, or `Part 2: revenue by month`. */
  title?: string | undefined;
  /** Shown when no preview showed it before (fast-lane answers, parts). */
  sql?: string | undefined;
  explanation?: string | undefined;
  hiddenColumns: string[];
  /** The row policies that limited the rows, by name. */
  rowPolicies?: string[] | undefined;
  lane: 'fast' | 'llm' | 'sql' | 'none';
  elapsedMs?: number | undefined;
  /** Where every row can be downloaded (an expiring link); absent when nothing was left out or no link can be made. */
  csvUrl?: string | undefined;
  /** Said when rows were left out but no download link could be offered. */
  csvUnavailable?: string | undefined;
}

/** More columns than this are shown as monospace text: a table that wide is unreadable in a chat. */
const maxTableColumns = 12;

export function answerCard(input: AnswerCardInput): CardMessage & { rowsLeftOut: boolean } {
  let shownRows = Math.min(input.table.rows.length, TEAMS_LIMITS.shownRows);
  for (;;) {
    const built = build(input, shownRows);
    if (JSON.stringify(built.card).length <= TEAMS_LIMITS.cardJson || shownRows <= 1) return built;
    shownRows = Math.max(1, Math.floor(shownRows * 0.7));
  }
}

/** Whether an answer of this table leaves rows out of its card (and so should offer every row as CSV). */
export function leavesRowsOut(table: TableView): boolean {
  return table.rows.length > TEAMS_LIMITS.shownRows || table.columns.length > maxTableColumns;
}

function build(input: AnswerCardInput, shownRows: number): CardMessage & { rowsLeftOut: boolean } {
  const { table } = input;
  const shown = table.rows.slice(0, shownRows);
  const body: CardElement[] = [];
  if (input.title) body.push(textBlock(`**${cut(input.title, 500)}**`));
  if (input.sql) body.push(codeBlock(formatSql(input.sql), TEAMS_LIMITS.sqlText));
  if (input.explanation && input.explanation.trim() !== '') body.push(textBlock(cut(input.explanation, 1000)));
  if (table.columns.length === 0 || table.rows.length === 0) {
    body.push(textBlock('_No rows._'));
  } else if (table.columns.length <= maxTableColumns) {
    body.push(tableElement(table, shown));
  } else {
    body.push(textBlock(renderTextTable({ ...table, rows: shown }, shown.length), { fontType: 'Monospace' }));
  }
  const rowsLeftOut = table.rows.length > shown.length;
  const facts = [
    `${formatNumber(table.rows.length)} row${table.rows.length === 1 ? '' : 's'}${table.truncated ? ' (cut at the row limit)' : ''}`,
    input.elapsedMs !== undefined ? `${formatNumber(input.elapsedMs)} ms` : '',
    laneName(input.lane),
  ].filter((fact) => fact !== '');
  body.push(subtle(facts.join(' · ')));
  if (rowsLeftOut) body.push(subtle(`Showing the first ${shown.length}. ${input.csvUrl ? 'Every row is in the CSV download (the link expires).' : (input.csvUnavailable ?? '')}`.trim()));
  if (table.columns.length > maxTableColumns) body.push(subtle(`${table.columns.length} columns: shown as text${input.csvUrl ? '; the CSV download has them all' : ''}.`));
  if (input.hiddenColumns.length > 0) body.push(subtle(`🔒 Left out because you lack the entitlement: ${input.hiddenColumns.join(', ')}`));
  for (const note of rowPolicyNote(input.rowPolicies, 'answer')) body.push(subtle(`🔎 ${note}`));
  const actions: CardAction[] = input.csvUrl ? [{ type: 'Action.OpenUrl', title: `Download ${formatNumber(table.rows.length)} rows (CSV)`, url: input.csvUrl }] : [];
  return { card: adaptiveCard(body, actions, fallbackText(input)), text: fallbackText(input), rowsLeftOut };
}

function tableElement(table: TableView, rows: unknown[][]): CardElement {
  const numeric = table.columns.map((column) => isNumericColumn(column));
  const cell = (text: string, index: number, header: boolean): CardElement => ({
    type: 'TableCell',
    items: [{ type: 'TextBlock', text: cut(text, TEAMS_LIMITS.cellText) || ' ', wrap: true, ...(header ? { weight: 'Bolder' } : {}), ...(numeric[index] ? { horizontalAlignment: 'Right' } : {}) }],
  });
  return {
    type: 'Table',
    gridStyle: 'accent',
    firstRowAsHeaders: true,
    columns: table.columns.map((_, index) => ({ width: 1, ...(numeric[index] ? { horizontalCellContentAlignment: 'Right' } : {}) })),
    rows: [
      { type: 'TableRow', cells: table.columns.map((column, index) => cell(columnLabel(column), index, true)) },
      ...rows.map((row) => ({ type: 'TableRow', cells: table.columns.map((column, index) => cell(formatCell(row[index], column, TEAMS_LIMITS.cellText), index, false)) })),
    ],
  };
}

function fallbackText(input: AnswerCardInput): string {
  const count = input.table.rows.length;
  const first = input.table.rows[0];
  const column = input.table.columns[0];
  if (count === 1 && first && column && input.table.columns.length === 1) return cut(`${input.title ? `${input.title}: ` : ''}${columnLabel(column)} = ${formatCell(first[0], column)}`, 300);
  return cut(`${input.title ? `${input.title}: ` : ''}${formatNumber(count)} row${count === 1 ? '' : 's'}`, 300);
}
