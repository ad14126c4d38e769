import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { BreakerState, GuardedDatasource } from '../providers/resilience/guard-datasource.ts';
import type { GuardedLanguageModel } from '../providers/resilience/guard-language-model.ts';
import type { Lane, Reply } from '../vocabulary/reply.ts';

/**
 * The Prometheus metrics `GET /metrics` serves, in a registry of their own (never prom-client's global one, so two
 * runtimes in one process, as in tests, do not share counters). Names are listed in the README ("Operations").
 */

export type ObservedFlow = 'ask' | 'confirm';
export type ChatPlatform = 'slack' | 'teams';

export interface Metrics {
  readonly contentType: string;
  /** The text exposition format, read at scrape time. */
  render(): Promise<string>;
  /** One reply of a flow: latency, outcome, refusals and, for asked questions, tokens charged to the tenant. */
  observeReply(flow: ObservedFlow, reply: Reply, durationSeconds: number, tenant?: string): void;
  /** How long a question spent in one stage of the pipeline (routing, planning, validating, executing). */
  observeStage(stage: string, durationSeconds: number): void;
  /** A chat event delivered to us, and whether it was a retried delivery already handled. */
  observeChatEvent(platform: ChatPlatform, deduplicated: boolean): void;
}

export interface MetricsSources {
  datasource: GuardedDatasource;
  languageModel: GuardedLanguageModel | null;
}

const breakerStates: BreakerState[] = ['closed', 'open', 'half-open', 'isolated'];

export function createMetrics(sources: MetricsSources): Metrics {
  const registry = new Registry();
  const replyDuration = new Histogram({
    name: 'sql_eval_reply_duration_seconds',
    help: 'Time from a question (ask) or a Run click (confirm) to its reply, per flow and lane.',
    labelNames: ['flow', 'lane'] as const,
    buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
    registers: [registry],
  });
  const stageDuration = new Histogram({
    name: 'sql_eval_stage_duration_seconds',
    help: "Time a question spent in each stage of the pipeline, from the flows' progress: routing, planning, validating, executing.",
    labelNames: ['stage'] as const,
    buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [registry],
  });
  const replies = new Counter({
    name: 'sql_eval_replies_total',
    help: 'Replies per flow, lane and outcome (the reply kind; for failures, the failure code).',
    labelNames: ['flow', 'lane', 'kind', 'code'] as const,
    registers: [registry],
  });
  const tokens = new Counter({
    name: 'sql_eval_tokens_total',
    help: 'Language-model tokens per budget tenant and type (prompt, completion).',
    labelNames: ['tenant', 'type'] as const,
    registers: [registry],
  });
  const refusals = new Counter({
    name: 'sql_eval_refusals_total',
    help: 'Policy violations in refusals, per rule.',
    labelNames: ['rule'] as const,
    registers: [registry],
  });
  const chatEvents = new Counter({
    name: 'sql_eval_chat_events_total',
    help: 'Slack and Teams events received, and those deduplicated (a retried delivery already handled).',
    labelNames: ['platform', 'outcome'] as const,
    registers: [registry],
  });
  const { datasource, languageModel } = sources;
  new Gauge({
    name: 'sql_eval_circuit_breaker_state',
    help: 'Circuit breakers: 1 for the state each breaker is in, 0 for the others.',
    labelNames: ['breaker', 'state'] as const,
    registers: [registry],
    collect() {
      const breakers: [string, BreakerState][] = [[`datasource:${datasource.name}`, datasource.breakerState()]];
      if (languageModel) breakers.push([`model:${languageModel.name}`, languageModel.breakerState()]);
      for (const [breaker, current] of breakers) {
        for (const state of breakerStates) this.set({ breaker, state }, state === current ? 1 : 0);
      }
    },
  });
  new Gauge({
    name: 'sql_eval_admission_queue_depth',
    help: 'Statements waiting for a database connection (the bulkhead queue).',
    labelNames: ['datasource'] as const,
    registers: [registry],
    collect() {
      this.set({ datasource: datasource.name }, datasource.admission().waiting);
    },
  });
  new Gauge({
    name: 'sql_eval_admission_running',
    help: 'Statements running on the database now.',
    labelNames: ['datasource'] as const,
    registers: [registry],
    collect() {
      this.set({ datasource: datasource.name }, datasource.admission().running);
    },
  });

  return {
    contentType: registry.contentType,
    render: () => registry.metrics(),
    observeReply(flow, reply, durationSeconds, tenant) {
      const lane: Lane = reply.lane;
      replyDuration.observe({ flow, lane }, durationSeconds);
      replies.inc({ flow, lane, kind: reply.kind, code: reply.kind === 'failure' ? reply.code : 'none' });
      if (reply.kind === 'refusal') for (const violation of reply.violations) refusals.inc({ rule: violation.rule });
      if (tenant !== undefined && reply.trace) {
        if (reply.trace.promptTokens > 0) tokens.inc({ tenant, type: 'prompt' }, reply.trace.promptTokens);
        if (reply.trace.completionTokens > 0) tokens.inc({ tenant, type: 'completion' }, reply.trace.completionTokens);
      }
    },
    observeStage(stage, durationSeconds) {
      stageDuration.observe({ stage }, durationSeconds);
    },
    observeChatEvent(platform, deduplicated) {
      chatEvents.inc({ platform, outcome: 'received' });
      if (deduplicated) chatEvents.inc({ platform, outcome: 'deduplicated' });
    },
  };
}
