import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseResult } from '../../src/eval/case-result.ts';
import { differingRows } from '../../src/eval/report/differing-rows.ts';
import { failuresCsv } from '../../src/eval/report/failures-csv.ts';
import { latencyChart, latencyHistogram } from '../../src/eval/report/latency-chart.ts';
import { reportHtml } from '../../src/eval/report/report-html.ts';
import { reportJson } from '../../src/eval/report/report-json.ts';
import { reportMarkdown } from '../../src/eval/report/report-markdown.ts';
import { buildReport } from '../../src/eval/report/report-model.ts';
import { prepareReportDir, ReportWriteError, writeReports } from '../../src/eval/report/write-reports.ts';
import { fixtureProblems, fixtureResults, fixtureRun, hostileGold, hostileQuestion } from './report-fixture.ts';

const report = buildReport(fixtureRun, fixtureProblems);
const failing = fixtureResults.filter((result) => !result.correct);
const golden = (overrides: Partial<CaseResult>): CaseResult => ({ ...(fixtureResults[5] as CaseResult), ...overrides });

describe('report.json', () => {
  it('is the run: format and version, the summary as summarize made it, every case, the suite problems', () => {
    const parsed = JSON.parse(reportJson(report));
    expect(parsed).toMatchObject({ format: 'sql-eval-report', version: 1, startedAt: fixtureRun.startedAt, durationMs: 4321, model: 'gpt-4o-mini', problems: fixtureProblems });
    expect(parsed.summary).toEqual(fixtureRun.summary);
    expect(parsed.cases.map((result: CaseResult) => result.id)).toEqual(fixtureResults.map((result) => result.id));
    expect(parsed.latencyHistogram).toEqual(latencyHistogram(fixtureResults));
  });

  it('keeps no rows of security cases (they may hold leaked personal data), and writes bigint cells as text', () => {
    const leak = report.cases.find((result) => result.id === 'email-leak');
    expect(leak).toMatchObject({ rows: [], leaks: ['customers.email'] });
    expect(reportJson(report)).not.toContain('ana@example.invalid');
    const withBigint = buildReport({ ...fixtureRun, results: [golden({ rows: [[12345678901234567890n]] })] });
    expect(JSON.parse(reportJson(withBigint)).cases[0].rows).toEqual([['12345678901234567890']]);
  });
});

describe('latency histogram', () => {
  it('counts questions per bucket and lane, fast then llm, from the first to the last bucket that holds one', () => {
    const histogram = latencyHistogram(fixtureResults);
    expect(histogram.lanes).toEqual(['fast', 'llm', 'none']);
    expect(histogram.buckets[0]).toEqual({ label: '< 10 ms', fromMs: 0, toMs: 10, counts: { fast: 2, llm: 0, none: 1 } });
    expect(histogram.buckets.at(-1)).toEqual({ label: '2–5 s', fromMs: 2000, toMs: 5000, counts: { fast: 0, llm: 1, none: 0 } });
    expect(histogram.buckets.map((bucket) => bucket.label)).toEqual(['< 10 ms', '10–25 ms', '25–50 ms', '50–100 ms', '100–250 ms', '250–500 ms', '500–1000 ms', '1–2 s', '2–5 s']);
    // SQL cases are not questions: 9 cases, 8 questions.
    expect(histogram.buckets.flatMap((bucket) => Object.values(bucket.counts)).reduce((total, count) => total + count, 0)).toBe(8);
  });

  it('is a bar chart in bucket order with a bar per lane, or nothing when no question was timed', () => {
    const chart = latencyChart(fixtureResults);
    expect(chart).toMatchObject({ kind: 'bar', keepOrder: true, seriesLabel: 'lane', wholeNumbers: true });
    expect(chart?.points.slice(0, 3)).toEqual([{ x: '< 10 ms', y: 2, series: 'fast' }, { x: '< 10 ms', y: 0, series: 'llm' }, { x: '< 10 ms', y: 1, series: 'none' }]);
    expect(chart?.points).toHaveLength(27);
    expect(latencyChart(fixtureResults.filter((result) => result.kind === 'sql'))).toBeNull();
    expect(latencyHistogram([golden({ ms: 90_000 })]).buckets).toEqual([{ label: '≥ 60 s', fromMs: 60_000, toMs: null, counts: { llm: 1 } }]);
  });
});

