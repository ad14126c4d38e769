import { readFile } from 'node:fs/promises';
import pg from 'pg';
import { generateSampleData, SAMPLE_DATA_VERSION, SAMPLE_SEED, type SampleTable, type SampleTableName } from './generate.ts';
import { SAMPLE_TABLE_LOAD_ORDER } from './sample-tables.ts';
import { sampleVersionComment } from './sample-version.ts';

/** Creates the sample shop's tables (schema.sql) in one transaction, fills them in chunks with `unnest`, analyses them. */

export interface LoadSampleDatabaseOptions {
  /** Schema that receives the tables; created when missing. Default `public`. */
  schema?: string | undefined;
  /** Drop the sample tables first when they exist; without it, existing tables are an error. */
  replace?: boolean | undefined;
  seed?: number | undefined;
  /** Rows sent per INSERT (one round trip each). */
  rowsPerChunk?: number | undefined;
}

export interface LoadSampleDatabaseResult {
  schema: string;
  version: number;
  rowCounts: Record<SampleTableName, number>;
  elapsedMs: number;
}

const DEFAULT_ROWS_PER_CHUNK = 20_000;
const SCHEMA_FILE = new URL('./schema.sql', import.meta.url);

/**
 * Loads the sample data through `target` (a connected client that is not inside a transaction, or a connection string).
 * Refuses when any sample table already exists in the schema, unless `replace` is set.
 */
export async function loadSampleDatabase(target: pg.ClientBase | string, options: LoadSampleDatabaseOptions = {}): Promise<LoadSampleDatabaseResult> {
  if (typeof target !== 'string') return loadWithClient(target, options);
  const client = new pg.Client({ connectionString: target });
  await client.connect();
  try {
    return await loadWithClient(client, options);
  } finally {
    await client.end();
  }
}

async function loadWithClient(client: pg.ClientBase, options: LoadSampleDatabaseOptions): Promise<LoadSampleDatabaseResult> {
  const startedAt = performance.now();
  const schema = options.schema ?? 'public';
  const rowsPerChunk = options.rowsPerChunk ?? DEFAULT_ROWS_PER_CHUNK;
  if (!Number.isInteger(rowsPerChunk) || rowsPerChunk < 1) throw new RangeError('rowsPerChunk must be a positive integer');
  const quotedSchema = client.escapeIdentifier(schema);
  const [schemaSql, tables] = await Promise.all([readFile(SCHEMA_FILE, 'utf8'), Promise.resolve(generateSampleData(options.seed ?? SAMPLE_SEED))]);

  await client.query('BEGIN');
  try {
    await client.query(`CREATE SCHEMA IF NOT EXISTS ${quotedSchema}`);
    const existing = await existingSampleTables(client, schema);
    if (existing.length > 0) {
      if (options.replace !== true) {
        throw new Error(`The sample tables already exist in schema "${schema}" (${existing.join(', ')}). Use the replace option ("sql-eval sample-db load --replace") to drop and reload them.`);
      }
      await client.query(`DROP TABLE ${existing.map((table) => `${quotedSchema}.${client.escapeIdentifier(table)}`).join(', ')}`);
    }
    // schema.sql uses unqualified names: point the transaction's search path at the target schema.
    await client.query(`SET LOCAL search_path TO ${quotedSchema}`);
    await client.query(schemaSql);
    for (const table of tables) await insertTable(client, quotedSchema, table, rowsPerChunk);
    await client.query(`COMMENT ON SCHEMA ${quotedSchema} IS ${client.escapeLiteral(sampleVersionComment(SAMPLE_DATA_VERSION))}`);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
  await client.query(`ANALYZE ${SAMPLE_TABLE_LOAD_ORDER.map((table) => `${quotedSchema}.${client.escapeIdentifier(table)}`).join(', ')}`);

  const rowCounts = Object.fromEntries(tables.map((table) => [table.name, table.rowCount])) as Record<SampleTableName, number>;
  return { schema, version: SAMPLE_DATA_VERSION, rowCounts, elapsedMs: Math.round(performance.now() - startedAt) };
}

async function existingSampleTables(client: pg.ClientBase, schema: string): Promise<string[]> {
  const result = await client.query<{ relname: string }>({
    text: `SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
           WHERE n.nspname = $1 AND c.relname = ANY($2::text[]) ORDER BY c.relname`,
    values: [schema, [...SAMPLE_TABLE_LOAD_ORDER]],
  });
  return result.rows.map((row) => row.relname);
}

/** One `INSERT ... SELECT * FROM unnest($1::integer[], $2::text[], ...)` per chunk: a single round trip, values as parameters. */
async function insertTable(client: pg.ClientBase, quotedSchema: string, table: SampleTable, rowsPerChunk: number): Promise<void> {
  const columnList = table.columns.map((column) => client.escapeIdentifier(column.name)).join(', ');
  const arrays = table.columns.map((column, index) => `$${index + 1}::${column.type}[]`).join(', ');
  const text = `INSERT INTO ${quotedSchema}.${client.escapeIdentifier(table.name)} (${columnList}) SELECT * FROM unnest(${arrays})`;
  for (let start = 0; start < table.rowCount; start += rowsPerChunk) {
    const values = table.columns.map((column) => column.values.slice(start, start + rowsPerChunk));
    await client.query({ text, values });
  }
}
