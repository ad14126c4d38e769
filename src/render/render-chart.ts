import type { TopLevelSpec } from 'vega-lite';
import type { ChartChoice } from './choose-chart.ts';
import { currencySymbol } from './format-cell.ts';

/**
 * A chart as SVG (for a page) or PNG (for chat): a Vega-Lite spec compiled to Vega, rendered headless to SVG (no
 * canvas), then, for a PNG, rasterised by resvg with the system fonts (DejaVu Sans; a container needs `fonts-dejavu-core`).
 */

export interface ChartImage {
  png: Buffer;
  /** Pixels. */
  width: number;
  height: number;
  /** A sentence describing the chart, for screen readers (Slack's `alt_text`). */
  altText: string;
}

/** A chart as an SVG document, to inline in an HTML page. */
export interface ChartSvg {
  svg: string;
  /** A sentence describing the chart, for screen readers. */
  altText: string;
}

export interface ChartSize {
  /** The chart's size in CSS pixels; the PNG has `scale` times as many. Default 640 × 320, scale 2. */
  width?: number;
  height?: number;
  scale?: number;
}

const timeFormats = { year: '%Y', quarter: 'Q%q %Y', month: '%b %Y', day: '%d %b %Y' } as const;

export function chartSpec(chart: ChartChoice, size: ChartSize = {}): TopLevelSpec {
  const money = chart.currency !== undefined;
  const valueFormat = money ? '$,.2~f' : ',~r';
  const y = { field: 'y', type: 'quantitative' as const, title: chart.yLabel, axis: { format: valueFormat, ...(chart.wholeNumbers ? { tickMinStep: 1 } : {}) } };
  const x =
    chart.kind === 'line'
      ? { field: 'x', type: 'temporal' as const, title: chart.xLabel, timeUnit: timeUnitOf(chart), axis: { format: timeFormats[chart.timeUnit ?? 'day'], labelOverlap: true } }
      : { field: 'x', type: 'nominal' as const, title: chart.xLabel, sort: chart.keepOrder ? null : '-y', axis: { labelAngle: -40, labelLimit: 140 } };
  // Several series: a colour each, bars of one category side by side, in the order the points give them.
  const seriesTitle = chart.seriesLabel ?? null;
  const series = chart.points.some((point) => point.series !== undefined)
    ? {
        color: { field: 'series', type: 'nominal' as const, title: seriesTitle, sort: null },
        ...(chart.kind === 'bar' ? { xOffset: { field: 'series', title: seriesTitle, sort: null } } : {}),
      }
    : {};
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    width: size.width ?? 640,
    height: size.height ?? 320,
    autosize: { type: 'fit', contains: 'padding' },
    background: 'white',
    data: { values: chart.points },
    mark: chart.kind === 'line' ? { type: 'line', point: true } : { type: 'bar' },
    encoding: {
      x,
      y,
      ...series,
      tooltip: [{ field: 'x', title: chart.xLabel }, ...('color' in series ? [{ field: 'series', title: seriesTitle ?? 'series' }] : []), { field: 'y', title: chart.yLabel, format: valueFormat }],
    },
    config: {
      font: 'DejaVu Sans',
      ...(money ? { locale: { number: { decimal: '.', thousands: ',', grouping: [3], currency: [currencySymbol(chart.currency), ''] } } } : {}),
    },
  } as TopLevelSpec;
}

/** The chart as SVG, at `size`'s width and height in CSS pixels (`scale` does not apply). */
export async function renderChartSvg(chart: ChartChoice, size: ChartSize = {}): Promise<ChartSvg> {
  const { vega, compile } = await loadChartRenderer();
  const compiled = compile(chartSpec(chart, size)).spec;
  const view = new vega.View(vega.parse(compiled), { renderer: 'none' });
  try {
    return { svg: await view.toSVG(), altText: describeChart(chart) };
  } finally {
    view.finalize();
  }
}

export async function renderChart(chart: ChartChoice, size: ChartSize = {}): Promise<ChartImage> {
  const scale = size.scale ?? 2;
  const { Resvg } = await loadChartRenderer();
  const { svg, altText } = await renderChartSvg(chart, size);
  const image = new Resvg(svg, { background: 'white', fitTo: { mode: 'zoom', value: scale }, font: { loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans' } }).render();
  return { png: image.asPng(), width: image.width, height: image.height, altText };
}

/** UTC units: the points are calendar dates, which must not move with the server's time zone. */
type ChartModules = { vega: typeof import('vega'); compile: typeof import('vega-lite').compile; Resvg: typeof import('@resvg/resvg-js').Resvg };
let loading: Promise<ChartModules> | undefined;

/**
 * Loads vega, vega-lite and resvg (about half a second) once: on the first chart, or earlier from a server's start so
 * that no request waits for it. Commands that draw no chart never pay for it.
 */
export function loadChartRenderer(): Promise<ChartModules> {
  loading ??= Promise.all([import('vega'), import('vega-lite'), import('@resvg/resvg-js')]).then(([vega, vegaLite, resvg]) => ({ vega, compile: vegaLite.compile, Resvg: resvg.Resvg }));
  return loading;
}

function timeUnitOf(chart: ChartChoice): 'utcyear' | 'utcyearquarter' | 'utcyearmonth' | 'utcyearmonthdate' {
  switch (chart.timeUnit) {
    case 'year':
      return 'utcyear';
    case 'quarter':
      return 'utcyearquarter';
    case 'month':
      return 'utcyearmonth';
    default:
      return 'utcyearmonthdate';
  }
}

function describeChart(chart: ChartChoice): string {
  const series = chart.seriesLabel !== undefined && chart.points.some((point) => point.series !== undefined) ? ` and ${chart.seriesLabel}` : '';
  const what = chart.kind === 'line' ? `Line chart of ${chart.yLabel} by ${chart.xLabel}${series}` : `Bar chart of ${chart.yLabel} per ${chart.xLabel}${series}`;
  const first = chart.points[0];
  const last = chart.points[chart.points.length - 1];
  const range = first && last ? (chart.kind === 'line' || chart.keepOrder ? `, ${first.x} to ${last.x}` : `, largest ${first.x}`) : '';
  return `${what}, ${chart.points.length} points${range}.`;
}
