import type { KnownBlock } from './block-types.ts';
import { columnLabel, formatCell, formatNumber, formatSql, isNumericColumn, laneName, renderTextTable, rowPolicyNote, type TableView } from '../../../src/index.ts';
import { codeBlock, cut, escapeText, SLACK_LIMITS } from './mrkdwn.ts';

/**
 * One answer table as a message: a Block Kit `table` block (one per message; at most 100 rows × 20 cells) with the
 * first rows, or an aligned monospace block where a table does not fit (more than 20 columns), then the row count,
 * the duration and what was left out. Rows beyond those shown go to the CSV file the caller uploads.
 */

export interface AnswerMessage {
  blocks: KnownBlock[];
  /** Notification and screen-reader text. */
  text: string;
  /** True when the message shows fewer rows than the result has: the full result goes to a CSV file. */
  needsCsv: boolean;
}

export interface AnswerTableInput {
  table: TableView;
  /** Who asked what (mrkdwn, escaped), when the message starts its own thread. */
  intro?: string | undefined;
  /** A heading, e.g. `Part 2: revenue by month`. */
  title?: string | undefined;
  /** Shown when no preview showed it before (fast-lane answers, parts). */
  sql?: string | undefined;
  explanation?: string | undefined;
  hiddenColumns: string[];
  /** The row policies that limited the rows, by name. */
  rowPolicies?: string[] | undefined;
  lane: 'fast' | 'llm' | 'sql' | 'none';
  elapsedMs?: number | undefined;
}

const maxCellText = 200;

export function answerMessage(input: AnswerTableInput): AnswerMessage {
  const { table } = input;
  const shown = table.rows.slice(0, SLACK_LIMITS.shownRows);
  const needsCsv = table.rows.length > shown.length;
  const blocks: KnownBlock[] = [];
  if (input.intro) blocks.push(section(input.intro));
  if (input.title) blocks.push(section(`*${escapeText(cut(input.title, 500))}*`));
  if (input.sql) blocks.push(section(codeBlock(formatSql(input.sql), 2000)));
  if (input.explanation && input.explanation.trim() !== '') blocks.push(section(escapeText(cut(input.explanation, 1000))));
  if (table.columns.length === 0 || table.rows.length === 0) {
    blocks.push(section('_No rows._'));
  } else if (table.columns.length <= SLACK_LIMITS.tableCells) {
    blocks.push(tableBlock(table, shown));
  } else {
    blocks.push(section(monospaceTable(table)));
  }
  const facts = [
    `${formatNumber(table.rows.length)} row${table.rows.length === 1 ? '' : 's'}${table.truncated ? ' (cut at the row limit)' : ''}`,
    input.elapsedMs !== undefined ? `${formatNumber(input.elapsedMs)} ms` : '',
    laneName(input.lane),
  ].filter((fact) => fact !== '');
  const notes = [facts.join(' · ')];
  if (needsCsv) notes.push(`Showing the first ${shown.length}; the full result is in the CSV file below.`);
  if (table.columns.length > SLACK_LIMITS.tableCells) notes.push(`${table.columns.length} columns: shown as text; the CSV file has them all.`);
  if (input.hiddenColumns.length > 0) notes.push(`:lock: Left out because you lack the entitlement: ${escapeText(input.hiddenColumns.join(', '))}`);
  notes.push(...rowPolicyNote(input.rowPolicies, 'answer').map((note) => `:mag: ${escapeText(note)}`));
  blocks.push({ type: 'context', elements: notes.map((text) => ({ type: 'mrkdwn' as const, text: cut(text, 2000) })) });
  return { blocks, text: fallbackText(input), needsCsv: needsCsv || table.columns.length > SLACK_LIMITS.tableCells };
}

function tableBlock(table: TableView, rows: unknown[][]): KnownBlock {
  const header = table.columns.map((column) => ({ type: 'raw_text' as const, text: cut(columnLabel(column), maxCellText) || ' ' }));
  const body = rows.map((row) => table.columns.map((column, index) => ({ type: 'raw_text' as const, text: cut(formatCell(row[index], column, maxCellText), maxCellText) || ' ' })));
  return {
    type: 'table',
    column_settings: table.columns.map((column) => (isNumericColumn(column) ? { align: 'right' as const } : { is_wrapped: true })),
    rows: [header, ...body],
  } as KnownBlock;
}

/** A text table that fits one section: rows are dropped from the end until it does. */
function monospaceTable(table: TableView): string {
  for (let rows = SLACK_LIMITS.shownRows; rows >= 1; rows -= 1) {
    const text = codeBlock(renderTextTable({ ...table, rows: table.rows.slice(0, rows) }, rows), Number.MAX_SAFE_INTEGER);
    if (text.length <= SLACK_LIMITS.sectionText) return text;
  }
  return codeBlock(renderTextTable({ ...table, rows: table.rows.slice(0, 1) }, 1));
}

function section(text: string): KnownBlock {
  return { type: 'section', text: { type: 'mrkdwn', text: cut(text, SLACK_LIMITS.sectionText) } };
}

function fallbackText(input: AnswerTableInput): string {
  const count = input.table.rows.length;
  const first = input.table.rows[0];
  if (count === 1 && first && input.table.columns.length === 1) {
    const column = input.table.columns[0];
    if (column) return cut(`${input.title ? `${input.title}: ` : ''}${columnLabel(column)} = ${formatCell(first[0], column)}`, 300);
  }
  return cut(`${input.title ? `${input.title}: ` : ''}${formatNumber(count)} row${count === 1 ? '' : 's'}`, 300);
}
