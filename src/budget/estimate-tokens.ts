import { countTokens } from 'gpt-tokenizer/model/gpt-4o';
import type { ChatMessage } from '../ports/language-model.ts';

/**
 * Prompt tokens, counted with the o200k encoding (GPT-4o and later). For other models it is an estimate; the ledger
 * settles with the usage the provider reports, so an estimate only decides what is reserved before the call.
 */
export function estimatePromptTokens(messages: ChatMessage[]): number {
  // Each message carries a few tokens of framing (role, separators).
  return messages.reduce((total, message) => total + countTokens(message.content) + 4, 3);
}
