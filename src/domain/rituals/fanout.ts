import type { LocalTime, MemberAvailability, SkipReason, TeamCalendar } from '../schedules/index.ts';
import {
  deliveryDecision,
  isOutOfOfficeOn,
  isPausedOn,
  localDateOf,
  memberTimeZone,
} from '../schedules/index.ts';
import { MAX_LATENESS_MS } from './ritual.ts';

export interface AudienceMember {
  userId: string;
  availability: MemberAvailability;
}

export type DeliverySkipReason = SkipReason | 'missed';

export type PlannedDelivery =
  | { userId: string; send: true; dueAt: Date; localDate: string; tz: string }
  | { userId: string; send: false; reason: DeliverySkipReason; localDate: string; tz: string };

/**
 * Turns one occurrence into one planned delivery per audience member. Scheduled occurrences are
 * due at the member's own local time on the occurrence date and skipped on the team's non-work
 * days, holidays, and while the member is paused or out of office. An ad-hoc run (`ritual run`)
 * is due now for everyone, still respecting pause and OOO. A due time already more than
 * MAX_LATENESS_MS in the past (the system was down) is recorded as missed, not sent late.
 */
export function planDeliveries(input: {
  occurrence: { date: string; kind: 'scheduled' | 'adhoc' };
  time: LocalTime;
  team: TeamCalendar;
  members: readonly AudienceMember[];
  now: Date;
}): PlannedDelivery[] {
  const { occurrence, time, team, now } = input;
  return input.members.map(({ userId, availability }) => {
    const tz = memberTimeZone(availability, team);
    if (occurrence.kind === 'adhoc') {
      const localDate = localDateOf(now, tz);
      if (isPausedOn(availability, localDate))
        return { userId, send: false, reason: 'paused', localDate, tz };
      if (isOutOfOfficeOn(availability, localDate))
        return { userId, send: false, reason: 'out_of_office', localDate, tz };
      return { userId, send: true, dueAt: now, localDate, tz };
    }
    const decision = deliveryDecision({ occurrenceDate: occurrence.date, time, team, member: availability });
    if (!decision.send)
      return { userId, send: false, reason: decision.reason, localDate: occurrence.date, tz };
    if (now.getTime() - decision.dueAt.getTime() > MAX_LATENESS_MS) {
      return { userId, send: false, reason: 'missed', localDate: decision.localDate, tz: decision.tz };
    }
    return { userId, send: true, dueAt: decision.dueAt, localDate: decision.localDate, tz: decision.tz };
  });
}
