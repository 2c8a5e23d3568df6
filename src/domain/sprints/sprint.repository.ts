import { sql } from 'kysely';
import type { Db } from '../../db/database.ts';
import type { SprintPlan } from './sprint.ts';

export type SprintStatus = 'active' | 'closed' | 'completed';

export interface SprintRecord {
  id: string;
  teamId: string;
  userId: string;
  startDate: string;
  status: SprintStatus;
  focalSkillIds: string[];
  goals: Array<{ week: number; goal: string }>;
  retro: { wentWell: string; toChange: string; at: Date } | null;
}

/** Learning sprints with their focal skills and weekly goals. Works inside a transaction. */
export function createSprintRepository(db: Db) {
  async function load(
    rows: Array<{
      id: string;
      team_id: string;
      user_id: string;
      start_date: string;
      status: SprintStatus;
      retro_went_well: string | null;
      retro_to_change: string | null;
      retro_at: Date | null;
    }>,
  ): Promise<SprintRecord[]> {
    if (rows.length === 0) return [];
    const ids = rows.map((r) => r.id);
    const [focal, goals] = await Promise.all([
      db
        .selectFrom('sprint_focal_skills')
        .select(['sprint_id', 'skill_id'])
        .where('sprint_id', 'in', ids)
        .orderBy('position')
        .execute(),
      db
        .selectFrom('sprint_week_goals')
        .select(['sprint_id', 'week', 'goal'])
        .where('sprint_id', 'in', ids)
        .orderBy('week')
        .execute(),
    ]);
    return rows.map((r) => ({
      id: r.id,
      teamId: r.team_id,
      userId: r.user_id,
      startDate: r.start_date,
      status: r.status,
      focalSkillIds: focal.filter((f) => f.sprint_id === r.id).map((f) => f.skill_id),
      goals: goals.filter((g) => g.sprint_id === r.id).map((g) => ({ week: g.week, goal: g.goal })),
      retro:
        r.retro_at && r.retro_went_well !== null && r.retro_to_change !== null
          ? { wentWell: r.retro_went_well, toChange: r.retro_to_change, at: r.retro_at }
          : null,
    }));
  }

  const select = () =>
    db
      .selectFrom('learning_sprints')
      .select([
        'id',
        'team_id',
        'user_id',
        'start_date',
        'status',
        'retro_went_well',
        'retro_to_change',
        'retro_at',
      ]);

  return {
    /** The member's active sprint (at most one), locked when `forUpdate` (inside a transaction). */
    async active(teamId: string, userId: string, forUpdate = false): Promise<SprintRecord | undefined> {
      let query = select()
        .where('team_id', '=', teamId)
        .where('user_id', '=', userId)
        .where('status', '=', 'active');
      if (forUpdate) query = query.forUpdate();
      const [sprint] = await load(await query.execute());
      return sprint;
    },

    async find(teamId: string, sprintId: string): Promise<SprintRecord | undefined> {
      if (!/^\d+$/.test(sprintId)) return undefined;
      const [sprint] = await load(
        await select().where('team_id', '=', teamId).where('id', '=', sprintId).execute(),
      );
      return sprint;
    },

    /** The member's latest sprint, active or not (for the export after a sprint ended). */
    async latest(teamId: string, userId: string): Promise<SprintRecord | undefined> {
      const [sprint] = await load(
        await select()
          .where('team_id', '=', teamId)
          .where('user_id', '=', userId)
          .orderBy('created_at', 'desc')
          .orderBy('id', 'desc')
          .limit(1)
          .execute(),
      );
      return sprint;
    },

    async insert(teamId: string, userId: string, plan: SprintPlan): Promise<string> {
      const row = await db
        .insertInto('learning_sprints')
        .values({ team_id: teamId, user_id: userId, start_date: plan.startDate })
        .returning('id')
        .executeTakeFirstOrThrow();
      await db
        .insertInto('sprint_focal_skills')
        .values(
          plan.focalSkillIds.map((skillId, position) => ({ sprint_id: row.id, skill_id: skillId, position })),
        )
        .execute();
      if (plan.goals.length > 0) {
        await db
          .insertInto('sprint_week_goals')
          .values(plan.goals.map((g) => ({ sprint_id: row.id, week: g.week, goal: g.goal })))
          .execute();
      }
      return row.id;
    },

    /** Ends an active sprint: `closed` (replaced early) or `completed` (its twelve weeks are over). */
    async finish(sprintId: string, status: 'closed' | 'completed'): Promise<boolean> {
      const result = await db
        .updateTable('learning_sprints')
        .set({ status, closed_at: sql`now()` })
        .where('id', '=', sprintId)
        .where('status', '=', 'active')
        .executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    },

    async saveRetro(
      teamId: string,
      sprintId: string,
      retro: { wentWell: string; toChange: string },
      at: Date,
    ): Promise<boolean> {
      const result = await db
        .updateTable('learning_sprints')
        .set({
          retro_went_well: retro.wentWell,
          retro_to_change: retro.toChange,
          retro_at: at,
          status: sql`CASE WHEN status = 'active' THEN 'completed' ELSE status END`,
          closed_at: sql`coalesce(closed_at, now())`,
        })
        .where('team_id', '=', teamId)
        .where('id', '=', sprintId)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    },

    /** Active sprints whose twelve weeks end within the horizon (the planner's retro DMs). */
    async activeEndingBefore(
      lastDay: string,
    ): Promise<Array<{ id: string; teamId: string; userId: string; startDate: string }>> {
      const rows = await db
        .selectFrom('learning_sprints')
        .select(['id', 'team_id', 'user_id', 'start_date'])
        .where('status', '=', 'active')
        .where(sql<boolean>`start_date + 84 <= ${lastDay}::date`)
        .execute();
      return rows.map((r) => ({ id: r.id, teamId: r.team_id, userId: r.user_id, startDate: r.start_date }));
    },

    async eraseMember(teamId: string, userId: string): Promise<number> {
      const result = await db
        .deleteFrom('learning_sprints')
        .where('team_id', '=', teamId)
        .where('user_id', '=', userId)
        .executeTakeFirst();
      return Number(result.numDeletedRows);
    },
  };
}

export type SprintRepository = ReturnType<typeof createSprintRepository>;
