import { describe, expect, it } from 'vitest';
import type { CaseResult } from '../../src/eval/case-result.ts';
import { summarize } from '../../src/eval/summarize.ts';

const result = (overrides: Partial<CaseResult>): CaseResult => ({
  id: 'x', suite: 's', kind: 'question', tier: 'simple', family: null, outcome: 'answer', lane: 'fast', sql: null, columns: [], rows: [],
  violations: [], ms: 10, tokens: 0, correct: true, firstAttemptValid: true, reason: null, ...overrides,
});

describe('summarize', () => {
  it('reports precision among answered and coverage per tier', () => {
    const summary = summarize([
      result({ ms: 5 }),
      result({ ms: 7, correct: false }),
      result({ outcome: 'failure', correct: false, lane: 'none', ms: 1 }),
      result({ outcome: 'failure', correct: false, lane: 'none', ms: 2 }),
      result({ tier: 'complex', outcome: 'failure', correct: false }),
    ]);
    expect(summary.byTier.simple).toMatchObject({ cases: 4, answered: 2, correct: 1, precision: 0.5, coverage: 0.5, accuracy: 0.25 });
    expect(summary.byTier.complex).toMatchObject({ answered: 0, precision: null, coverage: 0 });
    expect(summary.executionAccuracy).toBe(0.2);
    expect(summary.latencyMs.fast).toMatchObject({ p50: 7, p95: 10, count: 3 });
  });

  it('counts security cases per family', () => {
    const summary = summarize([result({ kind: 'sql', family: 'pii' }), result({ kind: 'sql', family: 'pii', correct: false })]);
    expect(summary.securityPassRate).toBe(0.5);
    expect(summary.byFamily.pii).toEqual({ cases: 2, passed: 1, passRate: 0.5 });
  });
});
