import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/config/config-error.ts';
import { loadOpenAiSettings } from '../../src/providers/openai/load-openai-settings.ts';

describe('loadOpenAiSettings', () => {
  it('returns null when no key is set, or only a blank one', () => {
    expect(loadOpenAiSettings({})).toBeNull();
    expect(loadOpenAiSettings({ OPENAI_API_KEY: '  ', OPENAI_MODEL: 'gpt-4o' })).toBeNull();
  });

  it('applies the defaults', () => {
    expect(loadOpenAiSettings({ OPENAI_API_KEY: 'sk-test' })).toEqual({
      apiKey: 'sk-test',
      baseURL: undefined,
      model: 'gpt-4o-mini',
      timeoutMs: undefined,
    });
  });

  it('reads every variable', () => {
    const settings = loadOpenAiSettings({
      OPENAI_API_KEY: 'sk-test',
      OPENAI_BASE_URL: 'http://127.0.0.1:11434/v1',
      OPENAI_MODEL: 'llama3.1',
      OPENAI_TIMEOUT_MS: '15000',
    });

    expect(settings).toEqual({
      apiKey: 'sk-test',
      baseURL: 'http://127.0.0.1:11434/v1',
      model: 'llama3.1',
      timeoutMs: 15_000,
    });
  });

  it('names OPENAI_BASE_URL when it is not an http(s) URL, without echoing the key', () => {
    for (const baseURL of ['api.openai.com/v1', 'ftp://example.com']) {
      const load = () => loadOpenAiSettings({ OPENAI_API_KEY: 'sk-secret-value', OPENAI_BASE_URL: baseURL });
      expect(load).toThrow(ConfigError);
      expect(load).toThrow(/OPENAI_BASE_URL: must be an http\(s\) URL/);
      expect(load).not.toThrow(/sk-secret-value/);
    }
  });

  it('names OPENAI_TIMEOUT_MS when it is not a positive whole number', () => {
    for (const timeout of ['soon', '-5', '2.5']) {
      expect(() => loadOpenAiSettings({ OPENAI_API_KEY: 'sk-test', OPENAI_TIMEOUT_MS: timeout })).toThrow(
        /OPENAI_TIMEOUT_MS: must be/,
      );
    }
  });
});
