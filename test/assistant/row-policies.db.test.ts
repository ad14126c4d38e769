import pg from 'pg';
import { beforeAll, describe, expect, it } from 'vitest';
import { createAssistant, type Assistant } from '../../src/assistant/create-assistant.ts';
import { entitlementsFileSchema } from '../../src/config/entitlements.ts';
import { defaultPolicies } from '../../src/config/policies.ts';
import { prepareRowPolicies } from '../../src/governance/row-filters/prepare-row-policies.ts';
import { openFastLane } from '../../src/fast-lane/open-fast-lane.ts';
import { createMemoryAuditStore } from '../../src/providers/memory/memory-audit-store.ts';
import { createMemoryStateStore } from '../../src/providers/memory/memory-state-store.ts';
import type { Actor, Place, Reply } from '../../src/vocabulary/index.ts';
import { sqlReply } from '../fixtures/fake-openai-server.ts';
import { usePlannerFixture } from '../support/planner-fixture.ts';

/**
 * Row policies through the whole assistant: the planner lane, the fast lane and verified queries go through the same
 * rewrite; the preview names the policies and keeps the SQL without anyone's filter; Run applies the clicker's
 * filters; audit records carry the policies and the SQL that ran; thread memory keeps no one's filter values.
 */

const entitlements = entitlementsFileSchema.parse({
  admins: ['slack:T1:UADMIN'],
  attributes: { 'slack:T1:UPT': { country: 'PT' }, 'slack:T1:UDE': { country: 'DE' } },
  groups: {
    reps: { members: ['slack:T1:UPT', 'slack:T1:UDE', 'slack:T1:UNOCOUNTRY'], rowFilters: { customers: 'country = :country' } },
    hr: { members: ['slack:T1:UHR'], entitlements: ['pii:employees.*'], rowFilters: { employees: 'true' } },
  },
  defaultRowFilters: { employees: 'false' },
});
const log = createMemoryAuditStore();
const state = createMemoryStateStore();
const fixture = usePlannerFixture(() => ({ entitlements, audit: log, state, grants: state }));

const person = (userId: string): Actor => ({ platform: 'slack', workspaceId: 'T1', userId });
const rep = person('UPT');
const otherRep = person('UDE');
const admin = person('UADMIN');
const channel: Place = { platform: 'slack', channelId: 'C1', threadId: '1700000000.1', isDirect: false };

/** Counts straight from the database, as the superuser, for comparison. */
const counts = { all: 0, pt: 0, de: 0, employees: 0 };

beforeAll(async () => {
  const client = new pg.Client({ connectionString: fixture.database.url });
  await client.connect();
  const count = async (sql: string) => Number((await client.query<{ n: string }>(sql)).rows[0]?.n);
  counts.all = await count('SELECT count(*) AS n FROM customers');
  counts.pt = await count("SELECT count(*) AS n FROM customers WHERE country = 'PT'");
  counts.de = await count("SELECT count(*) AS n FROM customers WHERE country = 'DE'");
  counts.employees = await count('SELECT count(*) AS n FROM employees');
  await client.end();
  expect(counts.pt).toBeGreaterThan(0);
  expect(counts.de).toBeGreaterThan(0);
  expect(counts.all).toBeGreaterThan(counts.pt + counts.de);
});

async function preview(sql: string, actor: Actor, place: Place = channel): Promise<Extract<Reply, { kind: 'preview' }>> {
  fixture.fake.enqueue(sqlReply(sql, 'scripted'));
  const reply = await fixture.sample.assistant.ask({ text: 'scripted question', actor, place, requestId: `r-${Math.random()}` });
  if (reply.kind !== 'preview') throw new Error(`expected a preview, got ${JSON.stringify(reply)}`);
  return reply;
}

const firstNumber = (reply: Reply) => (reply.kind === 'answer' ? Number(reply.table.rows[0]?.[0]) : Number.NaN);

