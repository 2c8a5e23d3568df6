import { DomainError } from '../errors.ts';
import type { Cadence, LocalTime } from '../schedules/index.ts';
import { formatTime, localToUtc } from '../schedules/index.ts';

export const RITUAL_NAMES = ['learning-hour', 'design-review', 'contribution'] as const;
export type RitualName = (typeof RITUAL_NAMES)[number];

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

export interface RitualDefinition {
  title: string;
  description: string;
  cadence: Cadence;
  localTime: LocalTime;
  audience: Audience;
  /** False for rituals whose reminders are not built yet: they can be listed, not run. */
  runnable: boolean;
}

/** The defaults of docs/product/rituals.md, used until an admin sets a ritual up differently. */
export const RITUAL_DEFINITIONS: Readonly<Record<RitualName, RitualDefinition>> = {
  contribution: {
    title: 'Monthly contribution',
    description: 'asks each member what they contributed this month and adds it to their portfolio',
    cadence: { kind: 'monthly_first_workday' },
    localTime: { hour: 10, minute: 0 },
    audience: 'dm',
    runnable: true,
  },
  'learning-hour': {
    title: 'Weekly learning hour',
    description: 'one thread a week for learning summaries, with a digest at the end of the week',
    cadence: { kind: 'weekly', weekday: 4 },
    localTime: { hour: 16, minute: 0 },
    audience: 'channel',
    runnable: false,
  },
  'design-review': {
    title: 'Bi-weekly design review',
    description: 'a presenter rotation, the session post, and feedback asks afterwards',
    cadence: { kind: 'biweekly', weekday: 3, anchorDate: '2026-01-07' },
    localTime: { hour: 14, minute: 0 },
    audience: 'dm',
    runnable: false,
  },
};

export function isRitualName(text: string): text is RitualName {
  return (RITUAL_NAMES as readonly string[]).includes(text);
}

/** Parses a ritual name typed by a user; the error lists the valid ones. */
export function parseRitualName(text: string | undefined, usage: string): RitualName {
  const name = (text ?? '').toLowerCase();
  if (isRitualName(name)) return name;
  const shown = name === '' ? 'a ritual name' : `\`${name.slice(0, 30)}\``;
  throw new DomainError(
    'ritual_unknown',
    `${shown} is not a ritual. Rituals: ${RITUAL_NAMES.map((n) => `\`${n}\``).join(', ')} — e.g. \`${usage}\``,
  );
}

/** Why a ritual cannot run now, in words for an admin; undefined when it can. */
export function whyNotRunnable(ritual: Pick<Ritual, 'name' | 'channelId'>): string | undefined {
  if (!RITUAL_DEFINITIONS[ritual.name].runnable) {
    return `The ${ritual.name} ritual is coming soon; only \`contribution\` runs today.`;
  }
  if (!ritual.channelId) {
    return `The ${ritual.name} ritual has no channel yet: its people are the members of its channel. Set it up with \`/careerplan ritual setup\`.`;
  }
  return undefined;
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
