import type { Db } from './database.ts';

/** Slack event ids already handled, so a retried delivery of the same event is processed once. */
export function createProcessedEventRepository(db: Db) {
  return {
    /** True when this is the first time the event is seen (and records it). */
    async markFirstSeen(teamId: string, eventId: string): Promise<boolean> {
      const result = await db
        .insertInto('processed_events')
        .values({ team_id: teamId, event_id: eventId })
        .onConflict((oc) => oc.columns(['team_id', 'event_id']).doNothing())
        .executeTakeFirst();
      return Number(result.numInsertedOrUpdatedRows ?? 0n) > 0;
    },

    /** Forgets an id, so it counts as new again (a submission that stored nothing). */
    async forget(teamId: string, eventId: string): Promise<void> {
      await db
        .deleteFrom('processed_events')
        .where('team_id', '=', teamId)
        .where('event_id', '=', eventId)
        .execute();
    },
  };
}

export type ProcessedEventRepository = ReturnType<typeof createProcessedEventRepository>;
