import { describe, expect, it } from 'vitest';
import type { RecordedCase, RecordedEvalRun } from '../../src/ports/eval-run-store.ts';
import { compareRuns } from '../../src/eval/history/compare-runs.ts';
import { evalRunId, recordedRun } from '../../src/eval/history/recorded-run.ts';
import { renderComparison } from '../../src/eval/history/render-comparison.ts';
import { renderHistory } from '../../src/eval/history/render-history.ts';
import { showChange } from '../../src/eval/history/run-figures.ts';
import { sparkline } from '../../src/eval/history/sparkline.ts';
import type { CaseResult } from '../../src/eval/case-result.ts';
import { summarize } from '../../src/eval/summarize.ts';

const settings = { thresholds: { executionAccuracy: 0.9, passAt1: 0.95, fastLaneP95Ms: 2000, securityScore: 1 }, prices: {}, currency: 'USD' };

function result(id: string, correct: boolean, overrides: Partial<CaseResult> = {}): CaseResult {
  return {
    id,
    suite: 'golden-sample',
    category: 'golden',
    kind: 'question',
    question: `question ${id}`,
    tier: 'simple',
    family: null,
    expect: null,
    outcome: correct ? 'answer' : 'refusal',
    lane: 'fast',
    sql: 'SELECT 1',
    columns: ['n'],
    rows: [[1]],
    gold: 'SELECT 1',
    goldColumns: ['n'],
    goldRows: [[1]],
    violations: [],
    leaks: [],
    ms: 100,
    promptTokens: 0,
    completionTokens: 0,
    attempts: 0,
    correct,
    passAt1: correct,
    reason: correct ? null : 'no lane answered',
    ...overrides,
  };
}

function run(id: string, startedAt: string, results: CaseResult[], label: string | null = null): RecordedEvalRun {
  const finished = { results, summary: summarize(results, { settings, model: null, writes: null }), model: null, startedAt, durationMs: 1_000 };
  return { ...recordedRun(finished, { suites: ['golden-sample'], label }), id };
}

describe('sparkline', () => {
  it('scales a series from its lowest to its highest value', () => {
    expect(sparkline([0.5, 0.75, 1])).toBe('▁▅█');
    expect(sparkline([300, 200, 100, 200])).toBe('█▅▁▅');
  });

  it('draws equal values flat at mid height and a missing value as a dot', () => {
    expect(sparkline([1, 1, 1])).toBe('▄▄▄');
    expect(sparkline([null, 0, null, 1])).toBe('·▁·█');
    expect(sparkline([null, null])).toBe('··');
    expect(sparkline([])).toBe('');
  });
});

describe('recorded runs', () => {
  it('are named by their start time, sortable, with a short suffix', () => {
    expect(evalRunId('2026-11-30T22:43:11.052Z', 'ab12')).toBe('r-20261130-224311-ab12');
    const recorded = recordedRun({ results: [], summary: summarize([], { settings, model: null, writes: null }), model: null, startedAt: '2026-11-30T22:43:11.052Z', durationMs: 5 }, { suites: ['a', 'b', 'a'], label: null });
    expect(recorded.id).toMatch(/^r-20261130-224311-[0-9a-f]{4}$/);
    expect(recorded.suites).toEqual(['a', 'b']);
  });

  it('keep each case reduced to what a comparison needs, with a long reason cut', () => {
    const recorded = run('r-1', '2026-11-30T22:43:11.052Z', [result('a', true), result('b', false, { reason: 'x'.repeat(2_000) })]);
    expect(recorded.cases[0]).toEqual({ suite: 'golden-sample', id: 'a', category: 'golden', correct: true, outcome: 'answer', lane: 'fast', ms: 100, reason: null });
    expect(recorded.cases[1]?.reason).toHaveLength(500);
  });
});

