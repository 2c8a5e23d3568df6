import { DateTime } from 'luxon';
import { DomainError } from '../errors.ts';
import { type Cadence, type LocalTime, occurrenceDates } from './cadence.ts';
import { addDays, assertLocalTime, assertTimeZone, localDateOf, localToUtc } from './local-time.ts';
import type { TeamCalendar } from './work-calendar.ts';

/** Longest planning horizon accepted by {@link planOccurrences}. */
export const MAX_HORIZON_DAYS = 366;

/** One planned occurrence of a ritual. */
export interface PlannedOccurrence {
  /** The team-local calendar date the occurrence belongs to (`YYYY-MM-DD`). */
  occurrenceDate: string;
  /**
   * Deterministic identity of the occurrence within its ritual: the same date always
   * gives the same key, so `ritual:<id>:<key>` de-duplicates across restarts, retries
   * and replicas. It is the date itself, never an instant, so a DST change or a
   * change of the ritual's time of day cannot mint a second key for the same day.
   */
  key: string;
}

/** The two snooze choices offered on a reminder. */
export type SnoozeOption = '1h' | 'tomorrow';

/**
 * The occurrences of a ritual whose date lies between the team-local today and
 * today + `horizonDays` (both inclusive), ascending. "Today" is the team's, computed from
 * `now` in `team.timeZone` — never the server's. Today is included even if its time has
 * passed: the caller decides per member whether a due time in the past is still sent
 * (members east of the team reach a date's time earlier). Throws `horizon_invalid`
 * unless 0 ≤ `horizonDays` ≤ {@link MAX_HORIZON_DAYS} (integer), and the cadence and
 * zone errors of the functions it uses.
 */
export function planOccurrences(input: {
  cadence: Cadence;
  time: LocalTime;
  team: TeamCalendar;
  now: Date;
  horizonDays: number;
}): PlannedOccurrence[] {
  const { cadence, time, team, now, horizonDays } = input;
  if (!Number.isInteger(horizonDays) || horizonDays < 0 || horizonDays > MAX_HORIZON_DAYS) {
    throw new DomainError(
      'horizon_invalid',
      `Plan between 0 and ${MAX_HORIZON_DAYS} days ahead.`,
      'horizon_days',
    );
  }
  assertLocalTime(time);
  const today = localDateOf(now, team.timeZone);
  return occurrenceDates(cadence, today, addDays(today, horizonDays), team.workWeek).map((date) => ({
    occurrenceDate: date,
    key: date,
  }));
}

/**
 * When a channel-audience post (thread opener, digest, session notice) goes out: the
 * occurrence's local date and time in the TEAM's zone, with the same DST rules as DMs.
 */
export function channelPostAt(occurrenceDate: string, time: LocalTime, teamTz: string): Date {
  return localToUtc(occurrenceDate, time, teamTz);
}

/**
 * When a snoozed reminder comes back. `'1h'` is one elapsed hour from `now` (an absolute
 * hour, so it is an hour even across a DST change). `'tomorrow'` is `originalLocal` on
 * the member's next local calendar day after `now`, resolved with {@link localToUtc}, so
 * 09:00 stays 09:00 across a DST change (23 or 25 elapsed hours). Snooze does not skip
 * weekends or holidays: the member asked for tomorrow.
 */
export function snoozeUntil(option: SnoozeOption, now: Date, tz: string, originalLocal: LocalTime): Date {
  assertTimeZone(tz);
  if (option === '1h') return DateTime.fromJSDate(now).plus({ hours: 1 }).toJSDate();
  return localToUtc(addDays(localDateOf(now, tz), 1), originalLocal, tz);
}
