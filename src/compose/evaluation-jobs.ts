import { randomUUID } from 'node:crypto';
import type { EvaluationJobs } from '../assistant/assistant.ts';
import { ConfigError } from '../config/config-error.ts';
import { join } from 'node:path';
import { recordedRun } from '../eval/history/recorded-run.ts';
import { loadSuites } from '../eval/load-suites.ts';
import type { EvalRunStore } from '../ports/eval-run-store.ts';
import { failuresCsv } from '../eval/report/failures-csv.ts';
import { latencyChart } from '../eval/report/latency-chart.ts';
import { renderReports, writeRenderedReports, type RenderedReports } from '../eval/report/write-reports.ts';
import { renderChart } from '../render/render-chart.ts';
import { actorKey } from '../vocabulary/actor.ts';
import { failure, type EvaluationReply, type Reply } from '../vocabulary/reply.ts';
import { findSuite, suiteNames } from './find-suite.ts';
import type { Logger } from './logger.ts';
import type { RuntimeOptions } from './open-runtime.ts';
import { runEvaluation, type EvaluationRun } from './run-evaluation.ts';

/**
 * `/sql-eval eval [suite]` from chat: one run at a time, in the background, in its own runtime (its own connections
 * and an in-memory state store), so the questions people ask meanwhile are answered as usual. The reports are
 * written under `$SQL_EVAL_HOME/reports/` and posted with the scorecard.
 */

export interface EvaluationJobSettings {
  /** The serving runtime's options: the evaluation asks the same datasource with the same config files. */
  runtime: RuntimeOptions;
  environment: NodeJS.ProcessEnv;
  /** Where each run's reports are written, one folder a run (default `$SQL_EVAL_HOME/reports`, else `.sql-eval/reports`). */
  reportsFolder?: string | undefined;
  /** Where suites are looked up by name (default `eval`). */
  suitesFolder?: string | undefined;
  /** The suite `eval` runs without a name (default `golden`). */
  defaultSuite?: string | undefined;
  logger: Logger;
  /** Where each finished run is recorded (labelled `chat: <who started it>`), for `sql-eval eval history`. */
  history?: EvalRunStore | undefined;
  now?: (() => number) | undefined;
}

export interface EvaluationJobRunner extends EvaluationJobs {
  /** Stops a running evaluation (between cases) and waits for it. */
  close(): Promise<void>;
}

interface Running {
  suite: string;
  startedBy: string;
  startedAt: number;
  done: number;
  total: number;
  controller: AbortController;
  finished: Promise<void>;
}

export function createEvaluationJobs(settings: EvaluationJobSettings): EvaluationJobRunner {
  const folder = settings.suitesFolder ?? 'eval';
  const now = settings.now ?? Date.now;
  const reportsFolder = settings.reportsFolder ?? join(settings.environment.SQL_EVAL_HOME || '.sql-eval', 'reports');
  let running: Running | null = null;
  const names = () => suiteNames(folder);

  return {
    suiteNames: names,
    async start(request) {
      if (running) {
        const minutes = Math.round((now() - running.startedAt) / 60_000);
        const since = minutes < 1 ? 'just now' : `${minutes} min ago`;
        return { ok: false, message: `An evaluation of ${running.suite} is running (${running.done}/${running.total} cases, started by ${running.startedBy} ${since}). One runs at a time: ask again when it has posted its scorecard.` };
      }
      const name = request.suite ?? settings.defaultSuite ?? 'golden';
      const found = await findSuite(folder, name, names);
      if (!found.ok) return found;
      let loaded;
      try {
        loaded = await loadSuites(found.path);
      } catch (error) {
        if (error instanceof ConfigError) return { ok: false, message: `The suite ${name} cannot be run: ${error.message}` };
        throw error;
      }
      const total = loaded.suites.reduce((count, entry) => count + entry.suite.cases.length, 0);
      const controller = new AbortController();
      const job: Running = { suite: name, startedBy: request.actor.displayName ?? actorKey(request.actor), startedAt: now(), done: 0, total, controller, finished: Promise.resolve() };
      running = job;
      job.finished = (async () => {
        const requestId = `eval:${randomUUID()}`;
        let reply: Reply;
        try {
          const run = await runEvaluation({
            suites: loaded.suites,
            runtime: { ...settings.runtime, lane: undefined },
            environment: settings.environment,
            signal: controller.signal,
            onCase: (_result, done) => {
              job.done = done;
              request.progress(done, total);
            },
          });
          const folder = join(reportsFolder, `${new Date(job.startedAt).toISOString().replace(/[:.]/g, '-')}-${name}`);
          reply = await evaluationReply(requestId, name, run, loaded.problems, folder, settings.logger);
          await record(settings, run, loaded.suites.map((entry) => entry.suite.name), `chat: ${job.startedBy}`);
        } catch (error) {
          reply = stopped(requestId, job, error, settings.logger);
        } finally {
          running = null;
        }
        await request.done(reply);
      })();
      return { ok: true, suite: name, cases: total };
    },
    async close() {
      const job = running;
      if (!job) return;
      job.controller.abort();
      await job.finished;
    },
  };
}

