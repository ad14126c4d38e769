/**
 * Output columns of the set-returning functions people use in FROM. A function not listed here is
 * "opaque": its columns are unknown, so the analyzer lets names resolve to it without base columns.
 */
const recordColumns: Record<string, string[]> = {
  json_each: ['key', 'value'],
  jsonb_each: ['key', 'value'],
  json_each_text: ['key', 'value'],
  jsonb_each_text: ['key', 'value'],
  json_array_elements: ['value'],
  jsonb_array_elements: ['value'],
  json_array_elements_text: ['value'],
  jsonb_array_elements_text: ['value'],
  json_object_keys: ['json_object_keys'],
  jsonb_object_keys: ['jsonb_object_keys'],
};

const scalarFunctions = new Set(['generate_series', 'unnest', 'regexp_split_to_table', 'regexp_matches', 'string_to_table', 'generate_subscripts']);

/** Column names of `name(...)` in FROM, or undefined when unknown. A scalar function's column takes the alias. */
export function columnsOfTableFunction(name: string, alias: string | undefined): string[] | undefined {
  const record = recordColumns[name];
  if (record) return record;
  if (scalarFunctions.has(name)) return [alias ?? name];
  return undefined;
}

/** True for a set-returning function (one that returns rows), which PostgreSQL refuses in a WHERE clause. */
export function isSetReturningFunction(name: string): boolean {
  const bare = name.split('.').at(-1) as string;
  return Object.hasOwn(recordColumns, bare) || scalarFunctions.has(bare) || bare === 'jsonb_path_query';
}
