import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCatalog } from '../../src/catalog/build-catalog.ts';
import type { Catalog } from '../../src/catalog/catalog.ts';
import { loadYamlFile } from '../../src/config/load-yaml-file.ts';
import { defaultPolicies } from '../../src/config/policies.ts';
import { semanticModelSchema } from '../../src/config/semantic-model.ts';
import { sameAnswer } from '../../src/eval/compare-results.ts';
import { loadSuites } from '../../src/eval/load-suites.ts';
import { isQuestionCase } from '../../src/eval/suite-schema.ts';
import { createSemanticParser } from '../../src/fast-lane/create-semantic-parser.ts';
import { buildValueIndex, type ValueIndex } from '../../src/fast-lane/semantic-layer/value-index.ts';
import type { Datasource } from '../../src/ports/datasource.ts';
import { createPostgresDatasource } from '../../src/providers/postgres/create-postgres-datasource.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';

/**
 * The value index over the real sample data, and the parser against the golden suite: every answer it gives must
 * return the gold rows (precision 100%), and it must answer at least 95% of the simple tier.
 */

let database: TestDatabase;
let datasource: Datasource;
let catalog: Catalog;
let valueIndex: ValueIndex;
const limits = { maxRows: 10_000, statementTimeoutMs: 30_000 };

beforeAll(async () => {
  database = await createTestDatabase({ sample: true });
  datasource = createPostgresDatasource({ name: 'sample', connectionString: database.url, poolSize: 4 });
  const semantic = await loadYamlFile('configs/semantic/sample.yaml', semanticModelSchema);
  catalog = buildCatalog({ datasource: 'sample', snapshot: await datasource.introspect(), semantic, semanticSource: 'configs/semantic/sample.yaml', searchPath: ['public'], largeTableRows: defaultPolicies.limits.largeTableRows });
  valueIndex = await buildValueIndex(datasource, catalog);
});

afterAll(async () => {
  await datasource?.close();
  await database?.drop();
});

describe('value index', () => {
  it('holds the small categorical columns and no personal data', () => {
    const indexed = valueIndex.columns.map((column) => `${column.table}.${column.column}`).sort();
    expect(indexed).toEqual(['customers.city', 'customers.country', 'employees.department', 'orders.status', 'products.category', 'products.name', 'support_tickets.subject']);
    expect(valueIndex.columns.find((column) => column.column === 'status')?.values).toEqual(['cancelled', 'delivered', 'paid', 'pending', 'refunded', 'shipped']);
  });

  it('leaves out columns with more distinct values than allowed', async () => {
    const small = await buildValueIndex(datasource, catalog, { maxValuesPerColumn: 100 });
    expect(small.columns.map((column) => `${column.table}.${column.column}`)).not.toContain('products.name');
    expect(small.columns.map((column) => `${column.table}.${column.column}`)).toContain('customers.city');
  });
});

describe('golden suite', () => {
  it('answers only correctly, and most simple questions', async () => {
    const [loaded] = (await loadSuites('eval/golden/sample.yaml')).suites;
    if (!loaded) throw new Error('eval/golden/sample.yaml holds no suite');
    const { suite } = loaded;
    const parser = createSemanticParser({ catalog, valueIndex });
    const wrong: string[] = [];
    let simple = 0;
    let simpleAnswered = 0;
    for (const testCase of suite.cases.filter(isQuestionCase)) {
      if (testCase.tier === 'simple') simple += 1;
      const outcome = parser.answer(testCase.question, { today: suite.today ?? '2025-07-01' });
      if (outcome.kind !== 'answered') continue;
      const [gold, answer] = await Promise.all([datasource.run(testCase.gold, limits), datasource.run(outcome.sql, limits)]);
      if (!sameAnswer(gold, answer, testCase.ordered)) wrong.push(`${testCase.id}: ${outcome.sql}`);
      else if (testCase.tier === 'simple') simpleAnswered += 1;
    }
    process.stdout.write(`golden simple tier: answered ${simpleAnswered}/${simple} (coverage ${((simpleAnswered / simple) * 100).toFixed(1)}%), wrong ${wrong.length}\n`);
    expect(wrong).toEqual([]);
    expect(simpleAnswered / simple).toBeGreaterThanOrEqual(0.95);
  });
});
