import { describe, expect, it } from 'vitest';
import { sqlReply } from '../../fixtures/fake-openai-server.ts';
import type { FakeTeamsCall } from '../../fixtures/fake-teams-connector.ts';
import { ASKER, cardInvoke, cardOf, cardSubmit, CHANNEL, channelMention, COLLEAGUE, contentOf, hasElement, isRunnablePreview, personalConversation, personalMessage, postActivity, useTeamsHarness } from './teams-harness.ts';

const harness = useTeamsHarness();

const inConversation = (conversationId: string) => (call: FakeTeamsCall) => call.conversationId === conversationId;
const dm = { id: personalConversation(ASKER), conversationType: 'personal' };

async function previewInDm(question: string, sql: string): Promise<{ call: FakeTeamsCall; data: Record<string, unknown> }> {
  harness.openAi.enqueue(sqlReply(sql, 'Counts the products in each category.'));
  const before = harness.teams.calls.length;
  const response = await postActivity(harness.url, personalMessage(harness.teams.serviceUrl, question));
  expect(response.status).toBe(200);
  const calls = await harness.teams.waitFor((all) => all.slice(before).some((call) => isRunnablePreview(call) && inConversation(dm.id)(call)));
  const call = calls.slice(before).find((candidate) => isRunnablePreview(candidate) && inConversation(dm.id)(candidate)) as FakeTeamsCall;
  const run = cardOf(call).actions?.find((action) => action.title === 'Run');
  return { call, data: run?.data as Record<string, unknown> };
}

describe('Teams: personal chat', () => {
  it('DM question → typing → preview card → Run (Action.Execute) → table card; the preview says who ran it', async () => {
    const { call: preview, data } = await previewInDm('Give me the shape of our catalogue, category by category', 'SELECT category, count(*) AS products FROM products GROUP BY category ORDER BY category');
    expect(harness.teams.calls.some((call) => call.kind === 'typing' && call.conversationId === dm.id)).toBe(true);
    const card = cardOf(preview);
    expect(JSON.stringify(card.body)).toContain('"type":"CodeBlock"');
    expect(JSON.stringify(card.body)).toContain('SELECT');
    expect(JSON.stringify(card.body)).toContain('Counts the products in each category.');
    expect(card.actions?.map((action) => [action.type, action.title])).toEqual([['Action.Execute', 'Run'], ['Action.Execute', 'Cancel']]);
    expect(JSON.stringify(card.actions)).toContain('"fallback":{"type":"Action.Submit"');

    const before = harness.teams.calls.length;
    const clicked = await postActivity(harness.url, cardInvoke(harness.teams.serviceUrl, dm, preview.activityId as string, data));
    expect(clicked.status).toBe(200);
    expect(await clicked.json()).toEqual({ statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: expect.stringContaining('Running') });
    const calls = await harness.teams.waitFor((all) => all.slice(before).some((call) => call.kind === 'send' && hasElement(call, 'Table')));
    const answer = calls.slice(before).find((call) => call.kind === 'send' && hasElement(call, 'Table'));
    expect(answer?.conversationId).toBe(dm.id);
    const table = cardOf(answer).body.find((element) => element.type === 'Table') as unknown as { rows: { cells: { items: { text: string }[] }[] }[] };
    expect(table.rows[0]?.cells.map((cell) => cell.items[0]?.text)).toEqual(['category', 'products']);
    expect(table.rows).toHaveLength(9);
    expect(contentOf(answer)).toContain('8 rows');
    const settled = await harness.teams.waitFor((all) => all.some((call) => call.kind === 'update' && call.activityId === preview.activityId));
    const update = settled.find((call) => call.kind === 'update' && call.activityId === preview.activityId);
    expect(contentOf(update)).toContain('Run by Ana Asker');
    expect(contentOf(update)).toMatch(/\{\{DATE\(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ, SHORT\)\}\}/);
    expect(cardOf(update).actions).toBeUndefined();
  });

  it('runs the same preview data arriving as an Action.Submit message (older clients)', async () => {
    const { call: preview, data } = await previewInDm('Give me the catalogue shape once more, category by category', 'SELECT category, count(*) AS products FROM products GROUP BY category ORDER BY category');
    const before = harness.teams.calls.length;
    const response = await postActivity(harness.url, cardSubmit(harness.teams.serviceUrl, dm, preview.activityId as string, data));
    expect(response.status).toBe(200);
    await harness.teams.waitFor((all) => all.slice(before).some((call) => call.kind === 'send' && hasElement(call, 'Table') && call.conversationId === dm.id));
    await harness.teams.waitFor((all) => all.slice(before).some((call) => call.kind === 'update' && call.activityId === preview.activityId && contentOf(call).includes('Run by Ana Asker')));
  });

  it('answers a fast-lane question at once: the table, a CSV download of every row behind an expiring link, and a chart', async () => {
    const before = harness.teams.calls.length;
    await postActivity(harness.url, personalMessage(harness.teams.serviceUrl, 'How many orders were placed per month?'));
    const calls = await harness.teams.waitFor((all) => all.slice(before).filter((call) => call.kind === 'send' && call.conversationId === dm.id).length >= 2);
    const answer = calls.slice(before).find((call) => call.kind === 'send' && hasElement(call, 'Table'));
    expect(contentOf(answer)).toContain('42 rows');
    expect(contentOf(answer)).toContain('Showing the first 20');
    const download = cardOf(answer).actions?.find((action) => action.type === 'Action.OpenUrl');
    expect(download?.title).toBe('Download 42 rows (CSV)');
    const csv = await fetch(download?.url as string);
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-disposition')).toContain('result.csv');
    expect((await csv.text()).trim().split('\n')).toHaveLength(43);
    const tampered = await fetch(String(download?.url).replace(/signature=[^&]+/, 'signature=forged'));
    expect(tampered.status).toBe(403);
    const isLineChart = (call: FakeTeamsCall) => call.kind === 'send' && call.conversationId === dm.id && hasElement(call, 'Image') && contentOf(call).includes('Line chart');
    const charted = await harness.teams.waitFor((all) => all.slice(before).some(isLineChart));
    const image = cardOf(charted.slice(before).find(isLineChart)).body.find((element) => element.type === 'Image') as unknown as { url: string; altText: string };
    // Small charts are inlined as data URIs; this one is larger than a Teams message allows, so it is linked.
    if (!image.url.startsWith('data:image/png;base64,')) {
      const png = await fetch(image.url);
      expect(png.headers.get('content-type')).toBe('image/png');
      expect((await png.arrayBuffer()).byteLength).toBeGreaterThan(1000);
    }
    expect(image.altText).toContain('Line chart');
  });
});

