import { z } from 'zod';
import { pendingPreviewSchema, threadTurnSchema, verifiedQuerySchema } from '../../ports/state-store.ts';
import { verifiedQueryKey, type StateDocument } from '../shared/state-document.ts';
import { StateFileError, stateFileAdvice } from './state-file-error.ts';

/**
 * The JSON file's shape (lists, so that no id ever becomes an object key), and the conversions between it and the
 * in-memory `StateDocument`. Whatever is read back is validated before it is used.
 */

export const stateFileSchema = z.object({
  version: z.literal(1),
  previews: z.array(pendingPreviewSchema),
  threads: z.array(z.object({ threadKey: z.string(), turns: z.array(threadTurnSchema) })),
  verifiedQueries: z.array(verifiedQuerySchema),
  events: z.array(z.object({ eventId: z.string(), expiresAt: z.number() })),
});

export type StateFile = z.infer<typeof stateFileSchema>;

export function parseStateFile(file: string, text: string): StateDocument {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new StateFileError(file, `The state file ${file} is not valid JSON (${reason}). ${stateFileAdvice(file)}`, { cause: error });
  }
  const parsed = stateFileSchema.safeParse(json);
  if (!parsed.success) {
    const issues = parsed.error.issues.slice(0, 3).map((issue) => `${issue.path.join('.') || '(top level)'}: ${issue.message}`);
    throw new StateFileError(file, `The state file ${file} does not have the shape sql-eval writes (${issues.join('; ')}). ${stateFileAdvice(file)}`, {
      cause: parsed.error,
    });
  }
  const data = parsed.data;
  return {
    previews: new Map(data.previews.map((preview) => [preview.previewId, preview])),
    threads: new Map(data.threads.map((thread) => [thread.threadKey, thread.turns])),
    verifiedQueries: new Map(data.verifiedQueries.map((query) => [verifiedQueryKey(query.datasource, query.normalizedQuestion), query])),
    events: new Map(data.events.map((event) => [event.eventId, event.expiresAt])),
  };
}

export function stringifyStateFile(document: StateDocument): string {
  const file: StateFile = {
    version: 1,
    previews: [...document.previews.values()],
    threads: [...document.threads].map(([threadKey, turns]) => ({ threadKey, turns })),
    verifiedQueries: [...document.verifiedQueries.values()],
    events: [...document.events].map(([eventId, expiresAt]) => ({ eventId, expiresAt })),
  };
  return `${JSON.stringify(file, null, 2)}\n`;
}
