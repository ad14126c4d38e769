import { EVAL_RUNS_KEPT, newestFirst, storableEvalRun, type EvalRunHeader, type EvalRunLookup, type EvalRunQuery, type RecordedEvalRun } from '../../ports/eval-run-store.ts';

/**
 * Recorded evaluation runs as plain data, newest first, at most `EVAL_RUNS_KEPT`; the memory and lowdb providers share
 * these. Values are copied in and out, so a caller mutating a returned run cannot change the stored ones.
 */

export interface EvalRunDocument {
  runs: RecordedEvalRun[];
}

export function emptyEvalRunDocument(): EvalRunDocument {
  return { runs: [] };
}

export function saveEvalRunIn(document: EvalRunDocument, run: RecordedEvalRun): void {
  const stored = structuredClone(storableEvalRun(run));
  document.runs = [stored, ...document.runs.filter((existing) => existing.id !== stored.id)].sort(newestFirst).slice(0, EVAL_RUNS_KEPT);
}

export function listEvalRunsIn(document: EvalRunDocument, query: EvalRunQuery): EvalRunHeader[] {
  const matching = document.runs.filter((run) => query.suite === undefined || run.suites.includes(query.suite));
  return matching.slice(0, Math.max(0, query.limit)).map(({ cases: _cases, ...header }) => structuredClone(header));
}

export function getEvalRunIn(document: EvalRunDocument, idOrPrefix: string): EvalRunLookup {
  const exact = document.runs.find((run) => run.id === idOrPrefix);
  if (exact !== undefined) return { kind: 'found', run: structuredClone(exact) };
  const matching = idOrPrefix === '' ? [] : document.runs.filter((run) => run.id.startsWith(idOrPrefix));
  if (matching.length === 0) return { kind: 'missing' };
  if (matching.length > 1) return { kind: 'ambiguous', ids: matching.map((run) => run.id) };
  return { kind: 'found', run: structuredClone(matching[0] as RecordedEvalRun) };
}
