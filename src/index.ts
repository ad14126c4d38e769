/** The only module the chat adapters import. */
export { createAssistant } from './assistant/create-assistant.ts';
export type { Assistant, AssistantConfig, CheckResult } from './assistant/create-assistant.ts';
export type * from './assistant/types.ts';
