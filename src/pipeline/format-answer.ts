import type { AnswerReply, Lane, TableView } from '../vocabulary/index.ts';
import type { Catalog } from '../catalog/catalog.ts';
import type { QueryResult } from '../ports/datasource.ts';
import { columnUnits } from './column-units.ts';

/** Stage: turn a query result into the platform-neutral answer the adapters render. */

export interface FormatAnswerInput {
  requestId: string;
  lane: Lane;
  question: string;
  sql: string;
  explanation: string;
  result: QueryResult;
  hiddenColumns: string[];
  personalData: string[];
  /** The row policies that limited the rows, by name. */
  rowPolicies?: string[] | undefined;
  audience: AnswerReply['audience'];
  /** Gives the columns their semantic units (`cents` → money) and currency; without it columns carry none. */
  catalog?: Catalog | undefined;
}

export function formatAnswer(input: FormatAnswerInput): AnswerReply {
  return {
    kind: 'answer',
    requestId: input.requestId,
    lane: input.lane,
    question: input.question,
    sql: input.sql,
    explanation: input.explanation,
    table: tableView(input.result, input.sql, input.catalog),
    hiddenColumns: input.hiddenColumns,
    elapsedMs: input.result.elapsedMs,
    personalData: input.personalData,
    ...(input.rowPolicies && input.rowPolicies.length > 0 ? { rowPolicies: input.rowPolicies } : {}),
    audience: input.audience,
  };
}

/** A result as a table, its columns tagged with the units their sources carry in the semantic model. */
export function tableView(result: Pick<QueryResult, 'columns' | 'rows' | 'truncated'>, sql: string, catalog: Catalog | undefined): TableView {
  const units = catalog ? columnUnits(sql, catalog) : [];
  const columns = result.columns.map((column, index) => ({ ...column, ...(units.length === result.columns.length ? units[index] : {}) }));
  return { columns, rows: result.rows, truncated: result.truncated };
}