describe('row policies in the planner lane', () => {
  it('previews the SQL without the filter values, names the policy, and estimates only visible rows', async () => {
    const reply = await preview('SELECT id, city FROM customers', rep);
    expect(reply.rowPolicies).toEqual(['reps on customers']);
    expect(reply.sql).not.toContain("'PT'");
    expect(reply.estimatedRows).toBeLessThan(counts.all);
  });

  it('answers with the asker\'s rows only, says the rows are limited, and audits the policy with the SQL that ran', async () => {
    const from = log.recorded.length;
    const shown = await preview('SELECT count(*) FROM customers', rep);
    const answer = await fixture.sample.assistant.confirm(shown.previewId, rep);
    expect(answer).toMatchObject({ kind: 'answer', rowPolicies: ['reps on customers'] });
    expect(firstNumber(answer)).toBe(counts.pt);
    if (answer.kind === 'answer') expect(answer.sql).not.toContain("'PT'");
    const executing = log.recorded.slice(from).find((record) => record.kind === 'executing');
    expect(executing?.sql).toContain("country = 'PT'");
    expect(executing?.rowPolicies).toEqual(['reps on customers']);
    expect(log.recorded.slice(from).find((record) => record.kind === 'executed')?.rowPolicies).toEqual(['reps on customers']);
    const previewed = log.recorded.slice(from).find((record) => record.kind === 'previewed');
    expect(previewed?.rowPolicies).toEqual(['reps on customers']);
    expect(previewed?.sql).not.toContain("'PT'");
  });

  it('applies the clicker\'s filters at Run, not the asker\'s', async () => {
    const shown = await preview('SELECT count(*) FROM customers', rep);
    expect(firstNumber(await fixture.sample.assistant.confirm(shown.previewId, otherRep))).toBe(counts.de);
    const again = await preview('SELECT count(*) FROM customers', rep);
    const unfiltered = await fixture.sample.assistant.confirm(again.previewId, admin);
    expect(firstNumber(unfiltered)).toBe(counts.all);
    expect(unfiltered.kind === 'answer' ? unfiltered.rowPolicies : 'not an answer').toBeUndefined();
  });

  it('counts only visible rows however the query reaches them: joins, subqueries, CTEs, set operations', async () => {
    const cases = [
      'SELECT count(*) FROM orders o JOIN customers c ON c.id = o.customer_id',
      'SELECT count(*) FROM orders WHERE customer_id IN (SELECT id FROM customers)',
      'WITH customers AS (SELECT * FROM customers) SELECT count(*) FROM customers',
      "SELECT count(*) FROM (SELECT id FROM customers WHERE country = 'DE' UNION ALL SELECT id FROM customers) t",
    ];
    for (const sql of cases) {
      const shown = await preview(sql, otherRep);
      const unfiltered = await preview(sql, admin);
      const mine = firstNumber(await fixture.sample.assistant.confirm(shown.previewId, otherRep));
      const everyone = firstNumber(await fixture.sample.assistant.confirm(unfiltered.previewId, admin));
      expect(mine, sql).toBeLessThan(everyone);
      expect(mine, sql).toBeGreaterThan(0);
    }
  });

  it('hides a table behind a default filter, except from those whose group filters it, and shows nothing when an attribute is missing', async () => {
    const shown = await preview('SELECT count(*) FROM employees', rep);
    expect(shown.rowPolicies).toEqual(['default on employees']);
    expect(firstNumber(await fixture.sample.assistant.confirm(shown.previewId, rep))).toBe(0);
    const hr = await preview('SELECT count(*) FROM employees', person('UHR'));
    expect(firstNumber(await fixture.sample.assistant.confirm(hr.previewId, person('UHR')))).toBe(counts.employees);
    const missing = await preview('SELECT count(*) FROM customers', person('UNOCOUNTRY'));
    expect(missing.rowPolicies).toEqual(['reps on customers (no value for :country: no rows)']);
    expect(firstNumber(await fixture.sample.assistant.confirm(missing.previewId, person('UNOCOUNTRY')))).toBe(0);
  });

  it('keeps no one\'s filter values in thread memory', async () => {
    const thread: Place = { ...channel, threadId: '1700000000.9' };
    const shown = await preview('SELECT count(*) FROM customers', rep, thread);
    await fixture.sample.assistant.confirm(shown.previewId, rep);
    const [turn] = await state.recentTurns(`slack:C1:1700000000.9`, 1);
    expect(turn?.sql).toContain('customers');
    expect(JSON.stringify(await state.recentTurns(`slack:C1:1700000000.9`, 20))).not.toContain("'PT'");
  });

  it('refuses, rather than guesses, a column written with its schema once its table is a filtered subquery', async () => {
    const checked = await fixture.sample.assistant.check('SELECT public.customers.city FROM public.customers', rep);
    expect(checked.verdict).toBe('block');
    expect(checked.violations.map((violation) => violation.rule)).toEqual(['row-policy']);
    expect(JSON.stringify(checked.violations)).not.toContain("'PT'");
    expect((await fixture.sample.assistant.check('SELECT public.customers.city FROM public.customers', admin)).verdict).not.toBe('block');
  });

  it('keeps row filters under `check --entitlements`, which replaces only the personal-data entitlements', async () => {
    const checked = await fixture.sample.assistant.check('SELECT count(*) FROM customers', rep, { execute: true, entitlements: ['pii:*'] });
    expect(checked.rowPolicies).toEqual(['reps on customers']);
    expect(Number(checked.rows?.[0]?.[0])).toBe(counts.pt);
  });
});

