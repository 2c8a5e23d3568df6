import { describe, expect, it } from 'vitest';
import { DEFAULT_POINTS } from '../../../src/domain/activity/points.ts';
import { DomainError } from '../../../src/domain/errors.ts';
import { effectiveRules, parseRuleNumber, scoreWeeks } from '../../../src/domain/leaderboard/scoring.ts';

describe('points and weekly caps', () => {
  const rules = effectiveRules(new Map());

  it("has the issue's defaults, and kinds without points score nothing", () => {
    expect(Object.fromEntries([...rules].map(([k, r]) => [k, r.points]))).toEqual({
      'summary.posted': 3,
      'review.attended': 2,
      'review.presented': 5,
      'feedback.given': 3,
      'skill_checkin.done': 2,
      'key_result.moved': 1,
      'contribution.logged': 3,
    });
    expect(scoreWeeks([{ kind: 'north_star.set', events: 4 }], rules)).toMatchObject({ total: 0 });
  });

  it('counts at most the cap of each kind in each week: one summary, three feedback answers', () => {
    const week = [
      { kind: 'summary.posted', events: 5 },
      { kind: 'feedback.given', events: 10 },
      { kind: 'key_result.moved', events: 2 },
    ];
    const scored = scoreWeeks(week, rules);
    expect(scored.total).toBe(3 + 9 + 2);
    expect(scored.lines).toEqual([
      { kind: 'feedback.given', events: 10, counted: 3, points: 9 },
      { kind: 'summary.posted', events: 5, counted: 1, points: 3 },
      { kind: 'key_result.moved', events: 2, counted: 2, points: 2 },
    ]);
  });

  it('applies the cap per week, so two weeks of one summary beat one week of ten', () => {
    const steady = scoreWeeks(
      [
        { kind: 'summary.posted', events: 1 },
        { kind: 'summary.posted', events: 1 },
      ],
      rules,
    );
    const burst = scoreWeeks([{ kind: 'summary.posted', events: 10 }], rules);
    expect(steady.total).toBe(6);
    expect(burst.total).toBe(3);
  });

  it("a team's edits win over the defaults, and 0 points stops a habit scoring", () => {
    const edited = effectiveRules(
      new Map([
        ['summary.posted', { points: 5, weeklyCap: 2 }],
        ['feedback.given', { points: 0, weeklyCap: 3 }],
      ]),
    );
    expect(
      scoreWeeks(
        [
          { kind: 'summary.posted', events: 3 },
          { kind: 'feedback.given', events: 3 },
        ],
        edited,
      ).total,
    ).toBe(10);
    expect(DEFAULT_POINTS['summary.posted']).toEqual({ points: 3, weeklyCap: 1 });
  });

  it('reads an admin value as a whole number within bounds, naming the field', () => {
    expect(parseRuleNumber(' 4 ', 'points', 'points:x')).toBe(4);
    for (const bad of ['', '-1', '2.5', 'lots', '101']) {
      expect(() => parseRuleNumber(bad, 'points', 'points:x')).toThrow(DomainError);
    }
    expect(() => parseRuleNumber('51', 'weeklyCap', 'cap:x')).toThrow(
      expect.objectContaining({ code: 'leaderboard_settings_invalid', field: 'cap:x' }),
    );
  });
});
