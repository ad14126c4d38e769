import type { Access } from '../governance/access.ts';
import type { PendingPreview } from '../ports/state-store.ts';
import { decompose } from '../pipeline/decompose.ts';
import { executeSql } from '../pipeline/execute-sql.ts';
import { formatAnswer, tableView } from '../pipeline/format-answer.ts';
import { actorKey, type Actor } from '../vocabulary/actor.ts';
import { failure, refusal, type AnswerPart, type Lane, type Reply } from '../vocabulary/reply.ts';
import { rememberTurn } from './conversation-memory.ts';
import { rowPoliciesRecord } from './deliver.ts';
import type { FlowContext } from './flow-context.ts';
import { previewNotFound } from './preview-not-found.ts';
import { outcomeRecord } from './audit-trail.ts';

/**
 * The confirm flow: run a preview for whoever pressed Run; the policy agent checks it again with their entitlements
 * and applies their row filters (the preview keeps the SQL without the asker's).
 */
export async function confirm(previewId: string, actor: Actor, context: FlowContext): Promise<Reply> {
  const preview = await context.state.takePreview(previewId);
  if (!preview) return previewNotFound(previewId);
  const access = await context.accessOf(actor);
  const subject = { requestId: preview.requestId, actor, place: preview.place };
  await context.audit.note('confirmed', subject, { lane: preview.lane, sql: preview.sql });
  const parts = preview.parts ?? [{ question: preview.question, sql: preview.sql, explanation: preview.explanation }];
  // Parts run at the same time, up to limits.partConcurrency (and the datasource's bulkhead).
  const outcomes = await decompose(parts.map((part) => part.question), (_question, index) => runPart(parts[index] as PreviewPartSql, access, preview, actor, context), context.limits.partConcurrency);
  const stopped = outcomes.find((outcome): outcome is Reply => 'kind' in outcome);
  if (stopped) {
    // Nothing ran: the preview stays for the asker (or anyone entitled), and for a retry once the database is back.
    await context.state.savePreview(preview);
    const outcome = outcomeRecord(stopped);
    if (outcome) await context.audit.note(outcome.kind, subject, outcome.details);
    return stopped;
  }
  const timed = outcomes as TimedAnswerPart[];
  const answers: AnswerPart[] = timed.map(({ elapsedMs: _elapsed, personalData: _personal, rowPolicies: _policies, ...part }) => part);
  const personalData = [...new Set(timed.flatMap((part) => part.personalData))].sort();
  const rowPolicies = [...new Set(timed.flatMap((part) => part.rowPolicies))];
  const [first] = answers;
  if (!first) throw new Error('a preview with no part');
  for (const answer of answers) {
    await rememberTurn(context.state, preview.place, { question: answer.question, sql: answer.sql, explanation: answer.explanation }, context.now());
    // A confirmed single question is a verified query: the fast lane reuses it for questions of the same shape.
    if (answers.length === 1) await context.config.verifiedQueries?.remember(answer.question, answer.sql, actorKey(actor));
  }
  const answer = formatAnswer({
    requestId: preview.requestId,
    lane: preview.lane,
    question: preview.question,
    sql: answers.length > 1 ? preview.sql : first.sql,
    explanation: preview.explanation,
    result: { columns: first.table.columns, rows: first.table.rows, truncated: first.table.truncated, elapsedMs: Math.max(...timed.map((part) => part.elapsedMs)) },
    hiddenColumns: [...new Set(answers.flatMap((part) => part.hiddenColumns))],
    personalData,
    rowPolicies,
    // Whoever ran it sees it; the place is where it was asked.
    audience: context.audienceFor(actor, preview.place, personalData),
  });
  return answers.length > 1 ? { ...answer, parts: answers } : answer;
}

type PreviewPartSql = NonNullable<PendingPreview['parts']>[number];
type TimedAnswerPart = AnswerPart & { elapsedMs: number; personalData: string[]; rowPolicies: string[] };

/** One part of a confirmed preview: checked again for the confirmer, then run; a reply when it cannot be. */
async function runPart(part: PreviewPartSql, access: Access, preview: PendingPreview, actor: Actor, context: FlowContext): Promise<Reply | TimedAnswerPart> {
  const lane: Lane = preview.lane;
  const verdict = await context.review(part.sql, access);
  if (verdict.verdict === 'unavailable') return context.unavailableReply(preview.requestId, lane, verdict.error, part.sql);
  if (verdict.verdict === 'block') return refusal(preview.requestId, lane, part.sql, verdict.violations);
  const subject = { requestId: preview.requestId, actor, place: preview.place };
  // The audit log keeps what runs, the clicker's row filters included; the reply shows the SQL without their values.
  const refused = await context.audit.gate(subject, lane, verdict.sql, verdict.rowPolicies);
  if (refused) return refused;
  const execution = await executeSql(verdict.sql, context.executeContext);
  const shown = verdict.sqlBeforeRowFilters;
  if (!execution.ok) return failure(preview.requestId, lane, execution.failure.code, execution.failure.message, execution.failure.hint, shown);
  const audience = context.audienceFor(actor, preview.place, verdict.personalData);
  await context.audit.note('executed', subject, { lane, sql: verdict.sql, rowCount: execution.result.rows.length, durationMs: execution.result.elapsedMs, audience, personalData: verdict.personalData, ...rowPoliciesRecord(verdict.rowPolicies) });
  return { question: part.question, sql: shown, explanation: part.explanation, table: tableView(execution.result, shown, context.config.catalog), hiddenColumns: verdict.hiddenColumns, elapsedMs: execution.result.elapsedMs, personalData: verdict.personalData, rowPolicies: verdict.rowPolicies };
}