describe('attributes granted in chat', () => {
  it('bind into row filters from the next request, show in whoami, and go away when revoked', async () => {
    const newcomer = person('UNOCOUNTRY');
    const count = async () => {
      const shown = await preview('SELECT count(*) FROM customers', newcomer);
      return firstNumber(await fixture.sample.assistant.confirm(shown.previewId, newcomer));
    };
    const text = (reply: Reply) => (reply.kind === 'notice' ? reply.message : `(${reply.kind})`);
    expect(await count()).toBe(0);
    expect(text(await fixture.sample.assistant.command('grant slack:T1:UNOCOUNTRY attribute:country=DE', newcomer, channel))).toContain('Only admins');
    expect(text(await fixture.sample.assistant.command('grant slack:T1:UNOCOUNTRY attribute:country=DE', admin, channel))).toContain('Granted attribute:country=DE to slack:T1:UNOCOUNTRY');
    expect(await count()).toBe(counts.de);
    const whoami = text(await fixture.sample.assistant.command('whoami', newcomer, channel));
    expect(whoami).toContain('Your rows are limited by row policies:\n• reps on customers');
    expect(whoami).toContain('You may not see personal data');
    await fixture.sample.assistant.command('revoke slack:T1:UNOCOUNTRY attribute:country=DE', admin, channel);
    expect(await count()).toBe(0);
  });
});

describe('row policies in the fast lane and verified queries', () => {
  let assistant: Assistant;
  const fastState = createMemoryStateStore();

  beforeAll(async () => {
    const fastLane = await openFastLane({ datasource: fixture.sample.datasource, catalog: fixture.sample.catalog, store: fastState });
    assistant = createAssistant({
      datasource: fixture.sample.datasource,
      catalog: fixture.sample.catalog,
      languageModel: null,
      policies: defaultPolicies,
      entitlements,
      today: '2025-07-01',
      state: fastState,
      grants: fastState,
      fastLane: fastLane.parser,
      verifiedQueries: fastLane.verifiedQueries,
      suggestions: fastLane.suggestions,
    });
  });

  const ask = (text: string, actor: Actor) => assistant.ask({ text, actor, place: { ...channel, threadId: `t-${Math.random()}` }, requestId: `r-${Math.random()}` });

  it('answers a fast-lane question with the asker\'s rows only', async () => {
    const mine = await ask('How many customers are there?', rep);
    expect(mine).toMatchObject({ kind: 'answer', lane: 'fast', rowPolicies: ['reps on customers'] });
    expect(firstNumber(mine)).toBe(counts.pt);
    const perCountry = await ask('Number of customers per country.', otherRep);
    expect(perCountry.kind === 'answer' ? perCountry.table.rows : []).toEqual([['DE', String(counts.de)]]);
    expect(firstNumber(await ask('How many customers are there?', admin))).toBe(counts.all);
  });

  it('stores a verified query without the asker\'s filter, so another asker of the same shape gets their own rows', async () => {
    const place: Place = { ...channel, threadId: 'verified-thread' };
    const reply = await assistant.ask({ text: 'How many customers are there?', actor: rep, place, requestId: 'r-verified' });
    expect(reply.kind).toBe('answer');
    expect((await assistant.command('verify', admin, place)).kind).toBe('notice');
    const stored = await fastState.listVerifiedQueries(fixture.sample.datasource.name);
    expect(stored.length).toBeGreaterThan(0);
    expect(JSON.stringify(stored)).not.toContain("'PT'");
    expect(firstNumber(await ask('How many customers are there?', otherRep))).toBe(counts.de);
  });
});

describe('row filters checked on the database at start-up', () => {
  it('refuses a filter PostgreSQL rejects once bound (text compared with an integer), naming the file and key', async () => {
    const file = entitlementsFileSchema.parse({ groups: { g: { members: [], attributes: { level: 5 }, rowFilters: { customers: 'country = :level', orders: 'total_cents > :level' } } } });
    const check = prepareRowPolicies(file, fixture.sample.catalog, fixture.sample.datasource, { statementTimeoutMs: 5_000 }, 'configs/entitlements.yaml');
    await expect(check).rejects.toThrow(/configs\/entitlements\.yaml: groups\.g\.rowFilters\.customers: the database rejects this filter: .*42883/);
    await expect(check).rejects.not.toThrow(/rowFilters\.orders/);
    const fine = await prepareRowPolicies(entitlements, fixture.sample.catalog, fixture.sample.datasource, { statementTimeoutMs: 5_000 }, 'configs/entitlements.yaml');
    expect(fine.groups.map((group) => group.filters.length)).toEqual([1, 1]);
  });
});
