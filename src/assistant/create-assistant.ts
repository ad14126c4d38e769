import { failure, type Reply } from '../vocabulary/reply.ts';
import { ask } from './ask.ts';
import type { Assistant, AssistantConfig } from './assistant.ts';
import { cancel } from './cancel.ts';
import { check } from './check.ts';
import { command } from './command.ts';
import { confirm } from './confirm.ts';
import { createFlowContext } from './flow-context.ts';

export type { Assistant, AssistantConfig, CheckOptions, CheckResult, CommandOptions, EvaluationJobs, FollowUp } from './assistant.ts';

/**
 * Wires the flows over one configuration. No flow's error escapes: anything unexpected becomes a `failure` reply
 * that names the request id, reported once (with its stack) through `onUnexpectedError`.
 */
export function createAssistant(config: AssistantConfig): Assistant {
  const context = createFlowContext(config);
  const guard = async (requestId: string, flow: () => Promise<Reply>): Promise<Reply> => {
    try {
      return await flow();
    } catch (error) {
      config.onUnexpectedError?.(error, requestId);
      return failure(requestId, 'none', 'internal-error', `Something went wrong on my side (request ${requestId}); nothing was run twice and nothing was changed.`, 'Try again; if it keeps happening, give the request id to the operator, who will find the details in the log.');
    }
  };
  return {
    ask: (question, options = {}) => guard(requestIdOf(question), () => ask(question, options, context)),
    confirm: (previewId, actor) => guard(previewId, () => confirm(previewId, actor, context)),
    cancel: (previewId, actor) => guard(previewId, () => cancel(previewId, actor, context)),
    command: (text, actor, place, options = {}) => guard(`command:${context.now()}`, () => command(text, actor, place, options, context)),
    check: (sql, actor, options = {}) => check(sql, actor, options, context),
  };
}

function requestIdOf(question: unknown): string {
  const requestId = (question as { requestId?: unknown } | null)?.requestId;
  return typeof requestId === 'string' && requestId !== '' ? requestId : 'unknown';
}
