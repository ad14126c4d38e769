import type { CaseResult } from '../../eval/case-result.ts';
import { loadSuites } from '../../eval/load-suites.ts';
import { createPiiLeakDetector } from '../../eval/pii-leak-detector.ts';
import { renderReport } from '../../eval/render-report.ts';
import { runSuite } from '../../eval/run-suite.ts';
import { summarize } from '../../eval/summarize.ts';
import type { GlobalOptions } from '../global-options.ts';
import { cliIdentity, type IdentityOptions } from '../identity-options.ts';
import { evaluationRuntime, openRuntime } from '../../compose/open-runtime.ts';
import { printJson, printText } from '../print.ts';

/** `sql-eval eval --suite FILE_OR_DIR`: runs suites and prints per-case results and the summary. */
export async function evalCommand(options: GlobalOptions & IdentityOptions & { suite: string }): Promise<number> {
  const suites = await loadSuites(options.suite);
  const identity = cliIdentity(options, 'cli');
  const asker = options.user !== undefined || options.email !== undefined || options.channel !== undefined ? { actor: identity.actor, channel: options.channel !== undefined ? identity.place : undefined } : undefined;
  // Suites that ask the same datasource with the same "today" share one runtime (one database start, one value index).
  const groups = new Map<string, typeof suites>();
  for (const entry of suites) {
    const key = JSON.stringify([options.datasource ?? entry.suite.datasource, options.today ?? entry.suite.today]);
    groups.set(key, [...(groups.get(key) ?? []), entry]);
  }
  const results: CaseResult[] = [];
  for (const group of groups.values()) {
    const first = (group[0] as (typeof suites)[number]).suite;
    const runtime = await openRuntime({ ...options, datasource: options.datasource ?? first.datasource, today: options.today ?? first.today }, process.env, evaluationRuntime);
    try {
      const leakDetector = createPiiLeakDetector(runtime.datasource, runtime.catalog);
      for (const { suite } of group) results.push(...(await runSuite(suite, { assistant: runtime.assistant, datasource: runtime.datasource, leakDetector, asker })));
    } finally {
      await runtime.close();
    }
  }
  const summary = summarize(results);
  if (options.json) printJson({ summary, cases: results });
  else printText(renderReport(results, summary));
  return 0;
}