describe('compare', () => {
  const before = run('r-a', '2026-11-30T10:00:00.000Z', [result('stays', true), result('breaks', true), result('mends', false), result('gone', true)], 'dee2884');
  const after = run('r-b', '2026-12-01T10:00:00.000Z', [result('stays', true), result('breaks', false), result('mends', true), result('new', false)], 'cafe123');

  it('lists the cases that flipped, those in one run only, and each figure with its change', () => {
    const comparison = compareRuns(before, after);
    expect(comparison.passToFail.map((flip) => flip.id)).toEqual(['breaks']);
    expect(comparison.failToPass.map((flip) => flip.id)).toEqual(['mends']);
    expect(comparison.onlyInA.map((entry: RecordedCase) => entry.id)).toEqual(['gone']);
    expect(comparison.onlyInB.map((entry: RecordedCase) => entry.id)).toEqual(['new']);
    expect(comparison.figures.find((figure) => figure.name === 'executionAccuracy')).toMatchObject({ a: 0.75, b: 0.5, change: -0.25, verdict: 'worse' });
    expect(comparison.figures.find((figure) => figure.name === 'cases')).toMatchObject({ a: 4, b: 4, change: 0, verdict: null });
    expect(comparison.figures.find((figure) => figure.name === 'securityScore')).toMatchObject({ a: null, b: null, change: null, verdict: null });
    expect(comparison.a).toEqual({ id: 'r-a', label: 'dee2884', suites: ['golden-sample'], startedAt: '2026-11-30T10:00:00.000Z', durationMs: 1_000, model: null });
  });

  it('finds nothing flipped between a run and itself', () => {
    const comparison = compareRuns(before, before);
    expect([comparison.passToFail, comparison.failToPass, comparison.onlyInA, comparison.onlyInB]).toEqual([[], [], [], []]);
    expect(renderComparison(comparison)).toContain('No case flipped.');
  });

  it('reads as text', () => {
    const text = renderComparison(compareRuns(before, after));
    expect(text).toContain('A: r-a  2026-11-30 10:00 UTC  dee2884  golden-sample');
    expect(text).toMatch(/accuracy\s+\| 75\.0%\s+\| 50\.0%\s+\| -25\.0 pts \(worse\)/);
    expect(text).toContain('Pass → fail (1):\n  golden-sample/breaks  answer [fast] → refusal [fast]  — no lane answered');
    expect(text).toContain('Only in B (1):\n  golden-sample/new  fail');
  });

  it('shows changes with their sign and unit', () => {
    expect(showChange('rate', 0.128)).toBe('+12.8 pts');
    expect(showChange('ms', -32)).toBe('-32 ms');
    expect(showChange('count', 0)).toBe('±0');
    expect(showChange('money', null)).toBe('n/a');
  });
});

describe('history', () => {
  it('prints one row a run, newest first, and a sparkline per figure, oldest to newest', () => {
    const runs = [
      run('r-3', '2026-12-02T09:00:00.000Z', [result('a', true), result('b', true)], 'c3'),
      run('r-2', '2026-12-01T09:00:00.000Z', [result('a', true), result('b', false)], 'c2'),
      run('r-1', '2026-11-30T09:00:00.000Z', [result('a', false), result('b', false)], null),
    ];
    const text = renderHistory(runs);
    const lines = text.split('\n');
    expect(lines[0]).toMatch(/^id\s+\| when \(UTC\)\s+\| label \| suites\s+\| accuracy \| pass@1 \| fast P95 \| security \| cases$/);
    expect(lines[2]).toMatch(/^r-3 \| 2026-12-02 09:00 \| c3\s+\| golden-sample \| 100\.0%\s+\| 100\.0% \| 100 ms\s+\| n\/a\s+\|\s+2$/);
    expect(text).toContain('Trend, oldest to newest (3 runs):');
    expect(text).toContain('accuracy  ▁▅█  0.0% → 100.0%');
    expect(text).toMatch(/^security {2}··· {2}n\/a$/m);
  });

  it('prints no trend for a single run', () => {
    expect(renderHistory([run('r-1', '2026-11-30T09:00:00.000Z', [result('a', true)])])).not.toContain('Trend');
  });
});
