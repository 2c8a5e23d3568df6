import { sql } from 'kysely';
import type { Db } from '../../db/database.ts';
import type { NorthStar } from './north-star.ts';

/** Each member's north star (at most one), keyed by team and user. */
export function createNorthStarRepository(db: Db) {
  return {
    async find(teamId: string, userId: string): Promise<NorthStar | null> {
      const row = await db
        .selectFrom('north_stars')
        .select(['track', 'destination', 'horizon_years', 'current_level', 'target_level'])
        .where('team_id', '=', teamId)
        .where('user_id', '=', userId)
        .executeTakeFirst();
      return row
        ? {
            track: row.track,
            destination: row.destination,
            horizonYears: row.horizon_years,
            currentLevel: row.current_level,
            targetLevel: row.target_level,
          }
        : null;
    },

    /** Creates or replaces the member's north star. */
    async save(teamId: string, userId: string, northStar: NorthStar): Promise<void> {
      const values = {
        track: northStar.track,
        destination: northStar.destination,
        horizon_years: northStar.horizonYears,
        current_level: northStar.currentLevel,
        target_level: northStar.targetLevel,
      };
      await db
        .insertInto('north_stars')
        .values({ team_id: teamId, user_id: userId, ...values })
        .onConflict((oc) =>
          oc.columns(['team_id', 'user_id']).doUpdateSet({ ...values, updated_at: sql`now()` }),
        )
        .execute();
    },
  };
}

export type NorthStarRepository = ReturnType<typeof createNorthStarRepository>;
