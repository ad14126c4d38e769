import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';

/**
 * The foreign development set: databases unlike the sample shop, one `<name>.sql` (schema and deterministic data) and
 * one `<name>.yaml` (questions with gold SQL) each, split once by database into `tune/` and `held-out/`.
 *
 *   pnpm tsx eval/foreign/load-foreign.ts --admin-url postgres://postgres@127.0.0.1:5432/postgres [--split tune] [--database clinic]
 *
 * creates one database per `.sql` file (named `foreign_<name>`, replaced when it exists) and prints its URL, for
 * `pnpm sql-eval eval --suite eval/foreign/tune/clinic.yaml --lane fast --database-url <that URL>`.
 */

export const foreignSplits = ['tune', 'held-out'] as const;
export type ForeignSplit = (typeof foreignSplits)[number];

export interface ForeignDatabase {
  name: string;
  split: ForeignSplit;
  sqlPath: string;
  suitePath: string;
}

const folder = import.meta.dirname;

export async function listForeignDatabases(split: ForeignSplit): Promise<ForeignDatabase[]> {
  const directory = path.join(folder, split);
  const files = (await readdir(directory)).filter((file) => file.endsWith('.sql')).sort();
  return files.map((file) => {
    const name = file.slice(0, -'.sql'.length);
    return { name, split, sqlPath: path.join(directory, file), suitePath: path.join(directory, `${name}.yaml`) };
  });
}

/** Runs the database's SQL file in one transaction against an empty database. */
export async function loadForeignDatabase(databaseUrl: string, database: ForeignDatabase): Promise<void> {
  const sql = await readFile(database.sqlPath, 'utf8');
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query(`BEGIN; ${sql.replace(/\bANALYZE;\s*$/, '')} COMMIT;`);
    await client.query('ANALYZE');
  } finally {
    await client.end();
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { 'admin-url': { type: 'string' }, split: { type: 'string' }, database: { type: 'string' } } });
  const adminUrl = values['admin-url'];
  if (!adminUrl) throw new Error('--admin-url is required: a URL of a role that may create databases');
  const splits = values.split ? foreignSplits.filter((split) => split === values.split) : [...foreignSplits];
  if (splits.length === 0) throw new Error(`--split must be one of ${foreignSplits.join(', ')}`);
  for (const split of splits) {
    for (const database of await listForeignDatabases(split)) {
      if (values.database && values.database !== database.name) continue;
      const name = `foreign_${database.name}`;
      const admin = new pg.Client({ connectionString: adminUrl });
      await admin.connect();
      try {
        await admin.query(`DROP DATABASE IF EXISTS ${admin.escapeIdentifier(name)}`);
        await admin.query(`CREATE DATABASE ${admin.escapeIdentifier(name)}`);
      } finally {
        await admin.end();
      }
      const url = new URL(adminUrl);
      url.pathname = `/${name}`;
      await loadForeignDatabase(url.toString(), database);
      process.stdout.write(`${split}/${database.name}: ${url.protocol}//${url.host}/${name}\n`);
    }
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) await main();
