import type { LocalTime } from '../schedules/cadence.ts';
import { addDays, localDateOf, localTimeOf, localToUtc, parseLocalDate } from '../schedules/local-time.ts';
import { isWorkWeekday, type TeamCalendar } from '../schedules/work-calendar.ts';

/**
 * When feedback DMs arrive (docs/product/feedback.md): at the recipient's local time, on the
 * team's work days. A DM due outside working hours waits for the next work morning; nobody is
 * asked for feedback at 3 a.m. or on a holiday.
 */

/** The work morning a waiting DM goes out at, in the recipient's zone. */
export const WORK_MORNING: LocalTime = { hour: 9, minute: 30 };
/** After this local time a DM waits for the next work morning. */
export const WORK_DAY_END: LocalTime = { hour: 18, minute: 0 };
/** A request closes at this local time on its due date (the requester's zone). */
export const CLOSING_TIME: LocalTime = { hour: 17, minute: 0 };
/** A reminder that would land closer than this to the close is not sent. */
const REMINDER_MARGIN_MS = 3600_000;

const minutes = (t: LocalTime) => t.hour * 60 + t.minute;

/** True when `date` (`YYYY-MM-DD`) is one of the team's work days and not a holiday. */
export function isWorkDay(date: string, calendar: Pick<TeamCalendar, 'workWeek' | 'holidays'>): boolean {
  return isWorkWeekday(parseLocalDate(date).weekday, calendar.workWeek) && !calendar.holidays.includes(date);
}

/**
 * The first work morning (WORK_MORNING local, on a work day) strictly after `after`: a design
 * review that ended at 19:00 asks the next day at 09:30; one that ended at 04:00 (an attendee far
 * away) asks the same day at 09:30. Gives up after a year of non-work days (a calendar of only
 * holidays) and answers the next morning then.
 */
export function nextWorkMorning(after: Date, tz: string, calendar: TeamCalendar): Date {
  let date = localDateOf(after, tz);
  if (localToUtc(date, WORK_MORNING, tz).getTime() <= after.getTime()) date = addDays(date, 1);
  const first = date;
  for (let i = 0; i < 370; i++) {
    if (isWorkDay(date, calendar)) return localToUtc(date, WORK_MORNING, tz);
    date = addDays(date, 1);
  }
  return localToUtc(first, WORK_MORNING, tz);
}

/** True when `at` is in working hours on a work day, in `tz`. */
export function inWorkingHours(at: Date, tz: string, calendar: TeamCalendar): boolean {
  const local = minutes(localTimeOf(at, tz));
  return (
    isWorkDay(localDateOf(at, tz), calendar) &&
    local >= minutes(WORK_MORNING) &&
    local < minutes(WORK_DAY_END)
  );
}

/** When a DM wanted at `at` goes out: then, in working hours; else the next work morning. */
export function deliveryTime(at: Date, tz: string, calendar: TeamCalendar): Date {
  return inWorkingHours(at, tz, calendar) ? at : nextWorkMorning(at, tz, calendar);
}

/** The instant a request closes: CLOSING_TIME on its due date, in the requester's zone. */
export function closingTime(dueDate: string, tz: string): Date {
  return localToUtc(dueDate, CLOSING_TIME, tz);
}

/**
 * The one gentle reminder: halfway between the ask's DM and the close, moved into the person's
 * working hours; none when that lands within an hour of the close (a request due tomorrow).
 */
export function reminderTime(input: {
  askedAt: Date;
  closesAt: Date;
  tz: string;
  calendar: TeamCalendar;
}): Date | null {
  const { askedAt, closesAt, tz, calendar } = input;
  const halfway = new Date(askedAt.getTime() + (closesAt.getTime() - askedAt.getTime()) / 2);
  const at = deliveryTime(halfway, tz, calendar);
  if (at.getTime() <= askedAt.getTime()) return null;
  if (at.getTime() > closesAt.getTime() - REMINDER_MARGIN_MS) return null;
  return at;
}
