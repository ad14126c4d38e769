import {
  APIConnectionError,
  APIConnectionTimeoutError,
  APIError,
  APIUserAbortError,
  AuthenticationError,
  InternalServerError,
  OpenAIError,
  PermissionDeniedError,
  RateLimitError,
} from 'openai';
import { LanguageModelError } from '../../ports/language-model.ts';
import type { LanguageModelErrorCode } from '../../ports/language-model.ts';

export interface ErrorContext {
  /** Removed from every message, in case a server or proxy echoes it. */
  apiKey: string;
  /** The SDK has already retried this many times when a 429 or 5xx reaches us. */
  maxRetries: number;
  timeoutMs: number;
}

/**
 * Maps an error thrown by the `openai` client to a `LanguageModelError`; anything else (a bug in our
 * code) is returned unchanged. API errors are not attached as `cause`: their body and headers come
 * from the server and could echo what we sent.
 */
export function toLanguageModelError(error: unknown, context: ErrorContext): unknown {
  if (!(error instanceof OpenAIError)) return error;
  const detail = redactSecrets(describeSdkError(error), context.apiKey);
  const make = (code: LanguageModelErrorCode, summary: string, cause?: unknown) =>
    new LanguageModelError(code, `${summary}: ${detail}`, cause === undefined ? undefined : { cause });

  const afterRetries = `after ${context.maxRetries + 1} attempt${context.maxRetries === 0 ? '' : 's'}`;
  if (error instanceof APIUserAbortError) return make('cancelled', 'The language model call was cancelled');
  if (error instanceof APIConnectionTimeoutError) {
    return make('timeout', `The language model gave no answer within ${context.timeoutMs} ms, ${afterRetries}`);
  }
  if (error instanceof APIConnectionError) {
    return make('unavailable', `The language model service could not be reached ${afterRetries}`, error.cause);
  }
  if (error instanceof AuthenticationError || error instanceof PermissionDeniedError) {
    return make('authentication', 'The language model service refused the credentials (check OPENAI_API_KEY)');
  }
  if (error instanceof RateLimitError) {
    return make('rate-limited', `The language model service is rate limiting us ${afterRetries}`);
  }
  if (error instanceof InternalServerError) {
    return make('unavailable', `The language model service failed ${afterRetries}`);
  }
  if (error instanceof APIError && (error.status === 408 || error.status === 409)) {
    return make('unavailable', `The language model service was busy ${afterRetries}`);
  }
  if (error instanceof APIError && error.status !== undefined) {
    return make('invalid-request', 'The language model service rejected the request');
  }
  return make('unavailable', 'The language model call failed');
}

/** The SDK's message, the request id when the server sent one, and the causes of a connection error. */
function describeSdkError(error: OpenAIError): string {
  const requestId = error instanceof APIError ? error.requestID : undefined;
  const parts = [requestId ? `${error.message} (request ${requestId})` : error.message];
  let cause: unknown = error.cause;
  for (let depth = 0; depth < 3 && cause instanceof Error; depth += 1) {
    parts.push(cause.message);
    cause = cause.cause;
  }
  return parts.join(': ');
}

/** Removes the key itself, and anything shaped like an OpenAI key (`sk-…`), masked or not. */
export function redactSecrets(text: string, apiKey: string): string {
  const withoutKey = apiKey.length > 0 ? text.split(apiKey).join('[redacted]') : text;
  return withoutKey.replace(/\bsk-[A-Za-z0-9_*.-]{4,}/g, '[redacted]');
}
