import { z } from 'zod';
import { chatGrantSchema } from '../../ports/grant-store.ts';
import { pendingPreviewSchema, threadTurnSchema, verifiedQuerySchema } from '../../ports/state-store.ts';
import type { BudgetDocument } from '../shared/budget-document.ts';
import { grantKey } from '../shared/grant-document.ts';
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
  // Added after the first files were written: absent in those, so they default to empty.
  budget: z
    .object({
      used: z.array(z.object({ tenant: z.string(), period: z.string(), tokens: z.number() })),
      askers: z.array(z.object({ tenant: z.string(), month: z.string(), asker: z.string(), tokens: z.number() })),
      reservations: z.array(
        z.object({ reservationId: z.string(), tenant: z.string(), asker: z.string(), tokens: z.number(), day: z.string(), month: z.string(), expiresAt: z.number() }),
      ),
    })
    .default({ used: [], askers: [], reservations: [] }),
  grants: z.array(chatGrantSchema).default([]),
  auditHead: z.object({ sequence: z.number().int().min(1), hash: z.string() }).nullable().default(null),
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
    budget: budgetFromFile(data.budget),
    grants: new Map(data.grants.map((grant) => [grantKey(grant.grantee, grant.entitlement), grant])),
    auditHead: data.auditHead,
  };
}

export function stringifyStateFile(document: StateDocument): string {
  const file: StateFile = {
    version: 1,
    previews: [...document.previews.values()],
    threads: [...document.threads].map(([threadKey, turns]) => ({ threadKey, turns })),
    verifiedQueries: [...document.verifiedQueries.values()],
    events: [...document.events].map(([eventId, expiresAt]) => ({ eventId, expiresAt })),
    budget: {
      used: [...document.budget.used].map(([key, tokens]) => {
        const [tenant, period] = JSON.parse(key) as [string, string];
        return { tenant, period, tokens };
      }),
      askers: [...document.budget.askers].map(([key, tokens]) => {
        const [tenant, month, asker] = JSON.parse(key) as [string, string, string];
        return { tenant, month, asker, tokens };
      }),
      reservations: [...document.budget.reservations].map(([reservationId, reservation]) => ({ reservationId, ...reservation })),
    },
    grants: [...document.grants.values()],
    auditHead: document.auditHead,
  };
  return `${JSON.stringify(file, null, 2)}\n`;
}

function budgetFromFile(budget: StateFile['budget']): BudgetDocument {
  return {
    used: new Map(budget.used.map((entry) => [JSON.stringify([entry.tenant, entry.period]), entry.tokens])),
    askers: new Map(budget.askers.map((entry) => [JSON.stringify([entry.tenant, entry.month, entry.asker]), entry.tokens])),
    reservations: new Map(budget.reservations.map(({ reservationId, ...reservation }) => [reservationId, reservation])),
  };
}
