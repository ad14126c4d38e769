import { describe, expect, it } from 'vitest';
import { sqlReply } from '../../fixtures/fake-openai-server.ts';
import type { FakeSlackCall } from '../../fixtures/fake-slack-api.ts';
import { pngSize } from '../../render/png-size.ts';
import { ASKER, CHANNEL, clickButton, eventBody, hasBlock, mention, messageTs, postedMessage, postSigned, sendCommand, sendEvent, textOf, useSlackHarness } from './slack-harness.ts';

const harness = useSlackHarness();

const isIn = (channel: string, threadTs: string) => (call: FakeSlackCall) => call.params.channel === channel && call.params.thread_ts === threadTs;

describe('Slack over HTTP, signed like Slack', () => {
  it('refuses a request with a bad signature (401) and posts nothing', async () => {
    const before = harness.slack.calls.length;
    const response = await postSigned(harness.url, eventBody(mention('How many orders are there?')), 'application/json', 'wrong-secret');
    expect(response.status).toBe(401);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(harness.slack.calls.slice(before).filter((call) => call.method !== 'auth.test')).toEqual([]);
  });

  it('answers GET /healthz on the same server', async () => {
    const response = await fetch(`${harness.url}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok' });
  });

  it('mention → preview in the thread → Run → the table in the thread, and the preview says who ran it', async () => {
    harness.openAi.enqueue(sqlReply('SELECT category, count(*) AS products FROM products GROUP BY category ORDER BY category', 'Counts the products in each category.'));
    const ts = messageTs();
    const response = await sendEvent(harness.url, mention('Give me the shape of our catalogue, category by category', { ts }));
    expect(response.status).toBe(200);
    const [previewCall] = (await harness.slack.waitFor((calls) => calls.some((call) => call.method === 'chat.postMessage' && isIn(CHANNEL, ts)(call)))).filter((call) => call.method === 'chat.postMessage' && isIn(CHANNEL, ts)(call));
    if (!previewCall) throw new Error('no preview');
    expect(textOf(previewCall)).toContain('```SELECT');
    expect(textOf(previewCall)).toContain('Counts the products in each category.');
    expect(textOf(previewCall)).toContain('sql_eval_run');
    // The outcome on the question: 👀 for a preview waiting for Run (⏳ comes only when a question takes over a second).
    await harness.slack.waitFor((calls) => calls.some((call) => call.method === 'reactions.add' && call.params.name === 'eyes' && call.params.timestamp === ts));

    const preview = postedMessage(previewCall);
    const clicked = await clickButton(harness.url, preview, 'sql_eval_run', ASKER, harness.slack.responseUrl('run-1'));
    expect(clicked.status).toBe(200);
    const calls = await harness.slack.waitFor((all) => all.some((call) => call.method === 'chat.postMessage' && isIn(CHANNEL, ts)(call) && hasBlock(call, 'table')));
    const answer = calls.find((call) => call.method === 'chat.postMessage' && isIn(CHANNEL, ts)(call) && hasBlock(call, 'table'));
    const table = (answer?.params.blocks as { type: string; rows?: { text: string }[][] }[]).find((block) => block.type === 'table');
    expect(table?.rows?.[0]?.map((cell) => cell.text)).toEqual(['category', 'products']);
    expect(table?.rows).toHaveLength(9);
    expect(textOf(answer)).toContain('8 rows');
    const settled = await harness.slack.waitFor((all) => all.some((call) => call.method === 'chat.update' && call.params.ts === preview.ts));
    const update = settled.find((call) => call.method === 'chat.update' && call.params.ts === preview.ts);
    expect(textOf(update)).toContain(`Run by <@${ASKER}>`);
    expect(textOf(update)).not.toContain('sql_eval_run');
  });

  it('a fast-lane answer at once, with a line chart (PNG) and the full result as CSV', async () => {
    const ts = messageTs();
    await sendEvent(harness.url, mention('How many orders were placed per month?', { ts }));
    const calls = await harness.slack.waitFor((all) => all.filter((call) => call.method === 'files.completeUploadExternal' && call.params.thread_ts === ts).length >= 2);
    const answer = calls.find((call) => call.method === 'chat.postMessage' && isIn(CHANNEL, ts)(call));
    expect(hasBlock(answer as FakeSlackCall, 'table')).toBe(true);
    expect(textOf(answer)).toContain('42 rows');
    expect(textOf(answer)).toContain('Showing the first 20; the full result is in the CSV file below.');
    expect(textOf(answer)).toContain('Fast lane');
    const uploads = harness.slack.callsOf('upload');
    const files = harness.slack.callsOf('files.getUploadURLExternal').slice(-2);
    expect(files.map((call) => call.params.filename)).toEqual(['result.csv', 'result-chart.png']);
    const csv = uploads.find((call) => call.params.fileId === harness.slack.callsOf('files.getUploadURLExternal').find((candidate) => candidate.params.filename === 'result.csv' && candidate === files[0])?.response?.file_id);
    const lines = csv?.bytes?.toString('utf8').trim().split('\n') ?? [];
    expect(lines[0]).toBe('year,month,orders');
    expect(lines).toHaveLength(43);
    const png = uploads.find((call) => call.params.fileId === files[1]?.response?.file_id);
    expect(pngSize(png?.bytes as Buffer)).toEqual({ width: 1280, height: 640 });
    expect(String(files[1]?.params.alt_text)).toMatch(/^Line chart of orders by year \/ month, 42 points/);
    await harness.slack.waitFor((all) => all.some((call) => call.method === 'reactions.add' && call.params.name === 'white_check_mark' && call.params.timestamp === ts));
  });

  it('answers a direct message in its thread, and ignores edits and bot messages', async () => {
    const ts = messageTs();
    await sendEvent(harness.url, { type: 'message', channel_type: 'im', channel: 'D0ASKER', user: ASKER, text: 'How many orders are there?', ts, event_ts: ts });
    await sendEvent(harness.url, { type: 'message', subtype: 'message_changed', channel_type: 'im', channel: 'D0ASKER', ts: messageTs(), message: { text: 'edited' } });
    await sendEvent(harness.url, { type: 'message', channel_type: 'im', channel: 'D0ASKER', bot_id: 'BBOT', user: 'UBOT', text: 'my own answer', ts: messageTs() });
    const calls = await harness.slack.waitFor((all) => all.some((call) => call.method === 'chat.postMessage' && isIn('D0ASKER', ts)(call)));
    const answer = calls.find((call) => call.method === 'chat.postMessage' && isIn('D0ASKER', ts)(call));
    expect(hasBlock(answer as FakeSlackCall, 'table')).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(harness.slack.callsOf('chat.postMessage').filter((call) => call.params.channel === 'D0ASKER')).toHaveLength(1);
  });

  it('answers a re-delivered event once', async () => {
    const ts = messageTs();
    const event = mention('How many customers are there?', { ts });
    await sendEvent(harness.url, event, 'EvDUPLICATE1');
    await sendEvent(harness.url, event, 'EvDUPLICATE1', { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' });
    await harness.slack.waitFor((all) => all.some((call) => call.method === 'reactions.add' && call.params.name === 'white_check_mark' && call.params.timestamp === ts));
    await sendEvent(harness.url, event, 'EvDUPLICATE1', { 'x-slack-retry-num': '2', 'x-slack-retry-reason': 'http_timeout' });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(harness.slack.callsOf('chat.postMessage').filter(isIn(CHANNEL, ts))).toHaveLength(1);
  });

  it('continues the conversation on a follow-up in the thread', async () => {
    harness.openAi.enqueue(sqlReply('SELECT status, count(*) AS orders FROM orders GROUP BY status ORDER BY status', 'Orders per status.'));
    const root = messageTs();
    await sendEvent(harness.url, mention('Walk me through where our orders stand', { ts: root }));
    await harness.slack.waitFor((all) => all.some((call) => call.method === 'chat.postMessage' && isIn(CHANNEL, root)(call)));
    const preview = postedMessage(harness.slack.callsOf('chat.postMessage').filter(isIn(CHANNEL, root))[0] as FakeSlackCall);
    await clickButton(harness.url, preview, 'sql_eval_run', ASKER, harness.slack.responseUrl('run-follow'));
    await harness.slack.waitFor((all) => all.some((call) => call.method === 'chat.postMessage' && isIn(CHANNEL, root)(call) && hasBlock(call, 'table')));
    harness.openAi.enqueue(sqlReply("SELECT status, date_trunc('month', created_at) AS month, count(*) AS orders FROM orders GROUP BY 1, 2 ORDER BY 1, 2", 'Split by month.'));
    await sendEvent(harness.url, mention('now split it by month', { ts: messageTs(), threadTs: root }));
    await harness.slack.waitFor((all) => all.filter((call) => call.method === 'chat.postMessage' && isIn(CHANNEL, root)(call)).length >= 3);
    const lastRequest = JSON.stringify(harness.openAi.requests.at(-1));
    expect(lastRequest).toContain('Walk me through where our orders stand');
  });
});

describe('/sql-eval', () => {
  it('acks at once, posts the question as a new message that starts a thread, and replaces it with the answer', async () => {
    const response = await sendCommand(harness.url, 'How many orders are there?', harness.slack.responseUrl('cmd-1'));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ response_type: 'ephemeral', text: 'Working on it…' });
    const calls = await harness.slack.waitFor((all) => all.some((call) => call.method === 'chat.update' && hasBlock(call, 'table') && textOf(call).includes('How many orders are there?')));
    const root = calls.find((call) => call.method === 'chat.postMessage' && textOf(call).includes('How many orders are there?') && !call.params.thread_ts);
    expect(textOf(root)).toContain(`<@${ASKER}> asked`);
    const final = calls.filter((call) => call.method === 'chat.update' && call.params.ts === root?.response?.ts).at(-1);
    expect(hasBlock(final as FakeSlackCall, 'table')).toBe(true);
  });

  it('answers help, whoami and verify to the user alone, through the response URL', async () => {
    for (const [text, expected] of [['', 'Commands:'], ['help', 'Commands:'], ['whoami', ASKER], ['verify', 'Only admins']] as const) {
      const url = harness.slack.responseUrl(`sub-${text || 'empty'}`);
      const response = await sendCommand(harness.url, text, url);
      expect(response.status).toBe(200);
      const calls = await harness.slack.waitFor((all) => all.some((call) => call.method === 'respond' && call.params.url === new URL(url).pathname));
      const answer = calls.find((call) => call.method === 'respond' && call.params.url === new URL(url).pathname);
      expect(answer?.params.response_type).toBe('ephemeral');
      expect(JSON.stringify(answer?.params)).toContain(expected);
    }
  });

  it('answers the asker alone, with a hint to invite the bot, where it is not in the channel', async () => {
    harness.slack.failNext('chat.postMessage', { error: 'not_in_channel' });
    const url = harness.slack.responseUrl('cmd-outside');
    await sendCommand(harness.url, 'How many customers are there?', url, { channel: 'C0ELSEWHERE' });
    const calls = await harness.slack.waitFor((all) => all.some((call) => call.method === 'respond' && call.params.url === new URL(url).pathname));
    const answer = calls.find((call) => call.method === 'respond' && call.params.url === new URL(url).pathname);
    expect(answer?.params.response_type).toBe('ephemeral');
    expect(JSON.stringify(answer?.params)).toContain('/invite @sql-eval');
    expect(JSON.stringify(answer?.params)).toContain('"type":"table"');
  });
});

describe('App Home', () => {
  it('publishes what the bot does, examples and the user access', async () => {
    await sendEvent(harness.url, { type: 'app_home_opened', user: ASKER, channel: 'D0ASKER', tab: 'home', event_ts: messageTs() });
    const calls = await harness.slack.waitFor((all) => all.some((call) => call.method === 'views.publish'));
    const home = calls.find((call) => call.method === 'views.publish');
    expect(home?.params.user_id).toBe(ASKER);
    expect(textOf(home)).toContain('How many orders are there?');
    expect(textOf(home)).toContain('pii:customers');
  });
});
