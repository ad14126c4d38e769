import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { createHttpServer } from '../adapters/http/create-http-server.ts';
import { createTeamsApp } from '../adapters/teams/create-teams-app.ts';
import { silentLogger } from '../adapters/teams/teams-logger.ts';
import type { Catalog } from '../src/catalog/catalog.ts';
import { percentile } from '../src/eval/percentile.ts';
import type { Datasource } from '../src/ports/datasource.ts';
import { openBenchAssistant } from './bench-assistant.ts';
import { startFakeTeamsConnector, type FakeTeamsCall, type FakeTeamsConnector } from '../test/fixtures/fake-teams-connector.ts';

/**
 * Teams figures for `pnpm bench`: the HTTP answer to `POST /api/messages`, the time from an activity to its preview
 * card (planner lane, a model that answers at once) and to a fast-lane answer card, on the sample database, through
 * the real Teams SDK app against a local fake Bot Connector.
 */

export async function runTeamsBench(input: { datasource: Datasource; catalog: Catalog; line: (name: string, value: string) => void }): Promise<void> {
  const format = (values: number[]) => `P50 ${percentile(values, 50)?.toFixed(1)} ms, P95 ${percentile(values, 95)?.toFixed(1)} ms (n=${values.length})`;
  const connector = await startFakeTeamsConnector();
  const { assistant, state, close } = await openBenchAssistant(input);
  const http = createHttpServer();
  const url = `http://127.0.0.1:${await http.listen(0, '127.0.0.1')}`;
  const app = createTeamsApp({ assistant, claims: state, logger: silentLogger, auth: { kind: 'insecure-no-auth' }, expressApp: http.app, publicUrl: url });
  await app.start();
  try {
    // One question first, as a running server has answered before: the measured ones find every module loaded.
    await activityToCard(url, connector, 'Give me the shape of our orders, warm-up', isPreview);
    const acks: number[] = [];
    const previews: number[] = [];
    const answers: number[] = [];
    for (let index = 0; index < 20; index += 1) {
      previews.push(await activityToCard(url, connector, `Give me the shape of our orders, take ${index}`, isPreview, acks));
      answers.push(await activityToCard(url, connector, 'How many orders were placed per month?', isTable, acks));
    }
    input.line('Teams POST /api/messages answered (HTTP 200)', format(acks));
    input.line('Teams activity → preview card (planner lane, instant model)', format(previews));
    input.line('Teams activity → answer card (fast lane, table + CSV link)', format(answers));
  } finally {
    await app.stop(10_000);
    await http.close(100);
    await close();
    await connector.close();
  }
}

const isPreview = (call: FakeTeamsCall) => call.kind === 'send' && JSON.stringify(call.body).includes('sql_eval_run');
const isTable = (call: FakeTeamsCall) => call.kind === 'send' && JSON.stringify(call.body).includes('"type":"Table"');

async function activityToCard(url: string, connector: FakeTeamsConnector, text: string, done: (call: FakeTeamsCall) => boolean, acks?: number[]): Promise<number> {
  const user = `29:bench-${randomUUID()}`;
  const conversationId = `a:bench-${randomUUID()}`;
  const activity = {
    type: 'message',
    id: `bench-${randomUUID()}`,
    serviceUrl: connector.serviceUrl,
    channelId: 'msteams',
    from: { id: user, name: 'Bench', aadObjectId: `aad-${user}` },
    recipient: { id: '28:bench-bot', name: 'sql-eval' },
    conversation: { id: conversationId, conversationType: 'personal', tenantId: 'bench-tenant' },
    channelData: { tenant: { id: 'bench-tenant' } },
    text,
  };
  const started = performance.now();
  const response = await fetch(`${url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity) });
  await response.text();
  acks?.push(performance.now() - started);
  if (response.status !== 200) throw new Error(`bench: Teams request answered ${response.status}`);
  await connector.waitFor((calls) => calls.some((call) => call.conversationId === conversationId && done(call)), 60_000);
  return performance.now() - started;
}
