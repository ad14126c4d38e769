import { describe, expect, it } from 'vitest';
import type { PendingPreview, StateStore, ThreadTurn, VerifiedQuery } from '../../src/ports/state-store.ts';

/**
 * The StateStore contract: every provider runs this suite. The factory gets a fresh, empty store for each test and the
 * clock the test moves; the test file owns cleanup (closing files, pools).
 */

export interface StateStoreFactoryOptions {
  now: () => number;
  previewTtlMs: number;
}

export type StateStoreFactory = (options: StateStoreFactoryOptions) => Promise<StateStore>;

const PREVIEW_TTL_MS = 60_000;
const START = Date.UTC(2026, 10, 2, 9, 0, 0);

export function samplePreview(previewId: string, createdAt: number): PendingPreview {
  return {
    previewId,
    requestId: `request-${previewId}`,
    question: 'How many orders were cancelled in 2024?',
    sql: "SELECT count(*) FROM orders WHERE status = 'cancelled'",
    explanation: 'Counts cancelled orders.',
    lane: 'llm',
    parts: [{ question: 'part one', sql: 'SELECT 1', explanation: 'one' }],
    actor: { platform: 'slack', workspaceId: 'T1', userId: 'U1', displayName: 'Ana' },
    place: { platform: 'slack', channelId: 'C1', threadId: '1700000000.000100', isDirect: false },
    createdAt,
  };
}

function turn(index: number): ThreadTurn {
  return { question: `question ${index}`, sql: `SELECT ${index}`, explanation: `explanation ${index}`, at: START + index };
}

function verifiedQuery(overrides: Partial<VerifiedQuery> = {}): VerifiedQuery {
  return {
    id: 'vq-1',
    datasource: 'sample',
    normalizedQuestion: 'how many order {v1} {d1} [v1=orders.status d1=year]',
    template: "SELECT count(*) FROM orders WHERE status = '{v1}' AND extract(year FROM ordered_at) = {d1}",
    question: 'How many orders were cancelled in 2024?',
    sql: "SELECT count(*) FROM orders WHERE status = 'cancelled' AND extract(year FROM ordered_at) = 2024",
    slots: [
      { name: 'v1', kind: 'value', value: 'cancelled', column: 'orders.status' },
      { name: 'd1', kind: 'year', value: '2024' },
    ],
    verifiedBy: 'slack:T1:U1',
    at: START,
    ...overrides,
  };
}

