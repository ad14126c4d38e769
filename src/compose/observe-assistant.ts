import type { Assistant } from '../assistant/assistant.ts';
import type { TenantsFile } from '../config/tenants.ts';
import { tenantFor } from '../budget/tenant.ts';
import type { EventClaimStore } from '../ports/state-store.ts';
import type { AskOptions, ProgressStatus } from '../vocabulary/question.ts';
import type { Reply } from '../vocabulary/reply.ts';
import type { Metrics, ObservedFlow } from './create-metrics.ts';
import type { Logger } from './logger.ts';

/**
 * An Assistant that reports each `ask` and `confirm` reply to the metrics and otherwise passes through; the flows do
 * not know. A flow that throws (the created assistant turns errors into failure replies, so only a bug) is not counted.
 */
export function observeAssistant(assistant: Assistant, metrics: Metrics, tenants: TenantsFile, logger?: Logger | undefined): Assistant {
  const timed = async (flow: ObservedFlow, work: () => Promise<Reply>, tenant?: string): Promise<Reply> => {
    const startedAt = performance.now();
    const reply = await work();
    metrics.observeReply(flow, reply, (performance.now() - startedAt) / 1000, tenant);
    return reply;
  };
  return {
    ask: (question, options) => timed('ask', () => assistant.ask(question, stagesTimed(options, metrics, (stage) => logger?.debug({ requestId: question.requestId, stage }, 'stage'))), tenantFor(question.actor, question.place, tenants).id),
    confirm: (previewId, actor) => timed('confirm', () => assistant.confirm(previewId, actor)),
    cancel: (previewId, actor) => assistant.cancel(previewId, actor),
    command: (text, actor, place, options) => assistant.command(text, actor, place, options),
    check: (sql, actor, options) => assistant.check(sql, actor, options),
  };
}

/** Times each stage from the flow's progress reports (a stage lasts until the next report), passing them on. */
function stagesTimed(options: AskOptions | undefined, metrics: Metrics, log: (stage: ProgressStatus) => void): AskOptions {
  let current: { stage: ProgressStatus; since: number } | undefined;
  return {
    onProgress: (status) => {
      const now = performance.now();
      if (current) metrics.observeStage(current.stage, (now - current.since) / 1000);
      current = timedStages.has(status) ? { stage: status, since: now } : undefined;
      log(status);
      options?.onProgress?.(status);
    },
  };
}

const timedStages = new Set<ProgressStatus>(['routing', 'planning', 'validating', 'executing']);

/** Counts chat events as the adapters claim them (`slack:…`, `teams:…` keys): received, and deduplicated. */
export function observeEventClaims(claims: EventClaimStore, metrics: Metrics): EventClaimStore {
  return {
    async claimEvent(eventId, ttlMs) {
      const first = await claims.claimEvent(eventId, ttlMs);
      const platform = eventId.startsWith('slack:') ? 'slack' : eventId.startsWith('teams:') ? 'teams' : undefined;
      if (platform) metrics.observeChatEvent(platform, !first);
      return first;
    },
  };
}
