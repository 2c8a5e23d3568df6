import type { Db } from '../../db/database.ts';
import type { ActivityEvent, ActivityKind } from './activity.ts';

/** The activity_events table. Takes a Kysely instance, so it works inside a transaction. */
export function createActivityRepository(db: Db) {
  return {
    /** Appends events; one whose source key is already stored is left as it was. */
    async record(events: readonly ActivityEvent[]): Promise<void> {
      if (events.length === 0) return;
      await db
        .insertInto('activity_events')
        .values(
          events.map((e) => ({
            team_id: e.teamId,
            user_id: e.userId,
            kind: e.kind,
            source_key: e.sourceKey,
            occurred_at: e.occurredAt,
          })),
        )
        .onConflict((oc) => oc.columns(['team_id', 'source_key']).doNothing())
        .execute();
    },

    /** The kinds of activity a member has at least once (the quick start reads this). */
    async kindsOf(teamId: string, userId: string): Promise<Set<ActivityKind>> {
      const rows = await db
        .selectFrom('activity_events')
        .select('kind')
        .distinct()
        .where('team_id', '=', teamId)
        .where('user_id', '=', userId)
        .execute();
      return new Set(rows.map((r) => r.kind as ActivityKind));
    },

    /** The source was deleted (a summary, a contribution): its activity goes with it. */
    async removeSource(teamId: string, sourceKeyPrefix: string): Promise<number> {
      const result = await db
        .deleteFrom('activity_events')
        .where('team_id', '=', teamId)
        .where((eb) =>
          eb.or([eb('source_key', '=', sourceKeyPrefix), eb('source_key', 'like', `${sourceKeyPrefix}#%`)]),
        )
        .executeTakeFirst();
      return Number(result.numDeletedRows);
    },

    async eraseMember(teamId: string, userId: string): Promise<number> {
      const result = await db
        .deleteFrom('activity_events')
        .where('team_id', '=', teamId)
        .where('user_id', '=', userId)
        .executeTakeFirst();
      return Number(result.numDeletedRows);
    },
  };
}

export type ActivityRepository = ReturnType<typeof createActivityRepository>;
