import type { Catalog, CatalogColumn, CatalogMetric, CatalogTable } from '../../catalog/catalog.ts';
import { entitySingularWords, entityWords } from '../../catalog/entity-names.ts';
import { english } from '../../language/english.ts';
import { plural, singular } from '../../language/stem.ts';
import { columnKind, isNumeric, isTemporal } from './column-kind.ts';
import { identifierPhrase, nameColumn, tablePhrases } from './field-phrases.ts';
import type { SemanticEntity, SemanticField, SemanticJoin, SemanticLayer } from './semantic-layer-types.ts';
import { sqlIdentifier } from '../compile/sql-text.ts';
import { nameWords, phraseKey } from './words.ts';

/**
 * Derives the fast lane's semantic layer from the catalog. Tables become entities (views are left to the planner lane,
 * whose validator traces their columns to personal data); numeric non-key columns are measures, text, enum and boolean
 * columns dimensions, dates and timestamps time dimensions, primary and foreign keys (declared or inferred) keys.
 * Columns tagged `pii: true` are never fields: a question naming one is left to the planner lane and its policy agent.
 */
export function deriveSemanticLayer(catalog: Catalog): SemanticLayer {
  const tables = catalog.tables.filter((table) => table.kind === 'table' && table.columns.length > 0);
  const keyOf = (table: { schema: string; name: string }) => `${table.schema}.${table.name}`;
  const known = knownWords(catalog);
  const singularWords = new Map(tables.map((table) => [keyOf(table), entitySingularWords(table, tables).flatMap((word) => identifierPhrase(word, known))]));
  const aliases = new Set<string>();
  const entities = tables.map((table): SemanticEntity => {
    const key = keyOf(table);
    const ownWords = singularWords.get(key) ?? [];
    const references = referencedEntities(table, new Set(tables.map(keyOf)));
    const fields = table.columns.flatMap((column) => {
      const field = deriveField(table, column, key, ownWords, references.get(column.name) ?? null, singularWords, known);
      return field ? [field] : [];
    });
    if (table.primaryKey.length === 1) {
      const keyField = fields.find((field) => field.column === table.primaryKey[0]);
      keyField?.phrases.push([...ownWords, 'id']);
    }
    const pluralWords = [...ownWords.slice(0, -1), plural(ownWords[ownWords.length - 1] ?? '')];
    return {
      key,
      schema: table.schema,
      table: table.name,
      sqlName: sqlName(catalog, table),
      alias: chooseAlias(entityWords(table, tables), aliases),
      singular: ownWords.join(' '),
      plural: pluralWords.join(' '),
      description: table.description,
      phrases: tablePhrases([nameWords(table.name), pluralWords], table.synonyms),
      primaryKey: table.primaryKey,
      labelColumn: chooseLabel(table, fields),
      fields,
      piiColumns: table.columns
        .filter((column) => column.pii)
        .map((column) => ({ column: column.name, phrases: nameColumn({ column: column.name, synonyms: column.synonyms, isTime: false, entityWords: ownWords, known }).phrases })),
      joins: deriveJoins(table, new Set(tables.map(keyOf))),
    };
  });
  for (const metric of catalog.metrics ?? []) {
    const entity = entities.find((candidate) => candidate.schema === metric.schema && candidate.table === metric.table);
    if (entity) entity.fields.push(metricField(entity, metric));
  }
  const taken = new Set(entities.flatMap((entity) => [...entity.phrases, ...entity.fields.flatMap((field) => field.phrases)].map((phrase) => phraseKey(phrase))));
  const databaseNames = [catalog.datasource, ...catalog.searchPath.filter((schema) => schema !== 'public'), ...(catalog.synonyms ?? [])]
    .map((name) => nameWords(name))
    .filter((words) => words.length > 0 && !taken.has(phraseKey(words)));
  return { datasource: catalog.datasource, entities, databaseNames };
}

/** Words that may make up names written without separators: the schema's own multi-word names, and common schema words. */
function knownWords(catalog: Catalog): Set<string> {
  const known = new Set(english.schemaWords);
  for (const table of catalog.tables) {
    for (const name of [table.name, ...table.columns.map((column) => column.name)]) {
      const words = nameWords(name);
      if (words.length > 1) for (const word of words) if (word.length >= 2) known.add(word);
    }
    const words = nameWords(table.name);
    if (words.length === 1) known.add(singular(words[0] as string));
  }
  return known;
}

