import type { SemanticModel } from '../config/semantic-model.ts';
import { ConfigError } from '../config/config-error.ts';
import type { ColumnInfo, SchemaSnapshot } from '../ports/datasource.ts';
import type { Catalog, CatalogMetric, CatalogTable } from './catalog.ts';
import { identifierWords } from '../language/words.ts';
import { readMetricExpression } from './metric-expression.ts';

export interface BuildCatalogInput {
  datasource: string;
  snapshot: SchemaSnapshot;
  semantic: SemanticModel;
  /** Where the semantic model came from, for error messages. */
  semanticSource: string;
  searchPath: string[];
  largeTableRows: number;
}

/**
 * Merges introspection with the semantic model. A semantic entry that names a table or column the
 * database does not have is an error: a misspelt `pii: true` must never fail open.
 */
export function buildCatalog(input: BuildCatalogInput): Catalog {
  const problems: string[] = [];
  const tables: CatalogTable[] = input.snapshot.tables.map((table) => {
    const semanticTable = semanticTableFor(input, table.schema, table.name);
    const columns = table.columns.map((column) => {
      const semanticColumn = semanticTable?.columns[column.name];
      return {
        name: column.name,
        dataType: column.dataType,
        nullable: column.nullable,
        description: semanticColumn?.description ?? column.comment,
        synonyms: semanticColumn?.synonyms ?? [],
        pii: semanticColumn?.pii ?? false,
        unit: semanticColumn?.unit ?? impliedUnit(column),
      };
    });
    if (semanticTable) {
      for (const columnName of Object.keys(semanticTable.columns)) {
        if (!table.columns.some((column) => column.name === columnName)) {
          problems.push(`tables.${table.name}.columns.${columnName}: table "${table.name}" has no column "${columnName}"`);
        }
      }
    }
    return {
      schema: table.schema,
      name: table.name,
      kind: table.kind,
      description: semanticTable?.description ?? table.comment,
      synonyms: semanticTable?.synonyms ?? [],
      large: semanticTable?.large ?? table.rowEstimate > input.largeTableRows,
      rowEstimate: table.rowEstimate,
      columns,
      primaryKey: table.primaryKey,
      foreignKeys: table.foreignKeys,
      viewDefinition: table.viewDefinition,
      ...(table.parents && table.parents.length > 0 ? { parents: table.parents } : {}),
    };
  });
  for (const key of Object.keys(input.semantic.tables)) {
    const [schema, name] = key.includes('.') ? (key.split('.', 2) as [string, string]) : [undefined, key];
    const exists = tables.some((table) => table.name === name && (schema === undefined ? input.searchPath.includes(table.schema) : table.schema === schema));
    if (!exists) problems.push(`tables.${key}: the database has no table or view "${key}" in schemas ${input.searchPath.join(', ')}`);
  }
  const metrics = Object.entries(input.semantic.metrics ?? {}).flatMap(([name, metric]): CatalogMetric[] => {
    const [schema, tableName] = metric.table.includes('.') ? (metric.table.split('.', 2) as [string, string]) : [undefined, metric.table];
    const table = tables.find((candidate) => candidate.kind === 'table' && candidate.name === tableName && (schema === undefined ? candidate.schema === input.searchPath[0] : candidate.schema === schema));
    if (!table) {
      problems.push(`metrics.${name}.table: the database has no table "${metric.table}" in schemas ${input.searchPath.join(', ')}`);
      return [];
    }
    const read = readMetricExpression(metric.expression, table.columns.map((column) => column.name));
    if (!read.ok) {
      problems.push(`metrics.${name}.expression: ${read.problem}`);
      return [];
    }
    const personal = read.columns.filter((column) => table.columns.find((candidate) => candidate.name === column)?.pii);
    if (personal.length > 0) {
      problems.push(`metrics.${name}.expression: reads personal data (${personal.join(', ')}), which a metric may not`);
      return [];
    }
    return [{ name, description: metric.description ?? null, synonyms: metric.synonyms, schema: table.schema, table: table.name, tokens: read.tokens, columns: read.columns, aggregate: metric.aggregate, unit: metric.unit ?? null }];
  });
  if (problems.length > 0) {
    throw new ConfigError(
      `The semantic model ${input.semanticSource} does not match the database "${input.datasource}":\n${problems.map((problem) => `  ${problem}`).join('\n')}\nFix or remove these entries (\`sql-eval semantic init\` writes a file that matches).`,
    );
  }
  return { datasource: input.datasource, searchPath: input.searchPath, tables, synonyms: input.semantic.synonyms ?? [], metrics, ...(input.semantic.currency ? { currency: input.semantic.currency.toUpperCase() } : {}) };
}

function semanticTableFor(input: BuildCatalogInput, schema: string, name: string) {
  const qualified = input.semantic.tables[`${schema}.${name}`];
  if (qualified) return qualified;
  return schema === input.searchPath[0] ? input.semantic.tables[name] : undefined;
}

/** Money in minor units said by the name (`total_cents`) or the comment ("in euro cents") of a numeric column. */
function impliedUnit(column: ColumnInfo): string | null {
  if (!/^(smallint|integer|bigint|int[248]?|numeric|decimal)/i.test(column.dataType)) return null;
  const nameSaysCents = identifierWords(column.name).at(-1) === 'cents';
  return nameSaysCents || /\bcents?\b/i.test(column.comment ?? '') ? 'cents' : null;
}
