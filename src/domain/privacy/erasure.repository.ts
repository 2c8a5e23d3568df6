import { sql } from 'kysely';
import type { Db } from '../../db/database.ts';

/** One erase as the audit keeps it: who, whom, when, how many rows — never what they held. */
export interface ErasureRecord {
  teamId: string;
  subjectId: string;
  actorId: string;
  counts: Record<string, number>;
}

/**
 * What delete-my-data reads and writes outside the features' own erase hooks: an inventory of
 * every table holding the member's rows (found through information_schema, so a table a future
 * feature adds is counted without an edit here) and the erasure audit.
 */
export function createErasureRepository(db: Db) {
  return {
    /**
     * Rows per table with the member's `user_id` in this team, for every table that has both a
     * `team_id` and a `user_id` column. Tables without rows are left out.
     */
    async inventory(teamId: string, userId: string): Promise<Record<string, number>> {
      const tables = await sql<{ table_name: string }>`
        SELECT c.table_name
          FROM information_schema.columns c
          JOIN information_schema.tables t
            ON t.table_schema = c.table_schema AND t.table_name = c.table_name AND t.table_type = 'BASE TABLE'
         WHERE c.table_schema = current_schema() AND c.column_name = 'user_id'
           AND EXISTS (SELECT 1 FROM information_schema.columns k
                        WHERE k.table_schema = c.table_schema AND k.table_name = c.table_name
                          AND k.column_name = 'team_id')
         ORDER BY c.table_name`.execute(db);
      const counts: Record<string, number> = {};
      for (const { table_name } of tables.rows) {
        const row = await sql<{ n: string }>`
          SELECT count(*) AS n FROM ${sql.table(table_name)}
           WHERE team_id = ${teamId} AND user_id = ${userId}`.execute(db);
        const n = Number(row.rows[0]?.n ?? 0);
        if (n > 0) counts[table_name] = n;
      }
      return counts;
    },

    async record(entry: ErasureRecord): Promise<void> {
      await db
        .insertInto('erasure_audit')
        .values({
          team_id: entry.teamId,
          subject_id: entry.subjectId,
          actor_id: entry.actorId,
          by_admin: entry.actorId !== entry.subjectId,
          counts: JSON.stringify(entry.counts),
        })
        .execute();
    },
  };
}

export type ErasureRepository = ReturnType<typeof createErasureRepository>;
