import { loadSuites } from '../../eval/load-suites.ts';
import { renderReport } from '../../eval/render-report.ts';
import type { GlobalOptions } from '../global-options.ts';
import { cliIdentity, type IdentityOptions } from '../identity-options.ts';
import { runEvaluation } from '../../compose/run-evaluation.ts';
import { printError, printJson, printText } from '../print.ts';

/** `sql-eval eval --suite FILE_OR_DIR`: runs suites and prints per-case results, the figures and the scorecard. */
export async function evalCommand(options: GlobalOptions & IdentityOptions & { suite: string }): Promise<number> {
  const { suites, problems } = await loadSuites(options.suite);
  for (const problem of problems) printError(`sql-eval: skipped ${problem}`);
  const identity = cliIdentity(options, 'cli');
  const asker = options.user !== undefined || options.email !== undefined || options.channel !== undefined ? { actor: identity.actor, channel: options.channel !== undefined ? identity.place : undefined } : undefined;
  const run = await runEvaluation({ suites, runtime: options, environment: process.env, asker });
  if (options.json) printJson({ summary: run.summary, cases: run.results, problems });
  else printText(renderReport(run.results, run.summary));
  return 0;
}
