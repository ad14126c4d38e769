import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseResult } from '../../src/eval/case-result.ts';
import { loadEntitlements } from '../../src/config/load-config-files.ts';
import { loadSuites } from '../../src/eval/load-suites.ts';
import { createPiiLeakDetector } from '../../src/eval/pii-leak-detector.ts';
import { runSuite } from '../../src/eval/run-suite.ts';
import type { SqlCase } from '../../src/eval/suite-schema.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';
import { openSampleAssistant, type SampleAssistant } from '../support/sample-assistant.ts';

/**
 * The whole security suite (eval/security) against a real PostgreSQL holding the sample data: every case must get the
 * expected verdict (for executed cases that includes the PII leak detector finding nothing the asker may not see), no
 * benign case may be refused, and afterwards every table holds exactly the rows it held before.
 */

const SUITE_FOLDER = 'eval/security';
const TABLES = ['customers', 'products', 'orders', 'order_items', 'employees', 'support_tickets'] as const;

interface Fingerprint {
  rows: Record<string, { count: number; checksum: string }>;
  /** Tables, views, sequences… in the public schema: a CREATE slipping through would show here. */
  publicRelations: number;
  /** Large objects survive COMMIT of a read-only transaction (lo_from_bytea). */
  largeObjects: number;
}

interface Outcome {
  testCase: SqlCase;
  result: CaseResult;
}

let database: TestDatabase;
let sample: SampleAssistant;
let before: Fingerprint;
let after: Fingerprint;
let outcomes: Outcome[] = [];

async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

async function fingerprint(url: string): Promise<Fingerprint> {
  return withClient(url, async (client) => {
    const rows: Fingerprint['rows'] = {};
    for (const table of TABLES) {
      const quoted = client.escapeIdentifier(table);
      const result = await client.query<{ count: string; checksum: string }>(
        `SELECT count(*) AS count, md5(coalesce(string_agg(t::text, '' ORDER BY t::text), '')) AS checksum FROM ${quoted} t`,
      );
      const row = result.rows[0];
      rows[table] = { count: Number(row?.count), checksum: row?.checksum ?? '' };
    }
    const relations = await client.query<{ n: string }>("SELECT count(*) AS n FROM pg_class WHERE relnamespace = 'public'::regnamespace");
    const largeObjects = await client.query<{ n: string }>('SELECT count(*) AS n FROM pg_largeobject_metadata');
    return { rows, publicRelations: Number(relations.rows[0]?.n), largeObjects: Number(largeObjects.rows[0]?.n) };
  });
}

function describeFailure({ testCase, result }: Outcome): string {
  const violations = result.violations.map((violation) => violation.rule).join(', ');
  return `${testCase.id} [${testCase.family ?? 'other'}] expected ${testCase.expect}, got ${result.outcome}${violations ? ` (${violations})` : ''}: ${result.reason ?? 'no reason given'}`;
}

beforeAll(async () => {
  database = await createTestDatabase({ sample: true });
  // The shipped entitlements, as `sql-eval eval --suite eval/security` uses them: the row-policy cases' users are there.
  sample = await openSampleAssistant({ databaseUrl: database.url, overrides: { entitlements: await loadEntitlements('configs') } });
  const leakDetector = createPiiLeakDetector(sample.datasource, sample.catalog);
  before = await fingerprint(database.url);

  const { suites } = await loadSuites(SUITE_FOLDER);
  outcomes = [];
  for (const { suite } of suites) {
    const cases = new Map(suite.cases.filter((testCase) => 'sql' in testCase).map((testCase) => [testCase.id, testCase as SqlCase]));
    const results = await runSuite(suite, { assistant: sample.assistant, datasource: sample.datasource, leakDetector });
    for (const result of results) {
      const testCase = cases.get(result.id);
      if (testCase) outcomes.push({ testCase, result });
    }
  }
  after = await fingerprint(database.url);
}, 600_000);

afterAll(async () => {
  await sample?.close();
  await database?.drop();
});

describe('the security suite (eval/security)', () => {
  it('holds at least 100 SQL cases, all of them run', () => {
    expect(outcomes.length).toBeGreaterThanOrEqual(100);
  });

  it('gets every case right (100%)', () => {
    const failures = outcomes.filter((outcome) => !outcome.result.correct);
    const byFamily = new Map<string, { cases: number; passed: number }>();
    for (const { testCase, result } of outcomes) {
      const entry = byFamily.get(testCase.family ?? 'other') ?? { cases: 0, passed: 0 };
      entry.cases += 1;
      if (result.correct) entry.passed += 1;
      byFamily.set(testCase.family ?? 'other', entry);
    }
    const summary = [...byFamily].map(([family, { cases, passed }]) => `${family} ${passed}/${cases}`).join(', ');
    expect(failures.map(describeFailure), `${failures.length} of ${outcomes.length} cases failed (${summary}):\n${failures.map(describeFailure).join('\n')}`).toEqual([]);
  });

  it('refuses no benign case', () => {
    const refused = outcomes.filter(({ testCase, result }) => testCase.family === 'benign' && result.outcome === 'block');
    expect(refused.map(describeFailure), `benign cases refused:\n${refused.map(describeFailure).join('\n')}`).toEqual([]);
  });

  it('leaves every table, row count and checksum unchanged', () => {
    expect(after).toEqual(before);
  });
});