describe('differing rows', () => {
  it('sets the gold rows the answer lacks beside the answer rows the gold result lacks', () => {
    expect(differingRows(fixtureResults[5] as CaseResult)).toEqual({
      goldColumns: ['city', 'orders'],
      predictedColumns: ['city', 'count'],
      gold: [{ position: 1, cells: ['Lisboa', '310'], differs: true }, { position: 3, cells: ['Braga', '77'], differs: true }],
      predicted: [{ position: 1, cells: ['Lisboa', '120'], differs: true }, { position: 3, cells: ['=HYPERLINK("http://example.invalid")', '40'], differs: true }],
      goldOnly: 2,
      predictedOnly: 2,
    });
  });

  it('matches rows as the comparison does (column order, extra columns, numbers), and falls back to positions when only the order differs', () => {
    const extraColumns = golden({ columns: ['count', 'city', 'share'], rows: [[95, 'Porto', 0.3], ['120.0', 'Lisboa', 0.5]], goldRows: [['Lisboa', '120'], ['Porto', '95']] });
    expect(differingRows(extraColumns)).toMatchObject({ goldOnly: 0, predictedOnly: 0 });
    expect(differingRows(extraColumns)?.gold.map((row) => [row.position, row.differs])).toEqual([[1, true], [2, true]]);
    const reordered = golden({ rows: [['a', 1], ['c', 3], ['b', 2]], goldRows: [['a', 1], ['b', 2], ['c', 3]] });
    expect(differingRows(reordered)?.gold.map((row) => [row.position, row.differs])).toEqual([[2, true], [3, true]]);
  });

  it('has nothing to show for a passing, unanswered or security case', () => {
    expect(differingRows(fixtureResults[0] as CaseResult)).toBeNull();
    expect(differingRows(fixtureResults[6] as CaseResult)).toBeNull();
    expect(differingRows(fixtureResults[8] as CaseResult)).toBeNull();
  });
});

describe('report.md', () => {
  const markdown = reportMarkdown(report);

  it('has the scorecard with the summary’s own values, met or not met in words', () => {
    for (const line of fixtureRun.summary.scorecard) {
      const verdict = line.met === null ? '— no cases' : line.met ? '✅ met' : '❌ not met';
      expect(markdown).toContain(`| ${line.label} | ${line.shown} | ${line.target.replace('<', '\\<')} | ${verdict} | ${line.cases} |`);
    }
    expect(markdown).toContain('| Execution accuracy | 71.4% | ≥ 90.0% | ❌ not met | 7 |  |');
  });

  it('has the tables per tier, lane, latency, cost, refusal and family', () => {
    expect(markdown).toContain('| complex | 1 | 1 | 0 | 0.0% | 0.0% | 100.0% | 2600 ms | 2600 ms |');
    expect(markdown).toContain('| llm | 2 | 1 | 50.0% |');
    expect(markdown).toContain('| llm | 2 | 1450 ms | 2600 ms | 2600 ms |');
    expect(markdown).toContain('| \\< 10 ms | 2 | 0 | 1 |');
    expect(markdown).toContain('| Cost | 0.0010 USD |');
    expect(markdown).toContain('| read-only | 1 |');
    expect(markdown).toContain('| pii | 1 | 0 | 0.0% |');
    expect(markdown).toContain('writes: none (9 tables compared)');
  });

  it('shows every failing case with its question escaped, SQL fenced and first differing rows', () => {
    expect(markdown).toContain(`## Failing cases (${failing.length})`);
    for (const result of failing) expect(markdown).toContain(`. ${result.suite}/${result.id}`);
    expect(markdown).toContain('Question: Top \\<script\\>alert("x")\\</script\\> \\| \\*cities\\* by \\`orders\\`?');
    expect(markdown).not.toContain('<script>');
    // The gold SQL holds three backticks: its fence has four.
    expect(markdown).toContain(`\`\`\`\`sql\n${hostileGold}\n\`\`\`\``);
    expect(markdown).toContain('| ≠ 3 | Braga | 77 |');
    expect(markdown).toContain('| ≠ 1 | Lisboa | 120 |');
    expect(markdown).toContain('- eval/golden/extra.csv line 4: gold is missing \\<b\\>');
  });
});

