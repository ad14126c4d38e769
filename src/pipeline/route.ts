import type { FailureCode } from '../assistant/types.ts';

/**
 * Stage: choose the lane that answers a question. The fast lane (semantic layer, no LLM) is not built
 * yet, so every question goes to the planner lane when a language model is configured.
 */

export interface RouteInput {
  hasLanguageModel: boolean;
  forcedLane: 'auto' | 'fast' | 'llm';
}

export type Route =
  | { kind: 'llm' }
  | { kind: 'unavailable'; code: FailureCode; message: string; hint: string };

export const languageModelHint =
  'Set OPENAI_API_KEY (and, for Azure OpenAI, vLLM, Ollama or another OpenAI-compatible server, OPENAI_BASE_URL; optionally OPENAI_MODEL), then ask again.';

export function route(input: RouteInput): Route {
  if (input.forcedLane === 'fast') {
    return {
      kind: 'unavailable',
      code: 'llm-not-configured',
      message: 'The fast lane (answers without a language model) is not available in this version.',
      hint: `Use --lane auto or --lane llm. ${languageModelHint}`,
    };
  }
  if (!input.hasLanguageModel) {
    return {
      kind: 'unavailable',
      code: 'llm-not-configured',
      message: 'This question needs the planner lane, and no language model is configured.',
      hint: languageModelHint,
    };
  }
  return { kind: 'llm' };
}
