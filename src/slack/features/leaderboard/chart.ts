import { Resvg } from '@resvg/resvg-js';
import * as echarts from 'echarts';

/** One bar: a member's name (or a week's label) and its points. */
export interface Bar {
  label: string;
  value: number;
}

const WIDTH = 900;
const HEIGHT = 480;

/**
 * A horizontal bar chart as PNG, for the monthly post: ECharts renders SVG on the server (no
 * browser, no canvas), resvg turns it into a PNG Slack can show inline. Labels are user text:
 * ECharts escapes them in the SVG. The first bar is drawn at the top.
 */
export function barChartPng(title: string, bars: readonly Bar[]): Buffer {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width: WIDTH, height: HEIGHT });
  try {
    const shown = [...bars].reverse();
    chart.setOption({
      animation: false,
      backgroundColor: '#ffffff',
      title: { text: title, left: 'center', top: 12, textStyle: { fontSize: 18, fontFamily: 'sans-serif' } },
      grid: { left: 24, right: 56, top: 56, bottom: 24, containLabel: true },
      xAxis: { type: 'value', minInterval: 1, axisLabel: { fontFamily: 'sans-serif' } },
      yAxis: {
        type: 'category',
        data: shown.map((b) => (b.label.length > 24 ? `${b.label.slice(0, 23)}…` : b.label)),
        axisLabel: { fontSize: 13, fontFamily: 'sans-serif' },
      },
      series: [
        {
          type: 'bar',
          data: shown.map((b) => b.value),
          itemStyle: { color: '#4a7bd0' },
          label: { show: true, position: 'right', fontFamily: 'sans-serif' },
        },
      ],
    });
    const svg = chart.renderToSVGString();
    return Buffer.from(
      new Resvg(svg, { font: { loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans' } }).render().asPng(),
    );
  } finally {
    chart.dispose();
  }
}
