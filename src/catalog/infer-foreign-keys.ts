import { DatasourceError, type Datasource } from '../ports/datasource.ts';
import { quoteIdentifier, quoteQualifiedName } from '../sql/quote-identifier.ts';
import type { Catalog, CatalogForeignKey, CatalogTable } from './catalog.ts';
import { compactName, entitySingularWords, entityWords } from './entity-names.ts';

/**
 * Join paths for databases that declare no foreign keys. A column is a candidate when its name says which table it
 * points at: the referenced table's single-column primary key under the same specific name (`crmDeal.customerId` →
 * `crmCustomer.customerId`, `fct_sales.store_id` → `dim_store.store_id`), or the table's name followed by its key
 * (`orders.customer_id` → `customers.id`, `enrollment.studentid` → `student.id`), with key types of one family. A
 * candidate is kept only when the data agrees: every referencing value among up to `rowsChecked` rows exists in the
 * referenced key, checked once with a bounded query per batch and cached for the process. A column that could point at
 * two tables, or whose check failed or timed out, gets no join: the fast lane then abstains rather than guess.
 */

export interface InferForeignKeysOptions {
  /** Referencing rows read per candidate. Default 10,000. */
  rowsChecked?: number | undefined;
  /** Statement timeout of each batch. Default 3000 ms. */
  statementTimeoutMs?: number | undefined;
  /** Candidates checked per statement. Default 25. */
  batchSize?: number | undefined;
  /** Statements in flight at once. Default 3 (the datasource's own limits still apply). */
  concurrency?: number | undefined;
}

export interface ForeignKeyCandidate {
  table: CatalogTable;
  column: string;
  target: CatalogTable;
  targetColumn: string;
}

const genericKeys = new Set(['id', 'key', 'code', 'uuid', 'pk', 'no', 'number']);
const cache = new Map<string, Promise<ForeignKeyCandidate[]>>();

export async function inferForeignKeys(datasource: Datasource, catalog: Catalog, options: InferForeignKeysOptions = {}): Promise<Catalog> {
  const candidates = foreignKeyCandidates(catalog);
  if (candidates.length === 0) return catalog;
  const cacheKey = `${datasource.name}\n${candidates.map(describeCandidate).join('\n')}`;
  let confirmed = cache.get(cacheKey);
  if (confirmed === undefined) {
    confirmed = confirmCandidates(datasource, candidates, options);
    cache.set(cacheKey, confirmed);
    confirmed.catch(() => cache.delete(cacheKey));
  }
  return withInferredKeys(catalog, unambiguous(await confirmed));
}

/** Columns whose names point at another table's primary key (pure: no data read). */
export function foreignKeyCandidates(catalog: Catalog): ForeignKeyCandidate[] {
  const tables = catalog.tables.filter((table) => table.kind === 'table');
  const targets = tables.flatMap((table) => {
    const [key] = table.primaryKey;
    if (table.primaryKey.length !== 1 || key === undefined) return [];
    const keyColumn = table.columns.find((column) => column.name === key);
    if (!keyColumn) return [];
    const compactKey = compactName(key);
    const names = new Set<string>();
    if (!genericKeys.has(compactKey)) names.add(compactKey);
    const suffixes = genericKeys.has(compactKey) ? [compactKey] : [];
    for (const words of [entityWords(table, tables), entitySingularWords(table, tables)]) {
      for (const suffix of suffixes) names.add(`${words.join('')}${suffix}`);
    }
    return [{ table, key, family: typeFamily(keyColumn.dataType), names }];
  });
  const candidates: ForeignKeyCandidate[] = [];
  for (const table of tables) {
    const declared = new Set(table.foreignKeys.flatMap((foreignKey) => (foreignKey.columns.length === 1 ? foreignKey.columns : [])));
    for (const column of table.columns) {
      if (declared.has(column.name) || (table.primaryKey.length === 1 && table.primaryKey[0] === column.name)) continue;
      const family = typeFamily(column.dataType);
      if (family === null) continue;
      const compact = compactName(column.name);
      for (const target of targets) {
        if (target.table === table || target.family !== family || !target.names.has(compact)) continue;
        candidates.push({ table, column: column.name, target: target.table, targetColumn: target.key });
      }
    }
  }
  return candidates;
}

