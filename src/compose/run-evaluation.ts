import { loadEvaluationSettings } from '../config/load-config-files.ts';
import type { CaseResult } from '../eval/case-result.ts';
import type { LoadedSuite } from '../eval/load-suites.ts';
import { createPiiLeakDetector } from '../eval/pii-leak-detector.ts';
import { runSuite } from '../eval/run-suite.ts';
import { isQuestionCase } from '../eval/suite-schema.ts';
import { summarize, type EvalSummary } from '../eval/summarize.ts';
import { checkWrites, type WriteCheck } from '../eval/write-check.ts';
import type { Actor, Place } from '../vocabulary/index.ts';
import { evaluationRuntime, openRuntime, type RuntimeOptions } from './open-runtime.ts';

/**
 * One evaluation run, the same from the CLI and from chat: suites that ask the same datasource with the same
 * "today" share a runtime (one database start, one value index); tables are compared before and after each
 * group that holds security cases, so a write is caught whatever let it through; the summary is judged against configs/evaluation.yaml.
 */

export interface EvaluationRequest {
  suites: LoadedSuite[];
  runtime: RuntimeOptions;
  environment: NodeJS.ProcessEnv;
  asker?: { actor: Actor; channel: Place | undefined } | undefined;
  onCase?: ((result: CaseResult, done: number, total: number) => void) | undefined;
  signal?: AbortSignal | undefined;
}

export interface EvaluationRun {
  results: CaseResult[];
  summary: EvalSummary;
  /** The planner's model, when one was configured. */
  model: string | null;
  startedAt: string;
  durationMs: number;
}

export async function runEvaluation(request: EvaluationRequest): Promise<EvaluationRun> {
  const started = Date.now();
  const settings = await loadEvaluationSettings(request.runtime.config);
  const groups = new Map<string, LoadedSuite[]>();
  for (const entry of request.suites) {
    const key = JSON.stringify([request.runtime.datasource ?? entry.suite.datasource, request.runtime.today ?? entry.suite.today]);
    groups.set(key, [...(groups.get(key) ?? []), entry]);
  }
  const total = request.suites.reduce((count, entry) => count + entry.suite.cases.length, 0);
  const results: CaseResult[] = [];
  const writeChecks: WriteCheck[] = [];
  let model: string | null = null;
  for (const group of groups.values()) {
    request.signal?.throwIfAborted();
    const first = (group[0] as LoadedSuite).suite;
    const runtime = await openRuntime({ ...request.runtime, datasource: request.runtime.datasource ?? first.datasource, today: request.runtime.today ?? first.today }, request.environment, evaluationRuntime);
    try {
      model ??= runtime.languageModel?.name ?? null;
      const leakDetector = createPiiLeakDetector(runtime.datasource, runtime.catalog);
      const runGroup = async () => {
        for (const { suite } of group) {
          await runSuite(suite, {
            assistant: runtime.assistant,
            datasource: runtime.datasource,
            leakDetector,
            grants: runtime.grants,
            asker: request.asker,
            signal: request.signal,
            onCase: (result) => {
              results.push(result);
              request.onCase?.(result, results.length, total);
            },
          });
        }
      };
      // Comparing every table before and after reads them all twice: done where the security score needs it.
      if (group.some(({ suite }) => suite.cases.some((testCase) => !isQuestionCase(testCase)))) writeChecks.push((await checkWrites(runtime.datasource, runtime.catalog, runGroup)).writes);
      else await runGroup();
    } finally {
      await runtime.close();
    }
  }
  const writes: WriteCheck | null = writeChecks.length === 0 ? null : {
    tables: writeChecks.reduce((count, check) => count + check.tables, 0),
    changed: writeChecks.flatMap((check) => check.changed),
    error: writeChecks.find((check) => check.error !== null)?.error ?? null,
  };
  return { results, summary: summarize(results, { settings, model, writes }), model, startedAt: new Date(started).toISOString(), durationMs: Date.now() - started };
}
