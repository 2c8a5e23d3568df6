import { DomainError } from '../errors.ts';
import {
  addDays,
  formatTime,
  type LocalTime,
  localToUtc,
  parseLocalTime,
  type Weekday,
} from '../schedules/index.ts';
import { type Period, periodOf, weekAt } from './periods.ts';

/** A team's leaderboard switches (docs/product/leaderboard.md). */
export interface LeaderboardSettings {
  /** Weekly and monthly posts in the learning-hour channel. */
  postsEnabled: boolean;
  /** Posts (and standings) show the team's totals only, never a name. */
  totalsOnly: boolean;
  /** Weekday (1 = Monday) and team-local time of the weekly post. */
  postWeekday: Weekday;
  postTime: LocalTime;
}

export const DEFAULT_SETTINGS: LeaderboardSettings = {
  postsEnabled: true,
  totalsOnly: false,
  postWeekday: 1,
  postTime: { hour: 9, minute: 0 },
};

/** Reads the admin's post day and time; errors name their field. */
export function parsePostSchedule(
  input: { weekday: string; time: string },
  fields: { weekday: string; time: string },
): { postWeekday: Weekday; postTime: LocalTime } {
  const weekday = Number(input.weekday);
  if (!Number.isInteger(weekday) || weekday < 1 || weekday > 7) {
    throw new DomainError('leaderboard_settings_invalid', 'Pick the day of the weekly post.', fields.weekday);
  }
  let postTime: LocalTime;
  try {
    postTime = parseLocalTime(input.time);
  } catch (error) {
    if (error instanceof DomainError) {
      throw new DomainError('leaderboard_settings_invalid', error.message, fields.time);
    }
    throw error;
  }
  return { postWeekday: weekday as Weekday, postTime };
}

/** A scheduled post: which period, and when it goes out. */
export interface DuePost {
  period: Period;
  at: Date;
}

/**
 * When the post about a finished week goes out: on the post weekday of the following week, at the
 * post time in the team's zone (by default the Monday after, at 09:00).
 */
export function weeklyPostAt(week: string, settings: LeaderboardSettings, tz: string): Date {
  return localToUtc(addDays(week, 7 + settings.postWeekday - 1), settings.postTime, tz);
}

/**
 * The posts whose time lies in `[now − lateBy, now + ahead]`: the weekly post of each finished
 * week, and, when that week ends a month, the monthly post with it. A scheduler that looks every
 * few minutes finds each post at least once; the outbox's idempotency key sends it once.
 */
export function postsDue(
  now: Date,
  tz: string,
  settings: LeaderboardSettings,
  window: { lateByMs: number; aheadMs: number },
): DuePost[] {
  if (!settings.postsEnabled) return [];
  const thisWeek = weekAt(now, tz);
  const due: DuePost[] = [];
  // The week before last, too: a Sunday post of last week falls in this week's window.
  for (const week of [addDays(thisWeek, -14), addDays(thisWeek, -7)]) {
    const at = weeklyPostAt(week, settings, tz);
    const from = now.getTime() - window.lateByMs;
    const to = now.getTime() + window.aheadMs;
    if (at.getTime() < from || at.getTime() > to) continue;
    due.push({ period: periodOf('week', week), at });
    const month = periodOf('month', week);
    if (month.lastWeek === week) due.push({ period: month, at });
  }
  return due;
}

export function describePostSchedule(settings: LeaderboardSettings): string {
  const days = ['', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
  return `${days[settings.postWeekday]} at ${formatTime(settings.postTime)}`;
}
