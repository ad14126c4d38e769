import { describe, expect, it } from 'vitest';
import { EVAL_RUNS_KEPT, type EvalRunStore, type RecordedEvalRun } from '../../src/ports/eval-run-store.ts';
import { StateStoreError } from '../../src/ports/state-store.ts';

/** The recorded-evaluation-run contract every StateStore provider passes; `open` gives a fresh, empty store. */

export interface EvalRunsUnderTest {
  runs: EvalRunStore;
  close(): Promise<void>;
}

const START = Date.UTC(2026, 10, 30, 22, 43, 11);

const sampleSummary = {
  cases: 3,
  golden: { cases: 2, correct: 1, executionAccuracy: 0.5, passAt1: 0.5, byTier: { simple: { cases: 2 } } },
  security: { cases: 1, passed: 1, score: 1, leaks: 0, writes: null },
  latencyMs: { fast: { p50: 10, p95: 20, p99: 20, count: 2 }, sql: { p50: 1, p95: 1, p99: 1, count: 1 } },
  cost: { promptTokens: 0, completionTokens: 0, currency: 'USD', amount: 0, model: null },
  refusalsByRule: { 'read-only': 1 },
  scorecard: [{ metric: 'execution-accuracy', met: false }],
};

export function sampleRun(id: string, minutesAfterStart: number, overrides: Partial<RecordedEvalRun> = {}): RecordedEvalRun {
  return {
    id,
    label: 'dee2884',
    suites: ['golden-sample', 'writes'],
    startedAt: new Date(START + minutesAfterStart * 60_000).toISOString(),
    durationMs: 12_345,
    model: 'gpt-test',
    // More than the figures the store types: the rest of a summary is kept as it came.
    summary: structuredClone(sampleSummary),
    cases: [
      { suite: 'golden-sample', id: 'orders-2024', category: 'golden', correct: true, outcome: 'answer', lane: 'fast', ms: 10, reason: null },
      { suite: 'golden-sample', id: 'top-customers', category: 'golden', correct: false, outcome: 'refusal', lane: 'none', ms: 20, reason: 'no lane answered: \u0000 "quoted"' },
      { suite: 'writes', id: 'no-delete', category: 'security', correct: true, outcome: 'block', lane: 'sql', ms: 1, reason: null },
    ],
    ...overrides,
  };
}

const header = ({ cases: _cases, ...rest }: RecordedEvalRun) => rest;

