import { DateTime } from 'luxon';
import { DomainError } from '../errors.ts';
import { addDays, localDateOf } from '../schedules/index.ts';
import { type Catalog, pickableSkill } from '../skills/catalog.ts';

/**
 * Learning sprints (docs/product/sprints.md): twelve weeks on two or three focal skills, the
 * last two for consolidation. Weeks are counted on the member's calendar dates (start date =
 * day 1 of week 1), never in elapsed hours, so DST changes and year ends cannot shift a week.
 */
export const SPRINT_WEEKS = 12;
export const SPRINT_DAYS = SPRINT_WEEKS * 7;
/** Weeks 11 and 12: build a demo and write down what was learned. */
export const CONSOLIDATION_WEEK = 11;
export const MIN_FOCAL = 2;
export const MAX_FOCAL = 3;
/** How far back a sprint may start (a sprint begun last week can still be recorded). */
export const MAX_START_DAYS_AGO = 30;
/** How far ahead a sprint may be planned. */
export const MAX_START_DAYS_AHEAD = 60;

export type SprintPhase = 'not_started' | 'learning' | 'consolidation' | 'finished';

export interface SprintCalendar {
  /** 1-12 while running; null before the start and after the end. */
  week: number | null;
  phase: SprintPhase;
  /** Days from today to the end, today included (84 on day 1, 1 on the last day, 0 after). */
  daysLeft: number;
  /** Days until the start (0 once started). */
  startsInDays: number;
  /** The last day of week 12. */
  lastDay: string;
}

function daysBetween(from: string, to: string): number {
  const a = DateTime.fromISO(from, { zone: 'utc' });
  const b = DateTime.fromISO(to, { zone: 'utc' });
  return Math.round(b.diff(a, 'days').days);
}

/** Where a sprint starting on `startDate` stands on the member's local date `today`. */
export function sprintCalendar(startDate: string, today: string): SprintCalendar {
  const elapsed = daysBetween(startDate, today);
  const lastDay = addDays(startDate, SPRINT_DAYS - 1);
  if (elapsed < 0) {
    return { week: null, phase: 'not_started', daysLeft: SPRINT_DAYS, startsInDays: -elapsed, lastDay };
  }
  if (elapsed >= SPRINT_DAYS) return { week: null, phase: 'finished', daysLeft: 0, startsInDays: 0, lastDay };
  const week = Math.floor(elapsed / 7) + 1;
  return {
    week,
    phase: week >= CONSOLIDATION_WEEK ? 'consolidation' : 'learning',
    daysLeft: SPRINT_DAYS - elapsed,
    startsInDays: 0,
    lastDay,
  };
}

/** {@link sprintCalendar} at an instant, on the member's calendar in zone `tz`. */
export function sprintCalendarAt(startDate: string, now: Date, tz: string): SprintCalendar {
  return sprintCalendar(startDate, localDateOf(now, tz));
}

/** The first and last date of week `week` (1-12). */
export function weekDates(startDate: string, week: number): { from: string; to: string } {
  const from = addDays(startDate, (week - 1) * 7);
  return { from, to: addDays(from, 6) };
}

/** The field of a week's goal on the sprint form. */
export const goalField = (week: number) => `goal_${week}`;
export const SPRINT_FIELDS = {
  startDate: 'start_date',
  focal: 'focal_skills',
  confirm: 'confirm_replace',
} as const;

export interface SprintStartForm {
  startDate: string;
  focalSkillIds: readonly string[];
  /** Week number → goal text, as typed ('' = none). */
  goals: Readonly<Record<number, string>>;
}

export interface SprintPlan {
  startDate: string;
  focalSkillIds: string[];
  goals: Array<{ week: number; goal: string }>;
}

/**
 * Checks a new sprint against the rules and the catalogue as it is now; the first problem is
 * thrown with its field, so nothing is stored. `today` is the member's local date.
 */
export function validateSprintStart(form: SprintStartForm, catalog: Catalog, today: string): SprintPlan {
  const start = DateTime.fromISO(form.startDate, { zone: 'utc' });
  if (!/^\d{4}-\d{2}-\d{2}$/.test(form.startDate) || !start.isValid) {
    throw new DomainError('sprint_invalid', 'Pick the day the sprint starts.', SPRINT_FIELDS.startDate);
  }
  const offset = daysBetween(today, form.startDate);
  if (offset < -MAX_START_DAYS_AGO) {
    throw new DomainError(
      'sprint_start_too_old',
      `A sprint can start at most ${MAX_START_DAYS_AGO} days ago (${addDays(today, -MAX_START_DAYS_AGO)} or later). Pick a later start date.`,
      SPRINT_FIELDS.startDate,
    );
  }
  if (offset > MAX_START_DAYS_AHEAD) {
    throw new DomainError(
      'sprint_invalid',
      `Plan a sprint at most ${MAX_START_DAYS_AHEAD} days ahead (by ${addDays(today, MAX_START_DAYS_AHEAD)}).`,
      SPRINT_FIELDS.startDate,
    );
  }
  const ids = [...new Set(form.focalSkillIds)];
  for (const id of ids) pickableSkill(catalog, id, SPRINT_FIELDS.focal);
  if (ids.length > MAX_FOCAL) {
    throw new DomainError(
      'sprint_focus_invalid',
      `Pick at most ${MAX_FOCAL} focal skills (you picked ${ids.length}). The point is focus: spread over more skills, none of them improves.`,
      SPRINT_FIELDS.focal,
    );
  }
  if (ids.length < MIN_FOCAL) {
    throw new DomainError(
      'sprint_focus_invalid',
      `Pick ${MIN_FOCAL} or ${MAX_FOCAL} focal skills, usually from your top gaps.`,
      SPRINT_FIELDS.focal,
    );
  }
  const goals: SprintPlan['goals'] = [];
  for (let week = 1; week <= SPRINT_WEEKS; week++) {
    const goal = (form.goals[week] ?? '').replace(/\s+/g, ' ').trim();
    if (goal.length > 200) {
      throw new DomainError('sprint_invalid', 'Keep a weekly goal to 200 characters.', goalField(week));
    }
    if (goal) goals.push({ week, goal });
  }
  return { startDate: form.startDate, focalSkillIds: ids, goals };
}

/** What a retrospective holds: two short answers. */
export function validateRetro(input: { wentWell: string; toChange: string }): {
  wentWell: string;
  toChange: string;
} {
  const wentWell = input.wentWell.trim();
  const toChange = input.toChange.trim();
  if (!wentWell)
    throw new DomainError('sprint_invalid', 'Say what went well, even briefly.', 'retro_went_well');
  if (!toChange)
    throw new DomainError('sprint_invalid', 'Say what you would change next time.', 'retro_to_change');
  if (wentWell.length > 1000)
    throw new DomainError('sprint_invalid', 'Keep it to 1000 characters.', 'retro_went_well');
  if (toChange.length > 1000)
    throw new DomainError('sprint_invalid', 'Keep it to 1000 characters.', 'retro_to_change');
  return { wentWell, toChange };
}

/** The outbox key of a sprint's end-of-sprint retrospective DM. */
export function retroKey(sprintId: string): string {
  return `skills:retro:${sprintId}`;
}
