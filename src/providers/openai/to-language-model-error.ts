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
  /** ` (request req_…)` when the failing response carried an id, or ''. */
  requestNote?: string | undefined;
}

/**
 * Maps what a call through the `openai` client threw to a `LanguageModelError`. A `LanguageModelError`
 * (the call's own deadline or cancellation) passes through. Anything else the client let escape (a body
 * that is not JSON, a connection cut while the body was read) is the service failing: `unavailable`,
 * with the original as `cause`. API errors are not attached as `cause`: their body and headers come from
 * the server and could echo what we sent.
 */
export function toLanguageModelError(error: unknown, context: ErrorContext): LanguageModelError {
  if (error instanceof LanguageModelError) return error;
  if (!(error instanceof OpenAIError)) {
    const reason = `${context.requestNote ?? ''}: ${redactSecrets(describeCauses(error), context.apiKey)}`;
    return error instanceof SyntaxError
      ? new LanguageModelError('unavailable', `The language model service sent a response that is not valid JSON (cut off or corrupted)${reason}`, { cause: error })
      : new LanguageModelError('unavailable', `The language model service's response could not be read${reason}`, { cause: error });
  }
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
  const message = summarizeServerText(error.message);
  const parts = [requestId ? `${message} (request ${requestId})` : message];
  let cause: unknown = error.cause;
  for (let depth = 0; depth < 3 && cause instanceof Error; depth += 1) {
    parts.push(cause.message);
    cause = cause.cause;
  }
  return parts.join(': ');
}

/** An error's message and up to three causes' (`fetch failed: connect ECONNREFUSED 127.0.0.1:1234`). */
export function describeCauses(error: unknown): string {
  const parts: string[] = [];
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current instanceof Error; depth += 1) {
    parts.push(current.message);
    current = current.cause;
  }
  return parts.length > 0 ? parts.join(': ') : String(error);
}

const maxServerTextLength = 300;

/**
 * Text a server sent, fit for a message: an HTML page becomes its title (`502 Bad Gateway`), whitespace
 * is collapsed, and anything longer than 300 characters is cut.
 */
export function summarizeServerText(text: string): string {
  const title = /<title[^>]*>([^<]*)<\/title>/i.exec(text)?.[1];
  const isHtml = /<(!doctype|html|head|body)\b/i.test(text);
  // What precedes the page is kept (the SDK's messages start with the status, `502 <html>…`) unless the title repeats it.
  const lead = text.slice(0, text.indexOf('<')).trim();
  const page = (title ?? text.replace(/<[^>]*>/g, ' ')).trim();
  const plain = isHtml ? (page.startsWith(lead) ? page : `${lead} ${page}`) : text;
  const collapsed = plain.replace(/\s+/g, ' ').trim();
  return collapsed.length > maxServerTextLength ? `${collapsed.slice(0, maxServerTextLength)}…` : collapsed;
}

/** Removes the key itself, and anything shaped like an OpenAI key (`sk-…`), masked or not. */
export function redactSecrets(text: string, apiKey: string): string {
  const withoutKey = apiKey.length > 0 ? text.split(apiKey).join('[redacted]') : text;
  return withoutKey.replace(/\bsk-[A-Za-z0-9_*.-]{4,}/g, '[redacted]');
}
