import { DomainError } from '../errors.ts';
import type { LocalTime, Weekday } from './cadence.ts';
import { assertTimeZone, isValidTimeZone, localToUtc, parseLocalDate } from './local-time.ts';

/**
 * The ISO weekdays (1 = Monday … 7 = Sunday) a team works, treated as a set (order and
 * duplicates do not matter). Kept as a plain array so it stores as JSON unchanged.
 */
export type WorkWeek = readonly Weekday[];

/** Monday to Friday: the default when a team has not said otherwise. */
export const DEFAULT_WORK_WEEK: WorkWeek = [1, 2, 3, 4, 5];

/** Sunday to Thursday, as in much of the Middle East. */
export const SUNDAY_TO_THURSDAY: WorkWeek = [7, 1, 2, 3, 4];

/** A team's working calendar: whose days count, and in which zone its channel lives. */
export interface TeamCalendar {
  workWeek: WorkWeek;
  /** Local dates (`YYYY-MM-DD`) on which no ritual reminder is sent. */
  holidays: string[];
  /** IANA zone of the team; channel posts and members without a zone use it. */
  timeZone: string;
}

/** What the app knows about one member's reachability. */
export interface MemberAvailability {
  /** Slack's `tz` for the member; null when Slack did not give one. */
  tz: string | null;
  /** Last local date (inclusive) of a pause of all DMs, `'forever'`, or null when not paused. */
  pausedUntil: string | null;
  /** Out-of-office ranges, inclusive local dates. */
  ooo: Array<{ from: string; to: string }>;
}

/** Why a member's delivery of one occurrence was not sent. */
export type SkipReason = 'non_work_day' | 'holiday' | 'paused' | 'out_of_office';

/** The outcome of {@link deliveryDecision}. */
export type DeliveryDecision =
  | { send: true; dueAt: Date; localDate: string; tz: string }
  | { send: false; reason: SkipReason };

/** True when the ISO weekday is one of the work week's days. */
export function isWorkWeekday(weekday: number, workWeek: WorkWeek): boolean {
  return workWeek.some((d) => d === weekday);
}

/**
 * Throws `work_week_invalid` unless the work week has at least one day and only ISO
 * weekdays 1-7. An empty work week would silently stop every ritual, so it is refused.
 */
export function validateWorkWeek(workWeek: WorkWeek): void {
  const ok =
    Array.isArray(workWeek) &&
    workWeek.length > 0 &&
    workWeek.every((d) => Number.isInteger(d) && d >= 1 && d <= 7);
  if (!ok) {
    throw new DomainError('work_week_invalid', 'Pick at least one working day of the week.', 'work_week');
  }
}

/**
 * The zone a member's reminders use: their own Slack zone, or the team's when they have
 * none (or Slack sent one this runtime does not know, rather than failing the delivery).
 */
export function memberTimeZone(
  member: Pick<MemberAvailability, 'tz'>,
  team: Pick<TeamCalendar, 'timeZone'>,
): string {
  if (member.tz !== null && isValidTimeZone(member.tz)) return member.tz;
  return assertTimeZone(team.timeZone);
}

/** True when the member has paused DMs on `localDate`. */
export function isPausedOn(member: Pick<MemberAvailability, 'pausedUntil'>, localDate: string): boolean {
  if (member.pausedUntil === null) return false;
  return member.pausedUntil === 'forever' || localDate <= member.pausedUntil;
}

/** True when `localDate` lies in one of the member's out-of-office ranges. */
export function isOutOfOfficeOn(member: Pick<MemberAvailability, 'ooo'>, localDate: string): boolean {
  return member.ooo.some((range) => range.from <= localDate && localDate <= range.to);
}

/**
 * Decides whether one member gets one ritual occurrence, and when. The delivery is at
 * the occurrence's local date and time in the member's own zone (the team's when the
 * member has none) — 09:00 means 09:00 where the member is, on that date. It is
 * skipped, checked in this order, when that local date is not in the team's work week,
 * is a team holiday, falls in the member's pause, or in their out-of-office. DST is
 * handled by {@link localToUtc} (a missing time moves to the end of the gap, a repeated
 * one fires at its first instance). Throws `date_invalid`, `time_invalid` or
 * `time_zone_invalid` (team zone) for malformed input.
 */
export function deliveryDecision(input: {
  occurrenceDate: string;
  time: LocalTime;
  team: TeamCalendar;
  member: MemberAvailability;
}): DeliveryDecision {
  const { occurrenceDate, time, team, member } = input;
  validateWorkWeek(team.workWeek);
  const day = parseLocalDate(occurrenceDate);
  const tz = memberTimeZone(member, team);
  if (!isWorkWeekday(day.weekday, team.workWeek)) return { send: false, reason: 'non_work_day' };
  if (team.holidays.includes(occurrenceDate)) return { send: false, reason: 'holiday' };
  if (isPausedOn(member, occurrenceDate)) return { send: false, reason: 'paused' };
  if (isOutOfOfficeOn(member, occurrenceDate)) return { send: false, reason: 'out_of_office' };
  return { send: true, dueAt: localToUtc(occurrenceDate, time, tz), localDate: occurrenceDate, tz };
}
