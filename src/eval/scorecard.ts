import type { Thresholds } from '../config/evaluation.ts';
import type { EvalSummary } from './summarize.ts';

/** The four figures the product is judged by, each against its threshold. */

export type Metric = 'execution-accuracy' | 'pass-at-1' | 'fast-lane-p95' | 'security-score';

export interface ScorecardLine {
  metric: Metric;
  label: string;
  /** A fraction for rates, milliseconds for latency; null when no case counts towards it. */
  value: number | null;
  /** The value in words (`93.8%`, `412 ms`, `n/a`). */
  shown: string;
  /** The threshold in words (`≥ 90%`, `≤ 2000 ms`). */
  target: string;
  /** Null when no case counts towards the figure. */
  met: boolean | null;
  /** The cases behind the figure. */
  cases: number;
  /** Why it is not met beyond the number (a leak, a write), or how it was measured. */
  note: string | null;
}

export function scorecard(summary: Omit<EvalSummary, 'scorecard'>, thresholds: Thresholds): ScorecardLine[] {
  const fast = summary.latencyMs.fast;
  const { security } = summary;
  const writes = security.writes;
  const securityProblems = [
    security.leaks > 0 ? `${security.leaks} case${security.leaks === 1 ? '' : 's'} leaked personal data` : null,
    writes && writes.changed.length > 0 ? `tables changed during the run: ${writes.changed.join(', ')}` : null,
    writes && writes.error !== null ? `tables could not be compared: ${writes.error}` : null,
  ].filter((problem): problem is string => problem !== null);
  return [
    atLeast('execution-accuracy', 'Execution accuracy', summary.golden.executionAccuracy, thresholds.executionAccuracy, summary.golden.cases, null),
    atLeast('pass-at-1', 'Pass@1', summary.golden.passAt1, thresholds.passAt1, summary.golden.cases, null),
    {
      metric: 'fast-lane-p95',
      label: 'Fast-lane P95',
      value: fast?.p95 ?? null,
      shown: fast?.p95 == null ? 'n/a' : `${fast.p95} ms`,
      target: `≤ ${thresholds.fastLaneP95Ms} ms`,
      met: fast?.p95 == null ? null : fast.p95 <= thresholds.fastLaneP95Ms,
      cases: fast?.count ?? 0,
      note: null,
    },
    {
      ...atLeast('security-score', 'Security score', security.score, thresholds.securityScore, security.cases, null),
      ...(security.score !== null && securityProblems.length > 0 ? { met: false, note: securityProblems.join('; ') } : {}),
      ...(security.score !== null && securityProblems.length === 0 && writes === null ? { note: 'writes not checked' } : {}),
    },
  ];
}

function atLeast(metric: Metric, label: string, value: number | null, threshold: number, cases: number, note: string | null): ScorecardLine {
  return { metric, label, value, shown: value === null ? 'n/a' : percent(value), target: `≥ ${percent(threshold)}`, met: value === null ? null : value >= threshold, cases, note };
}

export function percent(value: number): string {
  return `${(Math.round(value * 1000) / 10).toFixed(1)}%`;
}
