import { buildPreview } from '../pipeline/build-preview.ts';
import { executeSql } from '../pipeline/execute-sql.ts';
import { formatAnswer } from '../pipeline/format-answer.ts';
import type { PolicyVerdict } from '../pipeline/apply-policies.ts';
import type { Place } from '../vocabulary/actor.ts';
import type { ProgressStatus, Question } from '../vocabulary/question.ts';
import { failure, type Lane, type Reply } from '../vocabulary/reply.ts';
import { rememberTurn } from './conversation-memory.ts';
import type { FlowContext } from './flow-context.ts';

/** SQL that passed the policy agent, for one question or each part of a split one. */
export interface ReviewedPart {
  question: string;
  /** The SQL before the asker's row filters: shown, kept in the preview and in memory (see `PolicyVerdict`). */
  sql: string;
  /** The SQL with the asker's row filters: what runs when the asker runs it now. */
  filteredSql: string;
  explanation: string;
  hiddenColumns: string[];
  /** Personal-data columns the SQL reads (from the policy verdict). */
  personalData: string[];
  /** The row policies applied, by name. */
  rowPolicies: string[];
}

export function reviewedPart(question: string, explanation: string, verdict: PolicyVerdict): ReviewedPart {
  const { sqlBeforeRowFilters, sql, hiddenColumns, personalData, rowPolicies } = verdict;
  return { question, sql: sqlBeforeRowFilters, filteredSql: sql, explanation, hiddenColumns, personalData, rowPolicies };
}

/** A preview to confirm, or, for a fast-lane answer where no confirmation is required, the answer itself. */
export async function deliver(question: Question, lane: Lane, parts: ReviewedPart[], explanation: string, progress: (status: ProgressStatus) => void, context: FlowContext): Promise<Reply> {
  const [first] = parts;
  if (!first) throw new Error('nothing to deliver');
  if (!mustConfirm(lane, question.place, context)) {
    progress('executing');
    const subject = { requestId: question.requestId, actor: question.actor, place: question.place };
    const refused = await context.audit.gate(subject, lane, first.filteredSql, first.rowPolicies);
    if (refused) {
      progress('failed');
      return refused;
    }
    const execution = await executeSql(first.filteredSql, context.executeContext);
    if (!execution.ok) {
      progress('failed');
      return failure(question.requestId, lane, execution.failure.code, execution.failure.message, execution.failure.hint, first.sql);
    }
    // Memory keeps the SQL without the asker's row filters: whoever follows up gets their own.
    await rememberTurn(context.state, question.place, { question: question.text, sql: first.sql, explanation }, context.now());
    progress('finished');
    const audience = context.audienceFor(question.actor, question.place, first.personalData);
    await context.audit.note('executed', subject, { lane, sql: first.filteredSql, rowCount: execution.result.rows.length, durationMs: execution.result.elapsedMs, audience, personalData: first.personalData, ...rowPoliciesRecord(first.rowPolicies) });
    return formatAnswer({
      requestId: question.requestId,
      lane,
      question: question.text,
      sql: first.sql,
      explanation,
      result: execution.result,
      hiddenColumns: first.hiddenColumns,
      personalData: first.personalData,
      rowPolicies: first.rowPolicies,
      audience,
      catalog: context.config.catalog,
    });
  }
  const preview = await buildPreview(
    {
      requestId: question.requestId,
      lane,
      question: question.text,
      sql: first.sql,
      filteredSql: first.filteredSql,
      explanation,
      hiddenColumns: first.hiddenColumns,
      rowPolicies: first.rowPolicies,
      actor: question.actor,
      place: question.place,
      parts: parts.length > 1 ? parts : undefined,
    },
    { datasource: context.config.datasource, previews: context.state, limits: context.limits, role: context.config.role, now: context.now },
  );
  progress('awaiting-confirmation');
  return preview;
}

/** Planner SQL is always shown first; fast-lane SQL only where the policies ask for it. */
function mustConfirm(lane: Lane, place: Place, context: FlowContext): boolean {
  if (lane !== 'fast') return true;
  const confirmation = context.config.policies.confirmation;
  return confirmation.channels[place.channelId] === 'all' || confirmation.fastLane;
}

/** The audit fields for the row policies applied: none when none applied. */
export function rowPoliciesRecord(rowPolicies: string[]): { rowPolicies?: string[] } {
  return rowPolicies.length > 0 ? { rowPolicies } : {};
}
