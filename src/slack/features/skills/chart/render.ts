import { createRequire } from 'node:module';
import { Resvg } from '@resvg/resvg-js';
import * as echarts from 'echarts';
import { CHART_FONT, type ChartSpec } from '../../../../domain/skills/chart.ts';

const require = createRequire(import.meta.url);
/**
 * The font the chart's text is drawn with, shipped in an npm package: resvg draws no text
 * without a font file, and a server (or CI) may have no system fonts at all.
 */
const FONT_FILES = [
  require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf'),
  require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf'),
];

/** Pixels per chart unit: a 900-wide chart becomes an 1800-pixel PNG, sharp on retina screens. */
export const CHART_SCALE = 2;

/**
 * Renders a chart to PNG on the server, with no canvas: ECharts' server-side SVG renderer, then
 * resvg rasterises the SVG. Pure CPU work of a few tens of milliseconds.
 */
export function renderChartPng(spec: ChartSpec): Buffer {
  const chart = echarts.init(null, null, {
    renderer: 'svg',
    ssr: true,
    width: spec.width,
    height: spec.height,
  });
  let svg: string;
  try {
    chart.setOption(spec.option);
    svg = chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
  const png = new Resvg(svg, {
    fitTo: { mode: 'width', value: spec.width * CHART_SCALE },
    background: '#ffffff',
    font: { fontFiles: FONT_FILES, loadSystemFonts: false, defaultFontFamily: CHART_FONT },
  })
    .render()
    .asPng();
  return Buffer.from(png);
}
