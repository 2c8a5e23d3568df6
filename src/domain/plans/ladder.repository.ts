import { sql } from 'kysely';
import type { Db } from '../../db/database.ts';
import { DEFAULT_LADDER, type LadderLevel } from './ladder.ts';

/** The team's career ladder. Teams start with {@link DEFAULT_LADDER}, seeded on first read. */
export function createLadderRepository(db: Db) {
  async function read(trx: Db, teamId: string): Promise<LadderLevel[]> {
    const rows = await trx
      .selectFrom('ladder_levels')
      .select(['code', 'title', 'summary'])
      .where('team_id', '=', teamId)
      .orderBy('position')
      .execute();
    return rows.map((r) => ({ code: r.code, title: r.title, summary: r.summary }));
  }

  async function insertLevels(trx: Db, teamId: string, levels: readonly LadderLevel[]): Promise<void> {
    if (levels.length === 0) return;
    await trx
      .insertInto('ladder_levels')
      .values(
        levels.map((level, position) => ({
          team_id: teamId,
          position,
          code: level.code,
          title: level.title,
          summary: level.summary,
        })),
      )
      .execute();
  }

  return {
    /**
     * The team's ladder, junior to senior. The first read seeds the default ladder; the insert
     * into `ladders` serialises concurrent first reads, so the seed happens once. The workspace
     * row must exist (members.ensure creates it).
     */
    async get(teamId: string): Promise<LadderLevel[]> {
      const existing = await read(db, teamId);
      if (existing.length > 0) return existing;
      return db.transaction().execute(async (trx) => {
        const created = await trx
          .insertInto('ladders')
          .values({ team_id: teamId })
          .onConflict((oc) => oc.column('team_id').doNothing())
          .executeTakeFirst();
        if (Number(created.numInsertedOrUpdatedRows ?? 0n) > 0)
          await insertLevels(trx, teamId, DEFAULT_LADDER);
        return read(trx, teamId);
      });
    },

    /** Replaces the whole ladder (already validated) in one transaction. */
    async replace(teamId: string, levels: readonly LadderLevel[], updatedBy: string): Promise<void> {
      await db.transaction().execute(async (trx) => {
        await trx
          .insertInto('ladders')
          .values({ team_id: teamId, updated_by: updatedBy })
          .onConflict((oc) =>
            oc.column('team_id').doUpdateSet({ updated_by: updatedBy, updated_at: sql`now()` }),
          )
          .execute();
        await trx.deleteFrom('ladder_levels').where('team_id', '=', teamId).execute();
        await insertLevels(trx, teamId, levels);
      });
    },
  };
}

export type LadderRepository = ReturnType<typeof createLadderRepository>;
