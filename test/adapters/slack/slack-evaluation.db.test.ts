import { afterAll, describe, expect, it } from 'vitest';
import type { FakeSlackCall } from '../../fixtures/fake-slack-api.ts';
import { HELD_CASES, HELD_SUITE, openChatEvaluations, QUICK_CASES, QUICK_SUITE, type ChatEvaluations } from '../../support/chat-evaluations.ts';
import { ADMIN, ASKER, CHANNEL, hasBlock, mention, messageTs, sendCommand, sendEvent, textOf, useSlackHarness } from './slack-harness.ts';

// `/sql-eval eval <suite>` through Bolt against the fake Slack Web API, with the real evaluation runner over the test database.

let evaluations: ChatEvaluations | undefined;
const harness = useSlackHarness({
  evaluations: async (databaseUrl) => {
    evaluations = await openChatEvaluations({ databaseUrl, admins: [`slack:T0001:${ADMIN}`] });
    return evaluations.jobs;
  },
});
afterAll(async () => {
  await evaluations?.close();
});

const responded = (name: string) => (call: FakeSlackCall) => call.method === 'respond' && String(call.params.url).endsWith(`/respond/${name}`);
const isRespondedWith = (name: string, text: string) => (call: FakeSlackCall) => responded(name)(call) && textOf(call).includes(text);

/** Sends the slash command and waits for its first answer through the response URL. */
async function command(text: string, name: string, user: string): Promise<{ before: number; answer: string }> {
  const before = harness.slack.calls.length;
  const response = await sendCommand(harness.url, text, harness.slack.responseUrl(name), { user });
  expect(response.status).toBe(200);
  const calls = await harness.slack.waitFor((all) => all.slice(before).some(responded(name)));
  return { before, answer: textOf(calls.slice(before).find(responded(name))) };
}

/** The progress message an evaluation posted in the channel, found after `before`. */
async function progressMessage(before: number, suite: string): Promise<FakeSlackCall> {
  const isProgress = (call: FakeSlackCall) => call.method === 'chat.postMessage' && call.params.channel === CHANNEL && call.params.thread_ts === undefined && textOf(call).includes(`Evaluating ${suite}`);
  const calls = await harness.slack.waitFor((all) => all.slice(before).some(isProgress));
  return calls.slice(before).find(isProgress) as FakeSlackCall;
}

async function scorecardIn(root: string, suite: string): Promise<FakeSlackCall> {
  const isScorecard = (call: FakeSlackCall) => call.method === 'chat.postMessage' && call.params.thread_ts === root && textOf(call).includes(`Evaluation of ${suite}`);
  const calls = await harness.slack.waitFor((all) => all.some(isScorecard), 60_000);
  return calls.find(isScorecard) as FakeSlackCall;
}

