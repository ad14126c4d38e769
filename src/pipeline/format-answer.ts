import type { AnswerReply, Lane } from '../vocabulary/index.ts';
import type { QueryResult } from '../ports/datasource.ts';

/** Stage: turn a query result into the platform-neutral answer the adapters render. */

export interface FormatAnswerInput {
  requestId: string;
  lane: Lane;
  question: string;
  sql: string;
  explanation: string;
  result: QueryResult;
  hiddenColumns: string[];
}

export function formatAnswer(input: FormatAnswerInput): AnswerReply {
  return {
    kind: 'answer',
    requestId: input.requestId,
    lane: input.lane,
    question: input.question,
    sql: input.sql,
    explanation: input.explanation,
    table: { columns: input.result.columns, rows: input.result.rows, truncated: input.result.truncated },
    hiddenColumns: input.hiddenColumns,
    elapsedMs: input.result.elapsedMs,
  };
}
