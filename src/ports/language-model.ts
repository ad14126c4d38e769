import type { z } from 'zod';

/** Structured generation: a zod schema in, a typed value and its token usage out. */

export interface ChatMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

export interface TokenUsage {
  promptTokens: number;
  completionTokens: number;
}

export interface GenerateRequest<T> {
  messages: ChatMessage[];
  /** The reply must match this schema; it is also sent to the model as a JSON schema. */
  schema: z.ZodType<T>;
  /** A short name for the schema (`sql_plan`), sent with it. */
  schemaName: string;
  /** Upper bound on the reply's tokens (the budget's reservation); the provider's default when absent. */
  maxOutputTokens?: number | undefined;
  /** Aborting it ends the call with the code `cancelled`. */
  signal?: AbortSignal | undefined;
}

export interface GenerateResult<T> {
  value: T;
  usage: TokenUsage;
  model: string;
}

export type LanguageModelErrorCode =
  | 'not-configured'
  | 'authentication'
  | 'rate-limited'
  | 'timeout'
  | 'unavailable'
  /** The service rejected the request itself (unknown model, unsupported schema, prompt too long): retrying will not help. */
  | 'invalid-request'
  /** The caller aborted through `GenerateRequest.signal`. */
  | 'cancelled'
  | 'malformed-reply'
  | 'refused'
  /** The tenant's or the request's token budget does not cover the call; it was not made. */
  | 'budget-exceeded';

export class LanguageModelError extends Error {
  override readonly name = 'LanguageModelError';
  constructor(
    readonly code: LanguageModelErrorCode,
    message: string,
    options?: { cause?: unknown; usage?: TokenUsage | undefined; rawReply?: string | undefined },
  ) {
    super(message, options);
    this.usage = options?.usage;
    this.rawReply = options?.rawReply;
  }
  /** Tokens spent on a reply that could not be used (still charged). */
  readonly usage: TokenUsage | undefined;
  /** The reply text that failed validation, for the repair trajectory. */
  readonly rawReply: string | undefined;
}

export interface LanguageModel {
  readonly name: string;
  generate<T>(request: GenerateRequest<T>): Promise<GenerateResult<T>>;
}

/**
 * How the operator sets the model up, in words for replies. The provider knows its own setting names
 * (`OPENAI_API_KEY`…); the core only repeats them.
 */
export interface LanguageModelSetup {
  /** What to set so that questions the fast lane cannot answer reach a model. */
  howToConfigure: string;
  /** What to check when a call failed with this code. */
  howToFix(code: LanguageModelErrorCode): string;
}

/** For a core given no provider-specific words. */
export const genericLanguageModelSetup: LanguageModelSetup = {
  howToConfigure: 'Configure a language model for the assistant, then ask again.',
  howToFix: (code) =>
    code === 'authentication' ? 'The language model refused the credentials: check the configured API key.' : 'Try again in a minute; if it keeps failing, check the language model settings and the provider status.',
};
