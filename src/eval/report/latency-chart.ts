import type { ChartChoice } from '../../render/choose-chart.ts';
import type { CaseResult } from '../case-result.ts';

/**
 * The latency distribution: how many questions were answered within each time bucket, per lane. Only questions count
 * (SQL cases are timed from SQL to verdict, not from question to answer). The same chart goes into the HTML report
 * (as SVG) and into chat (as PNG, through `renderChart`).
 */

export interface LatencyHistogram {
  /** The lanes that answered questions: `fast`, `llm`, then any other (`none`: no lane answered). */
  lanes: string[];
  /** Consecutive buckets from the first that holds a question to the last that does, empty ones between included. */
  buckets: LatencyBucket[];
}

export interface LatencyBucket {
  label: string;
  /** From this many milliseconds (inclusive) to `toMs` (exclusive; null: no upper bound). */
  fromMs: number;
  toMs: number | null;
  /** Questions per lane; every lane of `lanes` is present, 0 when none. */
  counts: Record<string, number>;
}

/** Bucket edges in milliseconds: fine where the fast lane answers, coarse where the planner does. */
const edges = [0, 10, 25, 50, 100, 250, 500, 1000, 2000, 5000, 10_000, 30_000, 60_000];
const laneOrder = ['fast', 'llm', 'none'];

export function latencyHistogram(results: CaseResult[]): LatencyHistogram {
  const questions = results.filter((result) => result.kind === 'question');
  const lanes = [...new Set(questions.map((result) => result.lane as string))].sort((left, right) => rank(left) - rank(right) || left.localeCompare(right));
  const all = edges.map((fromMs, index) => {
    const toMs = edges[index + 1] ?? null;
    const inBucket = questions.filter((result) => result.ms >= fromMs && (toMs === null || result.ms < toMs));
    return { label: bucketLabel(fromMs, toMs), fromMs, toMs, counts: Object.fromEntries(lanes.map((lane) => [lane, inBucket.filter((result) => result.lane === lane).length])) };
  });
  const held = all.map((bucket) => Object.values(bucket.counts).some((count) => count > 0));
  const first = held.indexOf(true);
  return { lanes, buckets: first < 0 ? [] : all.slice(first, held.lastIndexOf(true) + 1) };
}

/** A bar chart of the histogram: buckets in order, a bar per lane in each; null when no question was timed. */
export function latencyChart(source: CaseResult[] | LatencyHistogram): ChartChoice | null {
  const histogram = Array.isArray(source) ? latencyHistogram(source) : source;
  if (histogram.buckets.length === 0) return null;
  return {
    kind: 'bar',
    xLabel: 'question to answer',
    yLabel: 'questions',
    points: histogram.buckets.flatMap((bucket) => histogram.lanes.map((lane) => ({ x: bucket.label, y: bucket.counts[lane] ?? 0, series: lane }))),
    omitted: 0,
    keepOrder: true,
    seriesLabel: 'lane',
    wholeNumbers: true,
  };
}

function rank(lane: string): number {
  const index = laneOrder.indexOf(lane);
  return index < 0 ? laneOrder.length : index;
}

function bucketLabel(fromMs: number, toMs: number | null): string {
  if (fromMs === 0 && toMs !== null) return `< ${duration(toMs)}`;
  if (toMs === null) return `≥ ${duration(fromMs)}`;
  // Both ends in the same unit: `25–50 ms`, `1–2 s`.
  if (fromMs >= 1000 || toMs > 1000) return `${fromMs / 1000}–${toMs / 1000} s`;
  return `${fromMs}–${toMs} ms`;
}

function duration(ms: number): string {
  return ms >= 1000 ? `${ms / 1000} s` : `${ms} ms`;
}
