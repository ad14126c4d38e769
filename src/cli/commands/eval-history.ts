import { z } from 'zod';
import { openState } from '../../compose/open-state.ts';
import { compareRuns } from '../../eval/history/compare-runs.ts';
import { renderComparison } from '../../eval/history/render-comparison.ts';
import { renderHistory } from '../../eval/history/render-history.ts';
import { figureValues } from '../../eval/history/run-figures.ts';
import { EVAL_RUNS_KEPT, type EvalRunStore, type RecordedEvalRun } from '../../ports/eval-run-store.ts';
import { CliError } from '../cli-error.ts';
import { parseOptions } from '../parse-options.ts';
import { printError, printJson, printText } from '../print.ts';

/**
 * `sql-eval eval history [--suite NAME] [--limit N]` and `sql-eval eval compare RUN_A RUN_B`: the runs recorded with
 * `eval --record` in the state store the bot uses. A run is named by its id or a unique start of it. Nothing recorded
 * yet exits 1; a run id that names no run, or several, exits 2; `compare --fail-on-regression` exits 1 when a case
 * that passed in the first run failed in the second.
 */

const historyOptionsSchema = z.object({
  suite: z.string().trim().min(1, '--suite must name a suite').optional(),
  limit: z.coerce
    .number({ message: '--limit must be a number of runs' })
    .int('--limit must be a whole number')
    .min(1, '--limit must be at least 1')
    .max(EVAL_RUNS_KEPT, `--limit must be at most ${EVAL_RUNS_KEPT} (the runs a store keeps)`)
    .default(20),
  json: z.boolean().default(false),
});

const compareOptionsSchema = z.object({ json: z.boolean().default(false), failOnRegression: z.boolean().default(false) });

export async function evalHistoryCommand(raw: unknown, environment: NodeJS.ProcessEnv = process.env): Promise<number> {
  const options = parseOptions(historyOptionsSchema, raw);
  const state = await openState('file', environment);
  try {
    const runs = await state.store.listEvalRuns({ suite: options.suite, limit: options.limit });
    if (runs.length === 0) {
      printError(`sql-eval: ${await nothingRecorded(state.store, options.suite)} (state: ${state.description}).`);
      return 1;
    }
    if (options.json) printJson({ store: state.description, runs: runs.map((run) => ({ ...run, figures: figureValues(run.summary) })) });
    else printText(renderHistory(runs));
    return 0;
  } finally {
    await state.close();
  }
}

export async function evalCompareCommand(first: string, second: string, raw: unknown, environment: NodeJS.ProcessEnv = process.env): Promise<number> {
  const options = parseOptions(compareOptionsSchema, raw);
  const state = await openState('file', environment);
  try {
    const comparison = compareRuns(await recordedRun(state.store, first), await recordedRun(state.store, second));
    if (options.json) printJson(comparison);
    else printText(renderComparison(comparison));
    // A gate for CI: the second run must not fail a case the first passed.
    if (options.failOnRegression && comparison.passToFail.length > 0) {
      const flipped = comparison.passToFail.map((flip) => `${flip.suite}/${flip.id}`);
      printError(`sql-eval: ${flipped.length} case${flipped.length === 1 ? '' : 's'} passed in ${comparison.a.id} and failed in ${comparison.b.id}: ${flipped.slice(0, 10).join(', ')}${flipped.length > 10 ? ', …' : ''}`);
      return 1;
    }
    return 0;
  } finally {
    await state.close();
  }
}

async function recordedRun(store: EvalRunStore, idOrPrefix: string): Promise<RecordedEvalRun> {
  const lookup = await store.getEvalRun(idOrPrefix.trim());
  if (lookup.kind === 'found') return lookup.run;
  if (lookup.kind === 'ambiguous') {
    const shown = lookup.ids.slice(0, 5).join(', ');
    throw new CliError(`${idOrPrefix} is the start of ${lookup.ids.length} recorded runs (${shown}${lookup.ids.length > 5 ? ', …' : ''}): give more of the id.`);
  }
  throw new CliError(`no recorded evaluation run ${idOrPrefix}: \`sql-eval eval history\` lists them.`);
}

async function nothingRecorded(store: EvalRunStore, suite: string | undefined): Promise<string> {
  const recorded = suite === undefined ? new Set<string>() : new Set((await store.listEvalRuns({ limit: EVAL_RUNS_KEPT })).flatMap((run) => run.suites));
  if (suite === undefined || recorded.size === 0) return 'no evaluation run recorded yet: record one with `sql-eval eval --record`';
  return `no recorded evaluation run includes the suite ${suite}; recorded suites: ${[...recorded].sort().join(', ')}`;
}