function deriveField(
  table: CatalogTable,
  column: CatalogColumn,
  entityKey: string,
  entityWords: string[],
  references: string | null,
  singularWords: Map<string, string[]>,
  known: ReadonlySet<string>,
): SemanticField | null {
  if (column.pii) return null;
  const kind = columnKind(column.dataType);
  const isKey = table.primaryKey.includes(column.name) || references !== null;
  const role = isKey ? 'key' : isNumeric(kind) ? 'measure' : isTemporal(kind) ? 'time' : kind === 'text' || kind === 'boolean' ? 'dimension' : null;
  if (role === null) return null;
  const naming = nameColumn({
    column: column.name,
    synonyms: column.synonyms,
    isTime: role === 'time',
    entityWords,
    referencedWords: references ? singularWords.get(references) : undefined,
    isFlag: kind === 'boolean',
    known,
  });
  const unitText = `${column.unit ?? ''} ${column.description ?? ''}`.toLowerCase();
  const minorUnits = role === 'measure' && (column.unit === 'cents' || /\bcents?\b/.test(unitText) || naming.unit === 'cents');
  return {
    entityKey,
    column: column.name,
    dataType: column.dataType,
    role,
    nullable: column.nullable,
    label: naming.label.join(' '),
    phrases: naming.phrases,
    partials: role === 'key' ? [] : naming.partials,
    minorUnits,
    perMajor: minorUnits ? english.money.minor.perMajor : null,
    currency: minorUnits ? currencyIn(unitText) : null,
    unit: role === 'measure' ? (minorUnits ? 'cents' : (column.unit ?? naming.unit)) : null,
    references,
    integer: kind === 'integer',
    flag: kind === 'boolean',
  };
}

/** A metric as a measure of its table's entity: named by its name and synonyms, aggregated its own way. */
function metricField(entity: SemanticEntity, metric: CatalogMetric): SemanticField {
  const minorUnits = metric.unit === 'cents';
  return {
    entityKey: entity.key,
    column: `metric:${metric.name}`,
    dataType: 'numeric',
    role: 'measure',
    nullable: true,
    label: nameWords(metric.name).join(' '),
    phrases: tablePhrases([nameWords(metric.name)], metric.synonyms),
    minorUnits,
    perMajor: minorUnits ? english.money.minor.perMajor : null,
    currency: minorUnits ? currencyIn(`${metric.description ?? ''}`.toLowerCase()) : null,
    unit: metric.unit,
    references: null,
    integer: false,
    flag: false,
    metric: { name: metric.name, tokens: metric.tokens, aggregate: metric.aggregate },
  };
}

function currencyIn(text: string): string | null {
  for (const [code, currency] of Object.entries(english.money.currencies)) {
    const words = currency.words.map((word) => word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|');
    if (new RegExp(`\\b(${words})\\b`).test(text) || currency.symbols.some((symbol) => text.includes(symbol))) return currency.words[0] ?? code.toLowerCase();
  }
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

const labelWords = new Set(english.labelWords);

/**
 * The column that names a row, shown next to its key: a text column called just `name`, `title` or `label` once the
 * entity's own words are dropped (`store_name` in stores, `agentName` in agents), else the one `full name`.
 */
function chooseLabel(table: CatalogTable, fields: SemanticField[]): string | null {
  const candidates = fields.filter((field) => field.role === 'dimension' && !field.flag && !table.primaryKey.includes(field.column));
  const named = candidates.filter((field) => labelWords.has(field.label));
  if (named.length === 1) return (named[0] as SemanticField).column;
  const full = candidates.filter((field) => field.label === 'full name');
  return full.length === 1 ? (full[0] as SemanticField).column : null;
}

const reservedAliases = new Set(['as', 'at', 'by', 'do', 'in', 'is', 'of', 'on', 'or', 'to', 'if', 'no', 'all', 'and', 'any', 'asc', 'end', 'for', 'not']);

function chooseAlias(words: string[], taken: Set<string>): string {
  const initials = words
    .map((word) => word[0] ?? '')
    .join('')
    .replace(/[^a-z]/g, '');
  const base = initials === '' ? 't' : initials;
  let alias = base;
  for (let suffix = 2; taken.has(alias) || reservedAliases.has(alias); suffix += 1) alias = `${base}${suffix}`;
  taken.add(alias);
  return alias;
}

/** Tables outside `public` are always written with their schema (`clinic.doctors`); `public` ones when it is not searched first. */
function sqlName(catalog: Catalog, table: CatalogTable): string {
  if (table.schema === 'public' && catalog.searchPath[0] === 'public') return sqlIdentifier(table.name);
  return `${sqlIdentifier(table.schema)}.${sqlIdentifier(table.name)}`;
}
