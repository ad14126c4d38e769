import { describe, expect, it } from 'vitest';
import { chooseChart, type ChartChoice } from '../../src/render/choose-chart.ts';
import { renderChart, renderChartSvg } from '../../src/render/render-chart.ts';
import type { TableView } from '../../src/vocabulary/index.ts';
import { pngSize } from './png-size.ts';

const monthly: TableView = {
  columns: [{ name: 'year', dataType: 'integer' }, { name: 'month', dataType: 'integer' }, { name: 'total_cents', dataType: 'bigint', unit: 'cents', currency: 'EUR' }],
  rows: Array.from({ length: 12 }, (_, index) => [2024, index + 1, String(2_000_000 + index * 150_000)]),
  truncated: false,
};

describe('chooseChart', () => {
  it('draws a line for a time dimension (year and month columns) and one measure, money in currency units', () => {
    const chart = chooseChart(monthly);
    expect(chart).toMatchObject({ kind: 'line', timeUnit: 'month', xLabel: 'year / month', yLabel: 'total (EUR)', currency: 'EUR' });
    expect(chart?.points[0]).toEqual({ x: '2024-01-01', y: 20_000 });
    expect(chart?.points).toHaveLength(12);
  });

  it('draws a line over a date column or YYYY-MM text, and over years alone', () => {
    expect(chooseChart({ columns: [{ name: 'day', dataType: 'date' }, { name: 'orders', dataType: 'bigint' }], rows: [['2024-01-02', '5'], ['2024-01-01', '3']], truncated: false })).toMatchObject({ kind: 'line', timeUnit: 'day', points: [{ x: '2024-01-01', y: 3 }, { x: '2024-01-02', y: 5 }] });
    expect(chooseChart({ columns: [{ name: 'month', dataType: 'text' }, { name: 'orders', dataType: 'bigint' }], rows: [['2024-01', '5'], ['2024-02', '3']], truncated: false })).toMatchObject({ kind: 'line', timeUnit: 'month' });
    expect(chooseChart({ columns: [{ name: 'year', dataType: 'integer' }, { name: 'orders', dataType: 'bigint' }], rows: [[2022, '6927'], [2023, '10575']], truncated: false })).toMatchObject({ kind: 'line', timeUnit: 'year' });
  });

  it('draws the top 20 categories as bars, largest first', () => {
    const rows = Array.from({ length: 25 }, (_, index) => [`city ${index}`, index]);
    const chart = chooseChart({ columns: [{ name: 'city', dataType: 'text' }, { name: 'customers', dataType: 'bigint' }], rows, truncated: false });
    expect(chart).toMatchObject({ kind: 'bar', xLabel: 'city', yLabel: 'customers', omitted: 5 });
    expect(chart?.points).toHaveLength(20);
    expect(chart?.points[0]).toEqual({ x: 'city 24', y: 24 });
  });

  it('draws nothing for a single row, two measures, or text only', () => {
    expect(chooseChart({ columns: [{ name: 'orders', dataType: 'bigint' }], rows: [['5']], truncated: false })).toBeNull();
    expect(chooseChart({ columns: [{ name: 'country', dataType: 'text' }, { name: 'orders', dataType: 'bigint' }], rows: [['PT', '5']], truncated: false })).toBeNull();
    expect(chooseChart({ columns: [{ name: 'country', dataType: 'text' }, { name: 'orders', dataType: 'bigint' }, { name: 'customers', dataType: 'bigint' }], rows: [['PT', '5', '1'], ['DE', '3', '2']], truncated: false })).toBeNull();
    expect(chooseChart({ columns: [{ name: 'name', dataType: 'text' }, { name: 'city', dataType: 'text' }], rows: [['a', 'b'], ['c', 'd']], truncated: false })).toBeNull();
  });
});

describe('renderChart', () => {
  it('renders a line chart to a PNG of the requested size (twice the CSS pixels)', async () => {
    const chart = chooseChart(monthly);
    if (!chart) throw new Error('expected a chart');
    const image = await renderChart(chart, { width: 600, height: 300 });
    expect(pngSize(image.png)).toEqual({ width: 1200, height: 600 });
    expect({ width: image.width, height: image.height }).toEqual({ width: 1200, height: 600 });
    expect(image.png.length).toBeGreaterThan(5_000);
    expect(image.altText).toBe('Line chart of total (EUR) by year / month, 12 points, 2024-01-01 to 2024-12-01.');
  });

  it('renders a bar chart at the default size', async () => {
    const chart = chooseChart({ columns: [{ name: 'status', dataType: 'text' }, { name: 'orders', dataType: 'bigint' }], rows: [['shipped', '900'], ['pending', '80'], ['cancelled', '20']], truncated: false });
    if (!chart) throw new Error('expected a chart');
    const image = await renderChart(chart);
    expect(pngSize(image.png)).toEqual({ width: 1280, height: 640 });
  });
});

describe('renderChartSvg', () => {
  const histogram: ChartChoice = {
    kind: 'bar',
    xLabel: 'time',
    yLabel: 'questions',
    points: [
      { x: '< 10 ms', y: 1, series: 'fast' },
      { x: '< 10 ms', y: 0, series: 'llm' },
      { x: '10–25 ms', y: 4, series: 'fast' },
      { x: '10–25 ms', y: 2, series: 'llm' },
      { x: '≥ 25 ms', y: 3, series: 'fast' },
      { x: '≥ 25 ms', y: 5, series: 'llm' },
    ],
    omitted: 0,
    keepOrder: true,
    seriesLabel: 'lane',
    wholeNumbers: true,
  };

  it('draws a histogram: one bar per point, buckets in the given order, series side by side, whole-number ticks', async () => {
    const { svg, altText } = await renderChartSvg(histogram, { width: 500, height: 240 });
    expect(svg).toMatch(/^<svg [^>]*width="500" height="240"/);
    const bars = [...svg.matchAll(/<path aria-label="time: (.+?); questions: (\d+); lane: (\w+)"/g)].map((match) => [match[1], Number(match[2]), match[3]]);
    expect(bars).toEqual(histogram.points.map((point) => [point.x.replace('<', '&lt;'), point.y, point.series]));
    expect(svg).not.toContain('>0.5<');
    expect(altText).toBe('Bar chart of questions per time and lane, 6 points, < 10 ms to ≥ 25 ms.');
  });

  it('is what renderChart rasterises', async () => {
    const image = await renderChart(histogram, { width: 500, height: 240, scale: 1 });
    expect(pngSize(image.png)).toEqual({ width: 500, height: 240 });
    expect(image.altText).toBe((await renderChartSvg(histogram)).altText);
  });
});
