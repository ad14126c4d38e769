import type { Catalog } from '../catalog/catalog.ts';
import type { EntitlementsFile } from '../config/entitlements.ts';
import type { TenantsFile } from '../config/tenants.ts';
import type { Policies } from '../config/policies.ts';
import type { FastLane } from '../fast-lane/fast-lane-types.ts';
import type { RowPolicies } from '../governance/row-filters/compile-row-policies.ts';
import type { VerifiedQueryMatcher } from '../fast-lane/verified-queries.ts';
import type { BudgetLedgerStore } from '../ports/budget-ledger.ts';
import type { AuditStore } from '../ports/audit-store.ts';
import type { Datasource } from '../ports/datasource.ts';
import type { GrantStore } from '../ports/grant-store.ts';
import type { LanguageModel, LanguageModelSetup } from '../ports/language-model.ts';
import type { StateStore } from '../ports/state-store.ts';
import type { Actor, Place } from '../vocabulary/actor.ts';
import type { AskOptions, Question } from '../vocabulary/question.ts';
import type { Reply } from '../vocabulary/reply.ts';
import type { Violation } from '../vocabulary/violation.ts';

/** The one object the chat adapters, the CLI and the eval runner talk to, and the ports it is built from. */

export interface Assistant {
  ask(question: Question, options?: AskOptions): Promise<Reply>;
  /** Runs a preview for whoever pressed Run, after checking the policy again with their entitlements. */
  confirm(previewId: string, actor: Actor): Promise<Reply>;
  /** Drops a preview; only its asker or an admin may. */
  cancel(previewId: string, actor: Actor): Promise<Reply>;
  /** `options.followUp` is where a command that runs in the background (`eval`) reports later. */
  command(text: string, actor: Actor, place: Place, options?: CommandOptions): Promise<Reply>;
  /**
   * Validator and policy verdict for SQL that did not come from the planner (pasted SQL, security suites).
   * `entitlements` replaces the asker's configured grants (for `sql-eval check --entitlements` and suites).
   */
  check(sql: string, actor: Actor, options?: CheckOptions): Promise<CheckResult>;
}

export interface CommandOptions {
  followUp?: FollowUp | undefined;
}

/**
 * How a chat surface hears from a command after its first reply: progress messages (the first one starts the
 * run's message, later ones update it), then the final reply in that message's thread.
 */
export interface FollowUp {
  progress(message: string): Promise<void>;
  deliver(reply: Reply): Promise<void>;
}

/** Evaluation runs started from chat (`/sql-eval eval [suite]`): one at a time, in the background. */
export interface EvaluationJobs {
  /** Suite names `eval` accepts, for help and for an unknown name. */
  suiteNames(): Promise<string[]>;
  start(request: EvaluationJobRequest): Promise<{ ok: true; suite: string; cases: number } | { ok: false; message: string }>;
}

export interface EvaluationJobRequest {
  /** A suite name (`golden`, `security`, a file's name); the default suite when absent. */
  suite: string | undefined;
  actor: Actor;
  place: Place;
  /** Called after each case. */
  progress(done: number, total: number): void;
  /** Called once, with the scorecard or with what went wrong. */
  done(reply: Reply): Promise<void>;
}

export interface CheckOptions {
  execute?: boolean;
  entitlements?: string[] | undefined;
}

export interface CheckResult {
  verdict: 'allow' | 'rewrite' | 'block';
  sql: string;
  violations: Violation[];
  hiddenColumns: string[];
  /** The row policies applied to `sql` (which then holds their values), by name. */
  rowPolicies?: string[] | undefined;
  columns?: { name: string; dataType: string }[];
  rows?: unknown[][];
  /** Set when `execute` was asked for and the database failed. */
  error?: { message: string; hint: string };
}

export interface AssistantConfig {
  datasource: Datasource;
  catalog: Catalog;
  /** Null when no model is configured: questions the fast lane cannot answer get a reply saying what to set. */
  languageModel: LanguageModel | null;
  /** The model provider's words for what to set or check; generic when absent. */
  languageModelSetup?: LanguageModelSetup | undefined;
  policies: Policies;
  /** Who may see which personal data and which rows; nobody any personal data, everyone every row, when absent. */
  entitlements?: EntitlementsFile | undefined;
  /**
   * The file's row filters, compiled against `catalog` at start-up (so a bad filter stops the start); compiled from
   * `entitlements` on first use when absent.
   */
  rowPolicies?: RowPolicies | undefined;
  /** The date relative questions are answered against (YYYY-MM-DD). */
  today: string;
  /** Forces a lane: `fast` or `llm`; `auto` lets the router decide. */
  lane?: 'auto' | 'fast' | 'llm' | undefined;
  /** The semantic-layer parser; absent, every question goes to the planner lane. */
  fastLane?: FastLane | null | undefined;
  /** Verified (question, SQL) pairs, reused by the fast lane and remembered on confirmation. */
  verifiedQueries?: VerifiedQueryMatcher | null | undefined;
  /** Example questions the fast lane answers, offered when it cannot. */
  suggestions?: string[] | undefined;
  /** Previews, thread memory and verified queries. */
  state: StateStore;
  /** Entitlements admins grant in chat (`grant`, `revoke`), merged with the file's; none when absent. */
  grants?: GrantStore | undefined;
  /** The audit log: every question, preview, refusal, confirmation and execution; none when absent. */
  audit?: AuditStore | undefined;
  /** Token budgets: who pays for each question's language-model calls, and the ledger. No budgets when absent. */
  budget?: { tenants: TenantsFile; ledger: BudgetLedgerStore } | undefined;
  role?: string | undefined;
  now?: (() => number) | undefined;
  /** Evaluation runs admins start in chat; `eval` says it is not available here when absent. */
  evaluations?: EvaluationJobs | undefined;
  /** Where an unexpected error is reported once, with its stack (the reply shows only the request id). */
  onUnexpectedError?: ((error: unknown, requestId: string) => void) | undefined;
}
