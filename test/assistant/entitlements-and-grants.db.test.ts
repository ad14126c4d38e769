import { describe, expect, it } from 'vitest';
import { entitlementsFileSchema } from '../../src/config/entitlements.ts';
import { createMemoryStateStore } from '../../src/providers/memory/memory-state-store.ts';
import type { Actor, Place, Reply } from '../../src/vocabulary/index.ts';
import { sqlReply } from '../fixtures/fake-openai-server.ts';
import { usePlannerFixture } from '../support/planner-fixture.ts';

/** Entitlements from identities (id, bare id, e-mail, groups) and from chat grants, resolved on every request. */

const clock = { at: Date.UTC(2026, 10, 30, 12) };
const now = () => clock.at;
const state = createMemoryStateStore({ now });
const file = entitlementsFileSchema.parse({
  admins: ['slack:T1:UADMIN'],
  users: { 'slack:T1:UFULL': ['pii:customers.email'], UBARE: ['pii:customers.phone'] },
  groups: { support: { members: ['email:Ana@Example.com'], entitlements: ['pii:customers.*'] } },
  restrictedChannels: ['slack:T1:C0HR'],
});
const fixture = usePlannerFixture(() => ({ entitlements: file, grants: state, state, now }));

const slackUser = (userId: string, email?: string): Actor => ({ platform: 'slack', workspaceId: 'T1', userId, ...(email ? { email } : {}) });
const admin = slackUser('UADMIN');
const place: Place = { platform: 'slack', channelId: 'C1', isDirect: false };
const mayReadEmail = async (actor: Actor) => (await fixture.sample.assistant.check('SELECT email FROM customers', actor)).verdict !== 'block';
const text = (reply: Reply) => (reply.kind === 'notice' ? reply.message : `(${reply.kind})`);

describe('entitlements from identities', () => {
  it('matches the full id, the bare platform id, and e-mail without case, through groups', async () => {
    expect(await mayReadEmail(slackUser('UFULL'))).toBe(true);
    expect(await mayReadEmail(slackUser('UBARE'))).toBe(false);
    expect((await fixture.sample.assistant.check('SELECT phone FROM customers', slackUser('UBARE'))).verdict).not.toBe('block');
    expect(await mayReadEmail(slackUser('UANA', 'ana@EXAMPLE.com'))).toBe(true);
    expect(await mayReadEmail(slackUser('UANA'))).toBe(false);
    // The same user id in another workspace is someone else.
    expect(await mayReadEmail({ platform: 'slack', workspaceId: 'T2', userId: 'UFULL' })).toBe(false);
  });

  it('says in whoami where each entitlement comes from', async () => {
    const reply = text(await fixture.sample.assistant.command('whoami', slackUser('UANA', 'ana@example.com'), place));
    expect(reply).toContain('slack:T1:UANA, ana@example.com');
    expect(reply).toContain('• pii:customers.* (entitlements.yaml, group support as email:Ana@Example.com)');
    expect(text(await fixture.sample.assistant.command('whoami', admin, place))).toContain('an admin');
  });
});

describe('chat grants', () => {
  it('grants for a while, takes effect on the next request, expires, and shows who granted it', async () => {
    const bob = slackUser('UBOB');
    expect(await mayReadEmail(bob)).toBe(false);
    const granted = text(await fixture.sample.assistant.command('grant <@UBOB|bob> pii:customers.email for 7d', admin, place));
    expect(granted).toBe('Granted pii:customers.email to slack:T1:UBOB until 2026-12-07 12:00 UTC, from their next request on.');
    expect(await mayReadEmail(bob)).toBe(true);
    expect(text(await fixture.sample.assistant.command('whoami', bob, place))).toContain('• pii:customers.email (granted in chat by slack:T1:UADMIN on 2026-11-30, until 2026-12-07 12:00 UTC)');
    clock.at += 7 * 86_400_000;
    expect(await mayReadEmail(bob)).toBe(false);
  });

  it('grants by e-mail and revokes, effective on the next request', async () => {
    const carla = slackUser('UCARLA', 'Carla@Example.com');
    await fixture.sample.assistant.command('grant carla@example.com pii:customers.email', admin, place);
    expect(await mayReadEmail(carla)).toBe(true);
    expect(text(await fixture.sample.assistant.command('revoke email:carla@example.com pii:customers.email', admin, place))).toContain('Revoked pii:customers.email from email:carla@example.com');
    expect(await mayReadEmail(carla)).toBe(false);
    expect(text(await fixture.sample.assistant.command('revoke email:carla@example.com pii:customers.email', admin, place))).toContain('had no chat grant');
  });

  it('refuses a non-admin and explains malformed grants', async () => {
    expect(text(await fixture.sample.assistant.command('grant <@UBOB> pii:*', slackUser('UBOB'), place))).toBe('Only admins (configs/entitlements.yaml: admins) can grant entitlements.');
    expect(await mayReadEmail(slackUser('UBOB'))).toBe(false);
    expect(text(await fixture.sample.assistant.command('grant <@UBOB> customers.email', admin, place))).toContain('"customers.email" is not an entitlement');
    expect(text(await fixture.sample.assistant.command('grant nobody pii:*', admin, place))).toContain('"nobody" is not a person I can name');
    expect(text(await fixture.sample.assistant.command('grant <@UBOB> pii:* for ever', admin, place))).toContain('"ever" is not a duration');
  });
});

describe('answers with personal data', () => {
  const run = async (sql: string, where: Place, actor = slackUser('UFULL')) => {
    fixture.fake.enqueue(sqlReply(sql, 'scripted'));
    const preview = await fixture.sample.assistant.ask({ text: 'the e-mails of three customers', actor, place: where, requestId: `r-${Math.random()}` });
    if (preview.kind !== 'preview') throw new Error(`expected a preview, got ${preview.kind}`);
    return fixture.sample.assistant.confirm(preview.previewId, actor);
  };

  it('go privately to whoever ran them in a shared channel, and into the thread of a restricted channel or a DM', async () => {
    const shared = await run('SELECT id, email FROM customers ORDER BY id LIMIT 3', place);
    expect(shared).toMatchObject({ kind: 'answer', personalData: ['customers.email'], audience: 'private' });
    expect(await run('SELECT id, email FROM customers ORDER BY id LIMIT 3', { platform: 'slack', channelId: 'C0HR', isDirect: false })).toMatchObject({ personalData: ['customers.email'], audience: 'thread' });
    expect(await run('SELECT id, email FROM customers ORDER BY id LIMIT 3', { platform: 'slack', channelId: 'D1', isDirect: true })).toMatchObject({ audience: 'thread' });
  });

  it('count personal data read in any clause, and leave other answers in the thread', async () => {
    expect(await run("SELECT count(*) FROM customers WHERE email LIKE '%@example.com'", place)).toMatchObject({ personalData: ['customers.email'], audience: 'private' });
    expect(await run('SELECT count(*) FROM customers', place)).toMatchObject({ personalData: [], audience: 'thread' });
  });
});
