import { sql } from 'kysely';
import type { Db } from '../../db/database.ts';
import { type Claim, type Delivery, isFinished, type Occurrence, SENDING_LEASE_MS } from './delivery.ts';
import type { PlannedDelivery } from './fanout.ts';

const deliveryColumns = [
  'd.id',
  'd.team_id',
  'd.occurrence_id',
  'o.ritual_id',
  'd.user_id',
  'd.due_at',
  'd.local_date',
  'd.tz',
  'd.round',
  'd.status',
  'd.skip_reason',
  'd.attempts',
  'd.last_error',
  'd.dm_channel_id',
  'd.message_ts',
] as const;

type DeliveryRow = {
  id: string;
  team_id: string;
  occurrence_id: string;
  ritual_id: string;
  user_id: string;
  due_at: Date;
  local_date: string;
  tz: string;
  round: number;
  status: Delivery['status'];
  skip_reason: string | null;
  attempts: number;
  last_error: string | null;
  dm_channel_id: string | null;
  message_ts: string | null;
};

function toDelivery(r: DeliveryRow): Delivery {
  return {
    id: r.id,
    teamId: r.team_id,
    occurrenceId: r.occurrence_id,
    ritualId: r.ritual_id,
    userId: r.user_id,
    dueAt: r.due_at,
    localDate: r.local_date,
    tz: r.tz,
    round: r.round,
    status: r.status,
    skipReason: r.skip_reason,
    attempts: r.attempts,
    lastError: r.last_error,
    dmChannelId: r.dm_channel_id,
    messageTs: r.message_ts,
  };
}

function toOccurrence(r: {
  id: string;
  ritual_id: string;
  team_id: string;
  occurrence_key: string;
  occurrence_date: string;
  kind: 'scheduled' | 'adhoc';
  status: 'planned' | 'fanned_out' | 'cancelled';
  fanout_at: Date;
}): Occurrence {
  return {
    id: r.id,
    ritualId: r.ritual_id,
    teamId: r.team_id,
    key: r.occurrence_key,
    date: r.occurrence_date,
    kind: r.kind,
    status: r.status,
    fanoutAt: r.fanout_at,
  };
}

/**
 * Occurrences and deliveries: Postgres is the source of truth for what must be sent and what was.
 * Every write that matters for exactly-once is a conditional update on the row's state.
 */
