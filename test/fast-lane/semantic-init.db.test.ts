import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCatalog } from '../../src/catalog/build-catalog.ts';
import { semanticModelSchema } from '../../src/config/semantic-model.ts';
import { createPostgresDatasource } from '../../src/providers/postgres/create-postgres-datasource.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';
import { runCli } from '../support/run-cli.ts';

/** `sql-eval semantic init` against a real database: its output is a semantic file that loads against that database. */

let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase({ sample: true });
});

afterAll(async () => {
  await database?.drop();
});

describe('sql-eval semantic init', () => {
  it('prints a starting semantic model that loads against the database', async () => {
    const run = await runCli(['semantic', 'init', '--database-url', database.url]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const model = semanticModelSchema.parse(parse(run.stdout));
    expect(model.tables.orders?.large).toBe(true);
    expect(model.tables.customers?.columns.email).toEqual({ description: 'E-mail address used to sign in.', synonyms: [], pii: false });
    expect(run.stdout).toMatch(/email: \{.*\} # dimension: .*looks like personal data: set pii: true if it is/);
    const datasource = createPostgresDatasource({ name: 'sample', connectionString: database.url });
    try {
      const catalog = buildCatalog({ datasource: 'sample', snapshot: await datasource.introspect(), semantic: model, semanticSource: 'init', searchPath: ['public'], largeTableRows: 100_000 });
      expect(catalog.tables).toHaveLength(6);
    } finally {
      await datasource.close();
    }
  });

  it('refuses an empty schema list and reports a schema with no tables', async () => {
    const empty = await runCli(['semantic', 'init', '--database-url', database.url, '--schemas', ' , ']);
    expect(empty).toMatchObject({ code: 2, stderr: 'sql-eval: --schemas must name at least one schema\n' });
    const missing = await runCli(['semantic', 'init', '--database-url', database.url, '--schemas', 'nowhere']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('no tables or views in schemas nowhere');
  });
});
