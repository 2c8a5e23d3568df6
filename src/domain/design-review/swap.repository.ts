import type { Db } from '../../db/database.ts';
import type { Swap } from './design-review.ts';

function toSwap(r: {
  id: string;
  occurrence_id: string;
  team_id: string;
  user_id: string;
  to_user_id: string;
  status: Swap['status'];
}): Swap {
  return {
    id: r.id,
    occurrenceId: r.occurrence_id,
    teamId: r.team_id,
    fromUserId: r.user_id,
    toUserId: r.to_user_id,
    status: r.status,
  };
}

/** Swap requests between a session's presenter and the next person in the rotation: the record. */
export function createSwapRepository(db: Db) {
  return {
    /**
     * Records a swap request. The caller holds the session's lock and checked no request is open;
     * the partial unique index refuses a second open one all the same.
     */
    async requestSwap(s: { occurrenceId: string; teamId: string; from: string; to: string }): Promise<Swap> {
      const row = await db
        .insertInto('design_review_swaps')
        .values({ occurrence_id: s.occurrenceId, team_id: s.teamId, user_id: s.from, to_user_id: s.to })
        .returning(['id', 'occurrence_id', 'team_id', 'user_id', 'to_user_id', 'status'])
        .executeTakeFirstOrThrow();
      return toSwap(row);
    },

    async openSwap(occurrenceId: string): Promise<Swap | undefined> {
      const row = await db
        .selectFrom('design_review_swaps')
        .select(['id', 'occurrence_id', 'team_id', 'user_id', 'to_user_id', 'status'])
        .where('occurrence_id', '=', occurrenceId)
        .where('status', '=', 'pending')
        .executeTakeFirst();
      return row && toSwap(row);
    },

    async swap(id: string): Promise<Swap | undefined> {
      const row = await db
        .selectFrom('design_review_swaps')
        .select(['id', 'occurrence_id', 'team_id', 'user_id', 'to_user_id', 'status'])
        .where('id', '=', id)
        .executeTakeFirst();
      return row && toSwap(row);
    },

    /** Decides an open swap; false when it was decided already. */
    async decideSwap(id: string, status: 'accepted' | 'declined' | 'withdrawn', at: Date): Promise<boolean> {
      const result = await db
        .updateTable('design_review_swaps')
        .set({ status, decided_at: at })
        .where('id', '=', id)
        .where('status', '=', 'pending')
        .executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    },
  };
}