export function createDeliveryRepository(db: Db) {
  const selectDelivery = () =>
    db
      .selectFrom('deliveries as d')
      .innerJoin('ritual_occurrences as o', 'o.id', 'd.occurrence_id')
      .select(deliveryColumns);

  return {
    /** Creates the occurrence once; returns it (new or existing) by its unique key. */
    async upsertOccurrence(o: {
      ritualId: string;
      teamId: string;
      key: string;
      date: string;
      kind: 'scheduled' | 'adhoc';
      fanoutAt: Date;
      requestedBy?: string;
    }): Promise<Occurrence> {
      await db
        .insertInto('ritual_occurrences')
        .values({
          ritual_id: o.ritualId,
          team_id: o.teamId,
          occurrence_key: o.key,
          occurrence_date: o.date,
          kind: o.kind,
          fanout_at: o.fanoutAt,
          requested_by: o.requestedBy ?? null,
        })
        .onConflict((oc) => oc.columns(['ritual_id', 'occurrence_key']).doNothing())
        .execute();
      const row = await db
        .selectFrom('ritual_occurrences')
        .selectAll()
        .where('ritual_id', '=', o.ritualId)
        .where('occurrence_key', '=', o.key)
        .executeTakeFirstOrThrow();
      return toOccurrence(row);
    },

    async findOccurrence(id: string): Promise<Occurrence | undefined> {
      const row = await db
        .selectFrom('ritual_occurrences')
        .selectAll()
        .where('id', '=', id)
        .executeTakeFirst();
      return row && toOccurrence(row);
    },

    /** The workspace uninstalled the app: nothing more is planned or sent there. */
    async cancelPendingForTeam(teamId: string): Promise<void> {
      await db.transaction().execute(async (trx) => {
        await trx
          .updateTable('ritual_occurrences')
          .set({ status: 'cancelled' })
          .where('team_id', '=', teamId)
          .where('status', '=', 'planned')
          .execute();
        await trx
          .updateTable('deliveries')
          .set({ status: 'skipped', skip_reason: 'uninstalled', updated_at: sql`now()` })
          .where('team_id', '=', teamId)
          .where('status', 'in', ['planned', 'sending'])
          .execute();
      });
    },

    async cancelOccurrence(id: string): Promise<void> {
      await db
        .updateTable('ritual_occurrences')
        .set({ status: 'cancelled' })
        .where('id', '=', id)
        .where('status', '=', 'planned')
        .execute();
    },

    /** Occurrences not fanned out yet whose fan-out time is before `until`. */
    async occurrencesToFanOut(until: Date): Promise<Occurrence[]> {
      const rows = await db
        .selectFrom('ritual_occurrences')
        .selectAll()
        .where('status', '=', 'planned')
        .where('fanout_at', '<=', until)
        .orderBy('fanout_at')
        .execute();
      return rows.map(toOccurrence);
    },

    /** The newest occurrence of a ritual already started (for "this occurrence is over" answers). */
    async latestFannedOut(ritualId: string): Promise<Occurrence | undefined> {
      const row = await db
        .selectFrom('ritual_occurrences')
        .selectAll()
        .where('ritual_id', '=', ritualId)
        .where('status', '=', 'fanned_out')
        .orderBy('fanout_at', 'desc')
        .limit(1)
        .executeTakeFirst();
      return row && toOccurrence(row);
    },

    /**
     * Stores the planned deliveries of an occurrence (a member already planned keeps their row)
     * and marks it fanned out, in one transaction.
     */
    async recordFanout(occurrence: Occurrence, planned: readonly PlannedDelivery[]): Promise<void> {
      await db.transaction().execute(async (trx) => {
        for (let i = 0; i < planned.length; i += 500) {
          const chunk = planned.slice(i, i + 500);
          await trx
            .insertInto('deliveries')
            .values(
              chunk.map((p) => ({
                team_id: occurrence.teamId,
                occurrence_id: occurrence.id,
                user_id: p.userId,
                due_at: p.send ? p.dueAt : new Date(),
                local_date: p.localDate,
                tz: p.tz,
                status: p.send ? ('planned' as const) : ('skipped' as const),
                skip_reason: p.send ? null : p.reason,
              })),
            )
            .onConflict((oc) => oc.columns(['occurrence_id', 'user_id']).doNothing())
            .execute();
        }
        await trx
          .updateTable('ritual_occurrences')
          .set({ status: 'fanned_out', fanned_out_at: new Date() })
          .where('id', '=', occurrence.id)
          .execute();
      });
    },

    /** Deliveries still to send (planned, or in an unfinished send), optionally of one occurrence. */
    async pending(
      options: { occurrenceId?: string; dueBefore?: Date; limit?: number } = {},
    ): Promise<Delivery[]> {
      let query = selectDelivery().where('d.status', 'in', ['planned', 'sending']);
      if (options.occurrenceId) query = query.where('d.occurrence_id', '=', options.occurrenceId);
      if (options.dueBefore) query = query.where('d.due_at', '<=', options.dueBefore);
      const rows = await query
        .orderBy('d.due_at')
        .limit(options.limit ?? 100_000)
        .execute();
      return rows.map(toDelivery);
    },

    async find(id: string): Promise<Delivery | undefined> {
      const row = await selectDelivery().where('d.id', '=', id).executeTakeFirst();
      return row && toDelivery(row);
    },

    async listForOccurrence(occurrenceId: string): Promise<Delivery[]> {
      const rows = await selectDelivery()
        .where('d.occurrence_id', '=', occurrenceId)
        .orderBy('d.id')
        .execute();
      return rows.map(toDelivery);
    },

    /**
     * Takes a delivery for sending, under a row lock. A `planned` row is claimed plainly; a
     * `sending` row whose lease expired is claimed as uncertain (a previous attempt may have
     * reached Slack); a fresh `sending` row belongs to another worker.
     */
    async claim(id: string, round: number, now: Date): Promise<Claim> {
      // One statement on the hot path: lock the row, check it may be taken, take it, and return
      // it with its previous status (which tells whether this attempt is uncertain).
      const leaseStart = new Date(now.getTime() - SENDING_LEASE_MS);
      const claimed = await sql<
        DeliveryRow & {
          previous_status: Delivery['status'];
          paused_until: string | null;
          member_dm_channel_id: string | null;
          ooo: Array<{ from: string; to: string }>;
        }
      >`
        UPDATE deliveries AS d
           SET status = 'sending', sending_since = ${now}, attempts = d.attempts + 1, updated_at = now()
          FROM (SELECT id, status FROM deliveries WHERE id = ${id} FOR UPDATE) AS previous,
               ritual_occurrences AS o
         WHERE d.id = previous.id AND o.id = d.occurrence_id AND d.round = ${round}
           AND (d.status = 'planned'
                OR (d.status = 'sending' AND (d.sending_since IS NULL OR d.sending_since <= ${leaseStart})))
        RETURNING d.id, d.team_id, d.occurrence_id, o.ritual_id, d.user_id, d.due_at, d.local_date, d.tz,
                  d.round, d.status, d.skip_reason, d.attempts, d.last_error, d.dm_channel_id, d.message_ts,
                  previous.status AS previous_status,
                  (SELECT m.paused_until::text FROM members m
                    WHERE m.team_id = d.team_id AND m.user_id = d.user_id) AS paused_until,
                  (SELECT m.dm_channel_id FROM members m
                    WHERE m.team_id = d.team_id AND m.user_id = d.user_id) AS member_dm_channel_id,
                  (SELECT coalesce(json_agg(json_build_object('from', x.from_day, 'to', x.to_day)), '[]'::json)
                     FROM member_ooo x
                    WHERE x.team_id = d.team_id AND x.user_id = d.user_id AND x.to_day >= d.local_date) AS ooo`.execute(
        db,
      );
      const row = claimed.rows[0];
      if (row) {
        return {
          claimed: true,
          uncertain: row.previous_status === 'sending',
          delivery: toDelivery(row),
          member: {
            availability: {
              pausedUntil: row.paused_until === 'infinity' ? 'forever' : row.paused_until,
              ooo: row.ooo,
            },
            dmChannelId: row.member_dm_channel_id,
          },
        };
      }
      // Not taken: say why (rare path, one more read).
      const current = await db
        .selectFrom('deliveries')
        .select(['status', 'round'])
        .where('id', '=', id)
        .executeTakeFirst();
      if (!current) return { claimed: false, reason: 'missing' };
      if (current.round !== round) return { claimed: false, reason: 'stale_round' };
      if (isFinished(current.status)) return { claimed: false, reason: 'finished' };
      return { claimed: false, reason: 'in_flight' };
    },

    async markSent(
      id: string,
      round: number,
      fields: { dmChannelId: string; messageTs: string; sentAt: Date },
    ) {
      await db
        .updateTable('deliveries')
        .set({
          status: 'sent',
          dm_channel_id: fields.dmChannelId,
          message_ts: fields.messageTs,
          sent_at: fields.sentAt,
          last_error: null,
          updated_at: sql`now()`,
        })
        .where('id', '=', id)
        .where('round', '=', round)
        // A skip or a logged contribution that landed during the send wins.
        .where('status', '=', 'sending')
        .execute();
    },

    /** A send that certainly did not reach Slack (429, throttle) goes back to planned. */
    async release(id: string, error: string | null): Promise<void> {
      await db
        .updateTable('deliveries')
        .set({ status: 'planned', sending_since: null, last_error: error, updated_at: sql`now()` })
        .where('id', '=', id)
        .where('status', '=', 'sending')
        .execute();
    },

    /**
     * The attempt failed without knowing whether Slack posted: the row stays `sending` with its
     * lease ended at once, so the retry claims it as uncertain and checks the DM first.
     */
    async recordError(id: string, error: string): Promise<void> {
      await db
        .updateTable('deliveries')
        .set({ last_error: error, sending_since: null, updated_at: sql`now()` })
        .where('id', '=', id)
        .where('status', '=', 'sending')
        .execute();
    },

    async markFailed(id: string, error: string): Promise<void> {
      await db
        .updateTable('deliveries')
        .set({ status: 'failed', last_error: error, updated_at: sql`now()` })
        .where('id', '=', id)
        .execute();
    },

    /** Skips a delivery not sent yet (member skipped, paused meanwhile, ritual paused). */
    async markSkipped(id: string, reason: string): Promise<boolean> {
      const result = await db
        .updateTable('deliveries')
        .set({ status: 'skipped', skip_reason: reason, updated_at: sql`now()` })
        .where('id', '=', id)
        .where('status', 'in', ['planned', 'sending', 'sent'])
        .executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    },

    /** The member did what the reminder asked (e.g. logged the contribution). */
    async markDone(id: string): Promise<void> {
      await db
        .updateTable('deliveries')
        .set({ status: 'done', updated_at: sql`now()` })
        .where('id', '=', id)
        .execute();
    },

    /** Snooze: a new round, due later; the old message stays as it was. Returns the new round. */
    async snooze(id: string, dueAt: Date): Promise<number | undefined> {
      const row = await db
        .updateTable('deliveries')
        .set({
          status: 'planned',
          round: sql`round + 1`,
          due_at: dueAt,
          sending_since: null,
          skip_reason: null,
          updated_at: sql`now()`,
        })
        .where('id', '=', id)
        .where('status', '=', 'sent')
        .returning('round')
        .executeTakeFirst();
      return row?.round;
    },

    /** Deliveries by status for one occurrence, for `ritual list` and operators. */
    async countsByStatus(occurrenceId: string): Promise<Record<string, number>> {
      const rows = await db
        .selectFrom('deliveries')
        .select(['status', db.fn.countAll<string>().as('n')])
        .where('occurrence_id', '=', occurrenceId)
        .groupBy('status')
        .execute();
      return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
    },
  };
}

export type DeliveryRepository = ReturnType<typeof createDeliveryRepository>;
