/** The vocabulary the chat adapters speak: who asks, where, and the closed set of replies. */

export type Platform = 'slack' | 'teams' | 'console' | 'cli' | 'eval';

export interface Actor {
  platform: Platform;
  workspaceId: string;
  userId: string;
  displayName?: string | undefined;
}

export interface Place {
  platform: Platform;
  channelId: string;
  threadId?: string | undefined;
  isDirect: boolean;
}

export interface Question {
  text: string;
  actor: Actor;
  place: Place;
  requestId: string;
}

export type Lane = 'fast' | 'llm' | 'sql' | 'none';

export type ProgressStatus =
  | 'routing'
  | 'planning'
  | 'validating'
  | 'awaiting-confirmation'
  | 'executing'
  | 'finished'
  | 'refused'
  | 'failed';

export interface AskOptions {
  onProgress?: ((status: ProgressStatus) => void) | undefined;
}

export interface Violation {
  rule: string;
  message: string;
  hint: string;
}

export interface TableView {
  columns: { name: string; dataType: string }[];
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
  /** True when the first SQL the planner proposed passed validation. */
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

export type FailureCode =
  | 'llm-not-configured'
  | 'not-understood'
  | 'llm-unavailable'
  | 'planning-failed'
  | 'invalid-sql'
  | 'database-unavailable'
  | 'query-failed'
  | 'preview-not-found'
  | 'bad-request';

export interface FailureReply extends ReplyBase {
  kind: 'failure';
  code: FailureCode;
  message: string;
  /** What the user or operator can do about it. */
  hint: string;
  sql: string | null;
}

export type Reply = PreviewReply | AnswerReply | RefusalReply | ClarificationReply | NoticeReply | FailureReply;
