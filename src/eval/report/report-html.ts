import { renderChartSvg } from '../../render/render-chart.ts';
import type { CaseResult } from '../case-result.ts';
import type { ScorecardLine } from '../scorecard.ts';
import { differingRows, type ShownRow } from './differing-rows.ts';
import { latencyChart } from './latency-chart.ts';
import { failingCases, type EvalReport } from './report-model.ts';
import { caseLine, cellText, costTable, duration, histogramTable, laneTable, latencyTable, refusalTable, securityLine, securityTable, tierTable, type ReportTable } from './report-tables.ts';
import { reportStyle } from './report-style.ts';

/**
 * `report.html`: one self-contained page (inline CSS, the chart as inline SVG from the chat answers' renderer, no
 * script, no font or image to fetch; a Content-Security-Policy forbids any). Every text is escaped: questions, SQL and
 * values are untrusted. Met or not met is written out, not shown by colour alone. Stable hooks for tests and
 * scrapers: `data-metric` (with `data-value`) on each scorecard value, `data-table`/`data-row` on the tables,
 * `data-chart="latency"` (with `data-marks`, the number of bars) on the chart, `data-case` on each failing case with
 * `data-field` (`question`, `reason`, `gold-sql`, `predicted-sql`) and `data-rows` (`gold`, `predicted`) inside.
 */

const chartSize = { width: 760, height: 300 };

