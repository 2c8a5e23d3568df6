import { sql } from 'kysely';
import type { Db } from '../../db/database.ts';
import type { Rating, SkillHistory } from './assessment.ts';

/**
 * Members' dated self-assessments: each one is a new row with its ratings; nothing is ever
 * updated, so the whole history stays. Takes Kysely, so it works inside a transaction.
 */
export function createAssessmentRepository(db: Db) {
  return {
    /** Stores one assessment and its ratings; returns the assessment's id. */
    async insert(input: {
      teamId: string;
      userId: string;
      source: 'self' | 'checkin';
      assessedAt: Date;
      ratings: readonly Rating[];
    }): Promise<string> {
      const row = await db
        .insertInto('skill_assessments')
        .values({
          team_id: input.teamId,
          user_id: input.userId,
          source: input.source,
          assessed_at: input.assessedAt,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await db
        .insertInto('skill_ratings')
        .values(
          input.ratings.map((r) => ({
            assessment_id: row.id,
            team_id: input.teamId,
            user_id: input.userId,
            skill_id: r.skillId,
            level: r.level,
            target: r.target,
            assessed_at: input.assessedAt,
          })),
        )
        .execute();
      return row.id;
    },

    /**
     * The latest and the previous rating of every skill the member ever rated — the per-member
     * view's query. One LATERAL index range (skill_ratings_history_idx, two rows) per skill of the
     * team's catalogue, so it costs the same after three years of monthly assessments as after
     * one.
     */
    async history(teamId: string, userId: string): Promise<Map<string, SkillHistory>> {
      const result = await sql<{
        skill_id: string;
        level: number;
        target: number;
        assessed_at: Date;
        rn: string;
      }>`
        SELECT s.id AS skill_id, r.level, r.target, r.assessed_at, r.rn
          FROM skills s
         CROSS JOIN LATERAL (
               SELECT level, target, assessed_at,
                      row_number() OVER (ORDER BY assessed_at DESC, assessment_id DESC) AS rn
                 FROM skill_ratings
                WHERE team_id = s.team_id AND user_id = ${userId} AND skill_id = s.id
                ORDER BY assessed_at DESC, assessment_id DESC
                LIMIT 2) r
         WHERE s.team_id = ${teamId}`.execute(db);
      const history = new Map<string, SkillHistory>();
      const rows = [...result.rows].sort((a, b) => Number(a.rn) - Number(b.rn));
      for (const row of rows) {
        const record = {
          skillId: row.skill_id,
          level: row.level,
          target: row.target,
          assessedAt: row.assessed_at,
        };
        const known = history.get(row.skill_id);
        if (!known) history.set(row.skill_id, { latest: record, previous: null });
        else known.previous = record;
      }
      return history;
    },

    /** When the member last assessed anything (null: never). */
    async lastAssessedAt(teamId: string, userId: string): Promise<Date | null> {
      const row = await db
        .selectFrom('skill_assessments')
        .select('assessed_at')
        .where('team_id', '=', teamId)
        .where('user_id', '=', userId)
        .orderBy('assessed_at', 'desc')
        .limit(1)
        .executeTakeFirst();
      return row?.assessed_at ?? null;
    },

    /**
     * Who gets skill check-ins: members who took part (assessed their skills or run a sprint),
     * still active and human, with their Slack zone.
     */
    async checkinAudience(): Promise<Array<{ teamId: string; userId: string; tz: string | null }>> {
      const rows = await db
        .selectFrom('members as m')
        .select(['m.team_id', 'm.user_id', 'm.tz'])
        .where('m.is_deleted', '=', false)
        .where('m.is_bot', '=', false)
        .where((eb) =>
          eb.or([
            eb.exists(
              eb
                .selectFrom('skill_assessments as a')
                .select(sql`1`.as('one'))
                .whereRef('a.team_id', '=', 'm.team_id')
                .whereRef('a.user_id', '=', 'm.user_id'),
            ),
            eb.exists(
              eb
                .selectFrom('learning_sprints as p')
                .select(sql`1`.as('one'))
                .whereRef('p.team_id', '=', 'm.team_id')
                .whereRef('p.user_id', '=', 'm.user_id')
                .where('p.status', '=', 'active'),
            ),
          ]),
        )
        .orderBy('m.team_id')
        .orderBy('m.user_id')
        .execute();
      return rows.map((r) => ({ teamId: r.team_id, userId: r.user_id, tz: r.tz }));
    },

    async eraseMember(teamId: string, userId: string): Promise<number> {
      const result = await db
        .deleteFrom('skill_assessments')
        .where('team_id', '=', teamId)
        .where('user_id', '=', userId)
        .executeTakeFirst();
      return Number(result.numDeletedRows);
    },
  };
}

export type AssessmentRepository = ReturnType<typeof createAssessmentRepository>;