describe('Teams: channels', () => {
  it('answers a mention in the reply chain of that message, keeping another person mentioned in the question', async () => {
    harness.openAi.enqueue(sqlReply('SELECT category, count(*) AS products FROM products GROUP BY category', 'Counts products per category.'));
    const activity = channelMention(harness.teams.serviceUrl, 'for <at>Cy Colleague</at>: how is our catalogue spread across categories?', { mentions: [COLLEAGUE] });
    const thread = activity.conversation.id;
    const before = harness.teams.calls.length;
    await postActivity(harness.url, activity);
    const calls = await harness.teams.waitFor((all) => all.slice(before).some((call) => isRunnablePreview(call) && call.conversationId === thread));
    const preview = calls.slice(before).find((call) => isRunnablePreview(call) && call.conversationId === thread);
    expect(thread).toBe(`${CHANNEL};messageid=${activity.id}`);
    expect(contentOf(preview)).toContain('Ana Asker');
    expect(contentOf(preview)).toContain('for @Cy Colleague: how is our catalogue spread across categories?');
    expect(contentOf(preview)).not.toContain('<at>');
    const question = harness.openAi.requests.at(-1);
    expect(JSON.stringify(question)).toContain('@Cy Colleague');
  });

  it('ignores channel messages that do not mention the bot', async () => {
    const activity = channelMention(harness.teams.serviceUrl, 'just chatting');
    const before = harness.teams.calls.length;
    const response = await postActivity(harness.url, { ...activity, text: 'just chatting', entities: [] });
    expect(response.status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(harness.teams.calls.slice(before).filter((call) => call.conversationId === activity.conversation.id)).toEqual([]);
  });
});
