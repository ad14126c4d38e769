import { describe, expect, it } from 'vitest';
import type { Actor } from '../../src/vocabulary/index.ts';
import { sqlReply } from '../fixtures/fake-openai-server.ts';
import { testActor, testQuestion, usePlannerFixture } from '../support/planner-fixture.ts';

/** Cancel is bound to the asker (or an admin), and no flow lets an unexpected error escape. */

const admin: Actor = { platform: 'cli', workspaceId: 'w', userId: 'the-admin' };
const bystander: Actor = { platform: 'cli', workspaceId: 'w', userId: 'someone-else', displayName: 'Someone Else' };
const unexpected: { error: unknown; requestId: string }[] = [];

const fixture = usePlannerFixture({
  entitlements: { users: {}, groups: {}, restrictedChannels: [], admins: ['cli:the-admin'] },
  onUnexpectedError: (error, requestId) => unexpected.push({ error, requestId }),
});

async function preview(): Promise<string> {
  fixture.fake.enqueue(sqlReply('SELECT count(*) FROM products', 'Counts products.'));
  const reply = await fixture.sample.assistant.ask(testQuestion('How many products are there?'));
  if (reply.kind !== 'preview') throw new Error(`expected a preview, got ${reply.kind}`);
  return reply.previewId;
}

describe('cancel', () => {
  it('refuses someone who did not ask, and leaves the preview for the asker', async () => {
    const previewId = await preview();
    const refused = await fixture.sample.assistant.cancel(previewId, bystander);
    expect(refused).toMatchObject({ kind: 'failure', code: 'not-allowed' });
    if (refused.kind === 'failure') expect(refused.message).toContain('Only u1, who asked, or an admin');
    // Same user id in another workspace is someone else.
    expect(await fixture.sample.assistant.cancel(previewId, { ...testActor, workspaceId: 'other' })).toMatchObject({ kind: 'failure', code: 'not-allowed' });

    const answer = await fixture.sample.assistant.confirm(previewId, testActor);
    expect(answer.kind).toBe('answer');
  });

  it('lets the asker cancel, once', async () => {
    const previewId = await preview();
    expect(await fixture.sample.assistant.cancel(previewId, testActor)).toMatchObject({ kind: 'notice', message: 'Cancelled: the query was not run.' });
    expect(await fixture.sample.assistant.cancel(previewId, testActor)).toMatchObject({ kind: 'failure', code: 'preview-not-found' });
    expect(await fixture.sample.assistant.confirm(previewId, testActor)).toMatchObject({ kind: 'failure', code: 'preview-not-found' });
  });

  it("lets an admin cancel anyone's preview", async () => {
    const previewId = await preview();
    expect(await fixture.sample.assistant.cancel(previewId, admin)).toMatchObject({ kind: 'notice' });
  });
});

describe('the last-resort guard', () => {
  it('turns an unexpected error into a failure reply with the request id, reported once with its stack', async () => {
    const before = unexpected.length;
    // A question whose actor is not an object passes no schema; a thrown getter reaches deeper code.
    const hostile = {
      text: 'How many products are there?',
      requestId: 'req-guard-1',
      place: { platform: 'cli', channelId: 'c', isDirect: true },
      get actor(): Actor {
        throw new Error('boom from a getter');
      },
    };
    const reply = await fixture.sample.assistant.ask(hostile as never);
    expect(reply).toMatchObject({ kind: 'failure', code: 'internal-error', requestId: 'req-guard-1' });
    if (reply.kind === 'failure') {
      expect(reply.message).toContain('req-guard-1');
      expect(reply.message).not.toContain('boom');
      expect(reply.message).not.toMatch(/\bat .+:\d+:\d+/);
    }
    expect(unexpected.length).toBe(before + 1);
    expect(unexpected.at(-1)?.requestId).toBe('req-guard-1');
    expect(String((unexpected.at(-1)?.error as Error).stack)).toContain('boom from a getter');
  });
});
