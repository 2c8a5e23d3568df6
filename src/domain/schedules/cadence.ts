import type { DateTime } from 'luxon';
import { DomainError } from '../errors.ts';
import { formatLocalDate, parseLocalDate } from './local-time.ts';
import { DEFAULT_WORK_WEEK, isWorkWeekday, validateWorkWeek, type WorkWeek } from './work-calendar.ts';

/** ISO weekday: 1 = Monday … 7 = Sunday (Luxon's `weekday`). */
export type Weekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

/**
 * How often a ritual recurs, in calendar terms only. The time of day and the zone are
 * separate (a {@link LocalTime} resolved per member), so a cadence names local dates,
 * never instants, and DST cannot make it fire twice or skip a day.
 */
export type Cadence =
  | { kind: 'weekly'; weekday: Weekday }
  | {
      kind: 'biweekly';
      weekday: Weekday;
      /**
       * `YYYY-MM-DD`, any date in the first week of the rotation. Weeks are ISO weeks
       * (Monday-Sunday); the cadence falls on `weekday` in that week and every second
       * week before and after it.
       */
      anchorDate: string;
    }
  | {
      kind: 'monthly_nth_weekday';
      /** 1-5 = first … fifth; -1 = last. A month without a fifth such weekday is skipped. */
      nth: 1 | 2 | 3 | 4 | 5 | -1;
      weekday: Weekday;
    }
  | {
      kind: 'monthly_day';
      /** 1-31; clamps to the month's last day (31 → 28/29 February, 30 April). */
      day: number;
    }
  | {
      /**
       * The first day of the month that is in the team's work week. Holidays do NOT move
       * it: the date stays predictable from the work week alone (members can see "the
       * first workday" on any calendar), and on a holiday that day's delivery is skipped
       * by `deliveryDecision` with reason `holiday`, like any other ritual. Moving it would
       * make the occurrence key depend on a holiday list that admins edit after jobs are
       * planned, so the same month could be sent twice.
       */
      kind: 'monthly_first_workday';
    };

/** A wall-clock time of day, interpreted in whichever zone the delivery belongs to. */
export interface LocalTime {
  hour: number;
  minute: number;
}

/** Longest range {@link occurrenceDates} expands in one call (about ten years). */
export const MAX_OCCURRENCE_RANGE_DAYS = 3700;

const TIME_TEXT = /^(\d{1,2})[:.h](\d{2})$/i;
const WEEKDAYS: readonly number[] = [1, 2, 3, 4, 5, 6, 7];
const NTHS: readonly number[] = [1, 2, 3, 4, 5, -1];

/**
 * Reads a time of day as members type it: 24-hour `HH:MM` (`09:30`, `9:30`, also
 * `9.30`/`9h30`). Throws a `DomainError` with code `time_invalid` and a message fit to
 * show the user for anything else, including 12-hour forms (`9:30pm`) that would be
 * ambiguous to guess at.
 */
export function parseLocalTime(text: string): LocalTime {
  const match = TIME_TEXT.exec(text.trim());
  const hour = Number(match?.[1]);
  const minute = Number(match?.[2]);
  if (!match || hour > 23 || minute > 59) {
    throw new DomainError(
      'time_invalid',
      `"${text.trim()}" isn't a time I can read; use the 24-hour clock, like 09:30 or 17:00.`,
      'time',
    );
  }
  return { hour, minute };
}

function invalid(message: string, field = 'cadence'): DomainError {
  return new DomainError('cadence_invalid', message, field);
}

function checkWeekday(value: unknown): void {
  if (typeof value !== 'number' || !WEEKDAYS.includes(value)) {
    throw invalid('Pick a weekday from Monday to Sunday.', 'weekday');
  }
}

/**
 * Checks a cadence read from a modal or from storage (it is JSON there, so every field
 * is checked at run time, not trusted to the type). Throws `cadence_invalid` with a
 * message for the user and the offending field; returns normally when it is usable.
 */
