import type { FailureCode } from '../vocabulary/index.ts';
import type { FastLane } from '../fast-lane/fast-lane-types.ts';
import type { VerifiedQueryMatcher } from '../fast-lane/verified-queries.ts';

/**
 * Stage: choose the lane that answers a question. The fast lane goes first (a verified query, then the
 * semantic-layer parser): deterministic, no tokens. What it abstains on goes to the planner lane, or, with
 * no language model, gets a reply saying what was not understood and what can be asked.
 */

export interface RouteContext {
  forcedLane: 'auto' | 'fast' | 'llm';
  fastLane: FastLane | null;
  verifiedQueries: VerifiedQueryMatcher | null;
  hasLanguageModel: boolean;
  today: string;
  /** Example questions the fast lane answers, for replies when it abstains. */
  suggestions: string[];
  /** What the operator sets to enable a language model (the provider's words). */
  howToConfigure: string;
}

export type Route =
  | { kind: 'fast'; sql: string; explanation: string; source: 'semantic-parser' | 'verified-query' }
  | { kind: 'llm'; fastLaneReason: string | null }
  | { kind: 'unavailable'; code: FailureCode; message: string; hint: string };

export async function route(question: string, context: RouteContext): Promise<Route> {
  if (context.forcedLane === 'llm') {
    if (context.hasLanguageModel) return { kind: 'llm', fastLaneReason: null };
    return { kind: 'unavailable', code: 'llm-not-configured', message: 'The planner lane needs a language model, and none is configured.', hint: context.howToConfigure };
  }
  const verified = await context.verifiedQueries?.match(question);
  if (verified) return { kind: 'fast', sql: verified.sql, explanation: verified.explanation, source: 'verified-query' };
  const outcome = context.fastLane?.answer(question, { today: context.today }) ?? { kind: 'abstained' as const, reason: 'the fast lane is not available for this datasource' };
  if (outcome.kind === 'answered') return { kind: 'fast', sql: outcome.sql, explanation: outcome.explanation, source: outcome.source };
  const examples = context.suggestions.length > 0 ? ` Questions I can answer without one: ${context.suggestions.map((text) => `"${text}"`).join('; ')}.` : '';
  if (context.forcedLane === 'fast') {
    return { kind: 'unavailable', code: 'not-understood', message: `The fast lane could not answer this: ${outcome.reason}.`, hint: `Rephrase it with the names of tables, columns or values.${examples}` };
  }
  if (context.hasLanguageModel) return { kind: 'llm', fastLaneReason: outcome.reason };
  return {
    kind: 'unavailable',
    code: 'llm-not-configured',
    message: `I could not answer this without a language model: ${outcome.reason}.`,
    hint: `${context.howToConfigure}${examples}`,
  };
}
