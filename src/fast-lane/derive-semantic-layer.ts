import type { Catalog, CatalogColumn, CatalogTable } from '../catalog/catalog.ts';
import { displayName } from '../catalog/catalog.ts';
import { columnKind, isNumeric, isTemporal } from './column-kind.ts';
import { columnCoreWords, columnPhrases, tablePhrases } from './field-phrases.ts';
import type { SemanticEntity, SemanticField, SemanticJoin, SemanticLayer } from './semantic-layer-types.ts';
import { sqlIdentifier } from './sql-text.ts';
import { displayWords, nameWords, singularOf } from './words.ts';

/**
 * Derives the fast lane's semantic layer from the catalog. Tables become entities (views are left to the planner lane,
 * whose validator traces their columns to personal data); numeric non-key columns are measures, text, enum and boolean
 * columns dimensions, dates and timestamps time dimensions, primary and foreign keys keys. Columns tagged `pii: true`
 * are never fields: a question naming one is left to the planner lane and its policy agent.
 */
export function deriveSemanticLayer(catalog: Catalog): SemanticLayer {
  const tables = catalog.tables.filter((table) => table.kind === 'table' && table.columns.length > 0);
  const keyOf = (table: { schema: string; name: string }) => `${table.schema}.${table.name}`;
  const known = new Set(tables.map(keyOf));
  const singularWords = new Map(tables.map((table) => [keyOf(table), singularOf(displayWords(table.name)).split(' ')]));
  const aliases = new Set<string>();
  const entities = tables.map((table): SemanticEntity => {
    const key = keyOf(table);
    const entityWords = singularWords.get(key) ?? [];
    const referencing = referencedEntities(table, known);
    const fields = table.columns.flatMap((column) => {
      const field = deriveField(table, column, key, entityWords, referencing.get(column.name) ?? null, singularWords);
      return field ? [field] : [];
    });
    const idPhrases = table.primaryKey.length === 1 ? [[...entityWords, 'id']] : [];
    for (const field of fields) if (table.primaryKey.length === 1 && field.column === table.primaryKey[0]) field.phrases.push(...idPhrases);
    const plural = displayWords(table.name);
    return {
      key,
      schema: table.schema,
      table: table.name,
      sqlName: sqlName(catalog, table),
      alias: chooseAlias(table.name, aliases),
      singular: singularOf(plural),
      plural,
      description: table.description,
      phrases: tablePhrases(table.name, table.synonyms),
      primaryKey: table.primaryKey,
      labelColumn: chooseLabel(table, entityWords),
      fields,
      piiColumns: table.columns
        .filter((column) => column.pii)
        .map((column) => ({
          column: column.name,
          phrases: columnPhrases({ column: column.name, synonyms: column.synonyms, isTime: false, entityWords }),
        })),
      joins: deriveJoins(table, known),
    };
  });
  return { datasource: catalog.datasource, entities };
}

function deriveField(
  table: CatalogTable,
  column: CatalogColumn,
  entityKey: string,
  entityWords: string[],
  references: string | null,
  singularWords: Map<string, string[]>,
): SemanticField | null {
  if (column.pii) return null;
  const kind = columnKind(column.dataType);
  const isKey = table.primaryKey.includes(column.name) || references !== null;
  const role = isKey ? 'key' : isNumeric(kind) ? 'measure' : isTemporal(kind) ? 'time' : kind === 'text' || kind === 'boolean' ? 'dimension' : null;
  if (role === null) return null;
  const unitText = `${column.unit ?? ''} ${column.description ?? ''}`.toLowerCase();
  const minorUnits = role === 'measure' && (/\bcents?\b/.test(unitText) || nameWords(column.name).includes('cents'));
  return {
    entityKey,
    column: column.name,
    dataType: column.dataType,
    role,
    nullable: column.nullable,
    label: columnCoreWords(column.name, role === 'time').join(' '),
    phrases: columnPhrases({
      column: column.name,
      synonyms: column.synonyms,
      isTime: role === 'time',
      entityWords,
      referencedWords: references ? singularWords.get(references) : undefined,
    }),
    minorUnits,
    currency: minorUnits ? currencyIn(unitText) : null,
    references,
    integer: kind === 'integer',
    flag: kind === 'boolean',
  };
}

function currencyIn(text: string): string | null {
  if (/\beur(o|os)?\b|€/.test(text)) return 'euro';
  if (/\b(usd|dollars?)\b|\$/.test(text)) return 'dollar';
  if (/\b(gbp|pounds?)\b|£/.test(text)) return 'pound';
  return null;
}

/** Single-column foreign keys: column → referenced entity key (self-references included). */
function referencedEntities(table: CatalogTable, known: Set<string>): Map<string, string> {
  const references = new Map<string, string>();
  for (const foreignKey of table.foreignKeys) {
    const target = `${foreignKey.referencedSchema}.${foreignKey.referencedTable}`;
    if (foreignKey.columns.length === 1 && known.has(target)) references.set(foreignKey.columns[0] as string, target);
  }
  return references;
}

/** Foreign keys to other tables: the many-to-one joins the compiler may follow. */
function deriveJoins(table: CatalogTable, known: Set<string>): SemanticJoin[] {
  return table.foreignKeys.flatMap((foreignKey) => {
    const target = `${foreignKey.referencedSchema}.${foreignKey.referencedTable}`;
    if (!known.has(target) || target === `${table.schema}.${table.name}`) return [];
    const nullable = foreignKey.columns.some((name) => table.columns.find((column) => column.name === name)?.nullable !== false);
    return [{ columns: foreignKey.columns, target, targetColumns: foreignKey.referencedColumns, nullable }];
  });
}

function chooseLabel(table: CatalogTable, entityWords: string[]): string | null {
  const candidates = table.columns.filter((column) => !column.pii && !table.primaryKey.includes(column.name) && columnKind(column.dataType) === 'text');
  const core = (column: CatalogColumn) => {
    const words = nameWords(column.name);
    const prefix = words.slice(0, entityWords.length).join(' ');
    return prefix === entityWords.join(' ') && words.length > entityWords.length ? words.slice(entityWords.length) : words;
  };
  const exact = candidates.find((column) => ['name', 'title', 'label'].includes(core(column).join(' ')));
  return exact?.name ?? null;
}

const reservedAliases = new Set(['as', 'at', 'by', 'do', 'in', 'is', 'of', 'on', 'or', 'to', 'if', 'no', 'all', 'and', 'any', 'asc', 'end', 'for', 'not']);

function chooseAlias(table: string, taken: Set<string>): string {
  const initials = nameWords(table)
    .map((word) => word[0] ?? '')
    .join('')
    .replace(/[^a-z]/g, '');
  const base = initials === '' ? 't' : initials;
  let alias = base;
  for (let suffix = 2; taken.has(alias) || reservedAliases.has(alias); suffix += 1) alias = `${base}${suffix}`;
  taken.add(alias);
  return alias;
}

function sqlName(catalog: Catalog, table: CatalogTable): string {
  const name = displayName(catalog, table);
  if (name === table.name) return sqlIdentifier(table.name);
  return `${sqlIdentifier(table.schema)}.${sqlIdentifier(table.name)}`;
}
