import { setMaxListeners } from 'node:events';
import { LanguageModelError } from '../../ports/language-model.ts';
import { describeCauses } from './to-language-model-error.ts';

/**
 * One `generate` call's bounds. The `openai` client's own time-out stops once the headers arrive, and it
 * sleeps through a `retry-after` whatever the caller's signal says; so the call gets its own deadline over
 * everything (attempts, waits between them, reading the body), and ends at once when the caller aborts.
 * Ending early aborts `signal`, which the client passes on to the connection.
 */

export interface OpenAiCallOptions {
  /** The whole call, every attempt and body included. */
  timeoutMs: number;
  /** The client's retries: a `retry-after` is only worth waiting for when an attempt is left. */
  maxRetries: number;
  /** The caller's signal: aborting it ends the call with the code `cancelled`. */
  signal?: AbortSignal | undefined;
  /** The network `fetch` (default `globalThis.fetch`). */
  fetch?: typeof fetch | undefined;
}

export interface OpenAiCall {
  /** Aborted when the call ends early: pass it as the request's signal. */
  readonly signal: AbortSignal;
  /** The `fetch` for this call's attempts: it notes what each answered. */
  readonly fetch: typeof fetch;
  /** `work`'s outcome, or the reason the call ended first (deadline, caller, a wait beyond the deadline). */
  settle<T>(work: PromiseLike<T>): Promise<T>;
  /** ` (request req_…)` for the last response that carried an id, or ''. */
  requestNote(): string;
  /** Clears the timer and the listener on the caller's signal. */
  end(): void;
}

/** How the last failed attempt ended: an error status, or no connection. */
type AttemptFailure = { status: number } | { unreachable: string };

export function startOpenAiCall(options: OpenAiCallOptions): OpenAiCall {
  const { timeoutMs, maxRetries } = options;
  const networkFetch = options.fetch ?? globalThis.fetch;
  const controller = new AbortController();
  // The client adds a listener to the signal on every attempt and keeps it until the call ends.
  setMaxListeners(maxRetries + 10, controller.signal);
  const startedAt = performance.now();
  let attempts = 0;
  /** A 2xx arrived and its body is being read. */
  let reading = false;
  let lastFailure: AttemptFailure | undefined;
  let requestId: string | undefined;
  let stopReason: LanguageModelError | undefined;
  let rejectStopped: (error: LanguageModelError) => void = () => {};
  const stopped = new Promise<never>((_resolve, reject) => {
    rejectStopped = reject;
  });
  stopped.catch(() => undefined);

  const requestNote = () => (requestId === undefined ? '' : ` (request ${requestId})`);
  const afterAttempts = () => (attempts > 1 ? `, after ${attempts} attempts` : '');
  const stop = (error: LanguageModelError) => {
    if (stopReason !== undefined) return;
    stopReason = error;
    rejectStopped(error);
    controller.abort(error);
  };

  const onDeadline = () => {
    const limit = `the ${timeoutMs} ms time limit`;
    if (reading) {
      stop(new LanguageModelError('timeout', `The language model timed out: the service started answering but did not finish within ${timeoutMs} ms${afterAttempts()}${requestNote()}`));
    } else if (lastFailure === undefined) {
      stop(new LanguageModelError('timeout', `The language model timed out: it gave no answer within ${timeoutMs} ms${afterAttempts()}`));
    } else if ('unreachable' in lastFailure) {
      stop(new LanguageModelError('unavailable', `The language model service could not be reached within ${limit}${afterAttempts()}: ${lastFailure.unreachable}`));
    } else if (lastFailure.status === 429) {
      stop(new LanguageModelError('rate-limited', `The language model service was still rate limiting us when ${limit} ran out${afterAttempts()}${requestNote()}`));
    } else {
      stop(new LanguageModelError('unavailable', `The language model service was still failing (status ${lastFailure.status}) when ${limit} ran out${afterAttempts()}${requestNote()}`));
    }
  };
  const timer = setTimeout(onDeadline, timeoutMs);
  const onCallerAbort = () => {
    const reason: unknown = options.signal?.reason;
    const why = reason instanceof Error && reason.name === 'TimeoutError' ? " (the caller's time limit ran out)" : '';
    stop(new LanguageModelError('cancelled', `The language model call was cancelled${why}`));
  };
  if (options.signal?.aborted) onCallerAbort();
  else options.signal?.addEventListener('abort', onCallerAbort, { once: true });

  const fetchAttempt: typeof fetch = async (input, init) => {
    if (stopReason !== undefined) throw stopReason;
    attempts += 1;
    let response: Response;
    try {
      response = await networkFetch(input, init);
    } catch (error) {
      if (stopReason === undefined) lastFailure = { unreachable: describeCauses(error) };
      throw error;
    }
    requestId = response.headers.get('x-request-id') ?? requestId;
    if (response.ok) reading = true;
    else lastFailure = { status: response.status };
    const waitMs = retryAfterMs(response.headers);
    const leftMs = timeoutMs - (performance.now() - startedAt);
    if (waitMs !== undefined && waitMs > leftMs && attempts <= maxRetries && isRetried(response)) {
      // Waiting would only end in the deadline: say now what the service said.
      const wait = waitMs < 1000 ? `${Math.ceil(waitMs)} ms` : `${Math.ceil(waitMs / 100) / 10} s`;
      const summary =
        response.status === 429
          ? 'The language model service is rate limiting us'
          : `The language model service failed (status ${response.status})`;
      stop(
        new LanguageModelError(
          response.status === 429 ? 'rate-limited' : 'unavailable',
          `${summary} and asked us to wait ${wait} before trying again, longer than the ${Math.max(0, Math.round(leftMs))} ms left of the ${timeoutMs} ms time limit${afterAttempts()}${requestNote()}`,
        ),
      );
      await response.body?.cancel().catch(() => undefined);
      throw stopReason;
    }
    return response;
  };

  return {
    signal: controller.signal,
    fetch: fetchAttempt,
    settle: (work) => Promise.race([work, stopped]),
    requestNote,
    end: () => {
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onCallerAbort);
    },
  };
}

/** The wait a response asks for, read as the `openai` client reads it: `retry-after-ms`, then `retry-after` (seconds or a date). */
function retryAfterMs(headers: Headers): number | undefined {
  const milliseconds = Number.parseFloat(headers.get('retry-after-ms') ?? '');
  if (!Number.isNaN(milliseconds)) return milliseconds;
  const header = headers.get('retry-after');
  if (header === null) return undefined;
  const seconds = Number.parseFloat(header);
  if (!Number.isNaN(seconds)) return seconds * 1000;
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : date - Date.now();
}

/** Whether the `openai` client retries this response (its own rule: `x-should-retry`, then 408, 409, 429, 5xx). */
function isRetried(response: Response): boolean {
  const shouldRetry = response.headers.get('x-should-retry');
  if (shouldRetry === 'true') return true;
  if (shouldRetry === 'false') return false;
  return response.status === 408 || response.status === 409 || response.status === 429 || response.status >= 500;
}
