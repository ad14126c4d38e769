import type { z } from 'zod';
import { LanguageModelError } from '../../ports/language-model.ts';
import type { GenerateResult, TokenUsage } from '../../ports/language-model.ts';
import type { Completion } from './read-completion.ts';

/**
 * Reads a Chat Completions reply as a value of `schema`: refusals become `refused`; a reply cut at the
 * token limit, not JSON, or not matching the schema becomes `malformed-reply` carrying the usage (it
 * was paid for) and the raw text (for the repair step). A server that reports no usage counts 0.
 */
export function readStructuredReply<T>(
  completion: Completion,
  schema: z.ZodType<T>,
  schemaName: string,
  requestedModel: string,
): GenerateResult<T> {
  const usage: TokenUsage = {
    promptTokens: completion.usage?.prompt_tokens ?? 0,
    completionTokens: completion.usage?.completion_tokens ?? 0,
  };
  const choice = completion.choices[0];
  if (choice === undefined) {
    throw new LanguageModelError('malformed-reply', 'The language model sent a reply without any choice', { usage });
  }
  const rawReply = choice.message.content ?? undefined;
  if (choice.message.refusal) {
    throw new LanguageModelError('refused', `The language model declined: ${choice.message.refusal}`, { usage, rawReply });
  }
  if (choice.finish_reason === 'content_filter') {
    throw new LanguageModelError('refused', 'The language model reply was stopped by its content filter', {
      usage,
      rawReply,
    });
  }
  if (choice.finish_reason === 'length') {
    throw new LanguageModelError(
      'malformed-reply',
      `The language model reply was cut off at its token limit after ${usage.completionTokens} tokens (finish_reason "length")`,
      { usage, rawReply },
    );
  }
  if (rawReply === undefined || rawReply.trim() === '') {
    throw new LanguageModelError('malformed-reply', 'The language model sent an empty reply', { usage, rawReply });
  }

  let parsed: unknown;
  try {
    parsed = JSON.parse(rawReply);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new LanguageModelError('malformed-reply', `The language model reply is not JSON: ${reason}`, {
      usage,
      rawReply,
    });
  }
  const validation = schema.safeParse(parsed);
  if (!validation.success) {
    throw new LanguageModelError(
      'malformed-reply',
      `The language model reply does not match the schema "${schemaName}": ${describeZodIssues(validation.error)}`,
      { usage, rawReply },
    );
  }
  return { value: validation.data, usage, model: completion.model ?? requestedModel };
}

/** `sql: Invalid input: expected string, received number; tables.0: …` */
function describeZodIssues(error: z.ZodError): string {
  return error.issues
    .map((issue) => `${issue.path.length > 0 ? issue.path.map(String).join('.') : '(top level)'}: ${issue.message}`)
    .join('; ');
}
