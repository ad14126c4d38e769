/** The only module the chat adapters import. */
export { createAssistant } from './assistant/create-assistant.ts';
export type { Assistant, AssistantConfig, CheckResult } from './assistant/create-assistant.ts';
export * from './vocabulary/index.ts';
export { describeReply } from './render/describe-reply.ts';
export { renderTextTable } from './render/text-table.ts';
