import { describe, expect, it } from 'vitest';
import { buildSkillsChart, RADAR_MAX_SKILLS } from '../../../src/domain/skills/chart.ts';

const skills = (n: number) =>
  Array.from({ length: n }, (_, i) => ({ name: `Skill ${i + 1}`, level: (i % 5) + 1, target: 5 }));

type Series = Array<{ type: string; name?: string; data: unknown }>;

describe('the skills chart’s options, from the data', () => {
  it('draws a radar of now vs target for up to 12 skills, every spoke on the 0-5 scale', () => {
    const chart = buildSkillsChart('Ada: skills', [
      { name: 'Testing', level: 2, target: 4 },
      { name: 'CI/CD', level: 3, target: 3 },
      { name: 'Mentoring', level: 1, target: 5 },
    ]);
    expect(chart.kind).toBe('radar');
    const option = chart.option as {
      radar: { indicator: unknown[] };
      series: Series;
      title: { text: string };
    };
    expect(option.title.text).toBe('Ada: skills');
    expect(option.radar.indicator).toEqual([
      { name: 'Testing', min: 0, max: 5 },
      { name: 'CI/CD', min: 0, max: 5 },
      { name: 'Mentoring', min: 0, max: 5 },
    ]);
    const data = option.series[0]?.data as Array<{ name: string; value: number[] }>;
    expect(data.map((d) => [d.name, d.value])).toEqual([
      ['Now', [2, 3, 1]],
      ['Target', [4, 3, 5]],
    ]);
    expect(buildSkillsChart('x', skills(RADAR_MAX_SKILLS)).kind).toBe('radar');
  });

  it('switches to grouped bars above 12 skills, listed top-down in catalogue order, taller with more skills', () => {
    const chart = buildSkillsChart('x', skills(13));
    expect(chart.kind).toBe('bars');
    const option = chart.option as { yAxis: { data: string[] }; xAxis: { max: number }; series: Series };
    // A category axis draws its first item at the bottom, so the list is reversed.
    expect(option.yAxis.data[0]).toBe('Skill 13');
    expect(option.yAxis.data.at(-1)).toBe('Skill 1');
    expect(option.xAxis.max).toBe(5);
    expect(option.series.map((s) => [s.type, s.name])).toEqual([
      ['bar', 'Now'],
      ['bar', 'Target'],
    ]);
    expect((option.series[0]?.data as number[] | undefined)?.at(-1)).toBe(1);
    expect(buildSkillsChart('x', skills(40)).height).toBeGreaterThan(chart.height);
  });

  it('is plain JSON: no functions, so the same data always gives the same chart', () => {
    const a = buildSkillsChart('x', skills(5));
    expect(JSON.parse(JSON.stringify(a))).toEqual(a);
    expect(a).toEqual(buildSkillsChart('x', skills(5)));
  });
});