export function stateStoreContract(name: string, factory: StateStoreFactory): void {
  describe(`StateStore contract: ${name}`, () => {
    let clock = START;
    const open = () => {
      clock = START;
      return factory({ now: () => clock, previewTtlMs: PREVIEW_TTL_MS });
    };

    describe('previews', () => {
      it('saves, peeks without removing, and takes once', async () => {
        const store = await open();
        const preview = samplePreview('p1', clock);
        await store.savePreview(preview);
        expect(await store.peekPreview('p1')).toEqual(preview);
        expect(await store.peekPreview('p1')).toEqual(preview);
        expect(await store.takePreview('p1')).toEqual(preview);
        expect(await store.takePreview('p1')).toBeUndefined();
        expect(await store.peekPreview('p1')).toBeUndefined();
        expect(await store.takePreview('never-saved')).toBeUndefined();
      });

      it('gives a preview to exactly one of several concurrent takes', async () => {
        const store = await open();
        await store.savePreview(samplePreview('p2', clock));
        const takes = await Promise.all(Array.from({ length: 8 }, () => store.takePreview('p2')));
        expect(takes.filter((taken) => taken !== undefined)).toHaveLength(1);
      });

      it('forgets a preview once it has expired', async () => {
        const store = await open();
        await store.savePreview(samplePreview('old', clock));
        await store.savePreview(samplePreview('young', clock + 30_000));
        clock += PREVIEW_TTL_MS;
        expect(await store.peekPreview('old')).toBeDefined();
        clock += 1;
        expect(await store.peekPreview('old')).toBeUndefined();
        expect(await store.takePreview('old')).toBeUndefined();
        await store.savePreview(samplePreview('new', clock));
        expect(await store.takePreview('young')).toBeDefined();
      });

      it('returns copies: changing a returned preview changes nothing stored', async () => {
        const store = await open();
        await store.savePreview(samplePreview('p3', clock));
        const peeked = await store.peekPreview('p3');
        if (peeked) peeked.sql = 'DROP TABLE orders';
        expect((await store.peekPreview('p3'))?.sql).toBe(samplePreview('p3', clock).sql);
      });
    });

    describe('thread memory', () => {
      it('returns the last turns of a thread, oldest first', async () => {
        const store = await open();
        for (const index of [1, 2, 3]) await store.appendTurn('slack:C1:t1', turn(index));
        await store.appendTurn('slack:C1:t2', turn(99));
        expect(await store.recentTurns('slack:C1:t1', 2)).toEqual([turn(2), turn(3)]);
        expect(await store.recentTurns('slack:C1:t2', 5)).toEqual([turn(99)]);
        expect(await store.recentTurns('slack:C1:unknown', 5)).toEqual([]);
        expect(await store.recentTurns('slack:C1:t1', 0)).toEqual([]);
      });

      it('keeps only the last 20 turns of a thread', async () => {
        const store = await open();
        for (let index = 1; index <= 25; index += 1) await store.appendTurn('thread', turn(index));
        const turns = await store.recentTurns('thread', 100);
        expect(turns).toHaveLength(20);
        expect(turns[0]).toEqual(turn(6));
        expect(turns[19]).toEqual(turn(25));
      });
    });

    describe('verified queries', () => {
      it('lists the queries of one datasource as they were saved', async () => {
        const store = await open();
        const exactOnly = verifiedQuery({ id: 'vq-2', normalizedQuestion: 'exact key', template: null, slots: [] });
        await store.saveVerifiedQuery(verifiedQuery());
        await store.saveVerifiedQuery(exactOnly);
        await store.saveVerifiedQuery(verifiedQuery({ id: 'vq-3', datasource: 'other' }));
        expect(await store.listVerifiedQueries('sample')).toEqual([verifiedQuery(), exactOnly]);
        expect(await store.listVerifiedQueries('other')).toEqual([verifiedQuery({ id: 'vq-3', datasource: 'other' })]);
        expect(await store.listVerifiedQueries('missing')).toEqual([]);
      });

      it('replaces a query with the same datasource and normalized question, moving it last', async () => {
        const store = await open();
        await store.saveVerifiedQuery(verifiedQuery());
        await store.saveVerifiedQuery(verifiedQuery({ id: 'vq-2', normalizedQuestion: 'another question' }));
        const replacement = verifiedQuery({ id: 'vq-9', question: 'How many orders were refunded in 2023?', verifiedBy: 'teams:T2:U2', at: START + 5 });
        await store.saveVerifiedQuery(replacement);
        const listed = await store.listVerifiedQueries('sample');
        expect(listed.map((query) => query.id)).toEqual(['vq-2', 'vq-9']);
        expect(listed[1]).toEqual(replacement);
      });
    });

    describe('any text', () => {
      /** NUL, lone surrogates (one of each half), the storable-text escape character, an emoji and U+FFFD. */
      const odd = 'NUL \u0000, lone \uD800 and \uDC00, escape \uE000e000, emoji \uD83D\uDE00, replacement \uFFFD';

      it('keeps a preview with NUL and lone surrogates exactly as saved', async () => {
        const store = await open();
        const base = samplePreview(`preview ${odd}`, clock);
        const preview = { ...base, question: odd, sql: `SELECT '${odd}'`, explanation: odd, parts: [{ question: odd, sql: 'SELECT 1', explanation: odd }], actor: { ...base.actor, displayName: odd } };
        await store.savePreview(preview);
        expect(await store.peekPreview(preview.previewId)).toEqual(preview);
        expect(await store.takePreview(preview.previewId)).toEqual(preview);
      });

      it('keeps turns, verified queries and event ids with NUL and lone surrogates exactly as saved, each its own key', async () => {
        const store = await open();
        const oddTurn = { question: odd, sql: `SELECT '${odd}'`, explanation: odd, at: START };
        await store.appendTurn(`thread ${odd}`, oddTurn);
        expect(await store.recentTurns(`thread ${odd}`, 5)).toEqual([oddTurn]);
        // A replaced character would make two keys one.
        expect(await store.recentTurns(`thread ${odd.replaceAll('\u0000', '\uFFFD')}`, 5)).toEqual([]);

        const query = verifiedQuery({ datasource: `sample ${odd}`, normalizedQuestion: odd, question: odd, sql: `SELECT '${odd}'`, verifiedBy: odd, slots: [{ name: 'v1', kind: 'value', value: odd, column: 'orders.status' }] });
        await store.saveVerifiedQuery(query);
        expect(await store.listVerifiedQueries(`sample ${odd}`)).toEqual([query]);
        expect(await store.listVerifiedQueries('sample')).toEqual([]);

        expect(await store.claimEvent(`event ${odd}`, 10_000)).toBe(true);
        expect(await store.claimEvent(`event ${odd}`, 10_000)).toBe(false);
        expect(await store.claimEvent(`event ${odd.replaceAll('\uD800', '\uFFFD')}`, 10_000)).toBe(true);
      });
    });

    describe('event de-duplication', () => {
      it('claims an event id once until its time to live passes', async () => {
        const store = await open();
        expect(await store.claimEvent('Ev1', 10_000)).toBe(true);
        expect(await store.claimEvent('Ev1', 10_000)).toBe(false);
        expect(await store.claimEvent('Ev2', 10_000)).toBe(true);
        clock += 10_000;
        expect(await store.claimEvent('Ev1', 10_000)).toBe(true);
        expect(await store.claimEvent('Ev1', 10_000)).toBe(false);
      });

      it('gives an event to exactly one of several concurrent claims', async () => {
        const store = await open();
        const claims = await Promise.all(Array.from({ length: 8 }, () => store.claimEvent('Ev-retried', 60_000)));
        expect(claims.filter(Boolean)).toHaveLength(1);
      });
    });
  });
}
