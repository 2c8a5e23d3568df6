import { DateTime } from 'luxon';
import { DomainError } from '../errors.ts';
import {
  addDays,
  isWorkWeekday,
  type LocalTime,
  localDateOf,
  localToUtc,
  type TeamCalendar,
} from '../schedules/index.ts';

/**
 * When skill check-ins go out (docs/product/skills.md): every `everyWeeks` weeks counted from a
 * team-wide anchor date, each member gets one DM at 10:00 their time on the first work day of the
 * cycle. The cycle is named by its start date, a calendar date, so a DST change, a time-zone move
 * or a replanning can never mint a second check-in for the same member and cycle.
 */
export interface CheckinSettings {
  /** Weeks between check-ins; 0 = check-ins are off. */
  everyWeeks: number;
  /** `YYYY-MM-DD`: the first cycle's start; later ones follow every `everyWeeks` weeks. */
  anchor: string;
}

export const DEFAULT_CHECKIN: CheckinSettings = { everyWeeks: 4, anchor: '2026-01-05' };
export const CHECKIN_TIME: LocalTime = { hour: 10, minute: 0 };
export const CHECKIN_CADENCES: readonly number[] = [0, 1, 2, 3, 4, 6, 8, 12];

export function validateCheckinEvery(value: string, field: string): number {
  const weeks = Number(value);
  if (!/^\d{1,2}$/.test(value) || !CHECKIN_CADENCES.includes(weeks)) {
    throw new DomainError(
      'checkin_settings_invalid',
      `Pick a cadence from the list (every ${CHECKIN_CADENCES.filter((w) => w > 0).join(', ')} weeks, or off).`,
      field,
    );
  }
  return weeks;
}

function days(from: string, to: string): number {
  const a = DateTime.fromISO(from, { zone: 'utc' });
  const b = DateTime.fromISO(to, { zone: 'utc' });
  return Math.round(b.diff(a, 'days').days);
}

/** The start date of the cycle that `date` falls in (anchor + k × everyWeeks weeks, k may be < 0). */
export function cycleStartOf(settings: CheckinSettings, date: string): string {
  const length = settings.everyWeeks * 7;
  const k = Math.floor(days(settings.anchor, date) / length);
  return addDays(settings.anchor, k * length);
}

/**
 * The check-in day of a cycle: its first day that is a work day and not a team holiday, looked
 * for within the cycle; null when the whole cycle is off work (nothing is sent then).
 */
export function checkinDayOf(
  settings: CheckinSettings,
  cycleStart: string,
  team: TeamCalendar,
): string | null {
  for (let i = 0; i < settings.everyWeeks * 7; i++) {
    const day = addDays(cycleStart, i);
    const weekday = DateTime.fromISO(day, { zone: 'utc' }).weekday;
    if (isWorkWeekday(weekday, team.workWeek) && !team.holidays.includes(day)) return day;
  }
  return null;
}

export interface PlannedCheckin {
  /** The cycle's start date: with the member, the check-in's identity. */
  cycle: string;
  /** The member's local date of the DM. */
  localDate: string;
  dueAt: Date;
}

/**
 * The check-ins of one member (in zone `tz`) due between `now − lateness` and `now + horizon`:
 * the previous, current and next cycle are looked at, so a planner that runs every few minutes
 * plans each check-in ahead of time and one that was down for a while still catches up (the
 * outbox skips what is later than its lateness).
 */
export function plannedCheckins(input: {
  settings: CheckinSettings;
  team: TeamCalendar;
  tz: string;
  now: Date;
  horizonMs: number;
  latenessMs: number;
}): PlannedCheckin[] {
  const { settings, team, tz, now } = input;
  if (settings.everyWeeks <= 0) return [];
  const today = localDateOf(now, tz);
  const current = cycleStartOf(settings, today);
  const length = settings.everyWeeks * 7;
  const planned: PlannedCheckin[] = [];
  for (const cycle of [addDays(current, -length), current, addDays(current, length)]) {
    const day = checkinDayOf(settings, cycle, team);
    if (!day) continue;
    const dueAt = localToUtc(day, CHECKIN_TIME, tz);
    const t = dueAt.getTime();
    if (t >= now.getTime() - input.latenessMs && t <= now.getTime() + input.horizonMs) {
      planned.push({ cycle, localDate: day, dueAt });
    }
  }
  return planned;
}

/** The outbox key of one member's check-in of one cycle: sent once, whatever replans it. */
export function checkinKey(cycle: string, userId: string): string {
  return `skills:checkin:${cycle}:${userId}`;
}
