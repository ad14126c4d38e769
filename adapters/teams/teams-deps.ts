import type { Assistant, EventClaimStore } from '../../src/index.ts';
import type { AdaptiveCard } from './cards/card-types.ts';
import type { DownloadLinks } from './download-links.ts';
import type { InFlight } from '../shared/in-flight.ts';
import type { TeamsConnector } from './teams-connector.ts';
import type { TeamsLogger } from './teams-logger.ts';

/** What every handler uses: the assistant, the connector calls, event claims, the log, running work and the links. */
export interface TeamsDeps {
  assistant: Assistant;
  connector: TeamsConnector;
  /** De-duplicates the Bot Connector's re-deliveries of an activity, across restarts and replicas (the StateStore). */
  claims: EventClaimStore;
  logger: TeamsLogger;
  tasks: InFlight;
  links: DownloadLinks;
  /** Preview cards as posted, by preview id, so a click can settle the card in place (kept as long as a preview lives). */
  previewCards: Map<string, AdaptiveCard>;
  previewTtlMs: number;
  now: () => number;
}

/** How long an activity id is remembered: the connector retries within minutes. */
export const ACTIVITY_CLAIM_TTL_MS = 60 * 60 * 1000;
