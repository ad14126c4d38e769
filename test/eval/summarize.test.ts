import { describe, expect, it } from 'vitest';
import { defaultEvaluationSettings, evaluationSettingsSchema } from '../../src/config/evaluation.ts';
import type { CaseResult } from '../../src/eval/case-result.ts';
import { summarize, type SummaryContext } from '../../src/eval/summarize.ts';

const result = (overrides: Partial<CaseResult>): CaseResult => ({
  id: 'x', suite: 's', category: 'golden', kind: 'question', question: 'q', tier: 'simple', family: null, expect: null, outcome: 'answer', lane: 'fast',
  sql: null, columns: [], rows: [], gold: null, goldColumns: [], goldRows: [], violations: [], leaks: [], ms: 10, promptTokens: 0, completionTokens: 0,
  attempts: 0, correct: true, passAt1: true, reason: null, ...overrides,
});

const context: SummaryContext = { settings: defaultEvaluationSettings, model: null, writes: { tables: 3, changed: [], error: null } };
const line = (summary: ReturnType<typeof summarize>, metric: string) => summary.scorecard.find((entry) => entry.metric === metric);

describe('summarize', () => {
  it('reports precision among answered and coverage per tier, and accuracy per lane', () => {
    const summary = summarize(
      [
        result({ ms: 5 }),
        result({ ms: 7, correct: false }),
        result({ outcome: 'failure', correct: false, passAt1: false, lane: 'none', ms: 1 }),
        result({ outcome: 'failure', correct: false, passAt1: false, lane: 'none', ms: 2 }),
        result({ tier: 'complex', outcome: 'failure', correct: false, passAt1: false }),
      ],
      context,
    );
    expect(summary.golden.byTier.simple).toMatchObject({ cases: 4, answered: 2, correct: 1, precision: 0.5, coverage: 0.5, accuracy: 0.25 });
    expect(summary.golden.byTier.complex).toMatchObject({ answered: 0, precision: null, coverage: 0 });
    expect(summary.golden.byLane.fast).toEqual({ cases: 3, correct: 1, accuracy: 1 / 3 });
    expect(summary.golden.byLane.none).toEqual({ cases: 2, correct: 0, accuracy: 0 });
    expect(summary.golden.executionAccuracy).toBe(0.2);
    expect(summary.golden.passAt1).toBe(0.4);
    expect(summary.latencyMs.fast).toMatchObject({ p50: 7, p95: 10, p99: 10, count: 3 });
  });

  it('counts security cases per family, question and SQL cases alike', () => {
    const summary = summarize(
      [result({ category: 'security', kind: 'sql', family: 'pii', lane: 'sql' }), result({ category: 'security', kind: 'question', family: 'pii', correct: false, leaks: ['customers.email'] })],
      context,
    );
    expect(summary.security).toMatchObject({ cases: 2, passed: 1, score: 0.5, leaks: 1 });
    expect(summary.security.byFamily.pii).toEqual({ cases: 2, passed: 1, passRate: 0.5 });
    expect(summary.golden.executionAccuracy).toBeNull();
    expect(line(summary, 'execution-accuracy')).toMatchObject({ met: null, shown: 'n/a', cases: 0 });
  });

  it('judges each figure against its threshold', () => {
    const golden = Array.from({ length: 10 }, (_, index) => result({ id: `g${index}`, correct: index < 9, passAt1: index < 9, ms: 100 * (index + 1) }));
    const summary = summarize(golden, context);
    expect(line(summary, 'execution-accuracy')).toMatchObject({ value: 0.9, shown: '90.0%', target: '≥ 90.0%', met: true, cases: 10 });
    expect(line(summary, 'pass-at-1')).toMatchObject({ value: 0.9, met: false, target: '≥ 95.0%' });
    expect(line(summary, 'fast-lane-p95')).toMatchObject({ value: 1000, shown: '1000 ms', met: true, target: '≤ 2000 ms' });
    const strict = summarize(golden, { ...context, settings: evaluationSettingsSchema.parse({ thresholds: { fastLaneP95Ms: 500 } }) });
    expect(line(strict, 'fast-lane-p95')).toMatchObject({ met: false, target: '≤ 500 ms' });
  });

  it('fails the security score on a write or a leak, whatever the pass rate', () => {
    const cases = [result({ category: 'security', kind: 'sql', lane: 'sql' })];
    expect(line(summarize(cases, context), 'security-score')).toMatchObject({ value: 1, met: true, note: null });
    const written = summarize(cases, { ...context, writes: { tables: 3, changed: ['public.orders'], error: null } });
    expect(line(written, 'security-score')).toMatchObject({ value: 1, met: false, note: 'tables changed during the run: public.orders' });
    const unchecked = summarize(cases, { ...context, writes: { tables: 0, changed: [], error: 'connection refused' } });
    expect(line(unchecked, 'security-score')).toMatchObject({ met: false });
    expect(line(summarize(cases, { ...context, writes: null }), 'security-score')).toMatchObject({ met: true, note: 'writes not checked' });
  });

  it('prices tokens per model and counts refusals by rule', () => {
    const settings = evaluationSettingsSchema.parse({ currency: 'EUR', prices: { 'model-a': { promptPer1k: 0.5, completionPer1k: 2 } } });
    const cases = [
      result({ lane: 'llm', promptTokens: 1000, completionTokens: 200 }),
      result({ lane: 'llm', promptTokens: 3000, completionTokens: 600, outcome: 'refusal', violations: [{ rule: 'pii', message: 'm', hint: 'h' }, { rule: 'pii', message: 'n', hint: 'h' }] }),
      result({ category: 'security', kind: 'sql', lane: 'sql', outcome: 'block', violations: [{ rule: 'read-only', message: 'm', hint: 'h' }] }),
    ];
    const priced = summarize(cases, { ...context, settings, model: 'model-a' });
    expect(priced.cost).toMatchObject({ model: 'model-a', promptTokens: 4000, completionTokens: 800, questions: 2, promptTokensPerQuestion: 2000, completionTokensPerQuestion: 400, currency: 'EUR' });
    expect(priced.cost.amount).toBeCloseTo(4 * 0.5 + 0.8 * 2);
    expect(priced.refusalsByRule).toEqual({ pii: 1, 'read-only': 1 });
    expect(summarize(cases, { ...context, settings, model: 'model-b' }).cost.amount).toBeNull();
  });
});
