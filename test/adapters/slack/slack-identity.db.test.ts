import { describe, expect, it } from 'vitest';
import { sqlReply } from '../../fixtures/fake-openai-server.ts';
import type { FakeSlackCall } from '../../fixtures/fake-slack-api.ts';
import { ADMIN, BY_EMAIL, CHANNEL, clickButton, hasBlock, mention, messageTs, postedMessage, sendCommand, sendEvent, SUPPORT_EMAIL, textOf, useSlackHarness } from './slack-harness.ts';

/** Identities from Slack: the e-mail users.info gives decides `email:` entitlements; admins grant in chat. */

const harness = useSlackHarness();
const inThread = (ts: string) => (call: FakeSlackCall) => call.params.channel === CHANNEL && call.params.thread_ts === ts;

let previews = 0;
/** A new question each time: a confirmed one becomes a verified query the fast lane would answer at once. */
async function piiPreview() {
  previews += 1;
  harness.openAi.enqueue(sqlReply('SELECT full_name, email FROM customers ORDER BY id LIMIT 3', 'Scripted.'));
  const ts = messageTs();
  await sendEvent(harness.url, mention(`Customer batch ${['one', 'two', 'three', 'four'][previews - 1]} with their e-mails`, { ts }));
  const calls = await harness.slack.waitFor((all) => all.some((call) => call.method === 'chat.postMessage' && inThread(ts)(call)));
  return postedMessage(calls.find((call) => call.method === 'chat.postMessage' && inThread(ts)(call)) as FakeSlackCall);
}

async function runAs(user: string, message: ReturnType<typeof postedMessage>, name: string) {
  const before = harness.slack.calls.length;
  await clickButton(harness.url, message, 'sql_eval_run', user, harness.slack.responseUrl(name));
  const calls = await harness.slack.waitFor((all) => all.slice(before).some((call) => call.method === 'chat.postEphemeral' && call.params.user === user));
  return calls.slice(before).find((call) => call.method === 'chat.postEphemeral' && call.params.user === user) as FakeSlackCall;
}

async function command(text: string, user: string, name: string): Promise<string> {
  const before = harness.slack.calls.length;
  await sendCommand(harness.url, text, harness.slack.responseUrl(name), { user });
  const calls = await harness.slack.waitFor((all) => all.slice(before).some((call) => call.method === 'respond' && String(call.params.url).endsWith(`/respond/${name}`)));
  return textOf(calls.slice(before).find((call) => call.method === 'respond' && String(call.params.url).endsWith(`/respond/${name}`)));
}

describe('Slack identities', () => {
  it('entitles a user through the e-mail Slack gives for them, and answers them privately in a shared channel', async () => {
    harness.slack.setUser(BY_EMAIL, 'Carla', SUPPORT_EMAIL.toUpperCase());
    const message = await piiPreview();
    const answer = await runAs(BY_EMAIL, message, 'by-email');
    expect(hasBlock(answer, 'table')).toBe(true);
    expect(harness.slack.callsOf('users.info').some((call) => call.params.user === BY_EMAIL)).toBe(true);
  });

  it('lets an admin grant and revoke in chat, effective on the next click', async () => {
    const dan = 'UDAN';
    harness.slack.setUser(dan, 'Dan');
    const message = await piiPreview();
    expect(textOf(await runAs(dan, message, 'dan-before'))).toMatch(/pii/i);
    expect(await command(`grant <@${dan}|dan> pii:customers.* for 7d`, dan, 'self-grant')).toContain('Only admins');
    expect(await command(`grant <@${dan}|dan> pii:customers.* for 7d`, ADMIN, 'grant')).toContain('Granted pii:customers.* to slack:T0001:UDAN until');
    expect(await command('whoami', dan, 'whoami')).toContain(`granted in chat by slack:T0001:${ADMIN}`);
    expect(hasBlock(await runAs(dan, message, 'dan-after'), 'table')).toBe(true);
    expect(await command(`revoke <@${dan}> pii:customers.*`, ADMIN, 'revoke')).toContain('Revoked');
    const again = await piiPreview();
    expect(textOf(await runAs(dan, again, 'dan-revoked'))).toMatch(/pii/i);
  });
});
