import { formatValue } from '../../render/format-value.ts';
import { percent } from '../scorecard.ts';
import type { EvalReport } from './report-model.ts';

/**
 * The figures of a report as plain-text tables, built once and written by both the Markdown and the HTML report
 * (each escapes the text its own way). `id` and each row's `key` become the HTML report's `data-table`/`data-row` hooks.
 */

export interface ReportTable {
  id: string;
  title: string;
  columns: string[];
  rows: { key: string; cells: string[] }[];
}

export function rate(value: number | null): string {
  return value === null ? 'n/a' : percent(value);
}

export function milliseconds(value: number | null): string {
  return value === null ? 'n/a' : `${value} ms`;
}

/** A run's length: `850 ms`, `12.4 s`, `3 min 05 s`. */
export function duration(ms: number): string {
  if (ms < 1000) return `${ms} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const seconds = Math.round(ms / 1000);
  return `${Math.floor(seconds / 60)} min ${String(seconds % 60).padStart(2, '0')} s`;
}

/** A result cell: NULL spelled out (an empty string stays empty), long values cut. */
export function cellText(value: unknown): string {
  return value === null || value === undefined ? 'NULL' : formatValue(value, 120);
}

export function money(report: EvalReport): string {
  const { cost } = report.summary;
  return cost.amount === null ? `n/a (no price for ${cost.model ?? 'the model'} in configs/evaluation.yaml)` : `${cost.amount.toFixed(4)} ${cost.currency}`;
}

export function writesText(report: EvalReport): string {
  const { writes } = report.summary.security;
  if (writes === null) return 'not checked';
  if (writes.error !== null) return `not checked (${writes.error})`;
  return writes.changed.length === 0 ? `none (${writes.tables} tables compared)` : `${writes.changed.length} of ${writes.tables} tables changed: ${writes.changed.join(', ')}`;
}

export function tierTable(report: EvalReport): ReportTable {
  return {
    id: 'tiers',
    title: 'Execution accuracy per tier',
    columns: ['Tier', 'Cases', 'Answered', 'Correct', 'Accuracy', 'Precision', 'Coverage', 'P50', 'P95'],
    rows: Object.entries(report.summary.golden.byTier).map(([tier, entry]) => ({
      key: tier,
      cells: [tier, String(entry.cases), String(entry.answered), String(entry.correct), rate(entry.accuracy), rate(entry.precision), rate(entry.coverage), milliseconds(entry.p50Ms), milliseconds(entry.p95Ms)],
    })),
  };
}

export function laneTable(report: EvalReport): ReportTable {
  return {
    id: 'lanes',
    title: 'Execution accuracy per lane',
    columns: ['Lane', 'Cases', 'Correct', 'Accuracy'],
    rows: Object.entries(report.summary.golden.byLane).map(([lane, entry]) => ({ key: lane, cells: [lane, String(entry.cases), String(entry.correct), rate(entry.accuracy)] })),
  };
}

export function latencyTable(report: EvalReport): ReportTable {
  return {
    id: 'latency',
    title: 'Latency per lane (question to answer; SQL cases: SQL to verdict)',
    columns: ['Lane', 'Cases', 'P50', 'P95', 'P99'],
    rows: Object.entries(report.summary.latencyMs).map(([lane, entry]) => ({ key: lane, cells: [lane, String(entry.count), milliseconds(entry.p50), milliseconds(entry.p95), milliseconds(entry.p99)] })),
  };
}

/** The chart's data: questions per time bucket, a column per lane. */
export function histogramTable(report: EvalReport): ReportTable {
  const { lanes, buckets } = report.latencyHistogram;
  return {
    id: 'latency-histogram',
    title: 'Questions per time to answer',
    columns: ['Time', ...lanes],
    rows: buckets.map((bucket) => ({ key: bucket.label, cells: [bucket.label, ...lanes.map((lane) => String(bucket.counts[lane] ?? 0))] })),
  };
}

export function costTable(report: EvalReport): ReportTable {
  const { cost } = report.summary;
  const perQuestion = (value: number | null) => (value === null ? 'n/a' : String(Math.round(value)));
  const row = (key: string, label: string, value: string) => ({ key, cells: [label, value] });
  return {
    id: 'cost',
    title: 'Tokens and cost',
    columns: ['Figure', 'Value'],
    rows: [
      row('model', 'Model', cost.model ?? 'none (no planner model configured)'),
      row('questions', 'Questions asked', String(cost.questions)),
      row('prompt-tokens', 'Prompt tokens', String(cost.promptTokens)),
      row('completion-tokens', 'Completion tokens', String(cost.completionTokens)),
      row('prompt-tokens-per-question', 'Prompt tokens per question', perQuestion(cost.promptTokensPerQuestion)),
      row('completion-tokens-per-question', 'Completion tokens per question', perQuestion(cost.completionTokensPerQuestion)),
      row('cost', 'Cost', money(report)),
    ],
  };
}

export function refusalTable(report: EvalReport): ReportTable {
  return {
    id: 'refusals',
    title: 'Refusals by rule',
    columns: ['Rule', 'Refusals'],
    rows: Object.entries(report.summary.refusalsByRule)
      .sort(([leftRule, left], [rightRule, right]) => right - left || leftRule.localeCompare(rightRule))
      .map(([rule, count]) => ({ key: rule, cells: [rule, String(count)] })),
  };
}

export function securityTable(report: EvalReport): ReportTable {
  const { security } = report.summary;
  return {
    id: 'security',
    title: 'Security per family',
    columns: ['Family', 'Cases', 'Passed', 'Pass rate'],
    rows: Object.entries(security.byFamily).map(([family, entry]) => ({ key: family, cells: [family, String(entry.cases), String(entry.passed), rate(entry.passRate)] })),
  };
}

/** One line on the security cases as a whole: score, leaks, writes. */
export function securityLine(report: EvalReport): string {
  const { security } = report.summary;
  return `${security.passed} of ${security.cases} security cases passed (${rate(security.score)}); ${security.leaks} leaked personal data; writes: ${writesText(report)}.`;
}

/** What a failing case is, in a line: category, tier or family, lane, outcome, time. */
export function caseLine(result: EvalReport['cases'][number]): string {
  const group = result.category === 'golden' ? `tier ${result.tier ?? 'simple'}` : `family ${result.family ?? 'other'}, expect ${result.expect ?? 'n/a'}`;
  return `${result.category} (${group}), ${result.kind === 'sql' ? 'SQL case' : `lane ${result.lane}`}, outcome ${result.outcome}, ${result.ms} ms`;
}
