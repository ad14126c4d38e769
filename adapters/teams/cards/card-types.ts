/**
 * The Adaptive Card subset the Teams adapter writes: schema 1.5 (the first with `Table` and `Action.Execute`), full
 * width in Teams. Plain JSON, so tests and the fake connector read exactly what Teams would receive.
 */

export interface CardElement {
  type: string;
  [key: string]: unknown;
}

export interface CardAction {
  type: 'Action.Execute' | 'Action.Submit' | 'Action.OpenUrl';
  title: string;
  [key: string]: unknown;
}

export interface AdaptiveCard {
  type: 'AdaptiveCard';
  $schema: string;
  version: '1.5';
  body: CardElement[];
  actions?: CardAction[] | undefined;
  msteams: { width: 'Full' };
  fallbackText?: string | undefined;
}

export const ADAPTIVE_CARD_CONTENT_TYPE = 'application/vnd.microsoft.card.adaptive';

/**
 * Teams refuses a bot message over about 28 KB (the whole activity, JSON): a card is kept under this many characters
 * by cutting rows and text, with a note.
 */
export const TEAMS_LIMITS = {
  cardJson: 24_000,
  /** Rows of a result shown in the card; the rest are in the CSV download. */
  shownRows: 20,
  /** Characters of a table cell. */
  cellText: 200,
  sqlText: 6_000,
} as const;

export function adaptiveCard(body: CardElement[], actions?: CardAction[] | undefined, fallbackText?: string | undefined): AdaptiveCard {
  return {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: '1.5',
    body,
    ...(actions && actions.length > 0 ? { actions } : {}),
    msteams: { width: 'Full' },
    ...(fallbackText ? { fallbackText } : {}),
  };
}

/** A message activity carrying one card; `text` is what notifications and screen readers show. */
export interface CardMessage {
  card: AdaptiveCard;
  text: string;
}
