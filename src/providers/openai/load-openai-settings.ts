import { z } from 'zod';
import { ConfigError, describeIssues } from '../../config/config-error.ts';

export interface OpenAiSettings {
  apiKey: string;
  baseURL: string | undefined;
  model: string;
  timeoutMs: number | undefined;
}

export const defaultOpenAiModel = 'gpt-4o-mini';

/** An unset or blank variable counts as absent. */
const optionalText = z.preprocess(
  (value) => (typeof value === 'string' && value.trim() === '' ? undefined : value),
  z.string().trim().optional(),
);

const environmentSchema = z.object({
  OPENAI_API_KEY: optionalText,
  OPENAI_BASE_URL: optionalText.pipe(
    z
      .url({
        protocol: /^https?$/,
        error: 'must be an http(s) URL such as https://api.openai.com/v1 or http://127.0.0.1:11434/v1',
      })
      .optional(),
  ),
  OPENAI_MODEL: optionalText.pipe(z.string().default(defaultOpenAiModel)),
  OPENAI_TIMEOUT_MS: optionalText.pipe(
    z.coerce
      .number<string>({ error: 'must be a number of milliseconds, such as 30000' })
      .int('must be a whole number of milliseconds')
      .positive('must be more than 0')
      .optional(),
  ),
});

/**
 * Reads the OpenAI settings from an environment (`process.env`): `OPENAI_API_KEY`, `OPENAI_BASE_URL`,
 * `OPENAI_MODEL` (default gpt-4o-mini), `OPENAI_TIMEOUT_MS` (the whole of one model call, retries and the
 * reply's body included; default 30000). Returns `null` when no key is set, so the
 * caller can answer "set OPENAI_API_KEY"; throws a `ConfigError` naming the variable when one is invalid.
 * Values never appear in error messages.
 */
export function loadOpenAiSettings(environment: Record<string, string | undefined>): OpenAiSettings | null {
  const result = environmentSchema.safeParse(environment);
  if (!result.success) {
    throw new ConfigError(describeIssues('environment', result.error));
  }
  const { OPENAI_API_KEY, OPENAI_BASE_URL, OPENAI_MODEL, OPENAI_TIMEOUT_MS } = result.data;
  if (OPENAI_API_KEY === undefined) return null;
  return { apiKey: OPENAI_API_KEY, baseURL: OPENAI_BASE_URL, model: OPENAI_MODEL, timeoutMs: OPENAI_TIMEOUT_MS };
}
