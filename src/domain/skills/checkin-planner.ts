import type { NewOutboxMessage } from '../../outbox/message.ts';
import type { Clock } from '../clock.ts';
import { addDays, localDateOf, localToUtc, memberTimeZone, type TeamCalendar } from '../schedules/index.ts';
import { retroKey, SPRINT_DAYS } from '../sprints/sprint.ts';
import {
  CHECKIN_TIME,
  type CheckinSettings,
  checkinDayOf,
  checkinKey,
  plannedCheckins,
} from './checkin-schedule.ts';

/** Outbox kinds of the skills feature: the check-in DM and the end-of-sprint retrospective DM. */
export const CHECKIN_KIND = 'skills.checkin';
export const RETRO_KIND = 'skills.retro';

/** How far ahead the planner writes check-ins into the outbox (it runs every few minutes). */
export const PLAN_HORIZON_MS = 36 * 3600_000;
/** A check-in found later than this is skipped (it would arrive out of context). */
export const CHECKIN_LATENESS_MS = 12 * 3600_000;

export interface PlannerPorts {
  /** Members who take part in skill check-ins, with their Slack zone. */
  audience(): Promise<Array<{ teamId: string; userId: string; tz: string | null }>>;
  settings(teamId: string): Promise<CheckinSettings>;
  calendar(teamId: string): Promise<TeamCalendar>;
  /** Active sprints whose twelve weeks are over by `lastDay`. */
  sprintsEndingBy(
    lastDay: string,
  ): Promise<Array<{ id: string; teamId: string; userId: string; startDate: string }>>;
  enqueue(messages: readonly NewOutboxMessage[]): Promise<unknown>;
  clock: Clock;
}

/** The retrospective DM of a sprint: 10:00 member-local on the first work day after week 12. */
export function retroMessage(
  sprint: { id: string; teamId: string; userId: string; startDate: string },
  team: TeamCalendar,
  tz: string,
): NewOutboxMessage {
  const afterEnd = addDays(sprint.startDate, SPRINT_DAYS);
  const day = checkinDayOf({ everyWeeks: 1, anchor: afterEnd }, afterEnd, team) ?? afterEnd;
  return {
    teamId: sprint.teamId,
    key: retroKey(sprint.id),
    kind: RETRO_KIND,
    target: { type: 'dm', userId: sprint.userId },
    dueAt: localToUtc(day, CHECKIN_TIME, tz),
    localDate: day,
    tz,
    payload: { sprintId: sprint.id },
  };
}

/**
 * Plans skill check-ins and sprint retrospectives into the outbox ahead of time, with keys that
 * make replanning harmless (`skills:checkin:<cycle>:<member>`, `skills:retro:<sprint>`). Run by a
 * BullMQ job scheduler; the outbox then sends each row once, at its time.
 */
export function createCheckinPlanner(ports: PlannerPorts) {
  return {
    async plan(): Promise<{ checkins: number; retros: number }> {
      const now = ports.clock.now();
      const audience = await ports.audience();
      const teams = new Map<string, { settings: CheckinSettings; calendar: TeamCalendar }>();
      const teamOf = async (teamId: string) => {
        let team = teams.get(teamId);
        if (!team) {
          team = { settings: await ports.settings(teamId), calendar: await ports.calendar(teamId) };
          teams.set(teamId, team);
        }
        return team;
      };
      const messages: NewOutboxMessage[] = [];
      for (const member of audience) {
        const { settings, calendar } = await teamOf(member.teamId);
        const tz = memberTimeZone({ tz: member.tz }, calendar);
        for (const checkin of plannedCheckins({
          settings,
          team: calendar,
          tz,
          now,
          horizonMs: PLAN_HORIZON_MS,
          latenessMs: CHECKIN_LATENESS_MS,
        })) {
          messages.push({
            teamId: member.teamId,
            key: checkinKey(checkin.cycle, member.userId),
            kind: CHECKIN_KIND,
            target: { type: 'dm', userId: member.userId },
            dueAt: checkin.dueAt,
            localDate: checkin.localDate,
            tz,
            payload: { cycle: checkin.cycle },
          });
        }
      }
      const checkins = messages.length;
      // Retros are enqueued when a sprint starts; this repairs any that were lost.
      const horizonDay = addDays(localDateOf(now, 'UTC'), 2);
      const zones = new Map(audience.map((m) => [`${m.teamId}:${m.userId}`, m.tz]));
      for (const sprint of await ports.sprintsEndingBy(horizonDay)) {
        const { calendar } = await teamOf(sprint.teamId);
        const tz = memberTimeZone({ tz: zones.get(`${sprint.teamId}:${sprint.userId}`) ?? null }, calendar);
        const retro = retroMessage(sprint, calendar, tz);
        if (retro.dueAt.getTime() >= now.getTime() - CHECKIN_LATENESS_MS) messages.push(retro);
      }
      await ports.enqueue(messages);
      return { checkins, retros: messages.length - checkins };
    },
  };
}
