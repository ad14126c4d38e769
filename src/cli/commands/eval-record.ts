import { z } from 'zod';
import { openState } from '../../compose/open-state.ts';
import { recordedRun, type FinishedRun } from '../../eval/history/recorded-run.ts';
import { workingTreeLabel } from '../git-label.ts';
import { parseOptions } from '../parse-options.ts';
import { printError, printText } from '../print.ts';

/**
 * `sql-eval eval --record [--label LABEL]`: saves the run in the state store the bot uses (STATE_DATABASE_URL, else
 * `$SQL_EVAL_HOME/state.json`), for `eval history` and `eval compare`. The store is tried before the run, so one that
 * cannot be used fails at once rather than after a long run; the label defaults to the working tree's short commit.
 */

const recordOptionsSchema = z
  .object({
    record: z.boolean().default(false),
    label: z
      .string()
      .trim()
      .min(1, '--label must not be empty')
      .max(100, '--label must be at most 100 characters')
      .regex(/^[^\p{Cc}]*$/u, '--label must be one line of text')
      .optional(),
  })
  .refine((options) => options.record || options.label === undefined, { message: '--label goes with --record' });

export interface RunRecording {
  /** Saves the run, then says `Recorded run <id>` (on stderr with --json, so stdout stays one JSON document). */
  record(run: FinishedRun, suites: string[], json: boolean): Promise<string>;
}

/** Undefined without --record. */
export async function prepareRunRecording(raw: unknown, environment: NodeJS.ProcessEnv = process.env): Promise<RunRecording | undefined> {
  const options = parseOptions(recordOptionsSchema, raw);
  if (!options.record) return undefined;
  const label = options.label ?? (await workingTreeLabel());
  const state = await openState('file', environment);
  try {
    await state.store.listEvalRuns({ limit: 1 });
  } finally {
    await state.close();
  }
  return {
    async record(run, suites, json) {
      const recorded = recordedRun(run, { suites, label });
      const opened = await openState('file', environment);
      try {
        await opened.store.saveEvalRun(recorded);
      } finally {
        await opened.close();
      }
      if (json) printError(`sql-eval: recorded run ${recorded.id}`);
      else printText(`\nRecorded run ${recorded.id}${label === null ? '' : ` (${label})`}`);
      return recorded.id;
    },
  };
}
