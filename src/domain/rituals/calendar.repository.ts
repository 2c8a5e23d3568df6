import { sql } from 'kysely';
import type { Db } from '../../db/database.ts';
import type { MemberAvailability, TeamCalendar, Weekday } from '../schedules/index.ts';
import type { TeamCalendarInput } from './team-calendar.ts';

/** Postgres keeps an open-ended pause as the date 'infinity'; the domain calls it 'forever'. */
function toPausedUntil(value: string | null): string | null {
  return value === 'infinity' ? 'forever' : value;
}

/** Team calendars (work week, holidays, default zone) and members' pause / out-of-office state. */
export function createCalendarRepository(db: Db) {
  return {
    async teamCalendar(teamId: string): Promise<TeamCalendar> {
      const workspace = await db
        .selectFrom('workspaces')
        .select(['work_week', 'default_tz'])
        .where('team_id', '=', teamId)
        .executeTakeFirst();
      const holidays = await db
        .selectFrom('team_holidays')
        .select('day')
        .where('team_id', '=', teamId)
        .orderBy('day')
        .execute();
      return {
        workWeek: (workspace?.work_week ?? [1, 2, 3, 4, 5]) as Weekday[],
        holidays: holidays.map((h) => h.day),
        timeZone: workspace?.default_tz ?? 'UTC',
      };
    },

    /** Replaces the team's work week, default zone and holiday list in one transaction. */
    async holidayNames(teamId: string): Promise<Map<string, string>> {
      const rows = await db
        .selectFrom('team_holidays')
        .select(['day', 'name'])
        .where('team_id', '=', teamId)
        .execute();
      return new Map(rows.map((r) => [r.day, r.name]));
    },

    async saveTeamCalendar(teamId: string, calendar: TeamCalendarInput): Promise<void> {
      await db.transaction().execute(async (trx) => {
        await trx
          .updateTable('workspaces')
          .set({ work_week: [...calendar.workWeek], default_tz: calendar.timeZone, updated_at: sql`now()` })
          .where('team_id', '=', teamId)
          .execute();
        await trx.deleteFrom('team_holidays').where('team_id', '=', teamId).execute();
        if (calendar.holidays.length) {
          await trx
            .insertInto('team_holidays')
            .values(calendar.holidays.map((h) => ({ team_id: teamId, day: h.day, name: h.name })))
            .onConflict((oc) => oc.doNothing())
            .execute();
        }
      });
    },

    /** Availability of many members at once (one query each for members and OOO ranges). */
    async availability(teamId: string, userIds: readonly string[]): Promise<Map<string, MemberAvailability>> {
      const result = new Map<string, MemberAvailability>();
      if (userIds.length === 0) return result;
      const members = await db
        .selectFrom('members')
        .select(['user_id', 'tz', 'paused_until'])
        .where('team_id', '=', teamId)
        .where('user_id', 'in', userIds)
        .execute();
      for (const m of members)
        result.set(m.user_id, { tz: m.tz, pausedUntil: toPausedUntil(m.paused_until), ooo: [] });
      const ranges = await db
        .selectFrom('member_ooo')
        .select(['user_id', 'from_day', 'to_day'])
        .where('team_id', '=', teamId)
        .where('user_id', 'in', userIds)
        .execute();
      for (const r of ranges) result.get(r.user_id)?.ooo.push({ from: r.from_day, to: r.to_day });
      return result;
    },

    /** `until` is an inclusive local date or 'forever'; null resumes. */
    /** Erases one member's out-of-office dates and ritual opt-outs (delete-my-data). */
    async eraseMember(teamId: string, userId: string): Promise<Record<string, number>> {
      const ooo = await db
        .deleteFrom('member_ooo')
        .where('team_id', '=', teamId)
        .where('user_id', '=', userId)
        .executeTakeFirst();
      const optouts = await db
        .deleteFrom('ritual_optouts')
        .where('team_id', '=', teamId)
        .where('user_id', '=', userId)
        .executeTakeFirst();
      return { outOfOffice: Number(ooo.numDeletedRows), optOuts: Number(optouts.numDeletedRows) };
    },

    async setPause(teamId: string, userId: string, until: string | null): Promise<void> {
      await db
        .updateTable('members')
        .set({ paused_until: until === 'forever' ? 'infinity' : until, updated_at: sql`now()` })
        .where('team_id', '=', teamId)
        .where('user_id', '=', userId)
        .execute();
    },

    async addOutOfOffice(teamId: string, userId: string, from: string, to: string): Promise<void> {
      await db
        .insertInto('member_ooo')
        .values({ team_id: teamId, user_id: userId, from_day: from, to_day: to })
        .execute();
    },

    /** Current and future OOO ranges, soonest first. */
    async upcomingOutOfOffice(teamId: string, userId: string, today: string) {
      const rows = await db
        .selectFrom('member_ooo')
        .select(['from_day', 'to_day'])
        .where('team_id', '=', teamId)
        .where('user_id', '=', userId)
        .where('to_day', '>=', today)
        .orderBy('from_day')
        .execute();
      return rows.map((r) => ({ from: r.from_day, to: r.to_day }));
    },
  };
}

export type CalendarRepository = ReturnType<typeof createCalendarRepository>;