async function confirmCandidates(datasource: Datasource, candidates: ForeignKeyCandidate[], options: InferForeignKeysOptions): Promise<ForeignKeyCandidate[]> {
  const batchSize = options.batchSize ?? 25;
  const batches: ForeignKeyCandidate[][] = [];
  for (let start = 0; start < candidates.length; start += batchSize) batches.push(candidates.slice(start, start + batchSize));
  const confirmed = new Set<ForeignKeyCandidate>();
  let next = 0;
  const worker = async () => {
    for (let batch = batches[next++]; batch !== undefined; batch = batches[next++]) {
      const results = await checkBatch(datasource, batch, options);
      // A batch that failed (a slow table, a column the role cannot read) is checked one by one, so one bad table costs only itself.
      const perCandidate = results ?? (await Promise.all(batch.map(async (candidate) => (await checkBatch(datasource, [candidate], options))?.[0] ?? false)));
      batch.forEach((candidate, index) => {
        if (perCandidate[index] === true) confirmed.add(candidate);
      });
    }
  };
  await Promise.all(Array.from({ length: Math.min(options.concurrency ?? 3, batches.length) }, worker));
  return candidates.filter((candidate) => confirmed.has(candidate));
}

/**
 * One statement for the batch: per candidate, how many sampled referencing values there are and how many find their
 * row (a LEFT JOIN on the referenced primary key, which cannot multiply rows, so the planner can hash it).
 */
async function checkBatch(datasource: Datasource, batch: ForeignKeyCandidate[], options: InferForeignKeysOptions): Promise<boolean[] | null> {
  const rows = Math.max(1, Math.floor(options.rowsChecked ?? 10_000));
  const parts = batch.map((candidate, index) => {
    const column = quoteIdentifier(candidate.column);
    const key = quoteIdentifier(candidate.targetColumn);
    return `SELECT ${index} AS candidate, count(*) AS checked, count(r.${key}) AS found FROM (SELECT t.${column} AS value FROM ${quoteQualifiedName(candidate.table.schema, candidate.table.name)} t WHERE t.${column} IS NOT NULL LIMIT ${rows}) s LEFT JOIN ${quoteQualifiedName(candidate.target.schema, candidate.target.name)} r ON r.${key} = s.value`;
  });
  try {
    const result = await datasource.run(parts.join('\nUNION ALL\n'), { maxRows: batch.length, statementTimeoutMs: options.statementTimeoutMs ?? 3000 });
    const verdicts = batch.map(() => false);
    for (const [candidate, checked, found] of result.rows) verdicts[Number(candidate)] = Number(checked) > 0 && Number(found) === Number(checked);
    return verdicts;
  } catch (error) {
    if (error instanceof DatasourceError && error.code !== 'unavailable') return null;
    throw error;
  }
}

/** A column confirmed against two tables says nothing about either. */
function unambiguous(confirmed: ForeignKeyCandidate[]): ForeignKeyCandidate[] {
  const count = new Map<string, number>();
  const key = (candidate: ForeignKeyCandidate) => `${candidate.table.schema}.${candidate.table.name}.${candidate.column}`;
  for (const candidate of confirmed) count.set(key(candidate), (count.get(key(candidate)) ?? 0) + 1);
  return confirmed.filter((candidate) => count.get(key(candidate)) === 1);
}

function withInferredKeys(catalog: Catalog, inferred: ForeignKeyCandidate[]): Catalog {
  if (inferred.length === 0) return catalog;
  return {
    ...catalog,
    tables: catalog.tables.map((table) => {
      const own = inferred.filter((candidate) => candidate.table.schema === table.schema && candidate.table.name === table.name);
      if (own.length === 0) return table;
      const added: CatalogForeignKey[] = own.map((candidate) => ({
        columns: [candidate.column],
        referencedSchema: candidate.target.schema,
        referencedTable: candidate.target.name,
        referencedColumns: [candidate.targetColumn],
        inferred: true,
      }));
      return { ...table, foreignKeys: [...table.foreignKeys, ...added] };
    }),
  };
}

function describeCandidate(candidate: ForeignKeyCandidate): string {
  return `${candidate.table.schema}.${candidate.table.name}.${candidate.column}>${candidate.target.schema}.${candidate.target.name}.${candidate.targetColumn}`;
}

/** Key types that compare without a cast: integers with integers, text with text, uuids with uuids. */
function typeFamily(dataType: string): 'integer' | 'text' | 'uuid' | null {
  const type = dataType.toLowerCase();
  if (/^(smallint|integer|bigint|int[248]?)$/.test(type)) return 'integer';
  if (/^(text|character varying|varchar|character|char|citext)(\(\d+\))?$/.test(type)) return 'text';
  if (type === 'uuid') return 'uuid';
  return null;
}
