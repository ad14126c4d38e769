import type { RecordedSummary } from '../../ports/eval-run-store.ts';
import { percent } from '../scorecard.ts';

/** The figures history and compare show, each read from a recorded summary in one place. */

export type FigureKind = 'rate' | 'ms' | 'count' | 'money';

export interface Figure {
  /** The key in JSON output. */
  name: string;
  label: string;
  kind: FigureKind;
  /** Which way is an improvement; null when neither is. */
  higherIsBetter: boolean | null;
  of(summary: RecordedSummary): number | null;
}

/** The product's four figures, in the order of the scorecard: history draws a sparkline of each. */
export const trendFigures: Figure[] = [
  { name: 'executionAccuracy', label: 'accuracy', kind: 'rate', higherIsBetter: true, of: (summary) => summary.golden.executionAccuracy },
  { name: 'passAt1', label: 'pass@1', kind: 'rate', higherIsBetter: true, of: (summary) => summary.golden.passAt1 },
  { name: 'fastP95Ms', label: 'fast P95', kind: 'ms', higherIsBetter: false, of: (summary) => summary.latencyMs.fast?.p95 ?? null },
  { name: 'securityScore', label: 'security', kind: 'rate', higherIsBetter: true, of: (summary) => summary.security.score },
];

/** Everything compare sets side by side. */
export const comparedFigures: Figure[] = [
  ...trendFigures,
  { name: 'plannerP95Ms', label: 'planner P95', kind: 'ms', higherIsBetter: false, of: (summary) => summary.latencyMs.llm?.p95 ?? null },
  { name: 'leaks', label: 'leaks', kind: 'count', higherIsBetter: false, of: (summary) => summary.security.leaks },
  { name: 'tokens', label: 'tokens', kind: 'count', higherIsBetter: false, of: (summary) => summary.cost.promptTokens + summary.cost.completionTokens },
  { name: 'cost', label: 'cost', kind: 'money', higherIsBetter: false, of: (summary) => summary.cost.amount },
  { name: 'cases', label: 'cases', kind: 'count', higherIsBetter: null, of: (summary) => summary.cases },
];

export function figureValues(summary: RecordedSummary, figures: Figure[] = trendFigures): Record<string, number | null> {
  return Object.fromEntries(figures.map((figure) => [figure.name, figure.of(summary)]));
}

/** `93.8%`, `412 ms`, `535`, `0.0123`; `n/a` for a figure no case counted towards. */
export function showFigure(kind: FigureKind, value: number | null): string {
  if (value === null) return 'n/a';
  if (kind === 'rate') return percent(value);
  if (kind === 'ms') return `${Math.round(value)} ms`;
  if (kind === 'money') return value.toFixed(4);
  return String(value);
}

/** `+12.8 pts`, `-32 ms`, `+5`; `n/a` when either side has no value. */
export function showChange(kind: FigureKind, change: number | null): string {
  if (change === null) return 'n/a';
  const sign = change > 0 ? '+' : change < 0 ? '-' : '±';
  const size = Math.abs(change);
  if (kind === 'rate') return `${sign}${(Math.round(size * 1000) / 10).toFixed(1)} pts`;
  if (kind === 'ms') return `${sign}${Math.round(size)} ms`;
  if (kind === 'money') return `${sign}${size.toFixed(4)}`;
  return `${sign}${size}`;
}
