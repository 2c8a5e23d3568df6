import { weeksBetween } from './periods.ts';

/** A member's runs of consecutive weeks with at least one learning summary. */
export interface Streak {
  /** The run that reaches the week asked about (0 when it is broken). */
  current: number;
  /** The longest run up to that week. */
  longest: number;
}

/**
 * Streaks from the Mondays of the weeks a member posted a summary (team zone; any order,
 * duplicates ignored), as of week `asOf`. Weeks after `asOf` are not counted. With
 * `inProgress`, `asOf` is the week still running: a streak that reached last week is still
 * alive (the member has until Sunday), so it counts as current. Week arithmetic is by calendar
 * date, so a year with 53 ISO weeks or a DST change never breaks a run.
 */
export function streakOf(summaryWeeks: readonly string[], asOf: string, inProgress = false): Streak {
  const weeks = [...new Set(summaryWeeks)].filter((w) => w <= asOf).sort();
  let longest = 0;
  let run = 0;
  let previous: string | undefined;
  for (const week of weeks) {
    run = previous !== undefined && weeksBetween(previous, week) === 1 ? run + 1 : 1;
    longest = Math.max(longest, run);
    previous = week;
  }
  if (previous === undefined) return { current: 0, longest: 0 };
  const gap = weeksBetween(previous, asOf);
  const alive = gap === 0 || (inProgress && gap === 1);
  return { current: alive ? run : 0, longest };
}

/** Kept their streak this week: a summary this week and the week before. */
export function keptStreak(streak: Streak): boolean {
  return streak.current >= 2;
}
