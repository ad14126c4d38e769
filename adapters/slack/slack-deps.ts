import type { Assistant, EventClaimStore } from '../../src/index.ts';
import type { InFlight } from '../shared/in-flight.ts';
import type { SlackLogger } from './slack-logger.ts';
import type { SlackPoster } from './slack-poster.ts';

/** What every listener uses: the assistant, the Web API calls, the event claims, the log and the running work. */
export interface SlackDeps {
  assistant: Assistant;
  poster: SlackPoster;
  /** De-duplicates Slack's re-deliveries of an event, across restarts and replicas (the StateStore). */
  claims: EventClaimStore;
  logger: SlackLogger;
  tasks: InFlight;
  /** How long a preview can be run; shown on the preview and used to tell an expired click from a used one. */
  previewTtlMs: number;
  now: () => number;
  /** Questions the fast lane answers without a language model (App Home). */
  suggestions: string[];
}

/** How long an event id is remembered: Slack retries within minutes. */
export const EVENT_CLAIM_TTL_MS = 60 * 60 * 1000;

/** Sub-commands handled by `Assistant.command`; any other text after `/sql-eval` is a question. */
export const COMMAND_WORDS = new Set(['help', 'whoami', 'verify', 'budget', 'eval', 'grant', 'revoke']);
