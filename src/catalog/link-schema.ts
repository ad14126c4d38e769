import type { Catalog, CatalogTable } from './catalog.ts';
import { stem } from '../language/stem.ts';
import { identifierWords } from '../language/words.ts';
import { contentWords } from './words.ts';

/**
 * Schema linking: pick the tables a question needs, so the prompt stays small however large the
 * schema is. Tables are scored by the question's words against names, synonyms, column names and
 * descriptions; foreign-key neighbours that connect chosen tables are added.
 */

export interface LinkOptions {
  maxTables: number;
}

export const defaultLinkOptions: LinkOptions = { maxTables: 8 };

export function linkSchema(catalog: Catalog, question: string, options: LinkOptions = defaultLinkOptions): CatalogTable[] {
  const words = new Set(contentWords(question));
  if (catalog.tables.length <= options.maxTables) return catalog.tables;
  const scored = catalog.tables
    .map((table) => ({ table, score: scoreTable(table, words) }))
    .filter((entry) => entry.score > 0)
    .sort((left, right) => right.score - left.score);
  const chosen = scored.slice(0, options.maxTables).map((entry) => entry.table);
  // Nothing matched: offer the most connected tables, so the planner can still ask a good question back.
  if (chosen.length === 0) return mostConnected(catalog, options.maxTables);
  for (const bridge of bridgingTables(catalog, chosen)) {
    if (chosen.length >= options.maxTables) break;
    if (!chosen.includes(bridge)) chosen.push(bridge);
  }
  return chosen;
}

function scoreTable(table: CatalogTable, words: Set<string>): number {
  let score = 0;
  const nameWords = [...identifierWords(table.name), ...table.synonyms.flatMap(identifierWords)].map(stem);
  for (const word of nameWords) if (words.has(word)) score += 3;
  for (const column of table.columns) {
    const columnWords = [...identifierWords(column.name), ...column.synonyms.flatMap(identifierWords)].map(stem);
    if (columnWords.some((word) => words.has(word))) score += 1;
  }
  const descriptionWords = new Set(contentWords(table.description ?? ''));
  for (const word of words) if (descriptionWords.has(word)) score += 0.5;
  return score;
}

/** Tables that hold foreign keys to two chosen tables (e.g. order_items between orders and products). */
function bridgingTables(catalog: Catalog, chosen: CatalogTable[]): CatalogTable[] {
  const chosenNames = new Set(chosen.map((table) => `${table.schema}.${table.name}`));
  return catalog.tables.filter((table) => {
    const targets = new Set(table.foreignKeys.map((key) => `${key.referencedSchema}.${key.referencedTable}`));
    let linked = 0;
    for (const target of targets) if (chosenNames.has(target)) linked += 1;
    return linked >= 2;
  });
}

function mostConnected(catalog: Catalog, count: number): CatalogTable[] {
  const degree = new Map<CatalogTable, number>();
  for (const table of catalog.tables) {
    degree.set(table, (degree.get(table) ?? 0) + table.foreignKeys.length);
    for (const key of table.foreignKeys) {
      const target = catalog.tables.find((candidate) => candidate.schema === key.referencedSchema && candidate.name === key.referencedTable);
      if (target) degree.set(target, (degree.get(target) ?? 0) + 1);
    }
  }
  return [...catalog.tables].sort((left, right) => (degree.get(right) ?? 0) - (degree.get(left) ?? 0)).slice(0, count);
}
