import type { ScorecardLine } from '../scorecard.ts';
import { differingRows, type ShownRow } from './differing-rows.ts';
import { failingCases, type EvalReport } from './report-model.ts';
import { caseLine, cellText, costTable, duration, histogramTable, laneTable, latencyTable, refusalTable, securityLine, securityTable, tierTable, type ReportTable } from './report-tables.ts';

/**
 * `report.md`: the scorecard, the figures per tier, lane and family, latency, tokens and cost, refusals, and every
 * failing case with its SQL and first differing rows. Questions, SQL and values are untrusted: inline text is
 * escaped and SQL sits in fences longer than any run of backticks it holds.
 */
export function reportMarkdown(report: EvalReport): string {
  const { summary } = report;
  const failing = failingCases(report.cases);
  const lines: string[] = [
    '# Evaluation report',
    '',
    `Started ${report.startedAt}, took ${duration(report.durationMs)}; model ${text(report.model ?? 'none')}; ${summary.cases} cases (${summary.golden.cases} golden, ${summary.security.cases} security), ${failing.length} failing.`,
    '',
    '## Scorecard',
    '',
    '| Figure | Value | Target | Result | Cases | Note |',
    '| --- | ---: | --- | --- | ---: | --- |',
    ...summary.scorecard.map((line) => `| ${text(line.label)} | ${text(line.shown)} | ${text(line.target)} | ${metText(line)} | ${line.cases} | ${text(line.note ?? '')} |`),
  ];
  if (summary.golden.cases > 0) lines.push('', '## Golden set', '', ...table(tierTable(report)), '', ...table(laneTable(report)));
  lines.push('', '## Latency', '', ...table(latencyTable(report)));
  if (report.latencyHistogram.buckets.length > 0) lines.push('', ...table(histogramTable(report)));
  lines.push('', '## Tokens and cost', '', ...table(costTable(report), { titled: false }));
  lines.push('', '## Refusals by rule', '', ...table(refusalTable(report), { empty: 'No refusals.', titled: false }));
  if (summary.security.cases > 0) lines.push('', '## Security', '', text(securityLine(report)), '', ...table(securityTable(report)));
  if (report.problems.length > 0) lines.push('', '## Suite rows left out', '', ...report.problems.map((problem) => `- ${text(problem)}`));
  lines.push('', `## Failing cases (${failing.length})`);
  if (failing.length === 0) lines.push('', 'Every case passed.');
  failing.forEach((result, index) => {
    lines.push('', `### ${index + 1}. ${text(`${result.suite}/${result.id}`)}`, '', `- ${text(caseLine(result))}`);
    if (result.question !== null) lines.push(`- Question: ${text(result.question)}`);
    lines.push(`- Reason: ${text(result.reason ?? 'none given')}`);
    if (result.leaks.length > 0) lines.push(`- Personal data in the rows: ${text(result.leaks.join(', '))}`);
    if (result.violations.length > 0) lines.push(`- Refused by: ${text(result.violations.map((violation) => violation.rule).join(', '))}`);
    if (result.gold !== null) lines.push('', 'Gold SQL:', '', ...fenced(result.gold));
    lines.push('', result.kind === 'sql' ? 'SQL:' : 'Predicted SQL:', '', ...(result.sql === null ? ['(none)'] : fenced(result.sql)));
    const rows = differingRows(result);
    if (rows) {
      lines.push('', `Gold rows without a partner in the answer: ${rows.goldOnly}; answer rows without a partner in the gold result: ${rows.predictedOnly}.`);
      lines.push('', 'First differing gold rows:', '', ...rowTable(rows.goldColumns, rows.gold));
      lines.push('', 'First differing predicted rows:', '', ...rowTable(rows.predictedColumns, rows.predicted));
    }
  });
  return `${lines.join('\n')}\n`;
}

function metText(line: ScorecardLine): string {
  return line.met === null ? '— no cases' : line.met ? '✅ met' : '❌ not met';
}

/** A table under its title in bold, unless the section's heading already says it (`titled` false). */
function table(reportTable: ReportTable, { empty = 'None.', titled = true } = {}): string[] {
  if (reportTable.rows.length === 0) return [titled ? `${text(reportTable.title)}: ${empty}` : empty];
  return [
    ...(titled ? [`**${text(reportTable.title)}**`, ''] : []),
    `| ${reportTable.columns.map(text).join(' | ')} |`,
    `| ${reportTable.columns.map((_, index) => (index === 0 ? '---' : '---:')).join(' | ')} |`,
    ...reportTable.rows.map((row) => `| ${row.cells.map(text).join(' | ')} |`),
  ];
}

function rowTable(columns: string[], rows: ShownRow[]): string[] {
  if (rows.length === 0) return ['(none)'];
  return [
    `| # | ${columns.map(text).join(' | ')} |`,
    `| ---: |${' --- |'.repeat(columns.length)}`,
    ...rows.map((row) => `| ${row.differs ? '≠ ' : ''}${row.position} | ${row.cells.map((cell) => text(cellText(cell))).join(' | ')} |`),
  ];
}

/** Inline text: one line, Markdown and HTML syntax escaped. */
function text(value: string): string {
  return value
    .replace(/\s+/g, ' ')
    .replace(/[\\`*_[\]<>|~]/g, (character) => `\\${character}`)
    .replace(/&(?=#?\w+;)/g, '\\&');
}

function fenced(sql: string): string[] {
  const longest = Math.max(0, ...[...sql.matchAll(/`+/g)].map((match) => match[0].length));
  const fence = '`'.repeat(Math.max(3, longest + 1));
  return [`${fence}sql`, sql, fence];
}
