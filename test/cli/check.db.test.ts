import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';
import { runCli } from '../support/run-cli.ts';

let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase({ sample: true });
});

afterAll(async () => {
  await database?.drop();
});

const check = (sql: string, ...extra: string[]) =>
  runCli(['check', '--sql', sql, '--json', '--database-url', database.url, '--semantic', 'configs/semantic/sample.yaml', ...extra]);

describe('sql-eval check', () => {
  it('blocks a write with a violation and exit code 1', async () => {
    const run = await check('DELETE FROM orders');
    expect(run.code).toBe(1);
    const result = JSON.parse(run.stdout);
    expect(result).toMatchObject({ verdict: 'block', violations: [{ rule: 'read-only' }], hiddenColumns: [] });
  });

  it('rewrites SELECT * to hide PII and runs it with --execute', async () => {
    const run = await check('SELECT * FROM customers', '--execute');
    expect(run.code).toBe(0);
    const result = JSON.parse(run.stdout);
    expect(result.verdict).toBe('rewrite');
    expect(result.hiddenColumns).toEqual(['customers.full_name', 'customers.email', 'customers.phone', 'customers.street_address']);
    expect(result.columns.map((column: { name: string }) => column.name)).toEqual(['id', 'city', 'country', 'created_at']);
    expect(result.rows).toHaveLength(100);
  });

  it('allows a PII column to an entitled asker, and refuses it otherwise naming the entitlement', async () => {
    const allowed = JSON.parse((await check('SELECT email FROM customers LIMIT 3', '--entitlements', 'pii:customers.email', '--execute')).stdout);
    expect(allowed.verdict).toBe('allow');
    expect(allowed.rows).toHaveLength(3);
    const refused = JSON.parse((await check('SELECT email FROM customers LIMIT 3')).stdout);
    expect(refused.violations[0]).toMatchObject({ rule: 'pii', hint: expect.stringContaining('pii:customers.email') });
  });

  it('rejects a malformed entitlement with exit code 2', async () => {
    const run = await check('SELECT 1', '--entitlements', 'customers.email');
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('pii:<table>.<column>');
  });
});

describe('usage errors', () => {
  it('exit with code 2 and say what is wrong', async () => {
    const badChoice = await runCli(['eval', '--lane', 'bogus']);
    expect(badChoice.code).toBe(2);
    expect(badChoice.stderr).toContain('Allowed choices are auto, fast, llm');
    const badDate = await runCli(['ask', 'x', '--today', '2024-13-01']);
    expect(badDate.code).toBe(2);
    expect(badDate.stderr).toContain('--today is not a real date');
  });
});

describe('sql-eval check --user with row policies', () => {
  it("applies the person's row filters (configs/entitlements.yaml) and names them", async () => {
    const text = await runCli(['check', '--sql', 'SELECT country, count(*) FROM customers GROUP BY country ORDER BY 1', '--user', 'eval:rep-iberia', '--execute', '--database-url', database.url, '--datasource', 'sample', '--semantic', 'configs/semantic/sample.yaml']);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('Row policies applied: sales-iberia on customers');
    const json = JSON.parse((await check('SELECT country, count(*) FROM customers GROUP BY country ORDER BY 1', '--user', 'eval:rep-iberia', '--datasource', 'sample', '--execute')).stdout);
    expect(json.rows.map((row: unknown[]) => row[0])).toEqual(['ES', 'PT']);
  });
});
