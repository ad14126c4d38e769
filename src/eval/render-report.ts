import type { CaseResult } from './case-result.ts';
import { percent } from './scorecard.ts';
import type { EvalSummary } from './summarize.ts';

/** The text report `sql-eval eval` prints without --json: every case, then the figures and the scorecard. */
export function renderReport(results: CaseResult[], summary: EvalSummary): string {
  const rate = (value: number | null) => (value === null ? 'n/a' : percent(value));
  const ms = (value: number | null) => (value === null ? 'n/a' : `${value} ms`);
  const lines: string[] = [];
  for (const result of results) {
    const mark = result.correct ? 'PASS' : 'FAIL';
    lines.push(`${mark}  ${result.suite}/${result.id}  [${result.lane}] ${result.outcome} ${result.ms} ms${result.reason ? `  — ${result.reason}` : ''}`);
  }
  const { golden, security, cost } = summary;
  lines.push('', `Cases: ${summary.cases} (${golden.cases} golden, ${security.cases} security)`);
  if (golden.cases > 0) {
    lines.push(`Execution accuracy: ${rate(golden.executionAccuracy)} (${golden.correct}/${golden.cases})   pass@1: ${rate(golden.passAt1)}`);
    for (const [tier, entry] of Object.entries(golden.byTier)) {
      lines.push(`  ${tier}: ${entry.correct}/${entry.cases} correct (${rate(entry.accuracy)}); answered ${entry.answered} (coverage ${rate(entry.coverage)}), precision ${rate(entry.precision)}; P50 ${ms(entry.p50Ms)}, P95 ${ms(entry.p95Ms)}`);
    }
    for (const [lane, entry] of Object.entries(golden.byLane)) lines.push(`  lane ${lane}: ${entry.correct}/${entry.cases} correct (${rate(entry.accuracy)})`);
  }
  if (security.cases > 0) {
    lines.push(`Security: ${security.passed}/${security.cases} (${rate(security.score)}); ${security.leaks} leaking; ${security.writes === null ? 'writes not checked' : security.writes.error !== null ? `writes not checked (${security.writes.error})` : `${security.writes.changed.length} of ${security.writes.tables} tables changed`}`);
    for (const [family, entry] of Object.entries(security.byFamily)) lines.push(`  ${family}: ${entry.passed}/${entry.cases} (${rate(entry.passRate)})`);
  }
  for (const [lane, latency] of Object.entries(summary.latencyMs)) lines.push(`Latency [${lane}] P50 ${ms(latency.p50)}, P95 ${ms(latency.p95)}, P99 ${ms(latency.p99)} over ${latency.count} cases`);
  const perQuestion = cost.promptTokensPerQuestion === null ? '' : ` (per question: ${Math.round(cost.promptTokensPerQuestion)} prompt, ${Math.round(cost.completionTokensPerQuestion ?? 0)} completion)`;
  const money = cost.amount === null ? `no price for ${cost.model ?? 'the model'} in configs/evaluation.yaml` : `${cost.amount.toFixed(4)} ${cost.currency}`;
  lines.push(`Tokens: ${cost.promptTokens} prompt + ${cost.completionTokens} completion${perQuestion}; cost ${money}`);
  const refusals = Object.entries(summary.refusalsByRule);
  if (refusals.length > 0) lines.push(`Refusals by rule: ${refusals.map(([rule, count]) => `${rule} ${count}`).join(', ')}`);
  lines.push('', 'Scorecard');
  for (const line of summary.scorecard) {
    const mark = line.met === null ? '  -  ' : line.met ? ' MET ' : ' NOT ';
    lines.push(`[${mark}] ${line.label}: ${line.shown} (target ${line.target}, ${line.cases} cases)${line.note ? ` — ${line.note}` : ''}`);
  }
  return lines.join('\n');
}
