import type { types } from '@slack/bolt';

/** Block Kit types, from the @slack/types that Bolt bundles. */
export type KnownBlock = types.KnownBlock;
export type HomeView = types.HomeView;
