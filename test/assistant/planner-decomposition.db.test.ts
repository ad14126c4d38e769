import { describe, expect, it } from 'vitest';
import { clarificationReply, lastUserMessage, sqlReply, startFakeOpenAiServer, subquestionsReply } from '../fixtures/fake-openai-server.ts';
import { openSampleAssistant } from '../support/sample-assistant.ts';
import { testActor, testQuestion, usePlannerFixture } from '../support/planner-fixture.ts';

const actor = testActor;
const question = (text: string) => testQuestion(text);
const questionOf = (prompt: string) => /<question>\n([\s\S]*)\n<\/question>/.exec(prompt)?.[1] ?? '';

const partSql: Record<string, string> = {
  'How many customers are there?': 'SELECT count(*) FROM customers',
  'How many products are there?': 'SELECT count(*) FROM products',
  'How many orders are there?': 'SELECT count(*) FROM orders',
  'How many employees are there?': 'SELECT count(*) FROM employees',
  'How many support tickets are there?': 'SELECT count(*) FROM support_tickets',
};

const fixture = usePlannerFixture();

describe('decomposition', () => {
  it('splits a 3-part question, plans the parts, previews them, and answers each with its own table', async () => {
    const parts = Object.keys(partSql).slice(0, 3);
    fixture.fake.setResponder((body) => {
      const asked = questionOf(lastUserMessage(body));
      return partSql[asked] ? sqlReply(partSql[asked] as string) : subquestionsReply(parts);
    });
    const preview = await fixture.sample.assistant.ask(question('How many customers, products and orders are there?'));
    expect(preview.kind).toBe('preview');
    if (preview.kind !== 'preview') return;
    expect(preview.parts?.map((part) => part.question)).toEqual(parts);
    expect(preview.parts?.every((part) => part.sql.endsWith('LIMIT 100'))).toBe(true);
    const answer = await fixture.sample.assistant.confirm(preview.previewId, actor);
    expect(answer.kind).toBe('answer');
    if (answer.kind !== 'answer') return;
    expect(answer.parts?.map((part) => Number(part.table.rows[0]?.[0]))).toEqual([5000, 200, 40000]);
    // A part is planned as one SQL statement: its prompt forbids splitting again.
    const partPrompt = fixture.fake.requests.map((request) => String(request.messages[0]?.content)).at(-1);
    expect(partPrompt).toContain('never with sub-questions');
  });

  it('refuses a plan with 7 parts back to the planner, which re-plans within the limit', async () => {
    const seven = [...Object.keys(partSql), 'How many cities are there?', 'How many countries are there?'];
    const five = Object.keys(partSql);
    let topLevelCalls = 0;
    fixture.fake.setResponder((body) => {
      const asked = questionOf(lastUserMessage(body));
      if (partSql[asked]) return sqlReply(partSql[asked] as string);
      topLevelCalls += 1;
      return subquestionsReply(topLevelCalls === 1 ? seven : five);
    });
    const preview = await fixture.sample.assistant.ask(question('Give me the counts of everything: customers, products, orders, employees, tickets, cities, countries'));
    expect(topLevelCalls).toBe(2);
    const retryPrompt = fixture.fake.requests.map((request) => lastUserMessage(request)).find((prompt) => prompt.includes('asked for 7 sub-questions'));
    expect(retryPrompt).toContain('2 to 5 parts');
    expect(preview.kind).toBe('preview');
    if (preview.kind === 'preview') expect(preview.parts).toHaveLength(5);
  });

  it('asks a clarifying question back when the planner needs one', async () => {
    fixture.fake.setResponder(() => clarificationReply('Do you mean revenue before or after refunds?'));
    const reply = await fixture.sample.assistant.ask(question('What is our revenue?'));
    expect(reply).toMatchObject({ kind: 'clarification', message: 'Do you mean revenue before or after refunds?' });
  });

  it('fails a split question clearly when one part cannot be answered', async () => {
    fixture.fake.setResponder((body) => {
      const asked = questionOf(lastUserMessage(body));
      if (asked === 'How many unicorns are there?') return sqlReply('SELECT count(*) FROM unicorns');
      return partSql[asked] ? sqlReply(partSql[asked] as string) : subquestionsReply(['How many customers are there?', 'How many unicorns are there?']);
    });
    const reply = await fixture.sample.assistant.ask(question('How many customers and unicorns are there?'));
    expect(reply.kind).toBe('failure');
    if (reply.kind === 'failure') expect(reply.message).toMatch(/Part 2 \("How many unicorns are there\?"\).*unicorns/s);
  });
});

describe('resilience of the language model call', () => {
  it('replies clearly when the model keeps failing with 500s', async () => {
    fixture.fake.setResponder(() => ({ status: 500 }));
    const reply = await fixture.sample.assistant.ask(question('How many customers?'));
    expect(reply).toMatchObject({ kind: 'failure', code: 'llm-unavailable' });
  });

  it('replies clearly when the model hangs past the timeout', async () => {
    const hanging = await startFakeOpenAiServer({ responder: () => ({ hang: true }) });
    const impatient = await openSampleAssistant({ databaseUrl: fixture.database.url, openAiBaseUrl: hanging.baseURL, timeoutMs: 300 });
    try {
      const reply = await impatient.assistant.ask(question('How many customers?'));
      expect(reply).toMatchObject({ kind: 'failure', code: 'llm-unavailable' });
      if (reply.kind === 'failure') expect(reply.message).toMatch(/time/i);
    } finally {
      await impatient.close();
      await hanging.close();
    }
  });
});

describe('the request budget', () => {
  it('stops planning when the question has spent its tokens, parts included', async () => {
    const frugal = await openSampleAssistant({
      databaseUrl: fixture.database.url,
      openAiBaseUrl: fixture.fake.baseURL,
      overrides: { policies: { ...(await import('../../src/config/policies.ts')).defaultPolicies, limits: { ...(await import('../../src/config/policies.ts')).defaultPolicies.limits, maxRequestTokens: 1500 } } },
    });
    try {
      const usage = { promptTokens: 1000, completionTokens: 100 };
      fixture.fake.enqueue({ ...sqlReply('SELECT nope FROM orders'), usage }, { ...sqlReply('SELECT count(*) FROM nowhere'), usage }, { ...sqlReply('SELECT 1'), usage });
      const before = fixture.fake.requests.length;
      const reply = await frugal.assistant.ask(question('What is nope?'));
      expect(fixture.fake.requests.length - before).toBe(2);
      expect(reply.kind).toBe('failure');
      if (reply.kind === 'failure') expect(reply.message).toContain('token budget');
      expect(reply.trace?.promptTokens).toBe(2000);
    } finally {
      await frugal.close();
    }
  });
});
