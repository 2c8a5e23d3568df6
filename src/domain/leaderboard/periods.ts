import { DateTime } from 'luxon';
import { DomainError } from '../errors.ts';
import { addDays, localDateOf } from '../schedules/index.ts';

/**
 * Leaderboard periods (docs/product/leaderboard.md). Everything is made of whole weeks, Monday to
 * Sunday in the team's zone: a week belongs to the month (and quarter) of its Thursday, as ISO
 * weeks belong to years. So a weekly cap never splits across two months, and a month has four or
 * five weeks. Weeks are named by their Monday, `YYYY-MM-DD`. The same rule is in the roll-up's SQL
 * (leaderboard_period_of in the migration).
 */
export type Span = 'week' | 'month' | 'quarter';

export const SPANS: readonly Span[] = ['week', 'month', 'quarter'];

export interface Period {
  span: Span;
  /** The period's first day: the week's Monday, or the month's or quarter's first day. */
  start: string;
  /** Mondays of its first and last week. */
  firstWeek: string;
  lastWeek: string;
  /** Stable name: `2026-W05`, `2026-01`, `2026-Q1` (outbox keys use it). */
  key: string;
}

function day(date: string): DateTime<true> {
  const parsed = DateTime.fromISO(date, { zone: 'UTC' });
  if (!parsed.isValid) throw new DomainError('date_invalid', `"${date}" is not a date like 2026-12-07.`);
  return parsed;
}

/** The Monday of the week a local date falls in. */
export function weekOf(date: string): string {
  return day(date).startOf('week').toISODate();
}

/** The Monday of the week an instant falls in, in the team's zone. */
export function weekAt(instant: Date, tz: string): string {
  return weekOf(localDateOf(instant, tz));
}

/** The first day of the month or quarter (or the Monday) a week belongs to, by its Thursday. */
export function periodStartOf(span: Span, week: string): string {
  if (span === 'week') return weekOf(week);
  const thursday = day(weekOf(week)).plus({ days: 3 });
  return thursday.startOf(span).toISODate();
}

/** The first Monday whose Thursday falls on or after a month's or quarter's first day. */
function firstWeekFrom(firstDay: string): string {
  return weekOf(addDays(firstDay, 3));
}

/** The period of a span that contains a week. */
export function periodOf(span: Span, week: string): Period {
  const monday = weekOf(week);
  if (span === 'week') {
    const d = day(monday);
    const key = `${d.weekYear}-W${String(d.weekNumber).padStart(2, '0')}`;
    return { span, start: monday, firstWeek: monday, lastWeek: monday, key };
  }
  const start = periodStartOf(span, monday);
  const next = day(start)
    .plus(span === 'month' ? { months: 1 } : { months: 3 })
    .toISODate();
  const firstWeek = firstWeekFrom(start);
  const lastWeek = addDays(firstWeekFrom(next), -7);
  const d = day(start);
  const key = span === 'month' ? start.slice(0, 7) : `${d.year}-Q${Math.floor((d.month - 1) / 3) + 1}`;
  return { span, start, firstWeek, lastWeek, key };
}

/** The period just before. */
export function previousPeriod(period: Period): Period {
  return periodOf(period.span, addDays(period.firstWeek, -7));
}

/** The Mondays of a period, oldest first. */
export function weeksOf(period: Period): string[] {
  const weeks: string[] = [];
  for (let w = period.firstWeek; w <= period.lastWeek; w = addDays(w, 7)) weeks.push(w);
  return weeks;
}

/** Days since 1970-01-01 of a `YYYY-MM-DD` calendar date (no zone: calendar arithmetic only). */
function dayNumber(date: string): number {
  return (
    Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / 86_400_000
  );
}

/**
 * Weeks between two Mondays (b − a). Calendar dates, not instants, so it is exact across DST
 * changes and year ends; plain arithmetic because streaks ask it for every week of a member's
 * history.
 */
export function weeksBetween(a: string, b: string): number {
  return Math.round((dayNumber(b) - dayNumber(a)) / 7);
}

/** `7–13 Dec 2026`, `December 2026`, `2026 Q4` — how a period reads in Slack. */
export function describePeriod(period: Period): string {
  if (period.span === 'week') {
    const from = day(period.firstWeek);
    const to = from.plus({ days: 6 });
    const left = from.month === to.month ? from.toFormat('d') : from.toFormat('d LLL');
    return `${left}–${to.toFormat('d LLL yyyy')}`;
  }
  const start = day(period.start);
  if (period.span === 'month') return start.toFormat('LLLL yyyy');
  return `${start.year} Q${Math.floor((start.month - 1) / 3) + 1}`;
}

/** `/careerplan leaderboard [week|month|quarter]`: the word, or the week by default. */
export function parseSpan(word: string | undefined): Span {
  const w = (word ?? 'week').toLowerCase();
  if (w === 'week' || w === 'month' || w === 'quarter') return w;
  throw new DomainError(
    'leaderboard_args',
    `\`${w.slice(0, 20)}\` is not a period. Try \`/careerplan leaderboard week\`, \`month\` or \`quarter\`, or \`/careerplan leaderboard optout\`.`,
  );
}
