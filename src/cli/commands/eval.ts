import type { CaseResult } from '../../eval/case-result.ts';
import { loadSuites } from '../../eval/load-suites.ts';
import { createPiiLeakDetector } from '../../eval/pii-leak-detector.ts';
import { renderReport } from '../../eval/render-report.ts';
import { runSuite } from '../../eval/run-suite.ts';
import { summarize } from '../../eval/summarize.ts';
import type { GlobalOptions } from '../global-options.ts';
import { openRuntime } from '../open-runtime.ts';
import { printJson, printText } from '../print.ts';

/** `sql-eval eval --suite FILE_OR_DIR`: runs suites and prints per-case results and the summary. */
export async function evalCommand(options: GlobalOptions & { suite: string }): Promise<number> {
  const suites = await loadSuites(options.suite);
  const results: CaseResult[] = [];
  for (const { suite } of suites) {
    const runtime = await openRuntime({ ...options, datasource: options.datasource ?? suite.datasource, today: options.today ?? suite.today }, process.env, { state: 'memory', learn: false });
    try {
      const leakDetector = createPiiLeakDetector(runtime.datasource, runtime.catalog);
      results.push(...(await runSuite(suite, { assistant: runtime.assistant, datasource: runtime.datasource, leakDetector })));
    } finally {
      await runtime.close();
    }
  }
  const summary = summarize(results);
  if (options.json) printJson({ summary, cases: results });
  else printText(renderReport(results, summary));
  return 0;
}
