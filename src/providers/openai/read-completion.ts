import { z } from 'zod';
import { LanguageModelError } from '../../ports/language-model.ts';
import { redactSecrets, summarizeServerText } from './to-language-model-error.ts';

/**
 * The parts of a Chat Completions response we read, checked before anything reads them. What is not a
 * completion at all (an HTML page from a proxy, a 200 carrying `{"error": …}`, some other JSON) is an
 * outage of the service, `unavailable`, counted by the breaker: the model never answered, so a repair
 * prompt would not help. `malformed-reply` stays for a completion whose content does not fit.
 */
export const completionSchema = z.object({
  model: z.string().optional().catch(undefined),
  choices: z.array(
    z.object({
      message: z.object({
        content: z.string().nullish(),
        refusal: z.string().nullish(),
      }),
      finish_reason: z.string().nullish(),
    }),
  ),
  usage: z
    .object({
      prompt_tokens: z.number().catch(0),
      completion_tokens: z.number().catch(0),
    })
    .nullish()
    .catch(null),
});

export type Completion = z.infer<typeof completionSchema>;

export interface ReadCompletionContext {
  /** Removed from every message, in case the server echoes it. */
  apiKey: string;
  /** ` (request req_…)`, or ''. */
  requestNote: string;
}

export function readCompletion(body: unknown, context: ReadCompletionContext): Completion {
  const fail = (summary: string, detail: string) =>
    new LanguageModelError('unavailable', `${summary}${context.requestNote}: ${redactSecrets(detail, context.apiKey)}`);
  if (typeof body === 'string') {
    const looksLikeHtml = /^\s*<(!doctype|html|head|body|\?xml)/i.test(body);
    throw fail(
      looksLikeHtml
        ? 'The language model service sent a web page instead of a completion (a proxy or gateway error?)'
        : 'The language model service sent text instead of a completion',
      summarizeServerText(body) || '(empty)',
    );
  }
  if (typeof body === 'object' && body !== null && 'error' in body && !('choices' in body)) {
    throw fail('The language model service answered with an error instead of a completion', describeErrorField(body.error));
  }
  const parsed = completionSchema.safeParse(body);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((issue) => `${issue.path.map(String).join('.') || '(top level)'}: ${issue.message}`).join('; ');
    throw fail('The language model service sent something that is not a chat completion', issues);
  }
  return parsed.data;
}

/** `{"error": {"message": "…", "code": "…"}}` or `{"error": "…"}`, as gateways send it. */
function describeErrorField(error: unknown): string {
  if (typeof error === 'string') return summarizeServerText(error);
  if (typeof error === 'object' && error !== null) {
    const message = 'message' in error && typeof error.message === 'string' ? error.message : JSON.stringify(error);
    const code = 'code' in error && (typeof error.code === 'string' || typeof error.code === 'number') ? ` (${error.code})` : '';
    return `${summarizeServerText(message)}${code}`;
  }
  return String(error);
}
