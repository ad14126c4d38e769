import { describe, expect, it } from 'vitest';
import { createAssistant } from '../../src/assistant/create-assistant.ts';
import { verifyChain } from '../../src/audit/hash-chain.ts';
import { defaultPolicies } from '../../src/config/policies.ts';
import { createOpenAiLanguageModel } from '../../src/providers/openai/create-openai-language-model.ts';
import { entitlementsFileSchema } from '../../src/config/entitlements.ts';
import { tenantsFileSchema } from '../../src/config/tenants.ts';
import { AuditError, type AuditEvent, type AuditStore } from '../../src/ports/audit-store.ts';
import { createMemoryAuditStore } from '../../src/providers/memory/memory-audit-store.ts';
import { createMemoryStateStore } from '../../src/providers/memory/memory-state-store.ts';
import type { Actor, Place } from '../../src/vocabulary/index.ts';
import { sqlReply } from '../fixtures/fake-openai-server.ts';
import { usePlannerFixture } from '../support/planner-fixture.ts';

/** What the flows write to the audit log, and that a query whose audit record cannot be written does not run. */

const log = createMemoryAuditStore();
let failExecuting = false;
/** The memory log, except that `executing` records fail while `failExecuting` is set. */
const audit: AuditStore = {
  append: (event: AuditEvent) => (failExecuting && event.kind === 'executing' ? Promise.reject(new AuditError('disk full')) : log.append(event)),
  records: () => log.records(),
  close: async () => {},
};
const state = createMemoryStateStore();
const reported: unknown[] = [];
const fixture = usePlannerFixture(() => ({
  audit,
  state,
  grants: state,
  entitlements: entitlementsFileSchema.parse({ admins: ['slack:T1:UADMIN'], users: { 'slack:T1:UANA': ['pii:customers.email'] } }),
  budget: { tenants: tenantsFileSchema.parse({ tenants: { finance: { channels: ['slack:T1:C0FIN'] } } }), ledger: state },
  onUnexpectedError: (error) => reported.push(error),
}));

const ana: Actor = { platform: 'slack', workspaceId: 'T1', userId: 'UANA', email: 'ana@example.com' };
const bob: Actor = { platform: 'slack', workspaceId: 'T1', userId: 'UBOB' };
const finance: Place = { platform: 'slack', channelId: 'C0FIN', threadId: '1700000000.1', isDirect: false };
const since = () => log.recorded.length;
const kinds = (from: number) => log.recorded.slice(from).map((record) => record.kind);

async function preview(sql: string, actor = ana): Promise<string> {
  fixture.fake.enqueue(sqlReply(sql, 'scripted'));
  const reply = await fixture.sample.assistant.ask({ text: 'scripted question', actor, place: finance, requestId: `r-${Math.random()}` });
  if (reply.kind !== 'preview') throw new Error(`expected a preview, got ${reply.kind}`);
  return reply.previewId;
}

describe('the audit trail', () => {
  it('records who asked what, where, the preview, who ran it and what ran, without the rows', async () => {
    const from = since();
    const previewId = await preview('SELECT id, email FROM customers ORDER BY id LIMIT 2');
    const answer = await fixture.sample.assistant.confirm(previewId, ana);
    expect(answer.kind).toBe('answer');
    expect(kinds(from)).toEqual(['asked', 'previewed', 'confirmed', 'executing', 'executed']);
    const [asked, previewed, , , executed] = log.recorded.slice(from);
    expect(asked).toMatchObject({ actor: 'slack:T1:UANA', email: 'ana@example.com', channel: 'slack:T1:C0FIN', threadId: '1700000000.1', tenant: 'finance', question: 'scripted question' });
    expect(previewed?.tokens).toBeDefined();
    expect(executed).toMatchObject({ sql: 'SELECT id, email FROM customers ORDER BY id LIMIT 2', rowCount: 2, audience: 'private', personalData: ['customers.email'] });
    const rows = answer.kind === 'answer' ? answer.table.rows.flat().map(String) : [];
    for (const value of rows.filter((cell) => cell.includes('@'))) expect(JSON.stringify(log.recorded)).not.toContain(value);
  });

  it('records refusals with their rules, cancellations and grants, by whom', async () => {
    const from = since();
    fixture.fake.enqueue(sqlReply('SELECT email FROM customers', 'scripted'));
    const refused = await fixture.sample.assistant.ask({ text: 'e-mails', actor: bob, place: finance, requestId: 'r-refused' });
    expect(refused.kind).toBe('refusal');
    const previewId = await preview('SELECT count(*) FROM products', bob);
    await fixture.sample.assistant.cancel(previewId, bob);
    await fixture.sample.assistant.command('grant <@UBOB> pii:customers.email for 1d', { platform: 'slack', workspaceId: 'T1', userId: 'UADMIN' }, finance);
    expect(kinds(from)).toEqual(['asked', 'refused', 'asked', 'previewed', 'cancelled', 'granted']);
    expect(log.recorded.slice(from)[1]).toMatchObject({ actor: 'slack:T1:UBOB', violations: [{ rule: 'pii' }] });
    expect(log.recorded.at(-1)).toMatchObject({ actor: 'slack:T1:UADMIN', detail: expect.stringMatching(/^pii:customers\.email to slack:T1:UBOB until /) });
    await expect(verifyChain(log.records())).resolves.toMatchObject({ ok: true });
  });

  it('does not run a query whose audit record cannot be written, and keeps the preview', async () => {
    const ran: string[] = [];
    const { datasource } = fixture.sample;
    const watched = { ...datasource, run: (sql: string, options: Parameters<typeof datasource.run>[1]) => (ran.push(sql), datasource.run(sql, options)) };
    const assistant = createAssistant({
      datasource: watched,
      catalog: fixture.sample.catalog,
      languageModel: createOpenAiLanguageModel({ apiKey: 'test-key', baseURL: fixture.fake.baseURL, model: 'scripted', maxRetries: 0, timeoutMs: 5000 }),
      policies: defaultPolicies,
      today: '2025-07-01',
      state,
      audit,
      onUnexpectedError: (error) => reported.push(error),
    });
    fixture.fake.enqueue(sqlReply('SELECT count(*) FROM orders', 'scripted'));
    const preview = await assistant.ask({ text: 'how many orders', actor: ana, place: finance, requestId: 'r-closed' });
    if (preview.kind !== 'preview') throw new Error(`expected a preview, got ${preview.kind}`);
    failExecuting = true;
    const reply = await assistant.confirm(preview.previewId, ana);
    failExecuting = false;
    expect(reply).toMatchObject({ kind: 'failure', code: 'audit-unavailable', message: 'The query was not run: its audit record could not be written.' });
    expect(ran).toEqual([]);
    expect(reported.some((error) => error instanceof AuditError)).toBe(true);
    // Once the audit store is back, the same preview runs.
    expect((await assistant.confirm(preview.previewId, ana)).kind).toBe('answer');
    expect(ran).toEqual(['SELECT count(*) FROM orders LIMIT 100']);
  });
});

