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

    /**
     * Events of some kinds that happened in [since, until), every workspace, oldest first: what a
     * feature reacting to another feature's activity reads (feedback asks after design reviews).
     */
    async ofKindsBetween(
      kinds: readonly ActivityKind[],
      since: Date,
      until: Date,
      limit = 5000,
    ): Promise<ActivityEvent[]> {
      if (kinds.length === 0) return [];
      const rows = await db
        .selectFrom('activity_events')
        .select(['team_id', 'user_id', 'kind', 'source_key', 'occurred_at'])
        .where('kind', 'in', [...kinds])
        .where('occurred_at', '>=', since)
        .where('occurred_at', '<', until)
        .orderBy('occurred_at')
        .orderBy('id')
        .limit(limit)
        .execute();
      return rows.map((r) => ({
        teamId: r.team_id,
        userId: r.user_id,
        kind: r.kind as ActivityKind,
        sourceKey: r.source_key,
        occurredAt: r.occurred_at,
      }));
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