describe('Slack: /sql-eval eval', () => {
  it('an admin starts a suite: "Started…" to them alone, a progress message in the channel updated with the cases done, then the scorecard and the report files in its thread', async () => {
    harness.slack.setUser(ADMIN, 'Ada Admin');
    const { before, answer } = await command(`eval ${QUICK_SUITE}`, 'eval-quick', ADMIN);
    expect(answer).toContain(`Started an evaluation of ${QUICK_SUITE} (${QUICK_CASES} cases) in the background`);
    expect(harness.slack.calls.slice(before).find(responded('eval-quick'))?.params.response_type).toBe('ephemeral');

    const progress = await progressMessage(before, QUICK_SUITE);
    expect(textOf(progress)).toContain(`<@${ADMIN}>`);
    expect(textOf(progress)).toContain(`Evaluating ${QUICK_SUITE} for Ada Admin: 0/${QUICK_CASES} cases`);
    const root = String(progress.response?.ts);

    const scorecard = await scorecardIn(root, QUICK_SUITE);
    expect(scorecard.params.channel).toBe(CHANNEL);
    expect(hasBlock(scorecard, 'header')).toBe(true);
    const text = textOf(scorecard);
    expect(text).toMatch(new RegExp(`Evaluation of ${QUICK_SUITE}: ${QUICK_CASES} cases in \\d+ s`));
    // Each threshold in words: a wrong gold answer leaves accuracy under its target, the blocked DELETE keeps security at 100%.
    expect(text).toMatch(/:x: \*not met\*  \*Execution accuracy\*: 66\.7%/);
    expect(text).toMatch(/:white_check_mark: met  \*Security score\*: 100\.0%/);
    expect(text).toMatch(/:white_check_mark: met  \*Fast-lane P95\*: \d+ ms/);
    expect(text).toContain('Failing: quick/wrong-gold.');
    expect(String(scorecard.params.text)).toMatch(/targets met\.$/);

    // The progress message was updated in place with the cases done, then says where the result is.
    const updates = harness.slack.callsOf('chat.update').filter((call) => call.params.ts === root);
    expect(updates.some((call) => textOf(call).includes(`${QUICK_CASES}/${QUICK_CASES} cases`))).toBe(true);
    await harness.slack.waitFor((all) => all.some((call) => call.method === 'chat.update' && call.params.ts === root && textOf(call).includes('finished: the scorecard is in the thread')));

    // After the scorecard, in its thread: the chart, the HTML report and the failing cases as CSV.
    const completed = await harness.slack.waitFor((all) => all.filter((call) => call.method === 'files.completeUploadExternal' && call.params.thread_ts === root).length >= 3);
    const uploadCalls = completed.slice(completed.indexOf(scorecard)).filter((call) => call.method === 'files.getUploadURLExternal');
    const filenames = uploadCalls.map((call) => String(call.params.filename));
    expect(filenames).toEqual(['latency.png', 'report.html', 'failures.csv']);
    for (const call of completed.filter((candidate) => candidate.method === 'files.completeUploadExternal' && candidate.params.thread_ts === root)) expect(call.params.channel_id).toBe(CHANNEL);
    const bytesOf = (filename: string) => harness.slack.callsOf('upload').find((call) => call.params.fileId === uploadCalls.find((candidate) => candidate.params.filename === filename)?.response?.file_id)?.bytes;
    expect(bytesOf('latency.png')?.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    expect(bytesOf('report.html')?.toString('utf8')).toContain('<html');
    expect(bytesOf('failures.csv')?.toString('utf8')).toContain('wrong-gold');
    // Nothing of it in the channel itself, and no trace of an error.
    expect(harness.slack.calls.slice(before).filter((call) => call.method === 'chat.postMessage' && call.params.thread_ts === undefined)).toHaveLength(1);
    expect(harness.slack.calls.slice(before).map(textOf).join('\n')).not.toMatch(/\n\s+at |Error:/);
  });

  it('refuses someone who is not an admin, to them alone, and starts nothing', async () => {
    const { before, answer } = await command(`eval ${QUICK_SUITE}`, 'eval-refused', ASKER);
    expect(answer).toContain('Only admins (configs/entitlements.yaml: admins) can run evaluations.');
    expect(harness.slack.calls.slice(before).filter((call) => call.method === 'chat.postMessage')).toEqual([]);
  });

  it('while an evaluation runs, a second one is refused naming it, and questions are answered as usual', async () => {
    if (!evaluations) throw new Error('no evaluations');
    harness.slack.setUser(ADMIN, 'Ada Admin');
    const first = await command(`eval ${HELD_SUITE}`, 'eval-held', ADMIN);
    expect(first.answer).toContain(`Started an evaluation of ${HELD_SUITE} (${HELD_CASES} cases)`);
    const root = String((await progressMessage(first.before, HELD_SUITE)).response?.ts);

    // The run waits on its planner question until released: it is running, whatever the clock says.
    const second = await command(`eval ${QUICK_SUITE}`, 'eval-second', ADMIN);
    expect(second.answer).toMatch(new RegExp(`An evaluation of ${HELD_SUITE} is running \\(\\d/${HELD_CASES} cases, started by Ada Admin (just now|\\d+ min ago)\\)\\. One runs at a time: ask again when it has posted its scorecard\\.`));
    expect(harness.slack.calls.slice(second.before).filter((call) => call.method === 'chat.postMessage' && textOf(call).includes(`Evaluating ${QUICK_SUITE}`))).toEqual([]);

    const ts = messageTs();
    await sendEvent(harness.url, mention('How many customers are there in Portugal?', { ts }));
    const calls = await harness.slack.waitFor((all) => all.some((call) => call.method === 'chat.postMessage' && call.params.thread_ts === ts && hasBlock(call, 'table')));
    expect(textOf(calls.find((call) => call.method === 'chat.postMessage' && call.params.thread_ts === ts))).toContain('Fast lane');
    expect(harness.slack.calls.some((call) => call.method === 'chat.postMessage' && call.params.thread_ts === root && textOf(call).includes(`Evaluation of ${HELD_SUITE}`))).toBe(false);

    evaluations.release();
    const scorecard = await scorecardIn(root, HELD_SUITE);
    expect(textOf(scorecard)).toMatch(/:white_check_mark: met  \*Execution accuracy\*: 100\.0%/);
    // Every case passed: the chart and the HTML report, no failures file.
    const uploads = await harness.slack.waitFor((all) => all.filter((call) => call.method === 'files.completeUploadExternal' && call.params.thread_ts === root).length >= 2);
    const filenames = uploads.slice(uploads.indexOf(scorecard)).filter((call) => call.method === 'files.getUploadURLExternal').map((call) => String(call.params.filename));
    expect(filenames).toEqual(['latency.png', 'report.html']);
  });

  it('where the bot is not in the channel, the admin hears the progress and the scorecard privately', async () => {
    harness.slack.failNext('chat.postMessage', { error: 'not_in_channel' });
    const before = harness.slack.calls.length;
    await sendCommand(harness.url, `eval ${QUICK_SUITE}`, harness.slack.responseUrl('eval-private'), { user: ADMIN });
    await harness.slack.waitFor((all) => all.slice(before).some(isRespondedWith('eval-private', 'Started an evaluation')));
    const calls = await harness.slack.waitFor((all) => all.slice(before).some(isRespondedWith('eval-private', `Evaluation of ${QUICK_SUITE}`)), 60_000);
    const privately = calls.slice(before).filter(responded('eval-private'));
    expect(privately.every((call) => call.params.response_type === 'ephemeral')).toBe(true);
    expect(privately.map(textOf).join('\n')).toContain('I am not a member of this channel: invite me (`/invite @sql-eval`)');
    const scorecard = privately.find(isRespondedWith('eval-private', `Evaluation of ${QUICK_SUITE}`));
    expect(textOf(scorecard)).toContain('*not met*');
    // Nothing reached the channel: the one post tried was refused, and no file was uploaded.
    const later = harness.slack.calls.slice(before);
    expect(later.filter((call) => call.method === 'chat.postMessage')).toHaveLength(1);
    expect(later.filter((call) => call.method.startsWith('files.'))).toEqual([]);
  });

  it('an evaluation that cannot reach the database says so in the thread, with a request id and without the database error', async () => {
    await harness.setDatabaseReachable(false);
    try {
      const { before, answer } = await command(`eval ${QUICK_SUITE}`, 'eval-down', ADMIN);
      expect(answer).toContain('Started an evaluation');
      const root = String((await progressMessage(before, QUICK_SUITE)).response?.ts);
      const calls = await harness.slack.waitFor((all) => all.some((call) => call.method === 'chat.postMessage' && call.params.thread_ts === root), 60_000);
      const failure = textOf(calls.find((call) => call.method === 'chat.postMessage' && call.params.thread_ts === root));
      expect(failure).toMatch(new RegExp(`The evaluation of ${QUICK_SUITE} stopped after 0/${QUICK_CASES} cases \\(request eval:[0-9a-f-]+\\)`));
      expect(failure).toContain('/readyz');
      expect(failure).not.toMatch(/ECONNREFUSED|127\.0\.0\.1|postgres|\n\s+at /i);
      await harness.slack.waitFor((all) => all.some((call) => call.method === 'chat.update' && call.params.ts === root && textOf(call).includes('stopped: the reason is in the thread')));
    } finally {
      await harness.setDatabaseReachable(true);
    }
  });
});
