import type { EvalRunHeader, RecordedCase, RecordedEvalRun } from '../../ports/eval-run-store.ts';
import { comparedFigures, type FigureKind } from './run-figures.ts';

/** Two recorded runs side by side: the figures and their change, and the cases that flipped or ran in one only. */

/** Which run it was, without its summary. */
export type RunIdentity = Omit<EvalRunHeader, 'summary'>;

export interface FigureChange {
  name: string;
  label: string;
  kind: FigureKind;
  a: number | null;
  b: number | null;
  /** `b - a`; null when either is missing. */
  change: number | null;
  /** Null when the figure did not change, is missing on a side, or has no better direction. */
  verdict: 'better' | 'worse' | null;
}

export interface FlippedCase {
  suite: string;
  id: string;
  a: RecordedCase;
  b: RecordedCase;
}

export interface RunComparison {
  a: RunIdentity;
  b: RunIdentity;
  figures: FigureChange[];
  /** Correct in A, not in B. */
  passToFail: FlippedCase[];
  /** Not correct in A, correct in B. */
  failToPass: FlippedCase[];
  onlyInA: RecordedCase[];
  onlyInB: RecordedCase[];
}

export function compareRuns(a: RecordedEvalRun, b: RecordedEvalRun): RunComparison {
  const key = (result: RecordedCase) => JSON.stringify([result.suite, result.id]);
  const casesOfA = new Map(a.cases.map((result) => [key(result), result]));
  const casesOfB = new Map(b.cases.map((result) => [key(result), result]));
  const passToFail: FlippedCase[] = [];
  const failToPass: FlippedCase[] = [];
  for (const [caseKey, before] of casesOfA) {
    const after = casesOfB.get(caseKey);
    if (after === undefined || after.correct === before.correct) continue;
    (before.correct ? passToFail : failToPass).push({ suite: before.suite, id: before.id, a: before, b: after });
  }
  const figures = comparedFigures.map((figure): FigureChange => {
    const valueA = figure.of(a.summary);
    const valueB = figure.of(b.summary);
    const change = valueA === null || valueB === null ? null : valueB - valueA;
    const verdict = change === null || change === 0 || figure.higherIsBetter === null ? null : change > 0 === figure.higherIsBetter ? 'better' : 'worse';
    const label = figure.kind === 'money' ? `${figure.label} (${b.summary.cost.currency})` : figure.label;
    return { name: figure.name, label, kind: figure.kind, a: valueA, b: valueB, change, verdict };
  });
  return {
    a: identity(a),
    b: identity(b),
    figures,
    passToFail,
    failToPass,
    onlyInA: [...casesOfA].filter(([caseKey]) => !casesOfB.has(caseKey)).map(([, result]) => result),
    onlyInB: [...casesOfB].filter(([caseKey]) => !casesOfA.has(caseKey)).map(([, result]) => result),
  };
}

function identity({ id, label, suites, startedAt, durationMs, model }: EvalRunHeader): RunIdentity {
  return { id, label, suites, startedAt, durationMs, model };
}
