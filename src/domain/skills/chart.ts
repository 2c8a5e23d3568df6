/**
 * The skills chart (docs/product/skills.md): a member's current vs target level per skill, as an
 * ECharts option built from the data alone (rendering is the Slack edge's job). A radar reads
 * well up to twelve spokes; past that the labels collide, so grouped bars take over.
 */
export const RADAR_MAX_SKILLS = 12;
export const CHART_WIDTH = 900;
/** Bars grow downwards: one row of height per skill past the radar's size. */
export const CHART_MIN_HEIGHT = 640;
const BAR_ROW = 34;
export const CHART_FONT = 'DejaVu Sans';

export interface ChartSkill {
  name: string;
  level: number;
  target: number;
}

export interface ChartSpec {
  kind: 'radar' | 'bars';
  width: number;
  height: number;
  /** A plain ECharts option object (JSON). */
  option: Record<string, unknown>;
}

const COLORS = { now: '#2e6fdb', target: '#e08a1e' };

/** Builds the chart for the skills the member rated (at least one). */
export function buildSkillsChart(title: string, skills: readonly ChartSkill[]): ChartSpec {
  const common = {
    animation: false,
    backgroundColor: '#ffffff',
    textStyle: { fontFamily: CHART_FONT },
    color: [COLORS.now, COLORS.target],
    title: { text: title, left: 'center', top: 12, textStyle: { fontSize: 20, fontFamily: CHART_FONT } },
    legend: { data: ['Now', 'Target'], bottom: 12, textStyle: { fontSize: 14 } },
  };
  if (skills.length <= RADAR_MAX_SKILLS) {
    return {
      kind: 'radar',
      width: CHART_WIDTH,
      height: CHART_MIN_HEIGHT,
      option: {
        ...common,
        radar: {
          center: ['50%', '52%'],
          radius: '62%',
          splitNumber: 5,
          axisName: { color: '#333333', fontSize: 13 },
          indicator: skills.map((s) => ({ name: s.name, min: 0, max: 5 })),
        },
        series: [
          {
            type: 'radar',
            data: [
              { name: 'Now', value: skills.map((s) => s.level), areaStyle: { opacity: 0.25 } },
              { name: 'Target', value: skills.map((s) => s.target), lineStyle: { type: 'dashed' } },
            ],
          },
        ],
      },
    };
  }
  const height = Math.max(CHART_MIN_HEIGHT, 140 + skills.length * BAR_ROW);
  // Bars read top-down in catalogue order; a category axis draws its first item at the bottom.
  const ordered = [...skills].reverse();
  return {
    kind: 'bars',
    width: CHART_WIDTH,
    height,
    option: {
      ...common,
      grid: { left: 250, right: 40, top: 60, bottom: 60 },
      xAxis: { type: 'value', min: 0, max: 5, interval: 1 },
      yAxis: { type: 'category', data: ordered.map((s) => s.name), axisLabel: { fontSize: 12 } },
      series: [
        { name: 'Now', type: 'bar', data: ordered.map((s) => s.level), barGap: '10%' },
        { name: 'Target', type: 'bar', data: ordered.map((s) => s.target) },
      ],
    },
  };
}
