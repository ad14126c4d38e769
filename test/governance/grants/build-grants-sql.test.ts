import { describe, expect, it } from 'vitest';
import type { Catalog, CatalogColumn, CatalogTable } from '../../../src/catalog/catalog.ts';
import { buildGrantsSql } from '../../../src/governance/grants/build-grants-sql.ts';
import type { RiskyFunction } from '../../../src/governance/grants/find-risky-functions.ts';

/** The least-privilege role script, built from an in-memory catalog: no database needed. */

function column(name: string, pii = false): CatalogColumn {
  return { name, dataType: 'text', nullable: true, description: null, synonyms: [], pii, unit: null };
}

function table(schema: string, name: string, columns: CatalogColumn[], kind: CatalogTable['kind'] = 'table'): CatalogTable {
  return {
    schema,
    name,
    kind,
    description: null,
    synonyms: [],
    large: false,
    rowEstimate: 10,
    columns,
    primaryKey: [],
    foreignKeys: [],
    viewDefinition: kind === 'view' ? 'SELECT 1' : null,
  };
}

const catalog: Catalog = {
  datasource: 'shop',
  searchPath: ['public', 'Sales Data'],
  tables: [
    table('public', 'products', [column('id'), column('name'), column('price')]),
    table('public', 'customers', [column('id'), column('email', true), column('Mixed Case'), column('full_name', true)]),
    table('public', 'secrets', [column('token', true)]),
    table('Sales Data', 'odd "name"', [column('id'), column('note "x"', true)]),
    table('public', 'customer_cities', [column('city'), column('email', true)], 'view'),
  ],
};

const sleep: RiskyFunction = { schema: 'pg_catalog', name: 'pg_sleep', identityArguments: 'double precision' };
const dblink: RiskyFunction = { schema: 'extensions', name: 'dblink_exec', identityArguments: 'text, text' };
const limits = { statementTimeoutMs: 7_000 };

function build(overrides: Partial<Parameters<typeof buildGrantsSql>[0]> = {}) {
  return buildGrantsSql({ catalog, limits, role: 'sql_eval_reader', riskyFunctions: [sleep, dblink], ...overrides });
}

function statements(sql: string): string[] {
  return sql.split('\n').filter((line) => line !== '' && !line.startsWith('--'));
}

describe('buildGrantsSql', () => {
  it('grants whole tables without PII, only the other columns of tables with PII, and nothing on all-PII tables', () => {
    const script = build();
    const lines = statements(script.sql);
    expect(lines).toContain('GRANT SELECT ON TABLE "public"."products" TO "sql_eval_reader";');
    expect(lines).toContain('GRANT SELECT ("id", "Mixed Case") ON TABLE "public"."customers" TO "sql_eval_reader";');
    expect(lines).toContain('GRANT SELECT ("id") ON TABLE "Sales Data"."odd ""name""" TO "sql_eval_reader";');
    expect(lines).toContain('GRANT SELECT ("city") ON TABLE "public"."customer_cities" TO "sql_eval_reader";');
    expect(lines.filter((line) => line.includes('"secrets"'))).toEqual([]);
    expect(lines.filter((line) => /email|full_name|token|note/.test(line))).toEqual([]);
    expect(script.sql).toContain('-- "public"."customers": PII left out: "email", "full_name"');
    expect(script.sql).toMatch(/-- "public"\."customer_cities" is a view/);
    expect(script.tables.find((entry) => entry.name === 'secrets')).toMatchObject({ access: 'none', columns: [], withheldColumns: ['token'] });
    expect(script.tables.find((entry) => entry.name === 'products')).toMatchObject({ access: 'table', withheldColumns: [] });
    expect(script.tables.find((entry) => entry.name === 'customers')).toMatchObject({ access: 'columns', columns: ['id', 'Mixed Case'], withheldColumns: ['email', 'full_name'] });
  });

  it('creates a login role with no password, read-only defaults and the limits as timeouts', () => {
    const lines = statements(build().sql);
    expect(lines[0]).toBe('CREATE ROLE "sql_eval_reader" LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS;');
    expect(lines).toEqual(
      expect.arrayContaining([
        'ALTER ROLE "sql_eval_reader" SET default_transaction_read_only = on;',
        'ALTER ROLE "sql_eval_reader" SET statement_timeout = 7000;',
        'ALTER ROLE "sql_eval_reader" SET lock_timeout = 1000;',
        'ALTER ROLE "sql_eval_reader" SET idle_in_transaction_session_timeout = 12000;',
      ]),
    );
    expect(build().sql).not.toMatch(/PASSWORD\s*'/i);
    expect(build().sql).toContain('\\password "sql_eval_reader"');
  });

  it('grants USAGE on each schema once and revokes table rights before granting, so a re-run converges', () => {
    const lines = statements(build().sql);
    expect(lines.filter((line) => line.startsWith('GRANT USAGE'))).toEqual(['GRANT USAGE ON SCHEMA "public" TO "sql_eval_reader";', 'GRANT USAGE ON SCHEMA "Sales Data" TO "sql_eval_reader";']);
    const firstGrant = lines.findIndex((line) => line.startsWith('GRANT SELECT'));
    const revokes = lines.map((line, index) => [line, index] as const).filter(([line]) => line.startsWith('REVOKE ALL ON ALL TABLES'));
    expect(revokes.map(([line]) => line)).toEqual(['REVOKE ALL ON ALL TABLES IN SCHEMA "public" FROM "sql_eval_reader";', 'REVOKE ALL ON ALL TABLES IN SCHEMA "Sales Data" FROM "sql_eval_reader";']);
    for (const [, index] of revokes) expect(index).toBeLessThan(firstGrant);
    expect(lines.some((line) => /GRANT (INSERT|UPDATE|DELETE|ALL)/.test(line))).toBe(false);
  });

  it('revokes EXECUTE on each existing risky function from PUBLIC and the role, and says why PUBLIC', () => {
    const script = build();
    const revokes = statements(script.sql).filter((line) => line.startsWith('REVOKE EXECUTE'));
    expect(revokes).toEqual([
      'REVOKE EXECUTE ON FUNCTION "extensions"."dblink_exec"(text, text) FROM PUBLIC, "sql_eval_reader";',
      'REVOKE EXECUTE ON FUNCTION "pg_catalog"."pg_sleep"(double precision) FROM PUBLIC, "sql_eval_reader";',
    ]);
    expect(script.sql).toMatch(/-- PUBLIC \(every role\) holds EXECUTE on functions by default/);
    expect(script.sql).toMatch(/REVOKE … FROM PUBLIC is the real lever/);
    expect(script.revokedFunctions).toEqual(['"extensions"."dblink_exec"(text, text)', '"pg_catalog"."pg_sleep"(double precision)']);
    expect(build({ riskyFunctions: [] }).sql).toContain('-- (none of them exists on this server)');
  });

  it('quotes the role name, doubling inner double quotes', () => {
    const lines = statements(build({ role: 'Reader "x"' }).sql);
    expect(lines[0]).toBe('CREATE ROLE "Reader ""x""" LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS;');
    expect(lines).toContain('GRANT SELECT ON TABLE "public"."products" TO "Reader ""x""";');
    expect(() => build({ role: '' })).toThrow(RangeError);
  });

  it('warns in the output when no column is marked PII', () => {
    const withoutPii: Catalog = { ...catalog, tables: [table('public', 'products', [column('id')])] };
    expect(build({ catalog: withoutPii }).sql).toMatch(/^-- WARNING: no column is marked `pii: true`/m);
    expect(build().sql).not.toMatch(/WARNING/);
  });
});
