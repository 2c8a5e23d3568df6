import type { TeamCalendar } from '../schedules/index.ts';
import { addDays, channelPostAt, isWorkWeekday, localDateOf, occurrenceDates } from '../schedules/index.ts';
import { parseLocalDate } from '../schedules/local-time.ts';
import type { Occurrence } from './occurrence.ts';
import type { Ritual } from './ritual.ts';

/**
 * Occurrence steps (docs/delivery.md): what a ritual type does at set times around one
 * occurrence, besides the engine's own post or reminders — the learning hour's member reminders
 * and digest, the design review's presenter DM and its completion. The engine stores one row per
 * (occurrence, step) when it plans or fans out the occurrence, keeps a timer for it like it does
 * for outbox rows, and runs the step once it is due. A step's effects must be idempotent (outbox
 * keys, unique rows): a crash after the effect and before the step is marked done runs it again.
 */
export interface OccurrenceStep {
  /** Unique within its type; stored with the occurrence, so renaming one orphans pending rows. */
  name: string;
  /** When it runs, from the occurrence's own timing. A time already past runs at once. */
  dueAt(timing: StepTiming): Date;
  /** Does the step's work; `{ skip }` records why it did nothing. Throw to retry. */
  run(ctx: StepContext): Promise<StepOutcome>;
}

/** Done (`{}`), or skipped with the reason it did nothing. */
export type StepOutcome = { skip?: string };

/** What a step's due time is computed from. */
export interface StepTiming {
  occurrence: Occurrence;
  ritual: Ritual;
  team: TeamCalendar;
  /** The ritual's zone for channel posts (its own, or the team's default). */
  zone: string;
  /** When the occurrence itself happens: its post time, or the moment an ad-hoc run began. */
  startsAt: Date;
}

/** What the engine lends a running step. */
export interface StepContext {
  occurrence: Occurrence;
  ritual: Ritual;
  /** The same timing `dueAt` was computed from (the team calendar as it is now). */
  timing: StepTiming;
  dueAt: Date;
  engine: RitualEngine;
}

/** Engine capabilities a step may use, implemented in src/jobs (the domain knows no Slack). */
export interface RitualEngine {
  /**
   * Plans a reminder DM for each of the ritual's people (its channel's human members, minus
   * opt-outs) at the ritual's local time in their own zone on `localDate`, skipping non-work
   * days, holidays, pause and out-of-office — the same rules and outbox rows (`ritual.reminder`,
   * one per member and occurrence) as a DM ritual's fan-out. Returns how many will be sent.
   */
  remindMembers(args: { occurrence: Occurrence; ritual: Ritual; localDate: string }): Promise<number>;
}

/** When an occurrence happens: its date and time in the ritual's zone, or now for an ad-hoc run. */
export function occurrenceStartsAt(occurrence: Occurrence, ritual: Ritual, zone: string): Date {
  return occurrence.kind === 'adhoc'
    ? occurrence.fanoutAt
    : channelPostAt(occurrence.date, ritual.localTime, zone);
}

/** Everything a step's `dueAt` needs, for an occurrence of a ritual in a team. */
export function stepTiming(occurrence: Occurrence, ritual: Ritual, team: TeamCalendar): StepTiming {
  const zone = ritual.timeZone ?? team.timeZone;
  return { occurrence, ritual, team, zone, startsAt: occurrenceStartsAt(occurrence, ritual, zone) };
}

/**
 * The local date `count` work days before `date` (team work week, holidays skipped): "three work
 * days ahead" of a Monday session is the previous Wednesday.
 */
export function workDaysBefore(date: string, count: number, team: TeamCalendar): string {
  let day = date;
  let left = count;
  // A work week has at least one day, so this ends; the bound guards against a holiday list
  // covering every day for months.
  for (let guard = 0; left > 0 && guard < 400; guard++) {
    day = addDays(day, -1);
    if (isWorkWeekday(parseLocalDate(day).weekday, team.workWeek) && !team.holidays.includes(day)) left--;
  }
  return day;
}

/**
 * The first date of the ritual's cadence whose time (in `zone`) comes after `after`, looking up
 * to ~three months ahead; undefined when the cadence has none in that window.
 */
export function nextOccurrenceAfter(
  ritual: Ritual,
  team: TeamCalendar,
  zone: string,
  after: Date,
): string | undefined {
  const from = localDateOf(after, zone);
  return occurrenceDates(ritual.cadence, from, addDays(from, 95), team.workWeek).find(
    (date) => channelPostAt(date, ritual.localTime, zone) > after,
  );
}
