import { describe, expect, it } from 'vitest';
import { DomainError } from '../../../src/domain/errors.ts';
import { changeLabel, changeOf, validateAssessment } from '../../../src/domain/skills/assessment.ts';
import type { Catalog } from '../../../src/domain/skills/catalog.ts';
import { checkinDayOf, cycleStartOf, plannedCheckins } from '../../../src/domain/skills/checkin-schedule.ts';
import { validateView } from '../../../src/sandbox/slack/block-kit-limits.ts';
import { assessmentModal } from '../../../src/slack/features/skills/blocks/assessment-modal.ts';

function catalogOf(domains: number, perDomain: number): Catalog {
  const catalog: Catalog = { domains: [], skills: [] };
  for (let d = 0; d < domains; d++) {
    catalog.domains.push({ id: `d${d}`, name: `Domain ${d}`, position: d });
    for (let s = 0; s < perDomain; s++) {
      catalog.skills.push({
        id: String(d * 100 + s + 1),
        domainId: `d${d}`,
        name: `Skill ${d}.${s}`,
        position: s,
        retired: false,
      });
    }
  }
  return catalog;
}

const refusal = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    if (e instanceof DomainError) return { code: e.code, field: e.field };
  }
  return undefined;
};

describe('a self-assessment: each input error names its field', () => {
  const catalog = catalogOf(1, 3);
  catalog.skills.push({ id: '50', domainId: 'd0', name: 'Old', position: 9, retired: true });
  const form = (entries: Array<[string, string, string]>, confirm = false) => ({
    entries: entries.map(([skillId, level, target]) => ({ skillId, level, target })),
    confirmLowerTargets: confirm,
  });

  it('stores a subset; an empty target keeps the previous one, or the level', () => {
    const previous = new Map([['2', { skillId: '2', level: 2, target: 4 }]]);
    expect(
      validateAssessment(
        form([
          ['1', '3', '5'],
          ['2', '3', ''],
          ['3', '', ''],
        ]),
        catalog,
        previous,
      ),
    ).toEqual([
      { skillId: '1', level: 3, target: 5 },
      { skillId: '2', level: 3, target: 4 },
    ]);
    expect(validateAssessment(form([['1', '4', '']]), catalog, new Map())).toEqual([
      { skillId: '1', level: 4, target: 4 },
    ]);
  });

  it('refuses ratings outside 1-5, unconfirmed lower targets, retired or unknown skills, and an empty form', () => {
    expect(refusal(() => validateAssessment(form([['1', '6', '']]), catalog, new Map()))).toEqual({
      code: 'skill_rating_invalid',
      field: 'level_1',
    });
    expect(refusal(() => validateAssessment(form([['1', '3', '0']]), catalog, new Map()))).toEqual({
      code: 'skill_rating_invalid',
      field: 'target_1',
    });
    expect(refusal(() => validateAssessment(form([['1', '4', '2']]), catalog, new Map()))).toEqual({
      code: 'skill_target_below',
      field: 'target_1',
    });
    expect(validateAssessment(form([['1', '4', '2']], true), catalog, new Map())).toEqual([
      { skillId: '1', level: 4, target: 2 },
    ]);
    expect(refusal(() => validateAssessment(form([['50', '3', '4']]), catalog, new Map()))).toEqual({
      code: 'skill_retired',
      field: 'level_50',
    });
    expect(refusal(() => validateAssessment(form([['999', '3', '4']]), catalog, new Map()))).toEqual({
      code: 'skill_unknown',
      field: 'level_999',
    });
    expect(refusal(() => validateAssessment(form([['1', '', '']]), catalog, new Map()))?.code).toBe(
      'skill_rating_invalid',
    );
  });

  it('labels the change since the previous assessment', () => {
    expect([changeOf(5, 3), changeOf(2, 3), changeOf(3, null), changeOf(3, 3)].map(changeLabel)).toEqual([
      '↑2',
      '↓1',
      'new',
      '=',
    ]);
  });
});

describe('the assessment modal fits Slack’s 100 blocks', () => {
  it('shows the whole default-sized catalogue at once, with the scale', () => {
    const view = assessmentModal({ catalog: catalogOf(5, 4), history: new Map() });
    expect(view.blocks.length).toBeLessThanOrEqual(100);
    expect(JSON.stringify(view)).toContain(
      '1 novice · 2 advanced beginner · 3 competent · 4 proficient · 5 expert',
    );
    expect(view.blocks.filter((b) => b.type === 'input')).toHaveLength(5 * 4 * 2 + 1);
    expect(validateView(view)).toEqual([]);
  });

  it('splits a larger catalogue by domain, with a domain picker', () => {
    const catalog = catalogOf(6, 10);
    const first = assessmentModal({ catalog, history: new Map() });
    expect(first.blocks.length).toBeLessThanOrEqual(100);
    expect(JSON.stringify(first)).toContain('skills_pick_domain');
    expect(first.blocks.filter((b) => b.type === 'input')).toHaveLength(10 * 2 + 1);
    const third = assessmentModal({ catalog, history: new Map(), domainId: 'd2' });
    expect(JSON.stringify(third)).toContain('level_201');
    expect(JSON.stringify(third)).not.toContain('level_1"');
    expect(validateView(third)).toEqual([]);
  });
});

describe('skill check-in cycles', () => {
  const team = { workWeek: [1, 2, 3, 4, 5] as const, holidays: ['2026-02-02'], timeZone: 'UTC' };
  const settings = { everyWeeks: 4, anchor: '2026-01-05' };

  it('names each cycle by its start date and sends on its first work day, skipping holidays', () => {
    expect(cycleStartOf(settings, '2026-01-30')).toBe('2026-01-05');
    expect(cycleStartOf(settings, '2026-02-02')).toBe('2026-02-02');
    expect(cycleStartOf(settings, '2025-12-31')).toBe('2025-12-08');
    expect(checkinDayOf(settings, '2026-02-02', { ...team, workWeek: [...team.workWeek] })).toBe(
      '2026-02-03',
    );
    expect(checkinDayOf(settings, '2026-01-03', { ...team, workWeek: [...team.workWeek] })).toBe(
      '2026-01-05',
    );
  });

  it('plans 10:00 member-local, within the horizon, once per cycle whatever the hour of planning', () => {
    const plan = (now: string, tz: string) =>
      plannedCheckins({
        settings,
        team: { ...team, workWeek: [...team.workWeek] },
        tz,
        now: new Date(now),
        horizonMs: 36 * 3600_000,
        latenessMs: 12 * 3600_000,
      });
    expect(plan('2026-03-01T12:00:00Z', 'Europe/Berlin')).toEqual([
      { cycle: '2026-03-02', localDate: '2026-03-02', dueAt: new Date('2026-03-02T09:00:00Z') },
    ]);
    expect(plan('2026-03-02T20:00:00Z', 'America/New_York')).toEqual([
      { cycle: '2026-03-02', localDate: '2026-03-02', dueAt: new Date('2026-03-02T15:00:00Z') },
    ]);
    expect(plan('2026-03-10T12:00:00Z', 'Europe/Berlin')).toEqual([]);
    expect(
      plannedCheckins({
        settings: { ...settings, everyWeeks: 0 },
        team: { ...team, workWeek: [1] },
        tz: 'UTC',
        now: new Date(),
        horizonMs: 1e9,
        latenessMs: 0,
      }),
    ).toEqual([]);
  });
});
