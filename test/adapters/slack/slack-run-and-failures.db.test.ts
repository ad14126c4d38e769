import { describe, expect, it } from 'vitest';
import { sqlReply } from '../../fixtures/fake-openai-server.ts';
import type { FakeSlackCall } from '../../fixtures/fake-slack-api.ts';
import { ASKER, BYSTANDER, CHANNEL, clickButton, hasBlock, mention, messageTs, PREVIEW_TTL_MS, postedMessage, postSigned, sendEvent, textOf, useSlackHarness } from './slack-harness.ts';

const harness = useSlackHarness();

const inThread = (ts: string) => (call: FakeSlackCall) => call.params.channel === CHANNEL && call.params.thread_ts === ts;

/** A planner-lane preview in a new thread; returns the thread and the preview message. */
async function preview(question: string, sql: string) {
  harness.openAi.enqueue(sqlReply(sql, 'Scripted.'));
  const ts = messageTs();
  await sendEvent(harness.url, mention(question, { ts }));
  const calls = await harness.slack.waitFor((all) => all.some((call) => call.method === 'chat.postMessage' && inThread(ts)(call)));
  const call = calls.find((candidate) => candidate.method === 'chat.postMessage' && inThread(ts)(candidate)) as FakeSlackCall;
  expect(textOf(call)).toContain('sql_eval_run');
  return { ts, message: postedMessage(call) };
}

describe('Run and Cancel', () => {
  it('refuses Run from someone not entitled to the PII the preview reads, privately, and leaves the preview for the asker', async () => {
    const { ts, message } = await preview('Show me a few of our customers with their contact details', 'SELECT full_name, email FROM customers ORDER BY id LIMIT 3');
    const before = harness.slack.calls.length;
    await clickButton(harness.url, message, 'sql_eval_run', BYSTANDER, harness.slack.responseUrl('pii-bystander'));
    const calls = await harness.slack.waitFor((all) => all.slice(before).some((call) => call.method === 'chat.postEphemeral' && call.params.user === BYSTANDER));
    const refusal = calls.slice(before).find((call) => call.method === 'chat.postEphemeral' && call.params.user === BYSTANDER);
    expect(textOf(refusal)).toContain("I can't run this");
    expect(textOf(refusal)).toMatch(/pii/i);
    // Nothing for everyone: no answer in the thread, the preview untouched.
    expect(harness.slack.calls.slice(before).filter((call) => (call.method === 'chat.postMessage' && inThread(ts)(call)) || (call.method === 'chat.update' && call.params.ts === message.ts))).toEqual([]);

    // Cancel is the asker's: the bystander is told so, privately.
    await clickButton(harness.url, message, 'sql_eval_cancel', BYSTANDER, harness.slack.responseUrl('pii-bystander-cancel'));
    await harness.slack.waitFor((all) => all.slice(before).some((call) => call.method === 'chat.postEphemeral' && call.params.user === BYSTANDER && textOf(call).includes('Only')));

    // The asker may see it, but the channel is shared: the rows go to the asker alone, the thread gets a note without them.
    await clickButton(harness.url, message, 'sql_eval_run', ASKER, harness.slack.responseUrl('pii-asker'));
    const answered = await harness.slack.waitFor((all) => all.slice(before).some((call) => call.method === 'chat.postEphemeral' && call.params.user === ASKER && hasBlock(call, 'table')));
    const answer = answered.slice(before).find((call) => call.method === 'chat.postEphemeral' && call.params.user === ASKER && hasBlock(call, 'table'));
    expect(textOf(answer)).toMatch(/@/);
    const note = answered.slice(before).find((call) => call.method === 'chat.postMessage' && inThread(ts)(call));
    expect(textOf(note)).toContain('only you see it');
    expect(textOf(note)).not.toMatch(/@[a-z0-9.-]+\.[a-z]+/i);
    expect(answered.slice(before).filter((call) => call.method === 'chat.postMessage' && inThread(ts)(call) && hasBlock(call, 'table'))).toEqual([]);
  });

  it('tells a late clicker the preview expired, and marks it expired', async () => {
    const { message } = await preview('Give me the shape of our catalogue, category by category', 'SELECT category, count(*) AS products FROM products GROUP BY category');
    harness.advanceClock(PREVIEW_TTL_MS + 60_000);
    const before = harness.slack.calls.length;
    await clickButton(harness.url, message, 'sql_eval_run', ASKER, harness.slack.responseUrl('late'));
    const calls = await harness.slack.waitFor((all) => all.slice(before).some((call) => call.method === 'chat.postEphemeral'));
    expect(textOf(calls.slice(before).find((call) => call.method === 'chat.postEphemeral'))).toContain('This preview expired');
    const settled = await harness.slack.waitFor((all) => all.slice(before).some((call) => call.method === 'chat.update' && call.params.ts === message.ts));
    const update = settled.slice(before).find((call) => call.method === 'chat.update' && call.params.ts === message.ts);
    expect(textOf(update)).toContain('Expired');
    expect(textOf(update)).not.toContain('sql_eval_run');
  });

  it('cancels for the asker, and says who cancelled and when', async () => {
    const { message } = await preview('Walk me through where our orders stand', 'SELECT status, count(*) FROM orders GROUP BY status');
    await clickButton(harness.url, message, 'sql_eval_cancel', ASKER, harness.slack.responseUrl('cancel'));
    const calls = await harness.slack.waitFor((all) => all.some((call) => call.method === 'chat.update' && call.params.ts === message.ts));
    expect(textOf(calls.find((call) => call.method === 'chat.update' && call.params.ts === message.ts))).toContain(`Cancelled by <@${ASKER}>`);
  });
});

