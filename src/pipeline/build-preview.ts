import { randomUUID } from 'node:crypto';
import type { Actor, Lane, Place, PreviewReply } from '../assistant/types.ts';
import type { Limits } from '../config/policies.ts';
import type { Datasource } from '../ports/datasource.ts';
import type { PreviewStore } from '../ports/preview-store.ts';

/** Stage: keep the SQL aside until someone confirms it, with the planner's estimate of its size. */

export interface BuildPreviewInput {
  requestId: string;
  lane: Lane;
  question: string;
  sql: string;
  explanation: string;
  hiddenColumns: string[];
  actor: Actor;
  place: Place;
}

export interface PreviewContext {
  datasource: Datasource;
  previews: PreviewStore;
  limits: Limits;
  role?: string | undefined;
  now: () => number;
}

export async function buildPreview(input: BuildPreviewInput, context: PreviewContext): Promise<PreviewReply> {
  const previewId = randomUUID();
  await context.previews.save({
    previewId,
    requestId: input.requestId,
    question: input.question,
    sql: input.sql,
    explanation: input.explanation,
    lane: input.lane,
    actor: input.actor,
    place: input.place,
    createdAt: context.now(),
  });
  return {
    kind: 'preview',
    requestId: input.requestId,
    lane: input.lane,
    previewId,
    question: input.question,
    sql: input.sql,
    explanation: input.explanation,
    estimatedRows: await estimateRows(input.sql, context),
    hiddenColumns: input.hiddenColumns,
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