export function validateCadence(c: unknown): asserts c is Cadence {
  if (typeof c !== 'object' || c === null || !('kind' in c)) {
    throw invalid('Choose how often the ritual happens.');
  }
  const value = c as Record<string, unknown>;
  switch (value.kind) {
    case 'weekly':
      checkWeekday(value.weekday);
      return;
    case 'biweekly': {
      checkWeekday(value.weekday);
      const anchor = value.anchorDate;
      if (typeof anchor !== 'string')
        throw invalid('Give a date in the first week of the rotation.', 'anchor');
      try {
        parseLocalDate(anchor);
      } catch {
        throw invalid(`"${anchor}" is not a date; write it like 2026-01-05.`, 'anchor');
      }
      return;
    }
    case 'monthly_nth_weekday':
      checkWeekday(value.weekday);
      if (typeof value.nth !== 'number' || !NTHS.includes(value.nth)) {
        throw invalid('Pick first, second, third, fourth, fifth or last.', 'nth');
      }
      return;
    case 'monthly_day':
      if (typeof value.day !== 'number' || !Number.isInteger(value.day) || value.day < 1 || value.day > 31) {
        throw invalid('Pick a day of the month from 1 to 31.', 'day');
      }
      return;
    case 'monthly_first_workday':
      return;
    default:
      throw invalid('Choose weekly, every two weeks, or a monthly rule.');
  }
}

/** Counts ISO weeks: 0 for the week of Monday 1969-12-29, +1 per following week. */
function isoWeekIndex(date: DateTime): number {
  // Dates are UTC carriers (no DST), so every Monday is a whole number of days from the
  // epoch, and Monday 1969-12-29 is day -3.
  const mondayDays = date.startOf('week').toMillis() / 86_400_000;
  return Math.round((mondayDays + 3) / 7);
}

function fallsOn(cadence: Cadence, date: DateTime<true>, workWeek: WorkWeek, anchorWeek: number): boolean {
  switch (cadence.kind) {
    case 'weekly':
      return date.weekday === cadence.weekday;
    case 'biweekly': {
      if (date.weekday !== cadence.weekday) return false;
      const diff = isoWeekIndex(date) - anchorWeek;
      return diff % 2 === 0;
    }
    case 'monthly_nth_weekday': {
      if (date.weekday !== cadence.weekday) return false;
      if (cadence.nth === -1) return date.day + 7 > date.daysInMonth;
      return Math.ceil(date.day / 7) === cadence.nth;
    }
    case 'monthly_day':
      return date.day === Math.min(cadence.day, date.daysInMonth);
    case 'monthly_first_workday': {
      if (!isWorkWeekday(date.weekday, workWeek)) return false;
      // No earlier day of this month is a work day.
      for (let d = date.minus({ days: 1 }); d.month === date.month; d = d.minus({ days: 1 })) {
        if (isWorkWeekday(d.weekday, workWeek)) return false;
      }
      return true;
    }
  }
}

/**
 * The local calendar dates (`YYYY-MM-DD`) on which the cadence falls, in
 * [`fromDate`, `toDate`] inclusive, ascending. Pure calendar logic: the dates are later
 * combined with the ritual's time and each member's zone. `workWeek` (default
 * Monday-Friday) matters only for `monthly_first_workday`; holidays and member absence
 * are applied per delivery, not here. An empty list when `fromDate` > `toDate`.
 * Throws `cadence_invalid`, `date_invalid` or `date_range_invalid` (longer than
 * {@link MAX_OCCURRENCE_RANGE_DAYS}).
 */
export function occurrenceDates(
  cadence: Cadence,
  fromDate: string,
  toDate: string,
  workWeek: WorkWeek = DEFAULT_WORK_WEEK,
): string[] {
  validateCadence(cadence);
  validateWorkWeek(workWeek);
  const from = parseLocalDate(fromDate);
  const to = parseLocalDate(toDate);
  if (from > to) return [];
  if (to.diff(from, 'days').days > MAX_OCCURRENCE_RANGE_DAYS) {
    throw new DomainError(
      'date_range_invalid',
      `A schedule can be listed at most ${MAX_OCCURRENCE_RANGE_DAYS} days ahead.`,
      'date',
    );
  }
  const anchorWeek = cadence.kind === 'biweekly' ? isoWeekIndex(parseLocalDate(cadence.anchorDate)) : 0;
  const dates: string[] = [];
  for (let d = from; d <= to; d = d.plus({ days: 1 })) {
    if (fallsOn(cadence, d, workWeek, anchorWeek)) dates.push(formatLocalDate(d));
  }
  return dates;
}
