import { DateTime, IANAZone } from 'luxon';
import { DomainError } from '../errors.ts';
import type { LocalTime } from './cadence.ts';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * True when `tz` is an IANA zone name this runtime knows (e.g. `Europe/London`).
 * Slack's `tz` and team settings are checked with it before any schedule is computed,
 * so an unknown zone is refused up front rather than silently treated as UTC.
 */
export function isValidTimeZone(tz: string): boolean {
  if (typeof tz !== 'string' || tz.length === 0) return false;
  // Checking a zone builds an Intl formatter; a fan-out asks for the same few zones thousands
  // of times, so answers are remembered (the zone database does not change while running).
  let known = validZones.get(tz);
  if (known === undefined) {
    known = IANAZone.isValidZone(tz);
    if (validZones.size < 1000) validZones.set(tz, known);
  }
  return known;
}

const validZones = new Map<string, boolean>();

/** Throws `time_zone_invalid` unless {@link isValidTimeZone}; returns the zone for chaining. */
export function assertTimeZone(tz: string): string {
  if (!isValidTimeZone(tz)) {
    throw new DomainError('time_zone_invalid', `"${tz}" is not a time zone we recognise.`, 'time_zone');
  }
  return tz;
}

/**
 * Reads a `YYYY-MM-DD` calendar date as a Luxon value in UTC. UTC is used only as a
 * DST-free carrier for calendar arithmetic (weekday, days in month, +1 day): a local
 * date has no zone until it is combined with a time and the member's zone in
 * {@link localToUtc}. Throws `date_invalid` for anything that is not a real date.
 */
export function parseLocalDate(date: string): DateTime<true> {
  const parsed = ISO_DATE.test(date) ? DateTime.fromISO(date, { zone: 'utc' }) : null;
  if (parsed === null || !parsed.isValid) {
    throw new DomainError('date_invalid', `"${date}" is not a date; write it like 2026-03-31.`, 'date');
  }
  return parsed;
}

/** Formats a calendar date carried by {@link parseLocalDate} back to `YYYY-MM-DD`. */
export function formatLocalDate(date: DateTime<true>): string {
  return date.toFormat('yyyy-MM-dd');
}

/** The calendar date `days` after (or before, if negative) `date`; both `YYYY-MM-DD`. */
export function addDays(date: string, days: number): string {
  return formatLocalDate(parseLocalDate(date).plus({ days }));
}

/**
 * The member's calendar date at `instant`: what "today" means for them. Reminders are
 * planned and skipped (weekends, holidays, OOO) on this date, never on the server's.
 */
export function localDateOf(instant: Date, tz: string): string {
  const local = DateTime.fromJSDate(instant, { zone: assertTimeZone(tz) });
  if (!local.isValid) {
    throw new DomainError('date_invalid', 'That instant is not a valid date.', 'date');
  }
  return local.toFormat('yyyy-MM-dd');
}

/** The local wall time at `instant` in `tz` (minutes precision). */
export function localTimeOf(instant: Date, tz: string): LocalTime {
  const local = DateTime.fromJSDate(instant, { zone: assertTimeZone(tz) });
  return { hour: local.hour, minute: local.minute };
}

/** Wall-clock comparison key (minutes since an arbitrary epoch) ignoring any zone offset. */
function wallKey(dt: DateTime): number {
  return dt.setZone('utc', { keepLocalTime: true }).toMillis() / 60_000;
}

/**
 * Resolves a wall-clock time on a local date in an IANA zone to the UTC instant it
 * names, with the DST rules reminders need so that each fires exactly once:
 *
 * - a time that does not exist that day (02:30 on a spring-forward day in New York)
 *   moves to the next valid minute, the end of the gap (03:00) — never skipped;
 * - a time that happens twice (01:30 on a fall-back day) resolves to the FIRST
 *   occurrence, so a schedule computed from it fires once, not twice.
 *
 * Luxon's own `fromObject` picks the ambiguous instant using the *current* offset of
 * the zone (so the answer would depend on the real clock) and pushes gap times forward
 * by the gap length (02:30 → 03:30); both are corrected here.
 */
export function localToUtc(date: string, time: LocalTime, tz: string): Date {
  const day = parseLocalDate(date);
  assertLocalTime(time);
  const zone = assertTimeZone(tz);
  const wall = { year: day.year, month: day.month, day: day.day, hour: time.hour, minute: time.minute };
  const guess = DateTime.fromObject({ ...wall, second: 0, millisecond: 0 }, { zone });
  if (!guess.isValid) {
    throw new DomainError('date_invalid', `${date} ${formatTime(time)} is not a valid local time.`, 'time');
  }
  const wanted = wallKey(DateTime.fromObject(wall, { zone: 'utc' }));

  if (wallKey(guess) !== wanted) {
    // In a DST gap: `guess` lies after the gap. Walk back minute by minute to the first
    // instant whose wall time is still at or past the requested one: the gap's end.
    let candidate = guess;
    const limit = wallKey(guess) - wanted;
    for (let i = 0; i < limit; i += 1) {
      const earlier = candidate.minus({ minutes: 1 });
      if (wallKey(earlier) < wanted) break;
      candidate = earlier;
    }
    return candidate.toJSDate();
  }

  const firstInstance = guess
    .getPossibleOffsets()
    .reduce((a, b) => (b.toMillis() < a.toMillis() ? b : a), guess);
  return firstInstance.toJSDate();
}

/** `HH:MM`, zero-padded, for messages and logs. */
export function formatTime(time: LocalTime): string {
  return `${String(time.hour).padStart(2, '0')}:${String(time.minute).padStart(2, '0')}`;
}

/**
 * Throws `time_invalid` unless `time` is a whole hour 0-23 and minute 0-59. Times are
 * read back from storage as well as typed, so they are checked where they are used.
 */
export function assertLocalTime(time: LocalTime): void {
  const ok =
    Number.isInteger(time.hour) &&
    Number.isInteger(time.minute) &&
    time.hour >= 0 &&
    time.hour <= 23 &&
    time.minute >= 0 &&
    time.minute <= 59;
  if (!ok) {
    throw new DomainError(
      'time_invalid',
      'A time needs an hour from 0 to 23 and minutes from 00 to 59, like 09:30.',
      'time',
    );
  }
}
