import { Document, isMap, isPair, type YAMLMap } from 'yaml';
import type { Catalog, CatalogTable } from '../catalog/catalog.ts';
import type { SemanticModel } from '../config/semantic-model.ts';
import { deriveSemanticLayer } from './semantic-layer/derive-semantic-layer.ts';
import { proposeMetrics } from './semantic-layer/propose-metrics.ts';
import type { SemanticField } from './semantic-layer/semantic-layer-types.ts';
import { nameWords } from './semantic-layer/words.ts';

/**
 * The derived model as a starting semantic file (`sql-eval semantic init`): every table and column with its comment as
 * description, empty synonyms, `pii: false` for the user to review, `unit: cents` for money in cents, `large: true`
 * from row estimates, and a comment per column saying how the fast lane reads it.
 */
export function renderSemanticModel(catalog: Catalog): string {
  const layer = deriveSemanticLayer(catalog);
  const model: SemanticModel = { datasource: catalog.datasource, synonyms: [], tables: {}, metrics: {} };
  const roles = new Map<string, string>();
  for (const table of catalog.tables) {
    const key = tableKey(catalog, table);
    const entity = layer.entities.find((candidate) => candidate.schema === table.schema && candidate.table === table.name);
    model.tables[key] = {
      ...(table.description ? { description: table.description } : {}),
      synonyms: [],
      ...(table.large ? { large: true } : {}),
      columns: Object.fromEntries(
        table.columns.map((column) => {
          const field = entity?.fields.find((candidate) => candidate.column === column.name);
          const role = entity ? describeRole(field, entity.labelColumn === column.name) : 'view: the fast lane does not read views';
          roles.set(`${key}.${column.name}`, looksPersonal(column.name) && !column.pii ? `${role}; looks like personal data: set pii: true if it is` : role);
          const cents = field?.minorUnits === true || nameWords(column.name).includes('cents');
          return [column.name, { ...(column.description ? { description: column.description } : {}), synonyms: [], pii: column.pii, ...(cents ? { unit: column.unit ?? 'cents' } : {}) }];
        }),
      ),
    };
  }
  model.metrics = proposeMetrics(layer);
  if (Object.keys(model.metrics).length === 0) delete (model as Partial<SemanticModel>).metrics;
  const document = new Document(model);
  document.commentBefore = [
    ` Semantic model for "${catalog.datasource}", written by \`sql-eval semantic init\` from the database's own description.`,
    ' Review it before use:',
    '   - tag every column holding personal data with `pii: true` (names, e-mails, phone numbers, addresses, free text):',
    '     the policy agent then refuses it without an entitlement, and the fast lane never reads it;',
    '   - add synonyms, the words people use for tables and columns (clients for customers, revenue for total_cents);',
    '   - money stored in cents keeps `unit: cents`, so questions in euros are converted;',
    '   - `metrics` are proposed from money-like columns and quantity × price pairs: keep, rename or delete them, and',
    '     add the words people use for them (sales, turnover) as synonyms.',
    ' The comment after each column says how the fast lane reads it.',
  ].join('\n');
  const tables = document.get('tables', true);
  if (isMap(tables)) {
    for (const tablePair of tables.items) {
      const columns = isMap(tablePair.value) ? (tablePair.value as YAMLMap).get('columns', true) : undefined;
      if (!isMap(columns)) continue;
      for (const columnPair of columns.items) {
        if (!isPair(columnPair) || !isMap(columnPair.value)) continue;
        columnPair.value.flow = true;
        columnPair.value.comment = ` ${roles.get(`${String(tablePair.key)}.${String(columnPair.key)}`) ?? ''}`;
      }
    }
  }
  return document.toString({ lineWidth: 0 });
}

const personalWords = new Set(['email', 'mail', 'phone', 'mobile', 'name', 'surname', 'address', 'street', 'zip', 'postcode', 'birth', 'birthday', 'dob', 'ssn', 'passport', 'iban', 'salary', 'password', 'ip', 'body', 'note', 'notes']);

/** Column names that usually hold personal data, so the comment asks the user to look. */
function looksPersonal(column: string): boolean {
  return nameWords(column).some((word) => personalWords.has(word));
}

function tableKey(catalog: Catalog, table: CatalogTable): string {
  return table.schema === catalog.searchPath[0] ? table.name : `${table.schema}.${table.name}`;
}

function describeRole(field: SemanticField | undefined, isLabel: boolean): string {
  if (!field) return 'not read by the fast lane (personal data, or a type it does not use)';
  if (field.role === 'measure') return field.minorUnits ? 'measure: money in cents' : 'measure';
  if (field.role === 'time') return 'time: periods and per day/week/month/quarter/year';
  if (field.role === 'key') return field.references ? `key: joins to ${field.references.split('.').pop() ?? ''}` : 'key';
  return isLabel ? 'dimension: names the rows in lists' : field.flag ? 'dimension: yes/no flag' : 'dimension: grouped by and filtered on its values';
}
