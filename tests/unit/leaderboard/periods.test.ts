import { describe, expect, it } from 'vitest';
import {
  describePeriod,
  parseSpan,
  periodOf,
  periodStartOf,
  previousPeriod,
  weeksOf,
} from '../../../src/domain/leaderboard/periods.ts';
import { DEFAULT_SETTINGS, postsDue, weeklyPostAt } from '../../../src/domain/leaderboard/settings.ts';

describe('leaderboard periods are whole weeks', () => {
  it('a week belongs to the month and quarter of its Thursday', () => {
    // Mon 28 Dec 2026 – Sun 3 Jan 2027: Thursday is 31 Dec, so it is December's.
    expect(periodStartOf('month', '2026-12-28')).toBe('2026-12-01');
    expect(periodStartOf('quarter', '2026-12-28')).toBe('2026-10-01');
    // Mon 30 Nov – Sun 6 Dec 2026: Thursday 3 Dec.
    expect(periodStartOf('month', '2026-12-02')).toBe('2026-12-01');
    const december = periodOf('month', '2026-12-15');
    expect(december).toEqual({
      span: 'month',
      start: '2026-12-01',
      firstWeek: '2026-11-30',
      lastWeek: '2026-12-28',
      key: '2026-12',
    });
    expect(weeksOf(december)).toHaveLength(5);
    expect(previousPeriod(december).lastWeek).toBe('2026-11-23');
  });

  it('quarters have 13 or 14 weeks and follow each other without a gap', () => {
    const q4 = periodOf('quarter', '2026-11-11');
    expect(q4.key).toBe('2026-Q4');
    expect(weeksOf(q4).length).toBeGreaterThanOrEqual(13);
    const q1 = periodOf('quarter', '2027-01-20');
    expect(previousPeriod(q1)).toEqual(q4);
    expect(describePeriod(q1)).toBe('2027 Q1');
    expect(describePeriod(periodOf('week', '2026-12-30'))).toBe('28 Dec–3 Jan 2027');
  });

  it('reads the command word, refusing others with an example', () => {
    expect(parseSpan(undefined)).toBe('week');
    expect(parseSpan('Quarter')).toBe('quarter');
    expect(() => parseSpan('year')).toThrow(/leaderboard week/);
  });
});

describe('when posts go out', () => {
  it('the weekly post is the Monday after the week at 09:00 team time', () => {
    expect(weeklyPostAt('2026-12-07', DEFAULT_SETTINGS, 'Europe/Berlin').toISOString()).toBe(
      '2026-12-14T08:00:00.000Z',
    );
    // Across the DST change in New York (8 Mar 2026): 09:00 local is 13:00 UTC after it.
    expect(weeklyPostAt('2026-03-02', DEFAULT_SETTINGS, 'America/New_York').toISOString()).toBe(
      '2026-03-09T13:00:00.000Z',
    );
  });

  it('finds the weekly post in its window, with the monthly one after a month ends', () => {
    const window = { lateByMs: 24 * 3600_000, aheadMs: 10 * 60_000 };
    const at = (iso: string) => postsDue(new Date(iso), 'Europe/Berlin', DEFAULT_SETTINGS, window);
    expect(at('2026-12-14T07:30:00Z')).toEqual([]);
    expect(at('2026-12-14T07:55:00Z').map((p) => p.period.key)).toEqual(['2026-W50']);
    expect(at('2026-12-15T07:00:00Z').map((p) => p.period.key)).toEqual(['2026-W50']);
    expect(at('2026-12-15T09:00:00Z')).toEqual([]);
    // Mon 4 Jan 2027: the week of 28 Dec ends December.
    expect(at('2027-01-04T08:00:00Z').map((p) => p.period.key)).toEqual(['2026-W53', '2026-12']);
    expect(
      postsDue(
        new Date('2026-12-14T08:00:00Z'),
        'Europe/Berlin',
        { ...DEFAULT_SETTINGS, postsEnabled: false },
        window,
      ),
    ).toEqual([]);
  });

  it('a Friday post covers the week that ended before it', () => {
    const friday = { ...DEFAULT_SETTINGS, postWeekday: 5 as const, postTime: { hour: 16, minute: 30 } };
    const due = postsDue(new Date('2026-12-18T15:30:00Z'), 'Europe/Berlin', friday, {
      lateByMs: 3600_000,
      aheadMs: 3600_000,
    });
    expect(due.map((p) => [p.period.key, p.at.toISOString()])).toEqual([
      ['2026-W50', '2026-12-18T15:30:00.000Z'],
    ]);
  });
});
