import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EvalReport } from '../../src/eval/report/report-model.ts';
import { writeReports, type ReportFiles } from '../../src/eval/report/write-reports.ts';
import { fixtureProblems, fixtureRun, hostileQuestion } from './report-fixture.ts';

/**
 * report.html as a reader sees it: opened from disk in a real headless Chromium (Debian's package; this test installs
 * nothing), its scorecard read back and compared with report.json, the chart's bars counted, every request watched.
 * The full-page screenshot lands in test-output/report.png.
 */

const executablePath = '/usr/bin/chromium';
const screenshotPath = path.resolve('test-output/report.png');

let folder: string;
let files: ReportFiles;
let report: EvalReport;
let browser: Browser | undefined;

beforeAll(async () => {
  folder = await mkdtemp(path.join(tmpdir(), 'sql-eval-report-'));
  files = await writeReports(path.join(folder, 'reports'), fixtureRun, fixtureProblems);
  report = JSON.parse(await readFile(files.json, 'utf8')) as EvalReport;
});

afterAll(async () => {
  await browser?.close();
  await rm(folder, { recursive: true, force: true });
});

describe('report.html in headless Chromium', () => {
  it('shows report.json’s scorecard, draws the latency chart, sets cases side by side and fetches nothing', async () => {
    if (!existsSync(executablePath)) {
      throw new Error(`Chromium is not installed at ${executablePath}. Install Debian's package (as root), then run the test again:\n  apt-get update && apt-get install -y chromium`);
    }
    browser = await chromium.launch({ executablePath, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const offPage: string[] = [];
    const dialogs: string[] = [];
    page.on('request', (request) => {
      if (!request.url().startsWith('file://')) offPage.push(request.url());
    });
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    await page.route('**/*', (route) => (route.request().url().startsWith('file://') ? route.continue() : route.abort()));
    await page.goto(pathToFileURL(files.html).href, { waitUntil: 'load' });

    // The scorecard: each value, target and verdict as report.json has them; the verdict in words.
    for (const line of report.summary.scorecard) {
      const row = page.locator(`[data-table="scorecard"] tr[data-row="${line.metric}"]`);
      const value = row.locator(`[data-metric="${line.metric}"]`);
      expect(await value.textContent()).toBe(line.shown);
      expect(await value.getAttribute('data-value')).toBe(line.value === null ? '' : String(line.value));
      expect(await row.locator('[data-target]').textContent()).toBe(line.target);
      expect(await row.locator('[data-cases]').textContent()).toBe(String(line.cases));
      expect(await row.locator('[data-result]').textContent()).toBe(line.met === null ? '– no cases' : line.met ? '✔ met' : '✘ not met');
    }
    expect(await page.locator('[data-table="tiers"] tbody tr').count()).toBe(Object.keys(report.summary.golden.byTier).length);
    expect(await page.locator('[data-table="lanes"] tbody tr').count()).toBe(Object.keys(report.summary.golden.byLane).length);

    // The chart: an inline SVG, laid out, with one bar per bucket and lane.
    const { lanes, buckets } = report.latencyHistogram;
    const svg = page.locator('figure[data-chart="latency"] svg');
    const box = await svg.boundingBox();
    expect(box?.width).toBeGreaterThan(300);
    expect(box?.height).toBeGreaterThan(150);
    expect(await svg.locator('.mark-rect path').count()).toBe(buckets.length * lanes.length);
    expect(await svg.locator('.mark-text text').count()).toBeGreaterThan(0);

    // Failing cases: every one, its untrusted text shown as text, gold and predicted rows side by side.
    expect(await page.locator('[data-case]').count()).toBe(report.cases.filter((result) => !result.correct).length);
    const hostile = page.locator('[data-case="golden-sample/cities-top"]');
    expect(await hostile.locator('[data-field="question"]').textContent()).toBe(hostileQuestion);
    expect(await page.locator('script, img, link, iframe, object').count()).toBe(0);
    const gold = await hostile.locator('[data-rows="gold"]').boundingBox();
    const predicted = await hostile.locator('[data-rows="predicted"]').boundingBox();
    expect(gold && predicted && Math.abs(gold.y - predicted.y) < 2 && predicted.x > gold.x + gold.width).toBe(true);

    expect(offPage).toEqual([]);
    expect(dialogs).toEqual([]);
    await mkdir(path.dirname(screenshotPath), { recursive: true });
    await page.screenshot({ path: screenshotPath, fullPage: true });
    console.log(`report screenshot: ${screenshotPath}`);
  });
});
