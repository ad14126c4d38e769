import { describe, expect, it } from 'vitest';
import { sqlReply } from '../../fixtures/fake-openai-server.ts';
import type { FakeTeamsCall } from '../../fixtures/fake-teams-connector.ts';
import { ADMIN, ASKER, BYSTANDER, cardInvoke, cardOf, channelMention, COLLEAGUE, contentOf, hasElement, isRunnablePreview, personalConversation, personalMessage, postActivity, TENANT, useTeamsHarness } from './teams-harness.ts';

const harness = useTeamsHarness();

async function channelPreview(question: string, sql: string) {
  harness.openAi.enqueue(sqlReply(sql, 'Lists a few customers.'));
  const activity = channelMention(harness.teams.serviceUrl, question);
  const conversation = { id: activity.conversation.id, conversationType: 'channel' };
  const before = harness.teams.calls.length;
  await postActivity(harness.url, activity);
  const calls = await harness.teams.waitFor((all) => all.slice(before).some((call) => isRunnablePreview(call) && call.conversationId === conversation.id));
  const preview = calls.slice(before).find((call) => isRunnablePreview(call) && call.conversationId === conversation.id) as FakeTeamsCall;
  const data = (action: string) => cardOf(preview).actions?.find((candidate) => candidate.title === action)?.data;
  return { conversation, preview, data };
}

const sentTo = (conversationId: string) => (call: FakeTeamsCall) => call.kind === 'send' && call.conversationId === conversationId;

