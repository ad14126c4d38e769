import { randomUUID } from 'node:crypto';
import type { Actor, Lane, Place, PreviewReply } from '../vocabulary/index.ts';
import type { Limits } from '../config/policies.ts';
import type { Datasource } from '../ports/datasource.ts';
import type { PreviewStateStore } from '../ports/state-store.ts';

/** Stage: keep the SQL aside until someone confirms it, with the planner's estimate of its size. */

export interface BuildPreviewInput {
  requestId: string;
  lane: Lane;
  question: string;
  /** The SQL before the asker's row filters: shown and kept, so Run applies the clicker's own. */
  sql: string;
  /** The SQL with the asker's row filters: only the row estimate is asked with it, so it counts only their rows. */
  filteredSql: string;
  explanation: string;
  hiddenColumns: string[];
  /** The asker's row policies that apply, by name. */
  rowPolicies: string[];
  actor: Actor;
  place: Place;
  /** A split question's parts; `sql` is then ignored and built from them. */
  parts?: { question: string; sql: string; filteredSql: string; explanation: string; hiddenColumns: string[]; rowPolicies: string[] }[] | undefined;
}

export interface PreviewContext {
  datasource: Datasource;
  previews: PreviewStateStore;
  limits: Limits;
  role?: string | undefined;
  now: () => number;
}

export async function buildPreview(input: BuildPreviewInput, context: PreviewContext): Promise<PreviewReply> {
  const previewId = randomUUID();
  const sql = input.parts ? input.parts.map((part, index) => `-- Part ${index + 1}: ${part.question.replace(/\s+/g, ' ')}\n${part.sql};`).join('\n\n') : input.sql;
  await context.previews.savePreview({
    previewId,
    requestId: input.requestId,
    question: input.question,
    sql,
    explanation: input.explanation,
    lane: input.lane,
    parts: input.parts?.map((part) => ({ question: part.question, sql: part.sql, explanation: part.explanation })),
    actor: input.actor,
    place: input.place,
    createdAt: context.now(),
  });
  const parts = input.parts
    ? await Promise.all(input.parts.map(async ({ question, sql: partSql, explanation, hiddenColumns, filteredSql }) => ({ question, sql: partSql, explanation, hiddenColumns, estimatedRows: await estimateRows(filteredSql, context) })))
    : undefined;
  const rowPolicies = [...new Set(input.parts ? input.parts.flatMap((part) => part.rowPolicies) : input.rowPolicies)];
  return {
    kind: 'preview',
    requestId: input.requestId,
    lane: input.lane,
    previewId,
    question: input.question,
    sql,
    explanation: input.explanation,
    estimatedRows: parts ? null : await estimateRows(input.filteredSql, context),
    hiddenColumns: parts ? [...new Set(parts.flatMap((part) => part.hiddenColumns))] : input.hiddenColumns,
    ...(parts ? { parts } : {}),
    ...(rowPolicies.length > 0 ? { rowPolicies } : {}),
  };
}

/** The estimate is a courtesy: when EXPLAIN fails, the preview says nothing about size. */
async function estimateRows(sql: string, context: PreviewContext): Promise<number | null> {
  try {
    const plan = await context.datasource.explain(sql, { statementTimeoutMs: context.limits.statementTimeoutMs, role: context.role });
    return Math.round(plan.estimatedRows);
  } catch {
    return null;
  }
}
