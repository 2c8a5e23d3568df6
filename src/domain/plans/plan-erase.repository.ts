import type { Db } from '../../db/database.ts';

/** Everything of one member's career plan, erased in one transaction (delete-my-data). */
export function createPlanEraseRepository(db: Db) {
  return {
    async eraseMember(teamId: string, userId: string): Promise<Record<string, number>> {
      return db.transaction().execute(async (trx) => {
        const erase = async (
          table: 'key_result_checkins' | 'key_results' | 'objectives' | 'milestones' | 'north_stars',
        ) => {
          const result = await trx
            .deleteFrom(table)
            .where('team_id', '=', teamId)
            .where('user_id', '=', userId)
            .executeTakeFirst();
          return Number(result.numDeletedRows);
        };
        // Children before parents, so no foreign key decides for us.
        const checkIns = await erase('key_result_checkins');
        const keyResults = await erase('key_results');
        const objectives = await erase('objectives');
        const milestones = await erase('milestones');
        const northStar = await erase('north_stars');
        return { checkIns, keyResults, objectives, milestones, northStar };
      });
    },
  };
}
