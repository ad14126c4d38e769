import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpServer, type HttpServer } from '../../adapters/http/create-http-server.ts';
import { openRuntime, type Runtime } from '../../src/compose/open-runtime.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';
import { refusal } from '../../src/vocabulary/reply.ts';
import { testQuestion } from '../support/planner-fixture.ts';

/** The operations endpoints of the serve HTTP server, over a runtime opened as `serve` opens it. */

let database: TestDatabase;
let home: string;
let runtime: Runtime;
let http: HttpServer;
let url: string;

beforeAll(async () => {
  database = await createTestDatabase({ sample: true });
  home = await mkdtemp(path.join(tmpdir(), 'sql-eval-operations-'));
  runtime = await openRuntime(
    { databaseUrl: database.url, datasource: 'sample', semantic: 'configs/semantic/sample.yaml', config: 'configs', today: '2025-07-01' },
    { ...process.env, SQL_EVAL_HOME: home, LOG_LEVEL: 'silent', OPENAI_API_KEY: undefined, AUDIT_DATABASE_URL: undefined },
  );
  http = createHttpServer({ readiness: () => runtime.readiness(), metrics: runtime.metrics });
  url = `http://127.0.0.1:${await http.listen(0, '127.0.0.1')}`;
}, 120_000);

afterAll(async () => {
  await http?.close(0);
  await runtime?.close();
  await database?.drop();
  await rm(home, { recursive: true, force: true });
});

async function scrape(): Promise<string> {
  const response = await fetch(`${url}/metrics`);
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toContain('text/plain');
  return response.text();
}

/** The value of one sample (`name{labels}`), 0 when absent. */
function sample(text: string, series: string): number {
  const line = text.split('\n').find((candidate) => candidate.startsWith(`${series} `));
  return line === undefined ? 0 : Number(line.slice(series.length + 1));
}

describe('GET /metrics', () => {
  it('counts a fast-lane question by outcome and times it, without counting the warm-up', async () => {
    const before = await scrape();
    expect(before).not.toMatch(/^sql_eval_replies_total\{/m);
    const reply = await runtime.assistant.ask(testQuestion('How many customers are there?'));
    expect(reply.lane).toBe('fast');
    const after = await scrape();
    expect(sample(after, `sql_eval_replies_total{flow="ask",lane="fast",kind="${reply.kind}",code="none"}`)).toBe(1);
    expect(sample(after, 'sql_eval_reply_duration_seconds_count{flow="ask",lane="fast"}')).toBe(1);
    // Each stage the question went through is timed once: routing, validating, executing (the fast lane plans nothing).
    for (const stage of ['routing', 'validating', 'executing']) expect(sample(after, `sql_eval_stage_duration_seconds_count{stage="${stage}"}`)).toBe(1);
    expect(after).not.toMatch(/^sql_eval_stage_duration_seconds_count\{stage="planning"\}/m);
    expect(sample(after, 'sql_eval_circuit_breaker_state{breaker="datasource:sample",state="closed"}')).toBe(1);
    expect(sample(after, 'sql_eval_circuit_breaker_state{breaker="datasource:sample",state="open"}')).toBe(0);
    expect(after).toMatch(/^sql_eval_admission_queue_depth\{datasource="sample"\} 0$/m);
    // The fast lane calls no model: no tokens are charged.
    expect(after).not.toMatch(/^sql_eval_tokens_total\{/m);
  });

  it('counts refusals by rule, tokens by tenant, and chat events received and deduplicated', async () => {
    // The fast lane without a model neither refuses nor spends tokens: the reply a planner would give is reported directly.
    const planned = refusal('r-metrics', 'llm', 'SELECT email FROM customers', [{ rule: 'pii', message: 'personal data', hint: 'ask for counts' }]);
    runtime.metrics.observeReply('ask', { ...planned, trace: { promptTokens: 120, completionTokens: 30, attempts: 1, firstAttemptValid: true } }, 0.2, 'finance');
    expect(await runtime.state.claimEvent('slack:Ev-metrics', 60_000)).toBe(true);
    expect(await runtime.state.claimEvent('slack:Ev-metrics', 60_000)).toBe(false);
    const text = await scrape();
    expect(sample(text, 'sql_eval_refusals_total{rule="pii"}')).toBe(1);
    expect(sample(text, 'sql_eval_replies_total{flow="ask",lane="llm",kind="refusal",code="none"}')).toBe(1);
    expect(sample(text, 'sql_eval_tokens_total{tenant="finance",type="prompt"}')).toBe(120);
    expect(sample(text, 'sql_eval_tokens_total{tenant="finance",type="completion"}')).toBe(30);
    expect(sample(text, 'sql_eval_chat_events_total{platform="slack",outcome="received"}')).toBe(2);
    expect(sample(text, 'sql_eval_chat_events_total{platform="slack",outcome="deduplicated"}')).toBe(1);
  });
});

describe('GET /readyz', () => {
  it('answers 200 when the datasource, the state store and the audit store answer', async () => {
    const response = await fetch(`${url}/readyz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ready', checks: { datasource: 'ok', state: 'ok', audit: 'ok' } });
  });

  it('answers 503 naming the datasource once the database is gone, without the error text or the URL', async () => {
    await database.drop();
    const response = await fetch(`${url}/readyz`);
    expect(response.status).toBe(503);
    const text = await response.text();
    expect(JSON.parse(text)).toEqual({ status: 'not-ready', checks: { datasource: 'unreachable', state: 'ok', audit: 'ok' } });
    expect(text).not.toContain(database.name);
    expect(text).not.toMatch(/password|postgres:\/\//i);
  });
});