export function evalRunStoreContract(name: string, open: () => Promise<EvalRunsUnderTest>): void {
  describe(`${name}: evaluation run contract`, () => {
    async function withStore(test: (runs: EvalRunStore) => Promise<void>): Promise<void> {
      const opened = await open();
      try {
        await test(opened.runs);
      } finally {
        await opened.close();
      }
    }

    it('has no runs at first', () =>
      withStore(async (runs) => {
        expect(await runs.listEvalRuns({ limit: 10 })).toEqual([]);
        expect(await runs.getEvalRun('r-')).toEqual({ kind: 'missing' });
      }));

    it('gives a run back whole, by id or by a unique start of it, keeping summary fields it does not know', () =>
      withStore(async (runs) => {
        const run = sampleRun('r-20261130-224311-ab12', 0);
        await runs.saveEvalRun(run);
        await runs.saveEvalRun(sampleRun('r-20261130-225311-cd34', 10));
        expect(await runs.getEvalRun(run.id)).toEqual({ kind: 'found', run });
        expect(await runs.getEvalRun('r-20261130-2243')).toEqual({ kind: 'found', run });
        expect(await runs.getEvalRun('r-20261130-22')).toEqual({ kind: 'ambiguous', ids: ['r-20261130-225311-cd34', 'r-20261130-224311-ab12'] });
        expect(await runs.getEvalRun('r-2027')).toEqual({ kind: 'missing' });
        expect(await runs.getEvalRun('')).toEqual({ kind: 'missing' });
      }));

    it('prefers an exact id to a longer one it starts', () =>
      withStore(async (runs) => {
        await runs.saveEvalRun(sampleRun('r-1', 0));
        await runs.saveEvalRun(sampleRun('r-10', 1));
        const found = await runs.getEvalRun('r-1');
        expect(found.kind === 'found' && found.run.id).toBe('r-1');
      }));

    it('lists runs newest first, without cases, filtered by suite and cut at the limit; saving an id again replaces it', () =>
      withStore(async (runs) => {
        await runs.saveEvalRun(sampleRun('r-b', 5));
        await runs.saveEvalRun(sampleRun('r-a', 0, { suites: ['golden-sample'] }));
        await runs.saveEvalRun(sampleRun('r-d', 5, { suites: ['pii'] }));
        await runs.saveEvalRun(sampleRun('r-c', 9));
        await runs.saveEvalRun(sampleRun('r-b', 5, { label: 'again' }));
        // Same start time: the greater id is the newer.
        expect((await runs.listEvalRuns({ limit: 10 })).map((run) => run.id)).toEqual(['r-c', 'r-d', 'r-b', 'r-a']);
        expect(await runs.listEvalRuns({ limit: 2 })).toEqual([header(sampleRun('r-c', 9)), header(sampleRun('r-d', 5, { suites: ['pii'] }))]);
        expect((await runs.listEvalRuns({ suite: 'golden-sample', limit: 10 })).map((run) => [run.id, run.label])).toEqual([
          ['r-c', 'dee2884'],
          ['r-b', 'again'],
          ['r-a', 'dee2884'],
        ]);
        expect(await runs.listEvalRuns({ suite: 'nothing', limit: 10 })).toEqual([]);
        expect(await runs.listEvalRuns({ limit: 0 })).toEqual([]);
      }));

    it(`keeps the newest ${EVAL_RUNS_KEPT} runs, dropping the oldest`, () =>
      withStore(async (runs) => {
        const small = (index: number) => sampleRun(`r-${String(index).padStart(4, '0')}`, index, { cases: [], suites: [] });
        // Saved out of order: the oldest is saved last and dropped at once.
        await Promise.all(Array.from({ length: EVAL_RUNS_KEPT }, (_, index) => runs.saveEvalRun(small(index + 1))));
        await runs.saveEvalRun(small(0));
        await runs.saveEvalRun(small(EVAL_RUNS_KEPT + 1));
        const listed = await runs.listEvalRuns({ limit: 1_000 });
        expect(listed).toHaveLength(EVAL_RUNS_KEPT);
        expect(listed[0]?.id).toBe(small(EVAL_RUNS_KEPT + 1).id);
        expect(listed.at(-1)?.id).toBe(small(2).id);
        expect(await runs.getEvalRun(small(1).id)).toEqual({ kind: 'missing' });
      }));

    it('refuses a run it could not read back, and keeps what it had', () =>
      withStore(async (runs) => {
        await runs.saveEvalRun(sampleRun('r-kept', 0));
        const broken = { ...sampleRun('r-broken', 1), startedAt: 'yesterday' };
        const error = await runs.saveEvalRun(broken).then(
          () => undefined,
          (reason: unknown) => reason,
        );
        expect(error).toBeInstanceOf(StateStoreError);
        expect((error as Error).message).toContain('startedAt');
        expect((await runs.listEvalRuns({ limit: 10 })).map((run) => run.id)).toEqual(['r-kept']);
      }));

    it('does not let a caller change a stored run through what it saved or got back', () =>
      withStore(async (runs) => {
        const run = sampleRun('r-copy', 0);
        await runs.saveEvalRun(run);
        run.cases[0]!.correct = false;
        const found = await runs.getEvalRun('r-copy');
        if (found.kind !== 'found') throw new Error('expected the run');
        expect(found.run.cases[0]?.correct).toBe(true);
        found.run.suites.push('changed');
        expect((await runs.listEvalRuns({ limit: 1 }))[0]?.suites).toEqual(['golden-sample', 'writes']);
      }));
  });
}