describe('failures', () => {
  it('says plainly when the database is down, keeps the preview, and runs it once the database is back', async () => {
    const { ts, message } = await preview('Walk me through where our orders stand today', 'SELECT status, count(*) AS orders FROM orders GROUP BY status ORDER BY status');
    await harness.setDatabaseReachable(false);
    try {
      const before = harness.slack.calls.length;
      await clickButton(harness.url, message, 'sql_eval_run', ASKER, harness.slack.responseUrl('down'));
      const calls = await harness.slack.waitFor((all) => all.slice(before).some((call) => call.method === 'chat.postMessage' && inThread(ts)(call)));
      const failure = calls.slice(before).find((call) => call.method === 'chat.postMessage' && inThread(ts)(call));
      expect(textOf(failure)).toContain(':warning:');
      expect(textOf(failure)).toMatch(/reach|unavailable|down|connect/i);
      expect(textOf(failure)).not.toMatch(/\n\s+at |password|postgres:\/\//i);
    } finally {
      await harness.setDatabaseReachable(true);
    }
    const before = harness.slack.calls.length;
    await clickButton(harness.url, message, 'sql_eval_run', ASKER, harness.slack.responseUrl('up'));
    await harness.slack.waitFor((all) => all.slice(before).some((call) => call.method === 'chat.postMessage' && inThread(ts)(call) && hasBlock(call, 'table')));
  });

  it('waits as long as Retry-After says when Slack rate-limits a post, then posts', async () => {
    harness.slack.failNext('chat.postMessage', { status: 429, retryAfter: 1 });
    const ts = messageTs();
    await sendEvent(harness.url, mention('How many orders are there?', { ts }));
    const calls = await harness.slack.waitFor((all) => all.some((call) => call.method === 'chat.postMessage' && inThread(ts)(call) && call.status === 200));
    const attempts = calls.filter((call) => call.method === 'chat.postMessage' && inThread(ts)(call));
    expect(attempts.map((call) => call.status)).toEqual([429, 200]);
    expect(hasBlock(attempts[1] as FakeSlackCall, 'table')).toBe(true);
  });

  it('survives channel_not_found and keeps answering', async () => {
    harness.slack.failNext('chat.postMessage', { error: 'channel_not_found' });
    const lost = messageTs();
    await sendEvent(harness.url, mention('How many orders are there?', { ts: lost }));
    await harness.slack.waitFor((all) => all.some((call) => call.method === 'chat.postMessage' && inThread(lost)(call)));
    const ts = messageTs();
    await sendEvent(harness.url, mention('How many customers are there?', { ts }));
    await harness.slack.waitFor((all) => all.some((call) => call.method === 'chat.postMessage' && inThread(ts)(call) && hasBlock(call, 'table')));
  });

  it('rejects a malformed interactivity payload without a crash, and answers an unreadable button privately', async () => {
    const before = harness.slack.calls.length;
    const broken = await postSigned(harness.url, new URLSearchParams({ payload: '{not json' }).toString(), 'application/x-www-form-urlencoded');
    expect([200, 400]).toContain(broken.status);
    const odd = await clickButton(harness.url, { channel: CHANNEL, ts: messageTs(), blocks: [{ type: 'actions', elements: [{ action_id: 'sql_eval_run', value: 'not-json' }] }] }, 'sql_eval_run', ASKER, harness.slack.responseUrl('odd'));
    expect(odd.status).toBe(200);
    const calls = await harness.slack.waitFor((all) => all.some((call) => call.method === 'respond' && call.params.url === '/respond/odd'));
    expect(textOf(calls.find((call) => call.method === 'respond' && call.params.url === '/respond/odd'))).toContain('could not read that button');
    expect(harness.slack.calls.slice(before).filter((call) => call.method === 'chat.postMessage')).toEqual([]);
    expect((await fetch(`${harness.url}/healthz`)).status).toBe(200);
  });
});