describe('Teams: personal data, Run and Cancel in a channel', () => {
  it('refuses Run from someone not entitled to the PII, privately; Cancel is the asker\'s; the asker gets the answer privately and the channel a note', async () => {
    const { conversation, preview, data } = await channelPreview('Show me a few of our customers with their contact details', 'SELECT full_name, email FROM customers ORDER BY id LIMIT 3');
    let before = harness.teams.calls.length;
    await postActivity(harness.url, cardInvoke(harness.teams.serviceUrl, conversation, preview.activityId as string, data('Run'), { from: BYSTANDER }));
    let calls = await harness.teams.waitFor((all) => all.slice(before).some(sentTo(personalConversation(BYSTANDER))));
    const opened = calls.slice(before).find((call) => call.kind === 'create-conversation');
    expect(opened?.body).toMatchObject({ members: [{ id: BYSTANDER.id }], tenantId: TENANT });
    const refusal = calls.slice(before).find(sentTo(personalConversation(BYSTANDER)));
    expect(contentOf(refusal)).toContain("I can't run this");
    expect(contentOf(refusal)).toMatch(/pii/i);
    // Nothing for everyone: no answer in the channel, the preview untouched.
    expect(harness.teams.calls.slice(before).filter((call) => sentTo(conversation.id)(call) || call.kind === 'update')).toEqual([]);

    before = harness.teams.calls.length;
    await postActivity(harness.url, cardInvoke(harness.teams.serviceUrl, conversation, preview.activityId as string, data('Cancel'), { from: BYSTANDER }));
    calls = await harness.teams.waitFor((all) => all.slice(before).some(sentTo(personalConversation(BYSTANDER))));
    expect(contentOf(calls.slice(before).find(sentTo(personalConversation(BYSTANDER))))).toContain('Only');

    before = harness.teams.calls.length;
    await postActivity(harness.url, cardInvoke(harness.teams.serviceUrl, conversation, preview.activityId as string, data('Run'), { from: ASKER }));
    calls = await harness.teams.waitFor((all) => all.slice(before).some((call) => sentTo(conversation.id)(call) && contentOf(call).includes('private chat')));
    const privately = calls.slice(before).find((call) => sentTo(personalConversation(ASKER))(call) && hasElement(call, 'Table'));
    expect(contentOf(privately)).toContain('@');
    const note = calls.slice(before).find((call) => sentTo(conversation.id)(call) && contentOf(call).includes('private chat'));
    expect(contentOf(note)).toContain('personal data (customers.email');
    expect(contentOf(note)).not.toContain('@');
    expect(calls.slice(before).filter((call) => sentTo(conversation.id)(call) && hasElement(call, 'Table'))).toEqual([]);
    await harness.teams.waitFor((all) => all.slice(before).some((call) => call.kind === 'update' && call.activityId === preview.activityId && contentOf(call).includes('Run by Ana Asker')));
  });

  it('cancels for the asker and says who cancelled, and when; a later Run is told the preview is gone', async () => {
    const { conversation, preview, data } = await channelPreview('How are products spread across categories?', 'SELECT category, count(*) AS products FROM products GROUP BY category');
    let before = harness.teams.calls.length;
    const response = await postActivity(harness.url, cardInvoke(harness.teams.serviceUrl, conversation, preview.activityId as string, data('Cancel')));
    expect(((await response.json()) as { value: string }).value).toContain('Cancelling');
    const calls = await harness.teams.waitFor((all) => all.slice(before).some((call) => call.kind === 'update' && call.activityId === preview.activityId));
    const update = calls.slice(before).find((call) => call.kind === 'update');
    expect(contentOf(update)).toContain('Cancelled by Ana Asker');
    expect(contentOf(update)).toContain('SELECT');
    expect(cardOf(update).actions).toBeUndefined();

    before = harness.teams.calls.length;
    await postActivity(harness.url, cardInvoke(harness.teams.serviceUrl, conversation, preview.activityId as string, data('Run'), { from: COLLEAGUE }));
    await harness.teams.waitFor((all) => all.slice(before).some((call) => sentTo(personalConversation(COLLEAGUE))(call) && contentOf(call).includes('already run or cancelled')));
  });

  it('answers an unreadable card action with a message, not an error', async () => {
    const response = await postActivity(harness.url, cardInvoke(harness.teams.serviceUrl, { id: personalConversation(ASKER), conversationType: 'personal' }, 'activity-x', { action: 'sql_eval_run' }));
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: expect.stringContaining('could not read') });
  });

  it('rejects a body that is not JSON with 400, and the server keeps answering', async () => {
    const response = await fetch(`${harness.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"type": "message", ' });
    expect(response.status).toBe(400);
    expect(await response.text()).not.toMatch(/at .*\.js/);
    expect((await fetch(`${harness.url}/healthz`)).status).toBe(200);
  });
});

describe('Teams: commands', () => {
  const dmCommand = async (text: string, from = ASKER) => {
    const before = harness.teams.calls.length;
    await postActivity(harness.url, personalMessage(harness.teams.serviceUrl, text, { from }));
    const calls = await harness.teams.waitFor((all) => all.slice(before).some(sentTo(personalConversation(from))));
    return contentOf(calls.slice(before).find(sentTo(personalConversation(from))));
  };

  it('help, typed or picked from the command list', async () => {
    expect(await dmCommand('help')).toContain('Commands:');
    expect(await dmCommand('sql-eval help')).toContain('Commands:');
  });

  it('whoami names the Teams identity and the e-mail from the member lookup; in a channel it answers privately', async () => {
    const text = await dmCommand('sql-eval whoami');
    expect(text).toContain(`teams:${TENANT}:${ASKER.aadObjectId}`);
    expect(text).toContain('ana@example.com');
    expect(text).toContain('pii:customers.*');
    const before = harness.teams.calls.length;
    const activity = channelMention(harness.teams.serviceUrl, 'whoami');
    await postActivity(harness.url, activity);
    const calls = await harness.teams.waitFor((all) => all.slice(before).some(sentTo(activity.conversation.id)));
    expect(contentOf(calls.slice(before).find(sentTo(personalConversation(ASKER))))).toContain(`teams:${TENANT}:${ASKER.aadObjectId}`);
    expect(contentOf(calls.slice(before).find(sentTo(activity.conversation.id)))).toContain('private chat');
  });

  it('budget and verify', async () => {
    expect(await dmCommand('sql-eval budget')).toMatch(/budget|tokens/i);
    expect(await dmCommand('verify')).toContain('Only admins');
  });

  it('grant @someone in a channel translates the mention into their Teams identity; revoke undoes it; a non-admin is refused', async () => {
    let before = harness.teams.calls.length;
    const grant = channelMention(harness.teams.serviceUrl, 'grant <at>Cy Colleague</at> pii:customers.email for 7d', { from: ADMIN, mentions: [COLLEAGUE] });
    await postActivity(harness.url, grant);
    let calls = await harness.teams.waitFor((all) => all.slice(before).some(sentTo(grant.conversation.id)));
    expect(contentOf(calls.slice(before).find(sentTo(grant.conversation.id)))).toContain(`Granted pii:customers.email to teams:${TENANT}:${COLLEAGUE.aadObjectId}`);
    // The mention carried no object id: the member lookup (cached for an hour) gave it.
    expect(calls.some((call) => call.kind === 'get-member' && call.activityId === COLLEAGUE.id)).toBe(true);

    expect(await dmCommand('whoami', COLLEAGUE)).toContain('pii:customers.email');

    before = harness.teams.calls.length;
    const revoke = channelMention(harness.teams.serviceUrl, 'revoke <at>Cy Colleague</at> pii:customers.email', { from: ADMIN, mentions: [COLLEAGUE] });
    await postActivity(harness.url, revoke);
    calls = await harness.teams.waitFor((all) => all.slice(before).some(sentTo(revoke.conversation.id)));
    expect(contentOf(calls.slice(before).find(sentTo(revoke.conversation.id)))).toContain(`Revoked pii:customers.email from teams:${TENANT}:${COLLEAGUE.aadObjectId}`);

    expect(await dmCommand(`grant teams:${TENANT}:${BYSTANDER.aadObjectId} pii:customers.email`, BYSTANDER)).toMatch(/admin/i);
  });
});

describe('Teams: connector failures', () => {
  it('waits as long as Retry-After says when the connector throttles, then posts; retries a 5xx', async () => {
    harness.teams.failNext('send', { status: 429, retryAfter: 1 }, { status: 503 });
    const before = harness.teams.calls.length;
    const started = Date.now();
    await postActivity(harness.url, personalMessage(harness.teams.serviceUrl, 'help'));
    const calls = await harness.teams.waitFor((all) => all.slice(before).some((call) => sentTo(personalConversation(ASKER))(call) && call.status === 201));
    const statuses = calls.slice(before).filter(sentTo(personalConversation(ASKER))).map((call) => call.status);
    expect(statuses).toEqual([429, 503, 201]);
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
  });

  it('survives a conversation the bot cannot post in, and keeps answering', async () => {
    harness.teams.failNext('send', { status: 403, code: 'BotNotInConversationRoster' });
    await postActivity(harness.url, personalMessage(harness.teams.serviceUrl, 'help'));
    const before = harness.teams.calls.length;
    await postActivity(harness.url, personalMessage(harness.teams.serviceUrl, 'help'));
    await harness.teams.waitFor((all) => all.slice(before).some((call) => sentTo(personalConversation(ASKER))(call) && call.status === 201));
  });
});
