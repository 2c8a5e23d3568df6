import { nextOccurrenceAfter, type StepTiming, workDaysBefore } from '../rituals/occurrence-steps.ts';
import { fanoutAt } from '../rituals/ritual.ts';
import { addDays, channelPostAt, localDateOf } from '../schedules/index.ts';

/** A digest closer than this to its thread would digest an empty week: it goes a cycle later. */
const MIN_WEEK_MS = 12 * 3600_000;

/**
 * When a week's digest is posted: the day before the next thread, at the ritual's time in its
 * zone (docs/product/rituals.md). An ad-hoc thread is digested the day before the next scheduled
 * one, unless that is under 12 hours away. Without a next thread in sight (a holiday-heavy
 * cadence), six days after the thread.
 */
export function digestAt(t: StepTiming): Date {
  let after = t.startsAt;
  for (let i = 0; i < 3; i++) {
    const next = nextOccurrenceAfter(t.ritual, t.team, t.zone, after);
    if (!next) break;
    const at = channelPostAt(addDays(next, -1), t.ritual.localTime, t.zone);
    if (at.getTime() - t.startsAt.getTime() >= MIN_WEEK_MS) return at;
    after = channelPostAt(next, t.ritual.localTime, t.zone);
  }
  return new Date(t.startsAt.getTime() + 6 * 24 * 3600_000);
}

/**
 * The local date members who have not contributed are reminded on: the last work day before the
 * digest's date, if that is after the thread's own date (a shorter week has no reminder).
 */
export function reminderDate(t: StepTiming): string | undefined {
  const threadDate = localDateOf(t.startsAt, t.zone);
  const day = workDaysBefore(localDateOf(digestAt(t), t.zone), 1, t.team);
  return day > threadDate ? day : undefined;
}

/**
 * When the reminder step runs: as the first zone on Earth reaches the reminder time, so every
 * member's own local time is still ahead (the fan-out's rule); at the thread when there is none.
 */
export function reminderStepAt(t: StepTiming): Date {
  const date = reminderDate(t);
  return date ? fanoutAt(date, t.ritual.localTime) : t.startsAt;
}
