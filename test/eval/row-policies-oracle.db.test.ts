import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createAssistant, type Assistant, type CheckResult } from '../../src/assistant/create-assistant.ts';
import { buildCatalog } from '../../src/catalog/build-catalog.ts';
import type { Catalog } from '../../src/catalog/catalog.ts';
import { loadEntitlements } from '../../src/config/load-config-files.ts';
import { loadYamlFile } from '../../src/config/load-yaml-file.ts';
import { defaultPolicies } from '../../src/config/policies.ts';
import { semanticModelSchema } from '../../src/config/semantic-model.ts';
import { sameAnswer } from '../../src/eval/compare-results.ts';
import { loadSuites } from '../../src/eval/load-suites.ts';
import type { SqlCase } from '../../src/eval/suite-schema.ts';
import { buildRowPoliciesSql } from '../../src/governance/grants/build-row-policies-sql.ts';
import { prepareRowPolicies } from '../../src/governance/row-filters/prepare-row-policies.ts';
import { resolveRowFiltersFor } from '../../src/governance/row-filters/resolve-row-filters.ts';
import type { RowPolicies } from '../../src/governance/row-filters/compile-row-policies.ts';
import type { Datasource } from '../../src/ports/datasource.ts';
import { createMemoryStateStore } from '../../src/providers/memory/memory-state-store.ts';
import { createPostgresDatasource } from '../../src/providers/postgres/create-postgres-datasource.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';

/**
 * The adversarial row-policy suite (eval/security/row-policies.yaml) against an independent oracle: every case is
 * checked and run through the assistant as its user (the AST rewrite), and the same SQL, as written, is run as a
 * database role that has the same filters as PostgreSQL row-level security policies (emitted by
 * `sql-eval db grants --row-policies`). Both must return the same rows. The database also holds a view over
 * customers and a table inheriting from it, reached by extra cases, and the configured entitlements are those
 * shipped in configs/entitlements.yaml.
 */

const suiteFile = 'eval/security/row-policies.yaml';
const setupSql = `
  CREATE TABLE vip_customers (tier text NOT NULL DEFAULT 'gold') INHERITS (customers);
  INSERT INTO vip_customers (id, full_name, email, city, country, created_at)
    SELECT id + 100000, full_name, 'vip-' || email, city, country, created_at FROM customers WHERE id % 25 = 0;
  CREATE VIEW customer_countries WITH (security_invoker = true) AS SELECT id, country, city FROM customers;
  CREATE VIEW countries_seen WITH (security_invoker = true) AS SELECT DISTINCT country FROM customer_countries;
  ANALYZE;
`;
/** Cases over the view and the inheriting table, which the sample database of the suite does not have. */
const extraCases: SqlCase[] = [
  ['through-view', 'SELECT country, count(*) FROM customer_countries GROUP BY country ORDER BY 1'],
  ['through-nested-view', 'SELECT country FROM countries_seen ORDER BY 1'],
  ['view-joined-to-orders', 'SELECT v.country, count(*) FROM orders o JOIN customer_countries v ON v.id = o.customer_id GROUP BY 1 ORDER BY 1'],
  ['child-table', 'SELECT country, count(*) FROM vip_customers GROUP BY 1 ORDER BY 1'],
  ['parent-with-children', 'SELECT count(*) FROM customers'],
  ['parent-only', 'SELECT count(*) FROM ONLY customers'],
  ['child-in-cte', 'WITH vip AS (SELECT * FROM vip_customers) SELECT count(*) FROM vip'],
].map(([id, sql]) => ({ id: `extra-${id}`, sql: sql as string, expect: 'allow' as const, user: 'rep-iberia', entitlements: [] }));

interface Outcome {
  testCase: SqlCase;
  check: CheckResult;
  /** Rows under PostgreSQL row-level security as the user's role; undefined when the case is blocked. */
  oracle: unknown[][] | undefined;
  /** Rows as the superuser, unfiltered (undefined when that fails): a case the filter does not change proves nothing. */
  unfiltered: unknown[][] | undefined;
}

let database: TestDatabase;
let datasource: Datasource;
let assistant: Assistant;
const roles: string[] = [];
let outcomes: Outcome[] = [];

async function withClient<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** A login-less role with SELECT on every table and the user's row filters as RLS policies. */
async function createOracleRole(user: string, catalog: Catalog, policies: RowPolicies): Promise<string> {
  const role = `${database.name}_${user.replaceAll('-', '_')}`.slice(0, 63);
  const script = buildRowPoliciesSql({ catalog, policies, role, subject: `user:eval:${user}`, filters: resolveRowFiltersFor([`eval:${user}`], policies) });
  await withClient(async (client) => {
    await client.query(`CREATE ROLE ${client.escapeIdentifier(role)} NOLOGIN NOBYPASSRLS`);
    roles.push(role);
    await client.query(`GRANT USAGE ON SCHEMA public TO ${client.escapeIdentifier(role)}; GRANT SELECT ON ALL TABLES IN SCHEMA public TO ${client.escapeIdentifier(role)}`);
    await client.query(script.sql);
  });
  return role;
}

