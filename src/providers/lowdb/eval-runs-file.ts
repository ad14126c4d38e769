import { z } from 'zod';
import { recordedEvalRunSchema } from '../../ports/eval-run-store.ts';
import type { EvalRunDocument } from '../shared/eval-run-document.ts';
import { StateFileError } from './state-file-error.ts';

/**
 * The lowdb provider keeps recorded evaluation runs in a file of their own beside the state file
 * (`state.json` → `state.eval-runs.json`): they are large (every case of up to `EVAL_RUNS_KEPT` runs) and rarely
 * read, while the state file is read and rewritten on every chat message. One run a line, so the file stays
 * readable and diffs stay small.
 */

export const evalRunsFileSchema = z.object({
  version: z.literal(1),
  runs: z.array(recordedEvalRunSchema),
});

/** `<folder>/state.json` → `<folder>/state.eval-runs.json`. */
export function evalRunsFileBeside(stateFile: string): string {
  return stateFile.replace(/(\.json)?$/i, '.eval-runs.json');
}

export function parseEvalRunsFile(file: string, text: string): EvalRunDocument {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new StateFileError(file, `The evaluation run file ${file} is not valid JSON (${error instanceof Error ? error.message : String(error)}). ${advice(file)}`, { cause: error });
  }
  const parsed = evalRunsFileSchema.safeParse(json);
  if (!parsed.success) {
    const issues = parsed.error.issues.slice(0, 3).map((issue) => `${issue.path.join('.') || '(top level)'}: ${issue.message}`);
    throw new StateFileError(file, `The evaluation run file ${file} does not have the shape sql-eval writes (${issues.join('; ')}). ${advice(file)}`, { cause: parsed.error });
  }
  return { runs: parsed.data.runs };
}

export function stringifyEvalRunsFile(document: EvalRunDocument): string {
  if (document.runs.length === 0) return '{"version":1,"runs":[]}\n';
  return `{"version":1,"runs":[\n${document.runs.map((run) => JSON.stringify(run)).join(',\n')}\n]}\n`;
}

function advice(file: string): string {
  return `It holds only the runs recorded with \`sql-eval eval --record\`: move it aside (for example \`mv ${file} ${file}.broken\`) to start a new history.`;
}
