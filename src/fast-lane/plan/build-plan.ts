import { attachFilters } from './attach-filters.ts';
import { attachMeasures } from './attach-measures.ts';
import { finishPlan } from './finish-plan.ts';
import type { ResolvedPiece } from '../question/pieces.ts';
import { createDraft } from './plan-draft.ts';
import type { QueryPlan } from './query-plan.ts';
import type { SemanticLayer } from '../semantic-layer/semantic-layer-types.ts';
import { shapePlan } from './shape-plan.ts';

/** One reading of a question (each phrase with one meaning) → a checked plan, or why not. */

export type BuildOutcome =
  | { ok: true; plan: QueryPlan }
  | { ok: false; reason: string; leftovers: number };

export function buildPlan(layer: SemanticLayer, pieces: ResolvedPiece[]): BuildOutcome {
  const draft = createDraft(layer, pieces);
  attachFilters(draft);
  attachMeasures(draft);
  const shaped = draft.failure === null ? shapePlan(draft) : null;
  const plan = shaped && draft.failure === null ? finishPlan(draft, shaped) : null;
  const leftovers = pieces.filter((_, index) => !draft.used[index]);
  if (draft.failure !== null) return { ok: false, reason: draft.failure, leftovers: leftovers.length };
  if (leftovers.length > 0) return { ok: false, reason: describeLeftovers(leftovers), leftovers: leftovers.length };
  if (!plan) return { ok: false, reason: 'I could not put the question together into one query', leftovers: 0 };
  return { ok: true, plan };
}

function quoteList(texts: string[]): string {
  const quoted = [...new Set(texts)].map((text) => (text.startsWith('"') ? text : `"${text}"`));
  if (quoted.length <= 1) return quoted.join('');
  return `${quoted.slice(0, -1).join(', ')} and ${quoted[quoted.length - 1]}`;
}

/** Personal data first (it needs the planner lane and an entitlement), then words that fit nowhere. */
export function describeLeftovers(leftovers: ResolvedPiece[]): string {
  const personal = leftovers.filter((piece) => piece.kind === 'pii');
  if (personal.length > 0) return `${quoteList(personal.map((piece) => piece.text))} is personal data, which the fast lane does not read`;
  const unknown = leftovers.filter((piece) => piece.kind === 'unknown');
  if (unknown.length > 0) return `I did not understand ${quoteList(unknown.map((piece) => piece.text))}`;
  return `I could not fit ${quoteList(leftovers.map((piece) => piece.text))} into a simple query`;
}
