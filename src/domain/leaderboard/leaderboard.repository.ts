import { sql } from 'kysely';
import type { Db } from '../../db/database.ts';
import type { PointRule } from '../activity/points.ts';
import { formatTime, parseLocalTime, type Weekday } from '../schedules/index.ts';
import { DEFAULT_SETTINGS, type LeaderboardSettings } from './settings.ts';

/** A member's points in a period, with what the board needs to name them (or not). */
export interface ScoreRow {
  userId: string;
  points: number;
  displayName: string;
  realName: string;
  optedOut: boolean;
}

/** A team whose posts can go out: its learning-hour channel and zone. */
export interface PostingTeam {
  teamId: string;
  channelId: string;
  tz: string;
}

/**
 * The leaderboard's tables. The roll-ups (leaderboard_weeks, leaderboard_scores) are written only
 * by the triggers of migration 0007, in the transaction of each activity event; this reads them.
 */
export function createLeaderboardRepository(db: Db) {
  return {
    /** The team's points in each week of a range (the totals-only chart). */
    async weekTotals(teamId: string, firstWeek: string, lastWeek: string): Promise<Map<string, number>> {
      const rows = await db
        .selectFrom('leaderboard_scores')
        .select(['period_start', sql<string>`sum(points)`.as('total')])
        .where('team_id', '=', teamId)
        .where('span', '=', 'week')
        .where('period_start', '>=', firstWeek)
        .where('period_start', '<=', lastWeek)
        .groupBy('period_start')
        .execute();
      return new Map(rows.map((r) => [r.period_start, Number(r.total)]));
    },

    async settings(teamId: string): Promise<LeaderboardSettings> {
      const row = await db
        .selectFrom('leaderboard_settings')
        .selectAll()
        .where('team_id', '=', teamId)
        .executeTakeFirst();
      if (!row) return DEFAULT_SETTINGS;
      return {
        postsEnabled: row.posts_enabled,
        totalsOnly: row.totals_only,
        postWeekday: row.post_weekday as Weekday,
        postTime: parseLocalTime(row.post_time),
      };
    },

    /** A team's edits to the points, by kind. */
    async teamRules(teamId: string): Promise<Map<string, PointRule>> {
      const rows = await db
        .selectFrom('leaderboard_team_points')
        .select(['kind', 'points', 'weekly_cap'])
        .where('team_id', '=', teamId)
        .execute();
      return new Map(rows.map((r) => [r.kind, { points: r.points, weeklyCap: r.weekly_cap }]));
    },

    /**
     * Saves the switches and the team's edits to the points (only rules that differ from the
     * defaults are kept), then rescores the team — all in the caller's transaction, so the
     * standings never mix old and new points.
     */
    async saveSettings(
      teamId: string,
      settings: LeaderboardSettings,
      edits: ReadonlyMap<string, PointRule>,
    ): Promise<void> {
      await db
        .insertInto('workspaces')
        .values({ team_id: teamId })
        .onConflict((oc) => oc.column('team_id').doNothing())
        .execute();
      const values = {
        posts_enabled: settings.postsEnabled,
        totals_only: settings.totalsOnly,
        post_weekday: settings.postWeekday,
        post_time: formatTime(settings.postTime),
      };
      await db
        .insertInto('leaderboard_settings')
        .values({ team_id: teamId, ...values })
        .onConflict((oc) => oc.column('team_id').doUpdateSet({ ...values, updated_at: sql`now()` }))
        .execute();
      await db.deleteFrom('leaderboard_team_points').where('team_id', '=', teamId).execute();
      if (edits.size > 0) {
        await db
          .insertInto('leaderboard_team_points')
          .values(
            [...edits].map(([kind, rule]) => ({
              team_id: teamId,
              kind,
              points: rule.points,
              weekly_cap: rule.weeklyCap,
            })),
          )
          .execute();
      }
      await sql`SELECT leaderboard_rescore(${teamId})`.execute(db);
    },

    /**
     * Makes the database's copy of the default points match the code's. Answers whether anything
     * changed; the caller then rescores every team.
     */
    async syncDefaultRules(defaults: ReadonlyMap<string, PointRule>): Promise<boolean> {
      const stored = await db.selectFrom('leaderboard_default_points').selectAll().execute();
      const same =
        stored.length === defaults.size &&
        stored.every((r) => {
          const rule = defaults.get(r.kind);
          return rule?.points === r.points && rule.weeklyCap === r.weekly_cap;
        });
      if (same) return false;
      await db.transaction().execute(async (trx) => {
        await trx.deleteFrom('leaderboard_default_points').execute();
        await trx
          .insertInto('leaderboard_default_points')
          .values([...defaults].map(([kind, r]) => ({ kind, points: r.points, weekly_cap: r.weeklyCap })))
          .execute();
      });
      return true;
    },

    /** Rescores every team that has counts (after the defaults changed). */
    async rescoreAll(): Promise<number> {
      const teams = await db.selectFrom('leaderboard_weeks').select('team_id').distinct().execute();
      for (const { team_id } of teams) {
        await db.transaction().execute((trx) => sql`SELECT leaderboard_rescore(${team_id})`.execute(trx));
      }
      return teams.length;
    },

    /** True when the member was not opted out before. */
    async optOut(teamId: string, userId: string): Promise<boolean> {
      const result = await db
        .insertInto('leaderboard_optouts')
        .values({ team_id: teamId, user_id: userId })
        .onConflict((oc) => oc.columns(['team_id', 'user_id']).doNothing())
        .executeTakeFirst();
      return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
    },

    /** True when the member was opted out before. */
    async optIn(teamId: string, userId: string): Promise<boolean> {
      const result = await db
        .deleteFrom('leaderboard_optouts')
        .where('team_id', '=', teamId)
        .where('user_id', '=', userId)
        .executeTakeFirst();
      return Number(result.numDeletedRows) > 0;
    },

    /**
     * Teams whose posts can go out: the learning-hour ritual has a channel. With `installedOnly`
     * (OAuth mode) only workspaces that still have the app installed.
     */
    async postingTeams(options: { installedOnly?: boolean } = {}): Promise<PostingTeam[]> {
      let query = db
        .selectFrom('rituals as r')
        .innerJoin('workspaces as w', 'w.team_id', 'r.team_id')
        .select(['r.team_id', 'r.channel_id', 'w.default_tz'])
        .where('r.name', '=', 'learning-hour')
        .where('r.channel_id', 'is not', null);
      if (options.installedOnly) {
        query = query.where('r.team_id', 'in', db.selectFrom('installations').select('team_id'));
      }
      const rows = await query.execute();
      return rows.map((r) => ({ teamId: r.team_id, channelId: r.channel_id ?? '', tz: r.default_tz }));
    },

    /** The learning-hour channel of one team, if set. */
    async postingChannel(teamId: string): Promise<string | undefined> {
      const row = await db
        .selectFrom('rituals')
        .select('channel_id')
        .where('team_id', '=', teamId)
        .where('name', '=', 'learning-hour')
        .executeTakeFirst();
      return row?.channel_id ?? undefined;
    },

    /**
     * Erases what the leaderboard keeps about a member: the opt-out, and their rows in the
     * roll-ups (the activity they come from is erased by its own owner).
     */
    async eraseMember(teamId: string, userId: string): Promise<Record<string, number>> {
      const optOuts = await db
        .deleteFrom('leaderboard_optouts')
        .where('team_id', '=', teamId)
        .where('user_id', '=', userId)
        .executeTakeFirst();
      const weeks = await db
        .deleteFrom('leaderboard_weeks')
        .where('team_id', '=', teamId)
        .where('user_id', '=', userId)
        .executeTakeFirst();
      await db
        .deleteFrom('leaderboard_scores')
        .where('team_id', '=', teamId)
        .where('user_id', '=', userId)
        .execute();
      return { optOuts: Number(optOuts.numDeletedRows), weeks: Number(weeks.numDeletedRows) };
    },
  };
}

export type LeaderboardRepository = ReturnType<typeof createLeaderboardRepository>;
