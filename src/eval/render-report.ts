import type { CaseResult } from './case-result.ts';
import type { EvalSummary } from './summarize.ts';

/** The text report `sql-eval eval` prints without --json. */
export function renderReport(results: CaseResult[], summary: EvalSummary): string {
  const percent = (value: number | null) => (value === null ? 'n/a' : `${(value * 100).toFixed(1)}%`);
  const lines: string[] = [];
  for (const result of results) {
    const mark = result.correct ? 'PASS' : 'FAIL';
    lines.push(`${mark}  ${result.suite}/${result.id}  [${result.lane}] ${result.outcome} ${result.ms} ms${result.reason ? `  — ${result.reason}` : ''}`);
  }
  lines.push('');
  lines.push(`Cases: ${summary.cases} (${summary.questionCases} questions, ${summary.securityCases} SQL/security)`);
  if (summary.questionCases > 0) {
    lines.push(`Execution accuracy: ${percent(summary.executionAccuracy)}   pass@1: ${percent(summary.passAt1)}`);
    for (const [tier, entry] of Object.entries(summary.byTier)) {
      lines.push(
        `  ${tier}: ${entry.correct}/${entry.cases} correct (${percent(entry.accuracy)}); answered ${entry.answered} (coverage ${percent(entry.coverage)}), precision ${percent(entry.precision)}; P50 ${entry.p50Ms} ms, P95 ${entry.p95Ms} ms`,
      );
    }
  }
  if (summary.securityCases > 0) {
    lines.push(`Security pass rate: ${percent(summary.securityPassRate)}`);
    for (const [family, entry] of Object.entries(summary.byFamily)) lines.push(`  ${family}: ${entry.passed}/${entry.cases} (${percent(entry.passRate)})`);
  }
  for (const [lane, latency] of Object.entries(summary.latencyMs)) lines.push(`Latency [${lane}] P50 ${latency.p50 ?? 'n/a'} ms, P95 ${latency.p95 ?? 'n/a'} ms over ${latency.count} cases`);
  lines.push(`Tokens: ${summary.tokens}`);
  return lines.join('\n');
}