/** The scorecard, with the latency chart as a PNG and the reports: written to `folder` and brought along. */
async function evaluationReply(requestId: string, name: string, run: EvaluationRun, problems: string[], folder: string, logger: Logger): Promise<EvaluationReply> {
  const { summary } = run;
  const failed = run.results.filter((result) => !result.correct);
  const details = [
    summary.golden.cases > 0 ? `Golden: ${summary.golden.correct}/${summary.golden.cases} correct.` : '',
    summary.security.cases > 0 ? `Security: ${summary.security.passed}/${summary.security.cases} passed, ${summary.security.leaks} leaking.` : '',
    failed.length > 0 ? `Failing: ${failed.slice(0, 10).map((result) => `${result.suite}/${result.id}`).join(', ')}${failed.length > 10 ? ` and ${failed.length - 10} more` : ''}.` : 'Every case passed.',
    `Tokens: ${summary.cost.promptTokens} prompt + ${summary.cost.completionTokens} completion${summary.cost.amount === null ? '' : `, ${summary.cost.amount.toFixed(4)} ${summary.cost.currency}`}.`,
    problems.length > 0 ? `${problems.length} row${problems.length === 1 ? ' was' : 's were'} left out of CSV suites: ${problems.slice(0, 3).join('; ')}${problems.length > 3 ? '; …' : ''}` : '',
  ].filter((line) => line !== '');
  const reports = await renderReports(run, problems);
  return {
    kind: 'evaluation',
    requestId,
    lane: 'none',
    title: `Evaluation of ${name}: ${summary.cases} cases in ${Math.round(run.durationMs / 1000)} s`,
    scorecard: summary.scorecard.map(({ label, shown, target, met, cases, note }) => ({ label, shown, target, met, cases, note })),
    details,
    chart: await latencyImage(run, logger),
    files: [
      { filename: 'report.html', title: `Evaluation report: ${name}`, mediaType: 'text/html; charset=utf-8', content: reports.html },
      ...(failed.length > 0 ? [{ filename: 'failures.csv', title: `Failing cases (${failed.length})`, mediaType: 'text/csv; charset=utf-8', content: failuresCsv(run) }] : []),
    ],
    savedTo: await saveReports(folder, reports, logger),
  };
}

/** A run that cannot be recorded is still reported: the history misses it, and the log says why. */
async function record(settings: EvaluationJobSettings, run: EvaluationRun, suites: string[], label: string): Promise<void> {
  if (!settings.history) return;
  try {
    await settings.history.saveEvalRun(recordedRun(run, { suites, label }));
  } catch (error) {
    settings.logger.warn({ err: error }, 'the evaluation run could not be recorded');
  }
}

/** A chart is a courtesy: the scorecard goes out without it when it cannot be drawn. */
async function latencyImage(run: EvaluationRun, logger: Logger): Promise<EvaluationReply['chart']> {
  const chart = latencyChart(run.results);
  if (!chart) return null;
  try {
    const image = await renderChart(chart);
    return { png: image.png, altText: image.altText };
  } catch (error) {
    logger.warn({ err: error }, 'the latency chart could not be drawn');
    return null;
  }
}

/** The folder the reports were written to, or null (logged) when they could not be: the files still go to chat. */
async function saveReports(folder: string, reports: RenderedReports, logger: Logger): Promise<string | null> {
  try {
    await writeRenderedReports(folder, reports);
    return folder;
  } catch (error) {
    logger.warn({ err: error, folder }, 'the evaluation reports could not be written');
    return null;
  }
}

/** What a run that could not finish says: a config problem in its own words, anything else by request id only. */
function stopped(requestId: string, job: Running, error: unknown, logger: Logger): Reply {
  const progress = `after ${job.done}/${job.total} cases`;
  if (job.controller.signal.aborted) return failure(requestId, 'none', 'internal-error', `The evaluation of ${job.suite} was stopped ${progress}: the server is shutting down.`, 'Start it again when the bot is back.');
  if (error instanceof ConfigError) return failure(requestId, 'none', 'bad-request', `The evaluation of ${job.suite} stopped ${progress}: ${error.message}`, 'Fix the file it names, then start the evaluation again.');
  logger.error({ err: error, requestId }, 'evaluation stopped');
  return failure(requestId, 'none', 'internal-error', `The evaluation of ${job.suite} stopped ${progress} (request ${requestId}).`, 'Check that the database answers (`/readyz`), then start it again; the operator finds the details in the log under the request id.');
}
