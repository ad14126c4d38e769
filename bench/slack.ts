import { createHmac } from 'node:crypto';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { createHttpServer } from '../adapters/http/create-http-server.ts';
import { createSlackApp } from '../adapters/slack/create-slack-app.ts';
import { silentLogger } from '../adapters/slack/slack-logger.ts';
import type { Catalog } from '../src/catalog/catalog.ts';
import { percentile } from '../src/eval/percentile.ts';
import type { Datasource } from '../src/ports/datasource.ts';
import { chooseChart } from '../src/render/choose-chart.ts';
import { renderChart } from '../src/render/render-chart.ts';
import { openBenchAssistant } from './bench-assistant.ts';
import { startFakeSlackApi, type FakeSlackApi, type FakeSlackCall } from '../test/fixtures/fake-slack-api.ts';

/**
 * Slack figures for `pnpm bench`: the HTTP ack latency of events and slash commands while questions wait on a scripted
 * model that answers in 500 ms, the event-loop delay meanwhile, the time from an event to its preview, and chart
 * rendering. Everything runs in this process against local fakes (Slack Web API, OpenAI) and the sample database.
 */

const secret = 'bench-signing-secret';

export async function runSlackBench(input: { datasource: Datasource; catalog: Catalog; line: (name: string, value: string) => void }): Promise<void> {
  const { line } = input;
  const format = (values: number[]) => `P50 ${percentile(values, 50)?.toFixed(1)} ms, P99 ${percentile(values, 99)?.toFixed(1)} ms (n=${values.length})`;

  // ── Ack latency under load: the model answers in 500 ms, so every question stays in flight a while ──
  const slow = await openBenchApp(input, 500, 'llm');
  try {
    // One question first, as a running server has answered before: the measured ones find every module loaded.
    await eventToReply(slow.url, slow.slack, 'EvBenchWarmUp', 'Give me the shape of our orders, warm-up', 'chat.postMessage', 1);
    const loop = monitorEventLoopDelay({ resolution: 10 });
    loop.enable();
    const eventAcks: number[] = [];
    const commandAcks: number[] = [];
    const sends: Promise<void>[] = [];
    const questions = 100;
    for (let index = 0; index < questions; index += 1) {
      sends.push(timed(() => sendEvent(slow.url, index), eventAcks));
      sends.push(timed(() => sendCommand(slow.url, slow.slack, index), commandAcks));
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
    await Promise.all(sends);
    const inFlightAtAck = slow.app.inFlight.size;
    const isPreview = (call: FakeSlackCall) => (call.method === 'chat.postMessage' && call.params.thread_ts !== undefined) || (call.method === 'chat.update' && JSON.stringify(call.params.blocks).includes('sql_eval_run'));
    await waitForCount(slow.slack, isPreview, questions * 2 + 1, 120_000);
    loop.disable();
    line('Slack ack latency, events (model 500 ms)', `${format(eventAcks)}; ${inFlightAtAck} questions in flight when the last ack returned`);
    line('Slack ack latency, slash commands (model 500 ms)', format(commandAcks));
    line('event-loop delay meanwhile', `P50 ${(loop.percentile(50) / 1e6).toFixed(1)} ms, P99 ${(loop.percentile(99) / 1e6).toFixed(1)} ms, max ${(loop.max / 1e6).toFixed(1)} ms`);
  } finally {
    await slow.close();
  }

  // ── Event → preview (planner lane, a model that answers at once) and event → fast-lane answer ──
  const fast = await openBenchApp(input, 0, 'auto');
  try {
    const previews: number[] = [];
    const answers: number[] = [];
    for (let index = 0; index < 20; index += 1) {
      previews.push(await eventToReply(fast.url, fast.slack, `bench-preview-${index}`, `Give me the shape of our orders, take ${index}`, 'chat.postMessage', 1));
      answers.push(await eventToReply(fast.url, fast.slack, `bench-answer-${index}`, 'How many orders were placed per month?', 'files.completeUploadExternal', 2));
    }
    line('Slack event → preview posted (planner lane, instant model)', format(previews));
    line('Slack event → answer posted (fast lane, table + CSV + chart)', format(answers));
  } finally {
    await fast.close();
  }

  // ── Chart rendering ──
  const monthly = chooseChart({
    columns: [{ name: 'year', dataType: 'integer' }, { name: 'month', dataType: 'integer' }, { name: 'total_cents', dataType: 'bigint', unit: 'cents', currency: 'EUR' }],
    rows: Array.from({ length: 12 }, (_, index) => [2024, index + 1, String(2_000_000 + index * 150_000)]),
    truncated: false,
  });
  const bars = chooseChart({ columns: [{ name: 'city', dataType: 'text' }, { name: 'customers', dataType: 'bigint' }], rows: Array.from({ length: 40 }, (_, index) => [`City ${index}`, String(1000 - index * 7)]), truncated: false });
  if (!monthly || !bars) throw new Error('bench: expected charts');
  let started = performance.now();
  await renderChart(monthly);
  const cold = performance.now() - started;
  const lineMs: number[] = [];
  const barMs: number[] = [];
  let size = 0;
  for (let index = 0; index < 20; index += 1) {
    started = performance.now();
    size = (await renderChart(monthly)).png.length;
    lineMs.push(performance.now() - started);
    started = performance.now();
    await renderChart(bars);
    barMs.push(performance.now() - started);
  }
  line('chart: first render (loads vega, vega-lite, resvg)', `${cold.toFixed(0)} ms`);
  line('chart: 12-point line, Vega-Lite → SVG → PNG 1280×640', `${format(lineMs)}, ${Math.round(size / 1024)} KiB`);
  line('chart: top-20 bar chart', format(barMs));
}

interface BenchApp {
  url: string;
  slack: FakeSlackApi;
  app: ReturnType<typeof createSlackApp>;
  close(): Promise<void>;
}

async function openBenchApp(input: { datasource: Datasource; catalog: Catalog }, modelDelayMs: number, lane: 'llm' | 'auto'): Promise<BenchApp> {
  const { assistant, state, close } = await openBenchAssistant(input, { modelDelayMs, lane });
  const slack = await startFakeSlackApi();
  const http = createHttpServer();
  const app = createSlackApp({ assistant, claims: state, logger: silentLogger, botToken: 'xoxb-bench', signingSecret: secret, apiUrl: slack.apiUrl, expressApp: http.app });
  await app.start();
  const port = await http.listen(0, '127.0.0.1');
  return {
    url: `http://127.0.0.1:${port}`,
    slack,
    app,
    close: async () => {
      await app.stop(10_000);
      await http.close(100);
      await close();
      await slack.close();
    },
  };
}

async function timed(send: () => Promise<Response>, into: number[]): Promise<void> {
  const started = performance.now();
  const response = await send();
  await response.text();
  into.push(performance.now() - started);
  if (response.status !== 200) throw new Error(`bench: Slack request answered ${response.status}`);
}

function signed(url: string, body: string, contentType: string): Promise<Response> {
  const timestamp = String(Math.floor(Date.now() / 1000));
  const signature = `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
  return fetch(`${url}/slack/events`, { method: 'POST', headers: { 'content-type': contentType, 'x-slack-request-timestamp': timestamp, 'x-slack-signature': signature }, body });
}

let clock = 1_900_000_000;

function sendEvent(url: string, index: number, eventId = `EvBench${index}`, text = `Give me the shape of our orders, question ${index}`): Promise<Response> {
  clock += 1;
  const ts = `${clock}.000300`;
  const event = { type: 'app_mention', user: 'UBENCH', text: `<@UBOT> ${text}`, ts, channel: 'CBENCH', event_ts: ts };
  return signed(url, JSON.stringify({ token: 'x', team_id: 'T0001', api_app_id: 'A1', type: 'event_callback', event_id: eventId, event_time: clock, event }), 'application/json');
}

function sendCommand(url: string, slack: FakeSlackApi, index: number): Promise<Response> {
  const body = new URLSearchParams({ team_id: 'T0001', channel_id: 'CBENCH', channel_name: 'bench', user_id: 'UBENCH', command: '/sql-eval', text: `Give me the shape of our orders, command ${index}`, response_url: slack.responseUrl(`bench-${index}`), trigger_id: 't' });
  return signed(url, body.toString(), 'application/x-www-form-urlencoded');
}

/** Milliseconds from sending a mention to the fake receiving `count` calls of `method` in its thread. */
async function eventToReply(url: string, slack: FakeSlackApi, eventId: string, text: string, method: string, count: number): Promise<number> {
  const threadTs = `${clock + 1}.000300`;
  const started = performance.now();
  await (await sendEvent(url, 0, eventId, text)).text();
  await waitForCount(slack, (call) => call.method === method && call.params.thread_ts === threadTs, count, 30_000);
  return performance.now() - started;
}

/**
 * Waits until `count` calls match, looking at each call once and every 20 ms: the measuring must not load the event
 * loop it measures (the fake's own `waitFor` re-reads every call on every call).
 */
async function waitForCount(slack: FakeSlackApi, matches: (call: FakeSlackCall) => boolean, count: number, timeoutMs: number): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  let seen = 0;
  let matched = 0;
  while (performance.now() < deadline) {
    for (; seen < slack.calls.length; seen += 1) if (matches(slack.calls[seen] as FakeSlackCall)) matched += 1;
    if (matched >= count) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`bench: ${matched} of ${count} expected Slack calls within ${timeoutMs} ms`);
}