beforeAll(async () => {
  database = await createTestDatabase({ sample: true });
  await withClient((client) => client.query(setupSql));
  datasource = createPostgresDatasource({ name: 'sample', connectionString: database.url, schemas: ['public'] });
  const semantic = await loadYamlFile('configs/semantic/sample.yaml', semanticModelSchema);
  const catalog = buildCatalog({ datasource: 'sample', snapshot: await datasource.introspect(), semantic, semanticSource: 'configs/semantic/sample.yaml', searchPath: ['public'], largeTableRows: defaultPolicies.limits.largeTableRows });
  const entitlements = await loadEntitlements('configs');
  const rowPolicies = await prepareRowPolicies(entitlements, catalog, datasource, { statementTimeoutMs: 10_000 }, 'configs/entitlements.yaml');
  assistant = createAssistant({ datasource, catalog, languageModel: null, policies: defaultPolicies, entitlements, rowPolicies, today: '2025-07-01', state: createMemoryStateStore() });

  const [loaded] = (await loadSuites(suiteFile)).suites;
  const cases = [...(loaded?.suite.cases ?? []).filter((testCase): testCase is SqlCase => 'sql' in testCase), ...extraCases];
  const roleOf = new Map<string, string>();
  for (const user of new Set(cases.map((testCase) => testCase.user ?? ''))) roleOf.set(user, await createOracleRole(user, catalog, rowPolicies));
  const run = { maxRows: 10_000, statementTimeoutMs: 30_000 };
  outcomes = [];
  for (const testCase of cases) {
    const actor = { platform: 'eval' as const, workspaceId: 'eval', userId: testCase.user ?? '' };
    const check = await assistant.check(testCase.sql, actor, { execute: true, entitlements: testCase.entitlements });
    if (check.verdict === 'block') {
      outcomes.push({ testCase, check, oracle: undefined, unfiltered: undefined });
      continue;
    }
    const oracle = (await datasource.run(testCase.sql, { ...run, role: roleOf.get(testCase.user ?? '') })).rows;
    // Unfiltered, a probe may fail (a division by zero on a row the filter hides): that also shows the filter matters.
    const unfiltered = await datasource.run(testCase.sql, run).then((result) => result.rows, () => undefined);
    outcomes.push({ testCase, check, oracle, unfiltered });
  }
}, 600_000);

afterAll(async () => {
  await datasource?.close();
  await database?.drop();
  if (roles.length > 0) {
    const admin = new pg.Client({ connectionString: inject('adminDatabaseUrl') });
    await admin.connect();
    for (const role of roles) await admin.query(`DROP ROLE IF EXISTS ${admin.escapeIdentifier(role)}`);
    await admin.end();
  }
});

const describeOutcome = ({ testCase, check, oracle }: Outcome) =>
  `${testCase.id} (${testCase.user}): ${check.verdict} ${check.violations.map((violation) => violation.message).join(" ")}${check.error ? ` with error ${check.error.message}` : ''}; rewrite ${JSON.stringify(check.rows?.slice(0, 5))} vs RLS ${JSON.stringify(oracle?.slice(0, 5))}\n  ${check.sql}`;

describe('the row-policy suite against PostgreSQL row-level security', () => {
  it('runs the whole suite, by several filtered users, and the extra view and inheritance cases', () => {
    expect(outcomes.length).toBeGreaterThanOrEqual(30 + extraCases.length);
    expect(new Set(outcomes.map((outcome) => outcome.testCase.user)).size).toBeGreaterThanOrEqual(3);
  });

  it('gives every case its expected verdict: no benign refusal, every bypass that cannot be filtered refused', () => {
    const wrong = outcomes.filter(({ testCase, check }) => (testCase.expect === 'block') !== (check.verdict === 'block') || check.error !== undefined);
    expect(wrong.map(describeOutcome), wrong.map(describeOutcome).join('\n')).toEqual([]);
  });

  it('returns exactly the rows row-level security returns, for every allowed case', () => {
    const differing = outcomes.filter(({ check, oracle }) => oracle !== undefined && !sameAnswer({ rows: oracle }, { rows: check.rows ?? [] }, true));
    expect(differing.map(describeOutcome), differing.map(describeOutcome).join('\n')).toEqual([]);
  });

  it('is not vacuous: the filters change the answer of most allowed cases', () => {
    const allowed = outcomes.filter((outcome) => outcome.oracle !== undefined);
    const changed = allowed.filter(({ oracle, unfiltered }) => unfiltered === undefined || !sameAnswer({ rows: unfiltered }, { rows: oracle ?? [] }, true));
    expect(changed.length).toBeGreaterThanOrEqual(Math.ceil(allowed.length * 0.75));
  });

  it('names the policies applied, and only visible countries come out of the region cases', () => {
    const perCountry = outcomes.find((outcome) => outcome.testCase.id === 'rp-per-country');
    expect(perCountry?.check.rowPolicies).toEqual(['sales-iberia on customers']);
    expect(perCountry?.check.rows?.map((row) => row[0])).toEqual(['ES', 'PT']);
    const twoGroups = outcomes.find((outcome) => outcome.testCase.id === 'rp-two-groups-count');
    expect(twoGroups?.check.rows?.map((row) => row[0])).toEqual(['DE', 'FR']);
    expect(outcomes.find((outcome) => outcome.testCase.id === 'extra-child-table')?.check.rowPolicies).toEqual(['sales-iberia on customers']);
    // Unfiltered, the probe divides by zero on a German row; filtered, no German row ever reaches the condition.
    const probe = outcomes.find((outcome) => outcome.testCase.id === 'rp-error-probe');
    expect(probe?.unfiltered).toBeUndefined();
    expect(probe?.check.rows).toEqual(probe?.oracle);
  });
});
