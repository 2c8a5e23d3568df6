import { sql } from 'kysely';
import type { Db } from '../../db/database.ts';
import type { Track } from '../plans/ladder.ts';
import { type ChecklistItem, type EvidenceLink, parseStoredChecklist } from './readiness.ts';

/**
 * Readiness checklists (per team and track) and the evidence members link to their items. Every
 * member query is scoped to (team, user), and evidence only ever points at the member's own
 * artifacts. Takes Kysely, so it works inside a transaction.
 */
export function createReadinessRepository(db: Db) {
  return {
    /** The team's edited checklist for a track, or null while it uses the defaults. */
    async checklist(teamId: string, track: Track): Promise<ChecklistItem[] | null> {
      const row = await db
        .selectFrom('readiness_checklists')
        .select('items')
        .where('team_id', '=', teamId)
        .where('track', '=', track)
        .executeTakeFirst();
      return row ? parseStoredChecklist(row.items) : null;
    },

    async saveChecklist(teamId: string, track: Track, items: readonly ChecklistItem[]): Promise<void> {
      await db
        .insertInto('readiness_checklists')
        .values({ team_id: teamId, track, items: JSON.stringify(items) })
        .onConflict((oc) =>
          oc
            .columns(['team_id', 'track'])
            .doUpdateSet({ items: JSON.stringify(items), updated_at: sql`now()` }),
        )
        .execute();
    },

    /** Evidence of items an admin removed from the checklist; returns how many links went. */
    async removeEvidenceOutside(teamId: string, track: Track, keys: readonly string[]): Promise<number> {
      let query = db
        .deleteFrom('readiness_evidence')
        .where('team_id', '=', teamId)
        .where('track', '=', track);
      if (keys.length > 0) query = query.where('item_key', 'not in', keys);
      return Number((await query.executeTakeFirst()).numDeletedRows);
    },

    /** The member's evidence on a track, with the artifacts' titles and links. */
    async evidence(teamId: string, userId: string, track: Track): Promise<EvidenceLink[]> {
      const rows = await db
        .selectFrom('readiness_evidence as e')
        .innerJoin('portfolio_artifacts as a', (join) =>
          join
            .onRef('a.id', '=', 'e.artifact_id')
            .onRef('a.team_id', '=', 'e.team_id')
            .onRef('a.user_id', '=', 'e.user_id'),
        )
        .select(['e.item_key', 'a.id', 'a.title', 'a.link', 'a.kind', 'a.occurred_on'])
        .where('e.team_id', '=', teamId)
        .where('e.user_id', '=', userId)
        .where('e.track', '=', track)
        .orderBy('a.occurred_on', 'desc')
        .orderBy('a.id', 'desc')
        .execute();
      return rows.map((r) => ({
        itemKey: r.item_key,
        artifact: {
          id: String(r.id),
          title: r.title,
          link: r.link,
          kind: r.kind,
          occurredOn: r.occurred_on,
        },
      }));
    },

    /**
     * Makes `artifactIds` the evidence of one item (links not listed are removed). Only the
     * member's own artifacts are linked; returns how many were.
     */
    async replaceEvidence(
      teamId: string,
      userId: string,
      track: Track,
      itemKey: string,
      artifactIds: readonly string[],
    ): Promise<number> {
      await db
        .deleteFrom('readiness_evidence')
        .where('team_id', '=', teamId)
        .where('user_id', '=', userId)
        .where('track', '=', track)
        .where('item_key', '=', itemKey)
        .execute();
      if (artifactIds.length === 0) return 0;
      const result = await db
        .insertInto('readiness_evidence')
        .columns(['team_id', 'user_id', 'track', 'item_key', 'artifact_id'])
        .expression((eb) =>
          eb
            .selectFrom('portfolio_artifacts')
            .select([
              // Bound parameters (never inlined): these values came from Slack.
              sql<string>`${teamId}::text`.as('team_id'),
              sql<string>`${userId}::text`.as('user_id'),
              sql<Track>`${track}::text`.as('track'),
              sql<string>`${itemKey}::text`.as('item_key'),
              'id',
            ])
            .where('team_id', '=', teamId)
            .where('user_id', '=', userId)
            .where('id', 'in', [...artifactIds]),
        )
        .executeTakeFirst();
      return Number(result.numInsertedOrUpdatedRows ?? 0);
    },

    /** Erases one member's evidence links (delete-my-data). */
    async eraseMember(teamId: string, userId: string): Promise<number> {
      const result = await db
        .deleteFrom('readiness_evidence')
        .where('team_id', '=', teamId)
        .where('user_id', '=', userId)
        .executeTakeFirst();
      return Number(result.numDeletedRows);
    },
  };
}

export type ReadinessRepository = ReturnType<typeof createReadinessRepository>;
