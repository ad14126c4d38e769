import { z } from 'zod';
import type { Violation } from './violation.ts';

/** The closed set of replies the core gives every adapter, and the lanes that produce them. */

export const laneSchema = z.enum(['fast', 'llm', 'sql', 'none']);
export type Lane = z.infer<typeof laneSchema>;

export const failureCodeSchema = z.enum([
  'llm-not-configured',
  'not-understood',
  'llm-unavailable',
  'planning-failed',
  'invalid-sql',
  'database-unavailable',
  'overloaded',
  'budget-exceeded',
  'audit-unavailable',
  'query-failed',
  'preview-not-found',
  'not-allowed',
  'bad-request',
  'internal-error',
]);
export type FailureCode = z.infer<typeof failureCodeSchema>;

/** A result column; `unit` and `currency` come from the semantic model (`unit: cents` is shown as money). */
export interface TableColumn {
  name: string;
  dataType: string;
  unit?: string | undefined;
  /** ISO 4217 code for money columns (`USD`, `EUR`); absent means USD. */
  currency?: string | undefined;
}

export interface TableView {
  columns: TableColumn[];
  rows: unknown[][];
  /** True when more rows existed than were fetched. */
  truncated: boolean;
}

/** How the reply was reached: token usage and planner attempts, for budgets and evaluation. */
export interface ReplyTrace {
  promptTokens: number;
  completionTokens: number;
  /** Planner attempts made (0 for the fast lane and pasted SQL). */
  attempts: number;
  /** True when the first SQL proposed (for the question and each of its parts) passed validation and policy, without repair. */
  firstAttemptValid: boolean;
}

interface ReplyBase {
  requestId: string;
  lane: Lane;
  trace?: ReplyTrace | undefined;
}

/** One part of a question the planner split into sub-questions (at most `limits.maxFanOut`). */
export interface PreviewPart {
  question: string;
  sql: string;
  explanation: string;
  estimatedRows: number | null;
  hiddenColumns: string[];
}

export interface AnswerPart {
  question: string;
  sql: string;
  explanation: string;
  table: TableView;
  hiddenColumns: string[];
}

/**
 * A preview of the SQL that will run. When the question was split, `parts` lists every part and `sql` holds
 * them all as one script for display; each part runs as its own statement.
 */
export interface PreviewReply extends ReplyBase {
  kind: 'preview';
  previewId: string;
  question: string;
  sql: string;
  explanation: string;
  /** Planner estimate of the rows the statement returns. */
  estimatedRows: number | null;
  /** Columns left out of a `*` because the asker may not see them. */
  hiddenColumns: string[];
  parts?: PreviewPart[] | undefined;
  /**
   * The row policies that limit what the asker would see, by name, never by value (`sales-iberia on customers`);
   * Run applies the clicker's own. Absent or empty when none applies.
   */
  rowPolicies?: string[] | undefined;
}

/** An answer. When the question was split, `parts` holds each part's table; `table` is the first part's. */
export interface AnswerReply extends ReplyBase {
  kind: 'answer';
  question: string;
  sql: string;
  explanation: string;
  table: TableView;
  hiddenColumns: string[];
  elapsedMs: number;
  parts?: AnswerPart[] | undefined;
  /** Personal-data columns (`customers.email`) the answer was built from; empty for most answers. */
  personalData: string[];
  /** The row policies that limited the rows, by name (`sales-iberia on customers`); absent or empty when none did. */
  rowPolicies?: string[] | undefined;
  /**
   * `private` when the answer holds personal data and the place is shared: adapters show it only to whoever ran it
   * and leave the thread a note without the values. `thread` otherwise.
   */
  audience: 'thread' | 'private';
}

export interface RefusalReply extends ReplyBase {
  kind: 'refusal';
  sql: string | null;
  violations: Violation[];
}

export interface ClarificationReply extends ReplyBase {
  kind: 'clarification';
  message: string;
}

export interface NoticeReply extends ReplyBase {
  kind: 'notice';
  message: string;
}

export interface FailureReply extends ReplyBase {
  kind: 'failure';
  code: FailureCode;
  message: string;
  /** What the user or operator can do about it. */
  hint: string;
  sql: string | null;
}

/** One figure of an evaluation's scorecard, against its threshold. */
export interface ScoreLine {
  label: string;
  /** The value in words (`93.8%`, `412 ms`, `n/a`). */
  shown: string;
  /** The threshold in words (`≥ 90.0%`). */
  target: string;
  /** Null when no case counts towards the figure. */
  met: boolean | null;
  cases: number;
  note: string | null;
}

/** A file a reply brings along (an evaluation's report, its failures as CSV). */
export interface ReplyFile {
  filename: string;
  title: string;
  mediaType: string;
  content: string | Uint8Array;
}

/** The end of an evaluation run started in chat: the scorecard, a chart and the report files. */
export interface EvaluationReply extends ReplyBase {
  kind: 'evaluation';
  /** `Evaluation of golden-sample: 112 cases in 41 s`. */
  title: string;
  scorecard: ScoreLine[];
  /** Further figures in words: failures, security, tokens and cost. */
  details: string[];
  /** The latency distribution as a PNG; null when no question was timed. */
  chart: { png: Uint8Array; altText: string } | null;
  files: ReplyFile[];
  /** The folder on the server the reports were written to. */
  savedTo: string | null;
}

export type Reply = PreviewReply | AnswerReply | RefusalReply | ClarificationReply | NoticeReply | FailureReply | EvaluationReply;

// Small constructors, so every reply carries its request id and lane.

export function failure(requestId: string, lane: Lane, code: FailureCode, message: string, hint: string, sql: string | null = null): FailureReply {
  return { kind: 'failure', requestId, lane, code, message, hint, sql };
}

export function notice(requestId: string, lane: Lane, message: string): NoticeReply {
  return { kind: 'notice', requestId, lane, message };
}

export function refusal(requestId: string, lane: Lane, sql: string | null, violations: Violation[]): RefusalReply {
  return { kind: 'refusal', requestId, lane, sql, violations };
}
