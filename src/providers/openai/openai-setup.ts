import type { LanguageModelSetup } from '../../ports/language-model.ts';

/** The OpenAI provider's setting names, for replies that tell the operator what to set or check. */
export const openAiSetup: LanguageModelSetup = {
  howToConfigure:
    'Set OPENAI_API_KEY (and, for Azure OpenAI, vLLM, Ollama or another OpenAI-compatible server, OPENAI_BASE_URL; optionally OPENAI_MODEL), then ask again.',
  howToFix: (code) => {
    switch (code) {
      case 'authentication':
        return 'The language model refused the credentials: check OPENAI_API_KEY (and OPENAI_BASE_URL if you use another server).';
      case 'invalid-request':
        return 'The language model rejected the request: check OPENAI_MODEL and OPENAI_BASE_URL.';
      case 'timeout':
        return 'Try again in a minute; if the model keeps running out of time, raise OPENAI_TIMEOUT_MS (milliseconds per call) or check the provider status.';
      case 'rate-limited':
        return 'The provider is rate limiting this API key: try again in a minute, or raise the rate limits of the account behind OPENAI_API_KEY.';
      default:
        return 'Try again in a minute; if it keeps failing, check OPENAI_BASE_URL, OPENAI_MODEL and the provider status.';
    }
  },
};
