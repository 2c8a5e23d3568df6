import type { Cadence, LocalTime } from '../schedules/index.ts';
import { formatTime, localToUtc } from '../schedules/index.ts';

/** A registered ritual type's name (src/domain/rituals/ritual-types.ts). */
export type RitualName = string;

/** Channel posts go to the ritual's channel at the team's time; DMs reach each member at theirs. */
export type Audience = 'channel' | 'dm';

export interface Ritual {
  id: string;
  teamId: string;
  name: RitualName;
  channelId: string | null;
  cadence: Cadence;
  localTime: LocalTime;
  audience: Audience;
  /** Zone for channel posts; null = the workspace default. */
  timeZone: string | null;
  paused: boolean;
  /** When the schedule was last set (or the ritual resumed): nothing before it is back-filled. */
  scheduleSince: Date;
}

/** "first work day of the month at 10:00" — how a ritual's schedule reads in Slack. */
export function describeSchedule(cadence: Cadence, time: LocalTime): string {
  const days = ['', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
  const at = ` at ${formatTime(time)}`;
  switch (cadence.kind) {
    case 'weekly':
      return `every ${days[cadence.weekday]}${at}`;
    case 'biweekly':
      return `every other ${days[cadence.weekday]} (from ${cadence.anchorDate})${at}`;
    case 'monthly_nth_weekday': {
      const nth =
        cadence.nth === -1 ? 'last' : ['', 'first', 'second', 'third', 'fourth', 'fifth'][cadence.nth];
      return `the ${nth} ${days[cadence.weekday]} of the month${at}`;
    }
    case 'monthly_day':
      return `day ${cadence.day} of the month${at}`;
    case 'monthly_first_workday':
      return `the first work day of the month${at}`;
  }
}

/** The zone furthest ahead of UTC (UTC+14): no member can reach a local time earlier than here. */
const EARLIEST_ZONE = 'Pacific/Kiritimati';

/**
 * When to fan an occurrence out into per-member deliveries: the first moment anyone on Earth
 * reaches its local time, so every member's delivery row (and timer) exists before it is due.
 */
export function fanoutAt(occurrenceDate: string, time: LocalTime): Date {
  return localToUtc(occurrenceDate, time, EARLIEST_ZONE);
}

/** Deliveries found this late (the system was down) are skipped rather than sent out of context. */
export const MAX_LATENESS_MS = 12 * 3600 * 1000;
