import type { RecordedCase } from '../../ports/eval-run-store.ts';
import type { FlippedCase, RunComparison, RunIdentity } from './compare-runs.ts';
import { plainTable, whenOf } from './render-history.ts';
import { showChange, showFigure } from './run-figures.ts';

/** The text `sql-eval eval compare A B` prints. */
export function renderComparison(comparison: RunComparison): string {
  const figures = plainTable(
    ['figure', 'A', 'B', 'change'],
    comparison.figures.map((figure) => [
      figure.label,
      showFigure(figure.kind, figure.a),
      showFigure(figure.kind, figure.b),
      `${showChange(figure.kind, figure.change)}${figure.verdict === null ? '' : ` (${figure.verdict})`}`,
    ]),
  );
  const lines = [describeRun('A', comparison.a), describeRun('B', comparison.b), '', figures, ''];
  const { passToFail, failToPass, onlyInA, onlyInB } = comparison;
  if (passToFail.length + failToPass.length === 0) lines.push('No case flipped.');
  if (passToFail.length > 0) lines.push(`Pass → fail (${passToFail.length}):`, ...passToFail.map(describeFlip));
  if (failToPass.length > 0) lines.push(`Fail → pass (${failToPass.length}):`, ...failToPass.map(describeFlip));
  if (onlyInA.length > 0) lines.push(`Only in A (${onlyInA.length}):`, ...onlyInA.map(describeCase));
  if (onlyInB.length > 0) lines.push(`Only in B (${onlyInB.length}):`, ...onlyInB.map(describeCase));
  return lines.join('\n');
}

function describeRun(name: string, run: RunIdentity): string {
  return `${name}: ${run.id}  ${whenOf(run.startedAt)} UTC  ${run.label ?? '(no label)'}  ${run.suites.join(', ')}`;
}

/** A case that now fails says why; one that now passes says why it failed before. */
function describeFlip(flip: FlippedCase): string {
  const reason = flip.b.correct ? (flip.a.reason === null ? '' : `  — was: ${flip.a.reason}`) : flip.b.reason === null ? '' : `  — ${flip.b.reason}`;
  return `  ${flip.suite}/${flip.id}  ${flip.a.outcome} [${flip.a.lane}] → ${flip.b.outcome} [${flip.b.lane}]${reason}`;
}

function describeCase(result: RecordedCase): string {
  return `  ${result.suite}/${result.id}  ${result.correct ? 'pass' : 'fail'}`;
}
