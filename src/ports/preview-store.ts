import type { Actor, Place } from '../assistant/types.ts';
import type { Lane } from '../assistant/types.ts';

/** SQL waiting in a thread for someone to press Run. */
export interface PendingPreview {
  previewId: string;
  requestId: string;
  question: string;
  sql: string;
  explanation: string;
  lane: Lane;
  /** For a question split into parts: each part's question, SQL and explanation, run together on confirmation. */
  parts?: { question: string; sql: string; explanation: string }[] | undefined;
  actor: Actor;
  place: Place;
  createdAt: number;
}

export interface PreviewStore {
  save(preview: PendingPreview): Promise<void>;
  /** Removes and returns the preview: a preview runs at most once. */
  take(previewId: string): Promise<PendingPreview | undefined>;
  peek(previewId: string): Promise<PendingPreview | undefined>;
}
