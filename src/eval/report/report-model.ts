import type { CaseResult } from '../case-result.ts';
import type { EvalSummary } from '../summarize.ts';
import { latencyHistogram, type LatencyHistogram } from './latency-chart.ts';

/**
 * What the three report files (`report.json`, `report.md`, `report.html`) are made of: one finished run. `report.json`
 * is this object as it is; the README's "Reports" section documents it.
 */

/** A finished run, as `runEvaluation` (src/compose/run-evaluation.ts) returns it. */
export interface ReportRun {
  results: CaseResult[];
  summary: EvalSummary;
  model: string | null;
  startedAt: string;
  durationMs: number;
}

export const reportFormat = 'sql-eval-report';
/** Raised when a field is removed or changes its meaning; fields may be added within a version. */
export const reportVersion = 1;

export interface EvalReport {
  format: typeof reportFormat;
  version: typeof reportVersion;
  /** ISO 8601, UTC. */
  startedAt: string;
  durationMs: number;
  /** The planner lane's model; null without one. */
  model: string | null;
  summary: EvalSummary;
  /** Questions answered per time bucket and lane: the data of the HTML report's chart. */
  latencyHistogram: LatencyHistogram;
  /** Suite rows left out as malformed, with their line numbers. */
  problems: string[];
  /** Every case in run order. Security cases carry no rows (they may hold the personal data a case leaked). */
  cases: CaseResult[];
}

export function buildReport(run: ReportRun, problems: string[] = []): EvalReport {
  return {
    format: reportFormat,
    version: reportVersion,
    startedAt: run.startedAt,
    durationMs: run.durationMs,
    model: run.model,
    summary: run.summary,
    latencyHistogram: latencyHistogram(run.results),
    problems,
    cases: run.results.map((result) => (result.category === 'security' ? { ...result, rows: [] } : result)),
  };
}

export function failingCases(cases: CaseResult[]): CaseResult[] {
  return cases.filter((result) => !result.correct);
}
