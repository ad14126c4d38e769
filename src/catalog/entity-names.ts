import { english } from '../language/english.ts';
import { singular } from '../language/stem.ts';
import { identifierWords } from '../language/words.ts';

/**
 * What a table's rows are called, read from its name: a prefix that only says what kind of table it is (`tbl_`, `dim_`,
 * `fct_`) is dropped, and so is a first word every table of the schema shares (`crmCustomer`, `crmDeal` → customer,
 * deal). The full name stays available to callers that want it.
 */

const kindPrefixes = new Set(english.tablePrefixes);

export interface TableName {
  schema: string;
  name: string;
}

/** The words naming the table's rows, plural as written: `tbl_leave_requests` → leave, requests. */
export function entityWords(table: TableName, tables: readonly TableName[]): string[] {
  const words = identifierWords(table.name);
  if (words.length > 1 && kindPrefixes.has(words[0] as string)) return words.slice(1);
  const shared = sharedFirstWordIn(tables, table.schema);
  if (shared !== null && words.length > 1 && words[0] === shared) return words.slice(1);
  return words;
}

/** The words naming one row: `tbl_leave_requests` → leave, request. */
export function entitySingularWords(table: TableName, tables: readonly TableName[]): string[] {
  const words = entityWords(table, tables);
  return [...words.slice(0, -1), singular(words[words.length - 1] ?? '')];
}

const sharedWords = new WeakMap<readonly TableName[], Map<string, string | null>>();

/** A first word all (at least two) tables of a schema share, each having more words after it; computed once per table list. */
function sharedFirstWordIn(tables: readonly TableName[], schema: string): string | null {
  let bySchema = sharedWords.get(tables);
  if (!bySchema) {
    bySchema = new Map();
    sharedWords.set(tables, bySchema);
  }
  if (!bySchema.has(schema)) bySchema.set(schema, sharedFirstWord(tables.filter((other) => other.schema === schema)));
  return bySchema.get(schema) ?? null;
}

function sharedFirstWord(tables: readonly TableName[]): string | null {
  if (tables.length < 2) return null;
  const firsts = new Set(tables.map((table) => {
    const words = identifierWords(table.name);
    return words.length > 1 ? words[0] : null;
  }));
  const [only] = firsts;
  return firsts.size === 1 && only !== null && only !== undefined ? only : null;
}

/** An identifier's words run together, for comparing names written differently: `customer_id`, `customerId`, `customerid`. */
export function compactName(name: string): string {
  return identifierWords(name).join('');
}