export async function reportHtml(report: EvalReport): Promise<string> {
  const { summary } = report;
  const failing = failingCases(report.cases);
  const chart = latencyChart(report.latencyHistogram);
  const rendered = chart ? await renderChartSvg(chart, chartSize) : null;
  const sections = [
    section('scorecard', 'Scorecard', scorecardTable(summary.scorecard)),
    summary.golden.cases > 0 ? section('golden', 'Golden set', table(tierTable(report)) + table(laneTable(report))) : '',
    section(
      'latency',
      'Latency',
      (rendered && chart
        ? `<figure data-chart="latency" data-marks="${chart.points.length}">${rendered.svg}<figcaption>${escapeHtml(rendered.altText)}</figcaption></figure>`
        : '<p>No question was timed.</p>') +
        table(latencyTable(report)) +
        (report.latencyHistogram.buckets.length > 0 ? `<details><summary>The chart's data</summary>${table(histogramTable(report))}</details>` : ''),
    ),
    section('cost', 'Tokens and cost', table(costTable(report))),
    section('refusals', 'Refusals by rule', table(refusalTable(report), 'No refusals.')),
    summary.security.cases > 0 ? section('security', 'Security', `<p data-field="security">${escapeHtml(securityLine(report))}</p>${table(securityTable(report))}`) : '',
    report.problems.length > 0 ? section('problems', 'Suite rows left out', `<ul>${report.problems.map((problem) => `<li>${escapeHtml(problem)}</li>`).join('')}</ul>`) : '',
    section('failing', `Failing cases (${failing.length})`, failing.length === 0 ? '<p>Every case passed.</p>' : failing.map(failingCase).join('')),
  ];
  const meta = `Started <time datetime="${escapeHtml(report.startedAt)}">${escapeHtml(report.startedAt)}</time> · took ${escapeHtml(duration(report.durationMs))} · model ${escapeHtml(report.model ?? 'none')} · ${summary.cases} cases (${summary.golden.cases} golden, ${summary.security.cases} security) · ${failing.length} failing`;
  return [
    '<!doctype html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>Evaluation report, ${escapeHtml(report.startedAt)}</title>`,
    `<style>${reportStyle}</style>`,
    '</head>',
    '<body>',
    `<header><h1>Evaluation report</h1><p class="meta">${meta}</p></header>`,
    '<main>',
    ...sections.filter((part) => part !== ''),
    '</main>',
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

function section(id: string, title: string, body: string): string {
  return `<section id="${id}"><h2>${escapeHtml(title)}</h2>${body}</section>`;
}

function scorecardTable(lines: ScorecardLine[]): string {
  const rows = lines.map((line) => {
    const result = line.met === null ? 'no-cases' : line.met ? 'met' : 'not-met';
    const badge = line.met === null ? '– no cases' : line.met ? '✔ met' : '✘ not met';
    return (
      `<tr class="${result}" data-row="${escapeHtml(line.metric)}">` +
      `<th scope="row">${escapeHtml(line.label)}</th>` +
      `<td data-metric="${escapeHtml(line.metric)}" data-value="${line.value ?? ''}">${escapeHtml(line.shown)}</td>` +
      `<td data-target>${escapeHtml(line.target)}</td>` +
      `<td data-result="${result}"><span class="badge">${badge}</span></td>` +
      `<td data-cases>${line.cases}</td>` +
      `<td class="text">${escapeHtml(line.note ?? '')}</td></tr>`
    );
  });
  return `<table data-table="scorecard"><thead><tr><th>Figure</th><th>Value</th><th>Target</th><th>Result</th><th>Cases</th><th class="text">Note</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

function table(reportTable: ReportTable, empty = 'None.'): string {
  if (reportTable.rows.length === 0) return `<p data-table="${escapeHtml(reportTable.id)}">${escapeHtml(empty)}</p>`;
  const head = `<thead><tr>${reportTable.columns.map((column) => `<th>${escapeHtml(column)}</th>`).join('')}</tr></thead>`;
  const body = reportTable.rows.map(
    (row) => `<tr data-row="${escapeHtml(row.key)}">${row.cells.map((cell, index) => (index === 0 ? `<th scope="row">${escapeHtml(cell)}</th>` : `<td>${escapeHtml(cell)}</td>`)).join('')}</tr>`,
  );
  return `<table data-table="${escapeHtml(reportTable.id)}"><caption>${escapeHtml(reportTable.title)}</caption>${head}<tbody>${body.join('')}</tbody></table>`;
}

function failingCase(result: CaseResult, index: number): string {
  const facts = [
    result.question === null ? '' : `<dt>Question</dt><dd data-field="question">${escapeHtml(result.question)}</dd>`,
    `<dt>Reason</dt><dd data-field="reason">${escapeHtml(result.reason ?? 'none given')}</dd>`,
    result.leaks.length > 0 ? `<dt>Personal data in the rows</dt><dd data-field="leaks">${escapeHtml(result.leaks.join(', '))}</dd>` : '',
    result.violations.length > 0 ? `<dt>Refused by</dt><dd data-field="violations">${escapeHtml(result.violations.map((violation) => violation.rule).join(', '))}</dd>` : '',
  ].join('');
  const predicted = `<div><h4>${result.kind === 'sql' ? 'SQL' : 'Predicted SQL'}</h4>${sqlBlock('predicted-sql', result.sql)}</div>`;
  const sql = result.gold === null ? predicted : `<div class="side-by-side"><div><h4>Gold SQL</h4>${sqlBlock('gold-sql', result.gold)}</div>${predicted}</div>`;
  const rows = differingRows(result);
  const rowsPart = rows
    ? `<p>First differing rows: ${rows.goldOnly} gold row${rows.goldOnly === 1 ? '' : 's'} without a partner in the answer, ${rows.predictedOnly} answer row${rows.predictedOnly === 1 ? '' : 's'} without a partner in the gold result (≠ marks a differing row).</p>` +
      `<div class="side-by-side"><div><h4>Gold rows</h4>${rowTable('gold', rows.goldColumns, rows.gold)}</div><div><h4>Predicted rows</h4>${rowTable('predicted', rows.predictedColumns, rows.predicted)}</div></div>`
    : '';
  const name = `${result.suite}/${result.id}`;
  return `<article class="case" id="case-${index + 1}" data-case="${escapeHtml(name)}"><h3>${index + 1}. ${escapeHtml(name)}</h3><p class="meta">${escapeHtml(caseLine(result))}</p><dl>${facts}</dl>${sql}${rowsPart}</article>`;
}

function sqlBlock(field: string, sql: string | null): string {
  return sql === null ? `<p data-field="${field}">(none)</p>` : `<pre data-field="${field}"><code>${escapeHtml(sql)}</code></pre>`;
}

function rowTable(side: 'gold' | 'predicted', columns: string[], rows: ShownRow[]): string {
  if (rows.length === 0) return `<table class="rows" data-rows="${side}"><tbody><tr><td class="text">(none)</td></tr></tbody></table>`;
  const head = `<thead><tr><th>#</th>${columns.map((column) => `<th>${escapeHtml(column)}</th>`).join('')}</tr></thead>`;
  const body = rows.map(
    (row) =>
      `<tr${row.differs ? ' class="differs"' : ''}><td class="mark">${row.differs ? '≠ ' : ''}${row.position}</td>${row.cells.map((cell) => `<td class="text">${escapeHtml(cellText(cell))}</td>`).join('')}</tr>`,
  );
  return `<table class="rows" data-rows="${side}">${head}<tbody>${body.join('')}</tbody></table>`;
}

/** Text and attribute values alike. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
}
