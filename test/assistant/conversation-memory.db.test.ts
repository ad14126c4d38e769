import { describe, expect, it } from 'vitest';
import type { Actor, Place, Question } from '../../src/vocabulary/index.ts';
import { createVerifiedQueryMatcher } from '../../src/fast-lane/verified-queries.ts';
import { createMemoryStateStore } from '../../src/providers/memory/memory-state-store.ts';
import { lastUserMessage, sqlReply } from '../fixtures/fake-openai-server.ts';
import { usePlannerFixture } from '../support/planner-fixture.ts';

const actor: Actor = { platform: 'slack', workspaceId: 'T1', userId: 'U1' };
const thread: Place = { platform: 'slack', channelId: 'C1', threadId: '1700000000.000100', isDirect: false };
const ask = (text: string, place: Place = thread): Question => ({ text, actor, place, requestId: `r-${Math.random()}` });

const fixture = usePlannerFixture(() => {
  const state = createMemoryStateStore();
  const verifiedQueries = createVerifiedQueryMatcher({
    store: state,
    datasource: 'sample',
    knownValues: new Map([
      ['cancelled', { column: 'orders.status', value: 'cancelled' }],
      ['refunded', { column: 'orders.status', value: 'refunded' }],
    ]),
  });
  return { state, verifiedQueries };
});

describe('conversation memory', () => {
  it('gives the planner the thread’s earlier turns, so a follow-up can refer to them', async () => {
    fixture.fake.enqueue(sqlReply("SELECT count(*) FROM orders WHERE status = 'paid'"));
    const first = await fixture.sample.assistant.ask(ask('How many paid orders are there?'));
    if (first.kind !== 'preview') throw new Error(`expected a preview, got ${first.kind}`);
    expect((await fixture.sample.assistant.confirm(first.previewId, actor)).kind).toBe('answer');

    fixture.fake.enqueue(sqlReply("SELECT date_trunc('month', created_at) AS month, count(*) FROM orders WHERE status = 'paid' GROUP BY 1 ORDER BY 1"));
    const followUp = await fixture.sample.assistant.ask(ask('now by month'));
    expect(followUp.kind).toBe('preview');
    const prompt = lastUserMessage(fixture.fake.requests.at(-1)!);
    expect(prompt).toContain('EARLIER IN THIS CONVERSATION');
    expect(prompt).toContain("Q: How many paid orders are there?\nSQL: SELECT count(*) FROM orders WHERE status = 'paid' LIMIT 100");

    // Another thread does not see it.
    fixture.fake.enqueue(sqlReply('SELECT count(*) FROM orders'));
    await fixture.sample.assistant.ask(ask('now by month', { ...thread, threadId: 'other' }));
    expect(lastUserMessage(fixture.fake.requests.at(-1)!)).not.toContain('EARLIER IN THIS CONVERSATION');
  });

  it('remembers a confirmed query and answers the same shape with other values in the fast lane, without the model', async () => {
    fixture.fake.enqueue(sqlReply("SELECT count(*) FROM orders WHERE status = 'cancelled' AND created_at >= '2024-01-01' AND created_at < '2025-01-01'"));
    const preview = await fixture.sample.assistant.ask(ask('How many orders were cancelled in 2024?'));
    if (preview.kind !== 'preview') throw new Error(`expected a preview, got ${preview.kind}`);
    await fixture.sample.assistant.confirm(preview.previewId, actor);

    const requestsBefore = fixture.fake.requests.length;
    const reply = await fixture.sample.assistant.ask(ask('How many orders were refunded in 2023?'));
    expect(fixture.fake.requests.length).toBe(requestsBefore);
    expect(reply.kind).toBe('answer');
    if (reply.kind !== 'answer') return;
    expect(reply.lane).toBe('fast');
    expect(reply.sql).toContain("status = 'refunded'");
    expect(reply.sql).toContain("'2023-01-01'");
    const expected = await fixture.sample.datasource.run("SELECT count(*) FROM orders WHERE status = 'refunded' AND created_at >= '2023-01-01' AND created_at < '2024-01-01'", { maxRows: 1, statementTimeoutMs: 5000 });
    expect(reply.table.rows).toEqual(expected.rows);
  });

  it('offers verified queries to the planner as examples', async () => {
    fixture.fake.enqueue(sqlReply('SELECT count(*) FROM orders'));
    await fixture.sample.assistant.ask(ask('Which orders were cancelled most often by country?', { ...thread, threadId: 'examples' }));
    const prompt = lastUserMessage(fixture.fake.requests.at(-1)!);
    expect(prompt).toContain('VERIFIED EXAMPLES');
    expect(prompt).toContain('Q: How many orders were cancelled in 2024?');
  });
});

describe('/sql-eval verify', () => {
  const state = createMemoryStateStore();
  const admin = usePlannerFixture(() => ({
    state,
    entitlements: { admins: ['slack:U9'], groups: {}, users: {}, restrictedChannels: [] },
    verifiedQueries: createVerifiedQueryMatcher({ store: state, datasource: 'sample', knownValues: new Map([['PT', { column: 'customers.country', value: 'PT' }], ['DE', { column: 'customers.country', value: 'DE' }]]) }),
  }));
  const adminActor: Actor = { platform: 'slack', workspaceId: 'T1', userId: 'U9' };
  const place: Place = { platform: 'slack', channelId: 'C2', threadId: '1.2', isDirect: false };

  it('lets only admins mark the last answer of a thread correct, which the fast lane then reuses', async () => {
    const refused = await admin.sample.assistant.command('verify', actor, place);
    expect(refused).toMatchObject({ kind: 'notice', message: expect.stringContaining('Only admins') });
    expect(await admin.sample.assistant.command('verify', adminActor, place)).toMatchObject({ message: expect.stringContaining('no answer in this thread') });

    await state.appendTurn('slack:C2:1.2', { question: 'How many customers live in PT?', sql: "SELECT count(*) FROM customers WHERE country = 'PT'", explanation: 'x', at: Date.now() });
    expect(await admin.sample.assistant.command('verify', adminActor, place)).toMatchObject({ message: expect.stringContaining('Marked correct') });

    const before = admin.fake.requests.length;
    const reply = await admin.sample.assistant.ask({ text: 'How many customers live in DE?', actor: adminActor, place, requestId: 'r-verify' });
    expect(admin.fake.requests.length).toBe(before);
    expect(reply).toMatchObject({ kind: 'answer', lane: 'fast' });
    if (reply.kind === 'answer') expect(reply.sql).toContain("'DE'");
  });
});
