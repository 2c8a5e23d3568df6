import { sql } from 'kysely';
import type { Db } from '../../db/database.ts';
import type { CheckInRecord } from './records.ts';

/**
 * Key-result check-ins: an append-only history (never updated or deleted, except by the member
 * cascade). Recording one also moves the key result's current value; pass a transaction as `db`
 * so both happen together.
 */
export function createCheckInRepository(db: Db) {
  return {
    /** Appends a check-in and moves the key result's current value (call inside a transaction). */
    async recordCheckIn(
      teamId: string,
      userId: string,
      keyResultId: string,
      value: number,
      previousValue: number,
      note: string,
    ): Promise<string> {
      const row = await db
        .insertInto('key_result_checkins')
        .values({
          key_result_id: keyResultId,
          team_id: teamId,
          user_id: userId,
          value,
          previous_value: previousValue,
          note,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await db
        .updateTable('key_results')
        .set({ current_value: value, updated_at: sql`now()` })
        .where('team_id', '=', teamId)
        .where('user_id', '=', userId)
        .where('id', '=', keyResultId)
        .execute();
      return row.id;
    },

    /** A key result's check-ins, oldest first. */
    async checkIns(teamId: string, userId: string, keyResultId: string): Promise<CheckInRecord[]> {
      const rows = await db
        .selectFrom('key_result_checkins')
        .select(['id', 'key_result_id', 'value', 'previous_value', 'note', 'created_at'])
        .where('team_id', '=', teamId)
        .where('user_id', '=', userId)
        .where('key_result_id', '=', keyResultId)
        .orderBy('created_at')
        .orderBy('id')
        .execute();
      return rows.map((r) => ({
        id: String(r.id),
        keyResultId: String(r.key_result_id),
        value: r.value,
        previousValue: r.previous_value,
        note: r.note,
        at: r.created_at,
      }));
    },
  };
}

export type CheckInRepository = ReturnType<typeof createCheckInRepository>;
