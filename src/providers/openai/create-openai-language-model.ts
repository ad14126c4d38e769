import OpenAI from 'openai';
import type { GenerateRequest, GenerateResult, LanguageModel } from '../../ports/language-model.ts';
import { readCompletion } from './read-completion.ts';
import { readStructuredReply } from './read-structured-reply.ts';
import { startOpenAiCall } from './start-openai-call.ts';
import { toLanguageModelError } from './to-language-model-error.ts';
import { toOpenAiJsonSchema } from './to-openai-json-schema.ts';

export interface OpenAiLanguageModelOptions {
  apiKey: string;
  /** Any OpenAI-compatible endpoint (`…/v1`): OpenAI's own when absent. */
  baseURL?: string | undefined;
  model: string;
  /** The whole call: every attempt, the waits between them and the reply's body. Default 30 000. */
  timeoutMs?: number | undefined;
  /** Retries on connection errors, timeouts, 408, 409, 429 and 5xx. Default 2. */
  maxRetries?: number | undefined;
}

export const defaultTimeoutMs = 30_000;
export const defaultMaxRetries = 2;

/**
 * A `LanguageModel` over Chat Completions with structured outputs (`response_format: json_schema`).
 *
 * Every failure is a `LanguageModelError`, within `timeoutMs`: the call has one deadline over everything,
 * the body included (`startOpenAiCall`). Inside it, the `openai` client retries a 429, 408, 409, 5xx or
 * connection failure up to `maxRetries` times with exponential backoff (0.5 s doubling, at most 8 s, with
 * jitter), or after exactly the delay in the reply's `retry-after-ms` / `retry-after` header; a wait longer
 * than the time left ends the call at once. A response that is not a completion (garbage, an HTML page, an
 * error in a 200) is `unavailable`, like a 5xx.
 */
export function createOpenAiLanguageModel(options: OpenAiLanguageModelOptions): LanguageModel {
  const timeoutMs = options.timeoutMs ?? defaultTimeoutMs;
  const maxRetries = options.maxRetries ?? defaultMaxRetries;
  const client = new OpenAI({ apiKey: options.apiKey, baseURL: options.baseURL, timeout: timeoutMs, maxRetries });
  const errorContext = { apiKey: options.apiKey, maxRetries, timeoutMs };

  async function generate<T>(request: GenerateRequest<T>): Promise<GenerateResult<T>> {
    const jsonSchema = toOpenAiJsonSchema(request.schema);
    const schemaName = toSchemaName(request.schemaName);
    const call = startOpenAiCall({ timeoutMs, maxRetries, signal: request.signal });
    let body: unknown;
    try {
      const work = client.withOptions({ fetch: call.fetch }).chat.completions.create(
        {
          model: options.model,
          messages: request.messages,
          response_format: {
            type: 'json_schema',
            json_schema: { name: schemaName, schema: jsonSchema.schema, strict: jsonSchema.strict },
          },
          ...(request.maxOutputTokens === undefined ? {} : { max_completion_tokens: request.maxOutputTokens }),
        },
        { signal: call.signal },
      );
      body = await call.settle(work);
    } catch (error) {
      throw toLanguageModelError(error, { ...errorContext, requestNote: call.requestNote() });
    } finally {
      call.end();
    }
    const completion = readCompletion(body, { apiKey: options.apiKey, requestNote: call.requestNote() });
    return readStructuredReply(completion, request.schema, schemaName, options.model);
  }

  return { name: `openai:${options.model}`, generate };
}

/** OpenAI accepts `^[a-zA-Z0-9_-]{1,64}$` as a schema name. */
function toSchemaName(name: string): string {
  const cleaned = name.replace(/[^a-zA-Z0-9_-]/g, '_').slice(0, 64);
  return cleaned.length > 0 ? cleaned : 'reply';
}
