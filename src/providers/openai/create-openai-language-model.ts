import OpenAI from 'openai';
import type { GenerateRequest, GenerateResult, LanguageModel } from '../../ports/language-model.ts';
import { readStructuredReply } from './read-structured-reply.ts';
import { toLanguageModelError } from './to-language-model-error.ts';
import { toOpenAiJsonSchema } from './to-openai-json-schema.ts';

export interface OpenAiLanguageModelOptions {
  apiKey: string;
  /** Any OpenAI-compatible endpoint (`…/v1`): OpenAI's own when absent. */
  baseURL?: string | undefined;
  model: string;
  /** Per attempt, until the reply's headers arrive. Default 30 000. */
  timeoutMs?: number | undefined;
  /** Retries on connection errors, timeouts, 408, 409, 429 and 5xx. Default 2. */
  maxRetries?: number | undefined;
}

export const defaultTimeoutMs = 30_000;
export const defaultMaxRetries = 2;

/**
 * A `LanguageModel` over Chat Completions with structured outputs (`response_format: json_schema`).
 *
 * Retries and time-outs are the `openai` client's own: each attempt gets `timeoutMs`; a 429, 408, 409,
 * 5xx or connection failure is retried up to `maxRetries` times with exponential backoff (0.5 s doubling,
 * at most 8 s, with jitter), or after exactly the delay in the reply's `retry-after-ms` / `retry-after`
 * header. The worst case is therefore about (maxRetries + 1) × timeoutMs plus the waits; pass a
 * `signal` to bound the whole call.
 */
export function createOpenAiLanguageModel(options: OpenAiLanguageModelOptions): LanguageModel {
  const timeoutMs = options.timeoutMs ?? defaultTimeoutMs;
  const maxRetries = options.maxRetries ?? defaultMaxRetries;
  const client = new OpenAI({ apiKey: options.apiKey, baseURL: options.baseURL, timeout: timeoutMs, maxRetries });
  const errorContext = { apiKey: options.apiKey, maxRetries, timeoutMs };

  async function generate<T>(request: GenerateRequest<T>): Promise<GenerateResult<T>> {
    const jsonSchema = toOpenAiJsonSchema(request.schema);
    const schemaName = toSchemaName(request.schemaName);
    let completion;
    try {
      completion = await client.chat.completions.create(
        {
          model: options.model,
          messages: request.messages,
          response_format: {
            type: 'json_schema',
            json_schema: { name: schemaName, schema: jsonSchema.schema, strict: jsonSchema.strict },
          },
          ...(request.maxOutputTokens === undefined ? {} : { max_completion_tokens: request.maxOutputTokens }),
        },
        { signal: request.signal },
      );
    } catch (error) {
      throw toLanguageModelError(error, errorContext);
    }
    return readStructuredReply(completion, request.schema, schemaName);
  }

  return { name: `openai:${options.model}`, generate };
}

/** OpenAI accepts `^[a-zA-Z0-9_-]{1,64}$` as a schema name. */
function toSchemaName(name: string): string {
  const cleaned = name.replace(/[^a-zA-Z0-9_-]/g, '_').slice(0, 64);
  return cleaned.length > 0 ? cleaned : 'reply';
}
