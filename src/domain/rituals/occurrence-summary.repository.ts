import { sql } from 'kysely';
import type { Db } from '../../db/database.ts';

/** What an occurrence came to, once every one of its deliveries is final. */
export interface OccurrenceSummary {
  occurrenceId: string;
  teamId: string;
  ritual: string;
  kind: 'scheduled' | 'adhoc';
  /** Sent (including those the member then acted on). */
  sent: number;
  skipped: number;
  failed: number;
}

/**
 * Finds occurrences whose deliveries are all final and marks each as summarised, in the same
 * statement, so each summary is returned once across every worker replica: two workers that
 * finish the last two deliveries at the same moment serialise on the occurrence row, and the
 * second one finds it marked.
 */
export function createOccurrenceSummaryRepository(db: Db) {
  return {
    async claimFinished(
      scope: { deliveryId?: string; occurrenceId?: string } = {},
    ): Promise<OccurrenceSummary[]> {
      const deliveryId = scope.deliveryId ?? null;
      const occurrenceId = scope.occurrenceId ?? null;
      const result = await sql<{
        id: string;
        team_id: string;
        ritual: string;
        kind: 'scheduled' | 'adhoc';
        sent: string;
        skipped: string;
        failed: string;
      }>`
        UPDATE ritual_occurrences AS o SET finished_logged_at = now()
         WHERE o.status = 'fanned_out' AND o.finished_logged_at IS NULL
           AND (${occurrenceId}::bigint IS NULL OR o.id = ${occurrenceId}::bigint)
           AND (${deliveryId}::bigint IS NULL
                OR o.id = (SELECT d.occurrence_id FROM outbox d WHERE d.id = ${deliveryId}::bigint))
           AND NOT EXISTS (SELECT 1 FROM outbox p
                            WHERE p.occurrence_id = o.id AND p.status IN ('planned', 'sending'))
        RETURNING o.id, o.team_id, o.kind,
                  (SELECT r.name FROM rituals r WHERE r.id = o.ritual_id) AS ritual,
                  (SELECT count(*) FROM outbox d
                    WHERE d.occurrence_id = o.id AND d.status IN ('sent', 'done', 'scheduled')) AS sent,
                  (SELECT count(*) FROM outbox d
                    WHERE d.occurrence_id = o.id AND d.status = 'skipped') AS skipped,
                  (SELECT count(*) FROM outbox d
                    WHERE d.occurrence_id = o.id AND d.status = 'failed') AS failed`.execute(db);
      return result.rows.map((r) => ({
        occurrenceId: r.id,
        teamId: r.team_id,
        ritual: r.ritual,
        kind: r.kind,
        sent: Number(r.sent),
        skipped: Number(r.skipped),
        failed: Number(r.failed),
      }));
    },
  };
}

export type OccurrenceSummaryRepository = ReturnType<typeof createOccurrenceSummaryRepository>;
