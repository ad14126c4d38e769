import type { Catalog } from '../catalog/catalog.ts';
import type { Datasource } from '../ports/datasource.ts';
import type { VerifiedQueryStore } from '../ports/state-store.ts';
import { COUNTRY_NAMES, looksLikeCountryCodes } from './country-names.ts';
import { createSemanticParser, type SemanticParser } from './create-semantic-parser.ts';
import type { KnownValue } from './normalize-question.ts';
import { suggestQuestions } from './suggest-questions.ts';
import { buildValueIndex, type ValueIndex } from './value-index.ts';
import { createVerifiedQueryMatcher, type VerifiedQueryMatcher } from './verified-queries.ts';

/** Everything the fast lane needs for one datasource, built at start-up: value index, parser, verified queries. */

export interface OpenedFastLane {
  parser: SemanticParser;
  verifiedQueries: VerifiedQueryMatcher;
  suggestions: string[];
  valueIndex: ValueIndex;
}

export async function openFastLane(input: { datasource: Datasource; catalog: Catalog; store: VerifiedQueryStore }): Promise<OpenedFastLane> {
  const valueIndex = await buildValueIndex(input.datasource, input.catalog);
  const parser = createSemanticParser({ catalog: input.catalog, valueIndex });
  const verifiedQueries = createVerifiedQueryMatcher({ store: input.store, datasource: input.catalog.datasource, knownValues: knownValuesOf(valueIndex) });
  return { parser, verifiedQueries, suggestions: suggestQuestions(parser.layer, 4), valueIndex };
}

/** The value index as the verified-query matcher's known values: each value, and country names for code columns. */
export function knownValuesOf(valueIndex: ValueIndex): Map<string, KnownValue> {
  const known = new Map<string, KnownValue>();
  for (const column of valueIndex.columns) {
    const qualified = `${column.table}.${column.column}`;
    for (const value of column.values) known.set(value, { column: qualified, value });
    if (looksLikeCountryCodes(column.values)) {
      for (const value of column.values) for (const name of COUNTRY_NAMES[value] ?? []) known.set(name, { column: qualified, value });
    }
  }
  return known;
}
