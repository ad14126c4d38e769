import { randomUUID } from 'node:crypto';
import type { VerifiedQuery, VerifiedQuerySlot, VerifiedQueryStore } from '../ports/state-store.ts';
import { indexKnownValues, normalizeQuestion, type KnownValue } from './verified-queries/normalize-question.ts';
import { buildSqlTemplate, fillSqlTemplate } from './verified-queries/sql-template.ts';

/**
 * Verified-query memory: a (question, SQL) pair that someone confirmed is remembered, and a later question with the
 * same template (same words, same slot types) reuses the SQL with its own values. No fuzzy matching: the template must
 * be equal. A pair whose values cannot all be found in its SQL is kept for the very same question only. The SQL
 * returned still goes through the validator and the policy agent; the caller does that.
 */

export interface VerifiedQueryMatcherOptions {
  store: VerifiedQueryStore;
  datasource: string;
  /** Normalized text of a column value → the column and the stored value (from the fast lane's value index). */
  knownValues: ReadonlyMap<string, KnownValue>;
  now?: (() => number) | undefined;
  createId?: (() => string) | undefined;
}

export interface VerifiedQueryMatch {
  sql: string;
  explanation: string;
  source: 'verified-query';
}

export interface VerifiedQueryMatcher {
  /** Stores the pair; null when the question has no content words to match on (nothing is stored then). */
  remember(question: string, sql: string, verifiedBy: string): Promise<VerifiedQuery | null>;
  match(question: string): Promise<VerifiedQueryMatch | null>;
}

export function createVerifiedQueryMatcher(options: VerifiedQueryMatcherOptions): VerifiedQueryMatcher {
  const { store, datasource } = options;
  const knownValues = indexKnownValues(options.knownValues);
  const now = options.now ?? Date.now;
  const createId = options.createId ?? randomUUID;

  return {
    async remember(question, sql, verifiedBy) {
      const normalized = normalizeQuestion(question, knownValues);
      if (normalized === null) return null;
      const template = buildSqlTemplate(sql, normalized.slots);
      const query: VerifiedQuery = {
        id: createId(),
        datasource,
        normalizedQuestion: template === null ? normalized.exactKey : normalized.templateKey,
        template,
        question,
        sql,
        slots: normalized.slots,
        verifiedBy,
        at: now(),
      };
      await store.saveVerifiedQuery(query);
      return query;
    },

    async match(question) {
      const normalized = normalizeQuestion(question, knownValues);
      if (normalized === null) return null;
      const queries = await store.listVerifiedQueries(datasource);
      const exact = queries.findLast((query) => query.template === null && query.normalizedQuestion === normalized.exactKey);
      if (exact !== undefined) return { sql: exact.sql, explanation: describeReuse(exact, []), source: 'verified-query' };
      const templated = queries.findLast((query) => query.template !== null && query.normalizedQuestion === normalized.templateKey);
      if (templated?.template == null || !sameSlotTypes(templated.slots, normalized.slots)) return null;
      const sql = fillSqlTemplate(templated.template, normalized.slots);
      if (sql === null) return null;
      return { sql, explanation: describeReuse(templated, normalized.slots), source: 'verified-query' };
    },
  };
}

/** The key already encodes the slot types; checked again so a hand-edited store cannot mix them. */
function sameSlotTypes(stored: VerifiedQuerySlot[], asked: VerifiedQuerySlot[]): boolean {
  return stored.length === asked.length && stored.every((slot, index) => slot.name === asked[index]?.name && slot.kind === asked[index].kind && slot.column === asked[index].column);
}

function describeReuse(query: VerifiedQuery, slots: VerifiedQuerySlot[]): string {
  const changes = slots.flatMap((slot, index) => {
    const before = query.slots[index]?.value;
    return before === undefined || before === slot.value ? [] : [`${slot.value} in place of ${before}`];
  });
  const base = `Reuses the SQL verified for "${query.question}" (by ${query.verifiedBy})`;
  return changes.length === 0 ? `${base}.` : `${base}, with ${changes.join(', ')}.`;
}
