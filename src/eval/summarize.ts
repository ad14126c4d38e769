import type { EvaluationSettings } from '../config/evaluation.ts';
import type { CaseResult } from './case-result.ts';
import { percentile } from './percentile.ts';
import { scorecard, type ScorecardLine } from './scorecard.ts';
import type { WriteCheck } from './write-check.ts';

/**
 * The figures a run is judged by: one definition, used by the CLI, chat and the reports. Rates are fractions
 * (0–1), null when no case counts towards them; every figure says how many cases are behind it.
 */
export interface EvalSummary {
  cases: number;
  golden: GoldenFigures;
  security: SecurityFigures;
  /** Question to answer, per lane (`fast`, `llm`, `none` for questions no lane answered, `sql` for SQL cases). */
  latencyMs: Record<string, LatencyFigures>;
  cost: CostFigures;
  /** Refusals by policy rule (`pii`, `limit`, `read-only`…), over every case. */
  refusalsByRule: Record<string, number>;
  scorecard: ScorecardLine[];
}

export interface GoldenFigures {
  cases: number;
  correct: number;
  executionAccuracy: number | null;
  /** The first SQL proposed passed validation and policy and ran, without repair. */
  passAt1: number | null;
  byTier: Record<string, TierFigures>;
  byLane: Record<string, { cases: number; correct: number; accuracy: number }>;
}

/**
 * Per tier: `answered` counts answers (the lane did not abstain or fail), `precision` is correct among
 * answered, `coverage` is answered among all, `accuracy` is correct among all.
 */
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

export interface SecurityFigures {
  cases: number;
  passed: number;
  score: number | null;
  /** Cases whose rows held personal data the asker may not see. */
  leaks: number;
  /** Tables compared before and after the run; null when the run did not compare them. */
  writes: WriteCheck | null;
  byFamily: Record<string, { cases: number; passed: number; passRate: number }>;
}

export interface LatencyFigures {
  p50: number | null;
  p95: number | null;
  p99: number | null;
  count: number;
}

export interface CostFigures {
  /** The model the planner lane used; null without one. */
  model: string | null;
  promptTokens: number;
  completionTokens: number;
  /** Questions asked (golden and security questions), the denominator of the per-question figures. */
  questions: number;
  promptTokensPerQuestion: number | null;
  completionTokensPerQuestion: number | null;
  currency: string;
  /** Null when no price is set for the model in configs/evaluation.yaml. */
  amount: number | null;
}

export interface SummaryContext {
  settings: EvaluationSettings;
  model: string | null;
  writes: WriteCheck | null;
}

export function summarize(results: CaseResult[], context: SummaryContext): EvalSummary {
  const golden = results.filter((result) => result.category === 'golden');
  const security = results.filter((result) => result.category === 'security');
  const questions = results.filter((result) => result.kind === 'question');
  const rate = (part: number, whole: number) => (whole === 0 ? null : part / whole);

  const latencyMs: EvalSummary['latencyMs'] = {};
  for (const lane of new Set(results.map((result) => result.lane))) latencyMs[lane] = latencyOf(results.filter((result) => result.lane === lane));

  const byTier: GoldenFigures['byTier'] = {};
  for (const tier of new Set(golden.map((result) => result.tier ?? 'simple'))) {
    const inTier = golden.filter((result) => (result.tier ?? 'simple') === tier);
    const answered = inTier.filter((result) => result.outcome === 'answer');
    const correct = inTier.filter((result) => result.correct).length;
    const times = inTier.map((result) => result.ms);
    byTier[tier] = {
      cases: inTier.length,
      answered: answered.length,
      correct,
      accuracy: correct / inTier.length,
      precision: rate(answered.filter((result) => result.correct).length, answered.length),
      coverage: answered.length / inTier.length,
      p50Ms: percentile(times, 50),
      p95Ms: percentile(times, 95),
    };
  }
  const byLane: GoldenFigures['byLane'] = {};
  for (const lane of new Set(golden.map((result) => result.lane))) {
    const inLane = golden.filter((result) => result.lane === lane);
    const correct = inLane.filter((result) => result.correct).length;
    byLane[lane] = { cases: inLane.length, correct, accuracy: correct / inLane.length };
  }

  const byFamily: SecurityFigures['byFamily'] = {};
  for (const result of security) {
    const entry = (byFamily[result.family ?? 'other'] ??= { cases: 0, passed: 0, passRate: 0 });
    entry.cases += 1;
    if (result.correct) entry.passed += 1;
    entry.passRate = entry.passed / entry.cases;
  }

  const refusalsByRule: Record<string, number> = {};
  for (const result of results) {
    if (result.outcome !== 'refusal' && result.outcome !== 'block') continue;
    for (const rule of new Set(result.violations.map((violation) => violation.rule))) refusalsByRule[rule] = (refusalsByRule[rule] ?? 0) + 1;
  }

  const promptTokens = sum(results.map((result) => result.promptTokens));
  const completionTokens = sum(results.map((result) => result.completionTokens));
  const price = context.model === null ? undefined : context.settings.prices[context.model];
  const cost: CostFigures = {
    model: context.model,
    promptTokens,
    completionTokens,
    questions: questions.length,
    promptTokensPerQuestion: rate(promptTokens, questions.length),
    completionTokensPerQuestion: rate(completionTokens, questions.length),
    currency: context.settings.currency,
    amount: price === undefined ? (promptTokens + completionTokens === 0 ? 0 : null) : (promptTokens / 1000) * price.promptPer1k + (completionTokens / 1000) * price.completionPer1k,
  };

  const goldenCorrect = golden.filter((result) => result.correct).length;
  const summary: Omit<EvalSummary, 'scorecard'> = {
    cases: results.length,
    golden: {
      cases: golden.length,
      correct: goldenCorrect,
      executionAccuracy: rate(goldenCorrect, golden.length),
      passAt1: rate(golden.filter((result) => result.passAt1).length, golden.length),
      byTier,
      byLane,
    },
    security: {
      cases: security.length,
      passed: security.filter((result) => result.correct).length,
      score: rate(security.filter((result) => result.correct).length, security.length),
      leaks: security.filter((result) => result.leaks.length > 0).length,
      writes: context.writes,
      byFamily,
    },
    latencyMs,
    cost,
    refusalsByRule,
  };
  return { ...summary, scorecard: scorecard(summary, context.settings.thresholds) };
}

function latencyOf(results: CaseResult[]): LatencyFigures {
  const times = results.map((result) => result.ms);
  return { p50: percentile(times, 50), p95: percentile(times, 95), p99: percentile(times, 99), count: times.length };
}

function sum(values: number[]): number {
  return values.reduce((total, value) => total + value, 0);
}
