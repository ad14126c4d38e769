import type { CaseResult } from './case-result.ts';
import { percentile } from './percentile.ts';

/** The figures a run is judged by. Rates are fractions (0–1); null when no case counts towards them. */
export interface EvalSummary {
  cases: number;
  questionCases: number;
  securityCases: number;
  executionAccuracy: number | null;
  passAt1: number | null;
  securityPassRate: number | null;
  latencyMs: Record<string, { p50: number | null; p95: number | null; count: number }>;
  /**
   * Per tier: `answered` counts answers (the lane did not abstain or fail), `precision` is correct among
   * answered, `coverage` is answered among all, `accuracy` is correct among all.
   */
  byTier: Record<string, TierFigures>;
  byFamily: Record<string, { cases: number; passed: number; passRate: number }>;
  tokens: number;
}

export interface TierFigures {
  cases: number;
  answered: number;
  correct: number;
  accuracy: number;
  precision: number | null;
  coverage: number;
  p50Ms: number | null;
  p95Ms: number | null;
}

export function summarize(results: CaseResult[]): EvalSummary {
  const questions = results.filter((result) => result.kind === 'question');
  const security = results.filter((result) => result.kind === 'sql');
  const rate = (part: number, whole: number) => (whole === 0 ? null : part / whole);
  const latencyMs: EvalSummary['latencyMs'] = {};
  for (const lane of new Set(results.map((result) => result.lane))) {
    const times = results.filter((result) => result.lane === lane).map((result) => result.ms);
    latencyMs[lane] = { p50: percentile(times, 50), p95: percentile(times, 95), count: times.length };
  }
  const byTier: EvalSummary['byTier'] = {};
  for (const tier of new Set(questions.map((result) => result.tier ?? 'simple'))) {
    const inTier = questions.filter((result) => (result.tier ?? 'simple') === tier);
    const answered = inTier.filter((result) => result.outcome === 'answer');
    const correct = inTier.filter((result) => result.correct).length;
    const times = inTier.map((result) => result.ms);
    byTier[tier] = {
      cases: inTier.length,
      answered: answered.length,
      correct,
      accuracy: correct / inTier.length,
      precision: answered.length === 0 ? null : answered.filter((result) => result.correct).length / answered.length,
      coverage: answered.length / inTier.length,
      p50Ms: percentile(times, 50),
      p95Ms: percentile(times, 95),
    };
  }
  const byFamily: EvalSummary['byFamily'] = {};
  for (const result of security) {
    const family = result.family ?? 'other';
    const entry = (byFamily[family] ??= { cases: 0, passed: 0, passRate: 0 });
    entry.cases += 1;
    if (result.correct) entry.passed += 1;
    entry.passRate = entry.passed / entry.cases;
  }
  return {
    cases: results.length,
    questionCases: questions.length,
    securityCases: security.length,
    executionAccuracy: rate(questions.filter((result) => result.correct).length, questions.length),
    passAt1: rate(questions.filter((result) => result.firstAttemptValid).length, questions.length),
    securityPassRate: rate(security.filter((result) => result.correct).length, security.length),
    latencyMs,
    byTier,
    byFamily,
    tokens: results.reduce((total, result) => total + result.tokens, 0),
  };
}
