import type { Catalog } from '../catalog/catalog.ts';
import type { Datasource } from '../ports/datasource.ts';
import type { VerifiedQueryStore } from '../ports/state-store.ts';
import { COUNTRY_NAMES, looksLikeCountryCodes } from './semantic-layer/country-names.ts';
import { createSemanticParser, type SemanticParser } from './create-semantic-parser.ts';
import type { KnownValue } from './verified-queries/normalize-question.ts';
import { suggestQuestions } from './suggest-questions.ts';
import { isPassingSkip, readValueIndex, type SkippedTable, type ValueIndex } from './semantic-layer/value-index.ts';
import { createVerifiedQueryMatcher, type VerifiedQueryMatcher } from './verified-queries.ts';

/**
 * Everything the fast lane needs for one datasource, built at start-up: value index, parser, verified queries. The
 * value index is read again every `refreshIntervalMs`, and soon after a question the parser could not fully answer
 * while a table was skipped for a passing reason (locked, slow); the parser and matcher then switch to the new index.
 */

export interface OpenedFastLane {
  parser: SemanticParser;
  verifiedQueries: VerifiedQueryMatcher;
  suggestions: string[];
  /** The index in use now. */
  readonly valueIndex: ValueIndex;
  /** What the index in use left out, and why. */
  readonly skipped: readonly SkippedTable[];
  /** Reads the whole index again now (the interval does this on its own). */
  refresh(): Promise<void>;
  /** Stops the refreshes. */
  close(): Promise<void>;
}

/** Where the fast lane reports what it skipped and why (the composition passes the logger). */
export type FastLaneLog = (level: 'info' | 'warn', message: string, details: Record<string, unknown>) => void;

export interface OpenFastLaneInput {
  datasource: Datasource;
  catalog: Catalog;
  store: VerifiedQueryStore;
  /** How often the value index is read again; 0 never. Default 10 minutes. */
  refreshIntervalMs?: number | undefined;
  /** After a question met a skipped table, the least time before skipped tables are read again. Default 30 s. */
  retrySkippedAfterMs?: number | undefined;
  log?: FastLaneLog | undefined;
}

export const DEFAULT_VALUE_INDEX_REFRESH_MS = 10 * 60 * 1000;

interface Built {
  index: ValueIndex;
  skipped: SkippedTable[];
  parser: SemanticParser;
  verifiedQueries: VerifiedQueryMatcher;
}

export async function openFastLane(input: OpenFastLaneInput): Promise<OpenedFastLane> {
  const { datasource, catalog, store } = input;
  const log: FastLaneLog = input.log ?? (() => undefined);
  const retrySkippedAfterMs = input.retrySkippedAfterMs ?? 30_000;
  const build = (index: ValueIndex, skipped: SkippedTable[]): Built => ({
    index,
    skipped,
    parser: createSemanticParser({ catalog, valueIndex: index }),
    verifiedQueries: createVerifiedQueryMatcher({ store, datasource: catalog.datasource, knownValues: knownValuesOf(index) }),
  });
  const first = await readValueIndex(datasource, catalog);
  let current = build(first.index, first.skipped);
  reportSkipped(log, catalog.datasource, first.skipped);
  let closed = false;
  let refreshing: Promise<void> | undefined;
  let lastSkippedRetry = Date.now();

  /** Reads `tables` again (all when undefined) and switches to the result; a failure keeps the index in use. */
  const refresh = (tables?: ReadonlySet<string>): Promise<void> => {
    refreshing ??= (async () => {
      try {
        const reading = await readValueIndex(datasource, catalog, { tables, shouldStop: () => closed });
        if (closed) return;
        const kept = tables === undefined ? [] : current.index.columns.filter((column) => !tables.has(`${column.schema}.${column.table}`));
        const keptSkips = tables === undefined ? [] : current.skipped.filter((skip) => !tables.has(`${skip.schema}.${skip.table}`));
        const recovered = current.skipped.filter((skip) => isPassingSkip(skip.reason) && !reading.skipped.some((again) => again.schema === skip.schema && again.table === skip.table));
        current = build({ columns: [...kept, ...reading.index.columns] }, [...keptSkips, ...reading.skipped]);
        for (const table of recovered) log('info', `value index: ${table.schema}.${table.table} is indexed now`, { datasource: catalog.datasource, table: `${table.schema}.${table.table}` });
        reportSkipped(log, catalog.datasource, reading.skipped.filter((skip) => isPassingSkip(skip.reason)));
      } catch (error) {
        if (!closed) log('warn', 'value index: refresh failed; the previous index stays in use', { datasource: catalog.datasource, err: error });
      } finally {
        refreshing = undefined;
      }
    })();
    return refreshing;
  };

  /** A question the parser could not fully answer while tables were skipped for a passing reason: read those again, soon. */
  const retrySkipped = (outcome: ReturnType<SemanticParser['answer']>): void => {
    const passing = current.skipped.filter((skip) => isPassingSkip(skip.reason));
    if (closed || passing.length === 0 || refreshing !== undefined || Date.now() - lastSkippedRetry < retrySkippedAfterMs) return;
    const touched = outcome.kind === 'abstained' || passing.some((skip) => outcome.sql.includes(skip.table));
    if (!touched) return;
    lastSkippedRetry = Date.now();
    void refresh(new Set(passing.map((skip) => `${skip.schema}.${skip.table}`)));
  };

  const intervalMs = input.refreshIntervalMs ?? DEFAULT_VALUE_INDEX_REFRESH_MS;
  const timer = intervalMs > 0 ? setInterval(() => void refresh(), intervalMs) : undefined;
  timer?.unref();

  const parser: SemanticParser = {
    layer: current.parser.layer,
    answer(question, context) {
      const outcome = current.parser.answer(question, context);
      retrySkipped(outcome);
      return outcome;
    },
  };
  const verifiedQueries: VerifiedQueryMatcher = {
    remember: (question, sql, verifiedBy) => current.verifiedQueries.remember(question, sql, verifiedBy),
    match: (question) => current.verifiedQueries.match(question),
  };
  return {
    parser,
    verifiedQueries,
    suggestions: suggestQuestions(parser.layer, 4),
    get valueIndex() {
      return current.index;
    },
    get skipped() {
      return current.skipped;
    },
    refresh: () => refresh(),
    async close() {
      closed = true;
      if (timer !== undefined) clearInterval(timer);
      await refreshing;
    },
  };
}

function reportSkipped(log: FastLaneLog, datasource: string, skipped: SkippedTable[]): void {
  for (const skip of skipped) {
    const table = `${skip.schema}.${skip.table}`;
    const passing = isPassingSkip(skip.reason);
    log(passing ? 'warn' : 'info', `value index: skipped ${table} (${describeSkip(skip)})${passing ? '; it is read again later' : ''}`, {
      datasource,
      table,
      reason: skip.reason,
      columns: skip.columns,
    });
  }
}

function describeSkip(skip: SkippedTable): string {
  switch (skip.reason) {
    case 'large':
      return 'too many rows to read its distinct values';
    case 'locked':
      return 'locked by another session';
    case 'timeout':
      return 'reading its values took longer than the statement timeout';
    case 'busy':
      return 'left out after several columns in a row timed out';
    case 'overloaded':
      return 'the database had too many queries waiting';
    case 'unreadable':
      return 'the role cannot read these columns';
  }
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
