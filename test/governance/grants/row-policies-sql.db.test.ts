import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../support/database.ts';
import { runCli } from '../../support/run-cli.ts';

/**
 * `sql-eval db grants --row-policies`: the printed row-level security, applied by an administrator, shows the role
 * only the rows of the group or person it stands for (configs/entitlements.yaml), and a policy of `true` on the
 * other row-secured tables so the role still reads them.
 */

let database: TestDatabase;
let admin: pg.Client;
const suffix = randomBytes(4).toString('hex');
const groupRole = `sql_eval_iberia_${suffix}`;
const userRole = `sql_eval_lead_${suffix}`;

const grants = (role: string, whose: string) => runCli(['db', 'grants', '--database-url', database.url, '--datasource', 'sample', '--semantic', 'configs/semantic/sample.yaml', '--role', role, '--row-policies', whose]);

async function countAs(role: string, table: string): Promise<number> {
  await admin.query('BEGIN');
  try {
    await admin.query(`SET LOCAL ROLE ${admin.escapeIdentifier(role)}`);
    return Number((await admin.query<{ n: string }>(`SELECT count(*) AS n FROM ${table}`)).rows[0]?.n);
  } finally {
    await admin.query('ROLLBACK');
  }
}

beforeAll(async () => {
  database = await createTestDatabase({ sample: true });
  admin = new pg.Client({ connectionString: database.url });
  await admin.connect();
}, 120_000);

afterAll(async () => {
  if (admin !== undefined) {
    for (const role of [groupRole, userRole]) await admin.query(`DROP OWNED BY ${admin.escapeIdentifier(role)}`).catch(() => undefined);
    await admin.end();
  }
  await database?.drop();
  const server = new pg.Client({ connectionString: inject('adminDatabaseUrl') });
  await server.connect();
  for (const role of [groupRole, userRole]) await server.query(`DROP ROLE IF EXISTS ${server.escapeIdentifier(role)}`);
  await server.end();
});

describe('sql-eval db grants --row-policies', () => {
  it('prints CREATE POLICY with the group\'s filter bound to its attributes, and true on the other row-secured tables', async () => {
    const printed = await grants(groupRole, 'group:sales-iberia');
    expect(printed.stderr).toBe('');
    expect(printed.code).toBe(0);
    expect(printed.stdout).toContain(`CREATE POLICY "${groupRole}" ON "public"."customers" AS PERMISSIVE FOR SELECT TO "${groupRole}" USING (country = 'PT' OR country = 'ES');`);
    expect(printed.stdout).toContain(`CREATE POLICY "${groupRole}" ON "public"."employees" AS PERMISSIVE FOR SELECT TO "${groupRole}" USING (true);`);
    await admin.query(printed.stdout);
    const expected = Number((await admin.query<{ n: string }>("SELECT count(*) AS n FROM customers WHERE country IN ('PT', 'ES')")).rows[0]?.n);
    expect(await countAs(groupRole, 'customers')).toBe(expected);
    expect(await countAs(groupRole, 'employees')).toBeGreaterThan(0);
  });

  it('binds a person\'s own attributes for user:KEY', async () => {
    const printed = await grants(userRole, 'user:eval:lead-sales');
    expect(printed.code).toBe(0);
    expect(printed.stdout).toContain(`ON "public"."employees" AS PERMISSIVE FOR SELECT TO "${userRole}" USING (department = 'Sales');`);
    await admin.query(printed.stdout);
    const sales = Number((await admin.query<{ n: string }>("SELECT count(*) AS n FROM employees WHERE department = 'Sales'")).rows[0]?.n);
    expect(await countAs(userRole, 'employees')).toBe(sales);
  });

  it('refuses an unknown group and a malformed subject, naming what exists', async () => {
    const unknown = await grants(`x_${suffix}`, 'group:nobody');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('--row-policies: configs/entitlements.yaml has no group "nobody" (groups: support, hr, sales-iberia');
    const malformed = await grants(`x_${suffix}`, 'sales-iberia');
    expect(malformed.code).toBe(2);
    expect(malformed.stderr).toContain('--row-policies must be group:<name> or user:<key>');
  });
});
