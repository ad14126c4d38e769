import { loadSuites } from '../../eval/load-suites.ts';
import { renderReport } from '../../eval/render-report.ts';
import { prepareReportDir, ReportWriteError, writeReports } from '../../eval/report/write-reports.ts';
import { CliError } from '../cli-error.ts';
import type { GlobalOptions } from '../global-options.ts';
import { cliIdentity, type IdentityOptions } from '../identity-options.ts';
import { runEvaluation } from '../../compose/run-evaluation.ts';
import { printError, printJson, printText } from '../print.ts';
import { prepareRunRecording } from './eval-record.ts';

/**
 * `sql-eval eval --suite FILE_OR_DIR [--report DIR]`: runs suites and prints per-case results, the figures and the
 * scorecard; with --report, also writes report.md, report.json and report.html to DIR (checked before the run).
 */
export async function evalCommand(options: GlobalOptions & IdentityOptions & { suite: string; report?: string | undefined }): Promise<number> {
  const { suites, problems } = await loadSuites(options.suite);
  if (options.report !== undefined) await reportStep(() => prepareReportDir(options.report as string));
  for (const problem of problems) printError(`sql-eval: skipped ${problem}`);
  const identity = cliIdentity(options, 'cli');
  const asker = options.user !== undefined || options.email !== undefined || options.channel !== undefined ? { actor: identity.actor, channel: options.channel !== undefined ? identity.place : undefined } : undefined;
  const recording = await prepareRunRecording(options);
  const run = await runEvaluation({ suites, runtime: options, environment: process.env, asker });
  if (options.json) printJson({ summary: run.summary, cases: run.results, problems });
  else printText(renderReport(run.results, run.summary));
  await recording?.record(run, suites.map((entry) => entry.suite.name), options.json);
  if (options.report !== undefined) {
    const files = await reportStep(() => writeReports(options.report as string, run, problems));
    const written = `reports written: ${files.html} (open it in a browser), ${files.markdown}, ${files.json}`;
    // With --json, stdout stays one JSON document.
    if (options.json) printError(`sql-eval: ${written}`);
    else printText(`\n${written[0]?.toUpperCase()}${written.slice(1)}`);
  }
  return 0;
}

async function reportStep<T>(step: () => Promise<T>): Promise<T> {
  try {
    return await step();
  } catch (error) {
    if (error instanceof ReportWriteError) throw new CliError(error.message, { cause: error });
    throw error;
  }
}
