import { describe, expect, it } from 'vitest';
import { periodOf, weekAt, weekOf } from '../../../src/domain/leaderboard/periods.ts';
import { keptStreak, streakOf } from '../../../src/domain/leaderboard/streaks.ts';

describe('streaks of weeks with a learning summary, in the team zone', () => {
  it('counts the current and the longest run', () => {
    const weeks = ['2026-10-05', '2026-10-12', '2026-10-19', '2026-11-02', '2026-11-09'];
    expect(streakOf(weeks, '2026-11-09')).toEqual({ current: 2, longest: 3 });
    expect(streakOf(weeks, '2026-10-19')).toEqual({ current: 3, longest: 3 });
    expect(streakOf([], '2026-11-09')).toEqual({ current: 0, longest: 0 });
  });

  it('a finished week without a summary breaks the run; a running week does not yet', () => {
    const weeks = ['2026-11-02', '2026-11-09'];
    expect(streakOf(weeks, '2026-11-16')).toEqual({ current: 0, longest: 2 });
    expect(streakOf(weeks, '2026-11-16', true)).toEqual({ current: 2, longest: 2 });
    expect(streakOf(weeks, '2026-11-23', true)).toEqual({ current: 0, longest: 2 });
  });

  it('runs across a year end, including a year with 53 ISO weeks', () => {
    // 2026 has 53 ISO weeks: W53 is Mon 28 Dec 2026, and W01 of 2027 is Mon 4 Jan 2027.
    expect(periodOf('week', '2026-12-28').key).toBe('2026-W53');
    expect(periodOf('week', '2027-01-04').key).toBe('2027-W01');
    const weeks = ['2026-12-21', '2026-12-28', '2027-01-04', '2027-01-11'];
    expect(streakOf(weeks, '2027-01-11')).toEqual({ current: 4, longest: 4 });
    // 2025 → 2026 (52 weeks): Mon 29 Dec 2025 is 2026-W01.
    expect(streakOf(['2025-12-22', '2025-12-29', '2026-01-05'], '2026-01-05').current).toBe(3);
  });

  it('runs across DST changes: a 23- or 25-hour Sunday does not move or split a week', () => {
    // Europe/Berlin leaves summer time on Sun 25 Oct 2026; a summary late that night is still
    // in the week of Mon 19 Oct, one just after midnight is in the next.
    expect(weekAt(new Date('2026-10-25T22:30:00Z'), 'Europe/Berlin')).toBe('2026-10-19');
    expect(weekAt(new Date('2026-10-25T23:30:00Z'), 'Europe/Berlin')).toBe('2026-10-26');
    // New York starts summer time on Sun 8 Mar 2026.
    const spring = [
      weekAt(new Date('2026-03-02T15:00:00Z'), 'America/New_York'),
      weekAt(new Date('2026-03-09T03:59:00Z'), 'America/New_York'),
      weekAt(new Date('2026-03-09T04:01:00Z'), 'America/New_York'),
    ];
    expect(spring).toEqual(['2026-03-02', '2026-03-02', '2026-03-09']);
    expect(streakOf(['2026-03-02', '2026-03-09', '2026-10-19', '2026-10-26'], '2026-10-26')).toEqual({
      current: 2,
      longest: 2,
    });
  });

  it("uses the team's zone: the same instant is in different weeks in Tokyo and Honolulu", () => {
    const sundayEveningUtc = new Date('2026-12-13T20:00:00Z');
    expect(weekAt(sundayEveningUtc, 'Asia/Tokyo')).toBe('2026-12-14');
    expect(weekAt(sundayEveningUtc, 'Pacific/Honolulu')).toBe('2026-12-07');
  });

  it('ignores duplicates and weeks after the one asked about', () => {
    expect(streakOf(['2026-11-09', '2026-11-09', '2026-11-02', '2026-11-23'], '2026-11-16', true)).toEqual({
      current: 2,
      longest: 2,
    });
    expect(weekOf('2026-11-15')).toBe('2026-11-09');
  });

  it('kept a streak means this week and the week before', () => {
    expect(keptStreak({ current: 2, longest: 2 })).toBe(true);
    expect(keptStreak({ current: 1, longest: 9 })).toBe(false);
  });
});