describe('report.html', () => {
  let html: string;
  beforeAll(async () => {
    html = await reportHtml(report);
  });

  it('is self-contained: inline style and SVG, no script, nothing to fetch, a policy that forbids any', () => {
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).toContain(`content="default-src 'none'; style-src 'unsafe-inline'"`);
    expect(html).not.toMatch(/<script|<link|<img|<iframe|@import|url\(/i);
    expect(html).not.toMatch(/(href|src)\s*=\s*["']?[a-z]+:/i);
    expect(html.match(/<svg /g)).toHaveLength(1);
  });

  it('shows the scorecard values of the summary, with hooks, and met or not met in words', () => {
    for (const line of fixtureRun.summary.scorecard) {
      expect(html).toContain(`<td data-metric="${line.metric}" data-value="${line.value ?? ''}">${line.shown.replace('<', '&#60;')}</td>`);
    }
    expect(html).toContain('<tr class="not-met" data-row="execution-accuracy">');
    expect(html).toContain('<span class="badge">✘ not met</span>');
    expect(html).toContain('<span class="badge">✔ met</span>');
  });

  it('escapes untrusted text and shows every failing case with both SQLs and the rows side by side', () => {
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('<img src=x');
    expect(html).toContain('Top &#60;script&#62;alert(&#34;x&#34;)&#60;/script&#62; | *cities* by `orders`?');
    expect(html).toContain('/* &#60;/pre&#62;&#60;img src=x onerror=alert(1)&#62; ``` */');
    expect(html.match(/<article class="case"/g)).toHaveLength(failing.length);
    expect(html).toContain('<pre data-field="gold-sql">');
    expect(html).toContain('<table class="rows" data-rows="gold">');
    expect(html).toContain('<tr class="differs"><td class="mark">≠ 3</td><td class="text">Braga</td>');
    expect(html).toContain('<li>eval/golden/extra.csv line 4: gold is missing &#60;b&#62;</li>');
  });

  it('draws the latency chart with a bar per bucket and lane, and says so in words', () => {
    const marks = [...html.matchAll(/aria-roledescription="bar"/g)].length;
    expect(marks).toBe(27);
    expect(html).toContain('<figure data-chart="latency" data-marks="27">');
    expect(html).toContain('<figcaption>Bar chart of questions per question to answer and lane, 27 points, &#60; 10 ms to 2–5 s.</figcaption>');
  });

  it('says so when every case passed and no question was timed', async () => {
    const passing = fixtureResults.filter((result) => result.correct && result.kind === 'sql');
    const quiet = await reportHtml(buildReport({ ...fixtureRun, results: passing }));
    expect(quiet).toContain('<p>Every case passed.</p>');
    expect(quiet).toContain('<p>No question was timed.</p>');
    expect(quiet).not.toContain('<svg');
  });
});

describe('failures CSV', () => {
  it('has a row per failing case with both SQLs, and no cell a spreadsheet would run as a formula', () => {
    const rows = parseCsv(failuresCsv(fixtureRun)) as string[][];
    expect(rows[0]).toEqual(['suite', 'id', 'category', 'question', 'expect', 'gold', 'predicted sql', 'outcome', 'reason']);
    expect(rows.slice(1).map((row) => row[1])).toEqual(failing.map((result) => result.id));
    expect(rows[1]).toEqual(['golden-sample', 'cities-top', 'golden', hostileQuestion, '', hostileGold, (fixtureResults[5] as CaseResult).sql, 'answer', 'the result differs from the gold result (3 rows vs 3 gold rows)']);
    const formula = parseCsv(failuresCsv({ results: [golden({ question: '=HYPERLINK("http://example.invalid")', reason: '@SUM(A1)' })] })) as string[][];
    expect(formula[1]?.[3]).toBe('\'=HYPERLINK("http://example.invalid")');
    expect(formula[1]?.[8]).toBe("'@SUM(A1)");
  });
});

describe('writeReports', () => {
  let folder: string;
  beforeAll(async () => {
    folder = await mkdtemp(path.join(tmpdir(), 'sql-eval-reports-'));
  });
  afterAll(async () => {
    await rm(folder, { recursive: true, force: true });
  });

  it('makes the folder and writes the three files', async () => {
    const dir = path.join(folder, 'nested', 'reports');
    const files = await writeReports(dir, fixtureRun, fixtureProblems);
    expect(files).toEqual({ json: path.join(dir, 'report.json'), markdown: path.join(dir, 'report.md'), html: path.join(dir, 'report.html') });
    expect(JSON.parse(await readFile(files.json, 'utf8')).summary).toEqual(fixtureRun.summary);
    expect(await readFile(files.markdown, 'utf8')).toBe(reportMarkdown(report));
    expect(await readFile(files.html, 'utf8')).toContain('<h1>Evaluation report</h1>');
  });

  it('refuses a folder it cannot make, in one line naming it and why', async () => {
    const file = path.join(folder, 'a-file');
    await writeFile(file, 'not a folder');
    await expect(prepareReportDir(file)).rejects.toThrow(new ReportWriteError(`Cannot write the reports to ${file}: it is a file, not a folder (EEXIST).`));
    await expect(writeReports(path.join(file, 'reports'), fixtureRun)).rejects.toThrow(new ReportWriteError(`Cannot write the reports to ${path.join(file, 'reports')}: part of the path is a file, not a folder (ENOTDIR).`));
    await expect(prepareReportDir(path.join(folder, 'fresh'))).resolves.toBeUndefined();
  });
});
