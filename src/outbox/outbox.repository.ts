import { sql } from 'kysely';
import type { Db } from '../db/database.ts';
import {
  type Claim,
  isFinished,
  type NewOutboxMessage,
  type OutboxMessage,
  type OutboxStatus,
  type RecipientAtClaim,
  SENDING_LEASE_MS,
} from './message.ts';

const columns = [
  'id',
  'team_id',
  'idempotency_key',
  'kind',
  'target',
  'user_id',
  'channel_id',
  'parent_id',
  'occurrence_id',
  'payload',
  'due_at',
  'local_date',
  'tz',
  'round',
  'status',
  'skip_reason',
  'attempts',
  'last_error',
  'message_ts',
  'scheduled_message_id',
] as const;

type Row = {
  id: string;
  team_id: string;
  idempotency_key: string;
  kind: string;
  target: OutboxMessage['target'];
  user_id: string | null;
  channel_id: string | null;
  parent_id: string | null;
  occurrence_id: string | null;
  payload: Record<string, unknown>;
  due_at: Date;
  local_date: string | null;
  tz: string | null;
  round: number;
  status: OutboxStatus;
  skip_reason: string | null;
  attempts: number;
  last_error: string | null;
  message_ts: string | null;
  scheduled_message_id: string | null;
};

function toMessage(r: Row): OutboxMessage {
  return {
    id: r.id,
    teamId: r.team_id,
    key: r.idempotency_key,
    kind: r.kind,
    target: r.target,
    userId: r.user_id,
    channelId: r.channel_id,
    parentId: r.parent_id,
    occurrenceId: r.occurrence_id,
    payload: r.payload ?? {},
    dueAt: r.due_at,
    localDate: r.local_date,
    tz: r.tz,
    round: r.round,
    status: r.status,
    skipReason: r.skip_reason,
    attempts: r.attempts,
    lastError: r.last_error,
    messageTs: r.message_ts,
    scheduledMessageId: r.scheduled_message_id,
  };
}

/** A new row as stored: planned to send, or already skipped with a reason (kept for the record). */
export type OutboxInsert = NewOutboxMessage & { skipReason?: string };

function toValues(m: OutboxInsert) {
  return {
    team_id: m.teamId,
    idempotency_key: m.key,
    kind: m.kind,
    target: m.target.type,
    user_id: m.target.type === 'dm' ? m.target.userId : null,
    channel_id: m.target.type === 'channel' ? m.target.channelId : null,
    parent_id: m.target.type === 'thread' ? m.target.parentId : null,
    occurrence_id: m.occurrenceId ?? null,
    payload: JSON.stringify(m.payload ?? {}),
    due_at: m.skipReason ? new Date() : m.dueAt,
    local_date: m.localDate ?? null,
    tz: m.tz ?? null,
    status: m.skipReason ? ('skipped' as const) : ('planned' as const),
    skip_reason: m.skipReason ?? null,
  };
}

/** The recipient's switches, read in the same statement as the row (claim, recheck). */
const RECIPIENT_COLUMNS = sql`
  (SELECT m.paused_until::text FROM members m
    WHERE m.team_id = d.team_id AND m.user_id = d.user_id) AS paused_until,
  (SELECT m.dm_channel_id FROM members m
    WHERE m.team_id = d.team_id AND m.user_id = d.user_id) AS member_dm_channel_id,
  (SELECT coalesce(json_agg(json_build_object('from', x.from_day, 'to', x.to_day)), '[]'::json)
     FROM member_ooo x
    WHERE x.team_id = d.team_id AND x.user_id = d.user_id
      AND x.to_day >= coalesce(d.local_date, current_date)) AS ooo`;

type RecipientRow = {
  paused_until: string | null;
  member_dm_channel_id: string | null;
  ooo: Array<{ from: string; to: string }>;
};

function toRecipient(row: RecipientRow): RecipientAtClaim {
  return {
    availability: {
      pausedUntil: row.paused_until === 'infinity' ? 'forever' : row.paused_until,
      ooo: row.ooo,
    },
    dmChannelId: row.member_dm_channel_id,
  };
}

/**
 * The outbox rows: what must be sent and what was. Every write that matters for exactly-once is
 * a conditional update on the row's state. Takes a Kysely instance, so it works in a transaction.
 */
export function createOutboxRepository(db: Db) {
  const select = () => db.selectFrom('outbox').select(columns);

  return {
    /**
     * Stores new rows; a key already stored keeps its row (idempotent). Returns the rows of these
     * keys that still need sending — new or left over from an earlier call — so the caller can
     * (re)arm their timers.
     */
    async insertMany(messages: readonly OutboxInsert[]): Promise<OutboxMessage[]> {
      if (messages.length === 0) return [];
      const pending: OutboxMessage[] = [];
      for (let i = 0; i < messages.length; i += 500) {
        const chunk = messages.slice(i, i + 500);
        await db
          .insertInto('outbox')
          .values(chunk.map(toValues))
          .onConflict((oc) => oc.columns(['team_id', 'idempotency_key']).doNothing())
          .execute();
        const teamIds = [...new Set(chunk.map((m) => m.teamId))];
        for (const teamId of teamIds) {
          const keys = chunk.filter((m) => m.teamId === teamId).map((m) => m.key);
          const rows = await select()
            .where('team_id', '=', teamId)
            .where('idempotency_key', 'in', keys)
            .where('status', 'in', ['planned', 'sending'])
            .execute();
          pending.push(...rows.map(toMessage));
        }
      }
      return pending;
    },

    async find(id: string): Promise<OutboxMessage | undefined> {
      const row = await select().where('id', '=', id).executeTakeFirst();
      return row && toMessage(row);
    },

    async findByKey(teamId: string, key: string): Promise<OutboxMessage | undefined> {
      const row = await select()
        .where('team_id', '=', teamId)
        .where('idempotency_key', '=', key)
        .executeTakeFirst();
      return row && toMessage(row);
    },

    /** Rows still to send (planned, or in an unfinished send), optionally of one occurrence. */
    async pending(
      options: { occurrenceId?: string; dueBefore?: Date; limit?: number } = {},
    ): Promise<OutboxMessage[]> {
      let query = select().where('status', 'in', ['planned', 'sending']);
      if (options.occurrenceId) query = query.where('occurrence_id', '=', options.occurrenceId);
      if (options.dueBefore) query = query.where('due_at', '<=', options.dueBefore);
      const rows = await query
        .orderBy('due_at')
        .limit(options.limit ?? 100_000)
        .execute();
      return rows.map(toMessage);
    },

    /**
     * Takes a row for sending, under a row lock. A `planned` row is claimed plainly; a `sending`
     * row whose lease expired is claimed as uncertain (a previous attempt may have reached Slack);
     * a fresh `sending` row belongs to another worker. For member DMs the recipient's pause,
     * out-of-office and DM channel come back in the same statement.
     */
    async claim(id: string, round: number, now: Date): Promise<Claim> {
      const leaseStart = new Date(now.getTime() - SENDING_LEASE_MS);
      const claimed = await sql<Row & RecipientRow & { previous_status: OutboxStatus }>`
        UPDATE outbox AS d
           SET status = 'sending', sending_since = ${now}, attempts = d.attempts + 1, updated_at = now()
          FROM (SELECT id, status FROM outbox WHERE id = ${id} FOR UPDATE) AS previous
         WHERE d.id = previous.id AND d.round = ${round}
           AND (d.status = 'planned'
                OR (d.status = 'sending' AND (d.sending_since IS NULL OR d.sending_since <= ${leaseStart})))
        RETURNING d.id, d.team_id, d.idempotency_key, d.kind, d.target, d.user_id, d.channel_id, d.parent_id,
                  d.occurrence_id, d.payload, d.due_at, d.local_date::text AS local_date, d.tz, d.round, d.status,
                  d.skip_reason, d.attempts, d.last_error, d.message_ts, d.scheduled_message_id,
                  previous.status AS previous_status, ${RECIPIENT_COLUMNS}`.execute(db);
      const row = claimed.rows[0];
      if (row) {
        return {
          claimed: true,
          uncertain: row.previous_status === 'sending',
          message: toMessage(row),
          recipient: toRecipient(row),
        };
      }
      // Not taken: say why (rare path, one more read).
      const current = await db
        .selectFrom('outbox')
        .select(['status', 'round'])
        .where('id', '=', id)
        .executeTakeFirst();
      if (!current) return { claimed: false, reason: 'missing' };
      if (current.round !== round) return { claimed: false, reason: 'stale_round' };
      // Slack holds a scheduled round: nothing is left for a send job to do.
      if (isFinished(current.status) || current.status === 'scheduled')
        return { claimed: false, reason: 'finished' };
      return { claimed: false, reason: 'in_flight' };
    },

    async markSent(
      id: string,
      round: number,
      fields: { channelId: string; messageTs: string; sentAt: Date },
    ) {
      await db
        .updateTable('outbox')
        .set({
          status: 'sent',
          channel_id: fields.channelId,
          message_ts: fields.messageTs,
          sent_at: fields.sentAt,
          last_error: null,
          updated_at: sql`now()`,
        })
        .where('id', '=', id)
        .where('round', '=', round)
        // A skip or a response that landed during the send wins.
        .where('status', '=', 'sending')
        .execute();
    },

    /** Slack accepted chat.scheduleMessage for this round: it now holds the message until due. */
    async markScheduled(
      id: string,
      round: number,
      fields: { channelId: string; scheduledMessageId: string },
    ): Promise<void> {
      await db
        .updateTable('outbox')
        .set({
          status: 'scheduled',
          channel_id: fields.channelId,
          scheduled_message_id: fields.scheduledMessageId,
          unscheduled_at: null,
          last_error: null,
          updated_at: sql`now()`,
        })
        .where('id', '=', id)
        .where('round', '=', round)
        .where('status', '=', 'sending')
        .execute();
    },

    /**
     * Messages Slack still holds for us that are not due yet (no later than `limit`, soonest
     * first), with their recipients' current switches: `scheduled` rows to check again, and rows
     * finished meanwhile (answered, skipped, cancelled) whose scheduled message must go.
     */
    async heldBySlack(filter: {
      now: Date;
      teamId?: string | undefined;
      userId?: string | undefined;
      /** Without a team, only finished rows: rechecking every scheduled row is a targeted job. */
      recheck: boolean;
      limit: number;
    }): Promise<Array<{ message: OutboxMessage; recipient: RecipientAtClaim }>> {
      const statuses = filter.recheck
        ? ['scheduled', 'skipped', 'done', 'failed']
        : ['skipped', 'done', 'failed'];
      const rows = await sql<Row & RecipientRow>`
        SELECT d.id, d.team_id, d.idempotency_key, d.kind, d.target, d.user_id, d.channel_id, d.parent_id,
               d.occurrence_id, d.payload, d.due_at, d.local_date::text AS local_date, d.tz, d.round, d.status,
               d.skip_reason, d.attempts, d.last_error, d.message_ts, d.scheduled_message_id,
               ${RECIPIENT_COLUMNS}
          FROM outbox d
         WHERE d.scheduled_message_id IS NOT NULL AND d.unscheduled_at IS NULL
           AND d.due_at > ${filter.now}
           AND d.status IN (${sql.join(statuses)})
           ${filter.teamId ? sql`AND d.team_id = ${filter.teamId}` : sql``}
           ${filter.userId ? sql`AND d.user_id = ${filter.userId}` : sql``}
         ORDER BY d.due_at, d.id
         LIMIT ${filter.limit}`.execute(db);
      return rows.rows.map((r) => ({ message: toMessage(r), recipient: toRecipient(r) }));
    },

    /**
     * Slack no longer holds this row's scheduled message (deleted, or never there). A row still
     * `scheduled` is skipped with the reason; a finished row keeps its status.
     */
    async markUnscheduled(id: string, skipReason: string): Promise<void> {
      await db
        .updateTable('outbox')
        .set({
          unscheduled_at: sql`now()`,
          status: sql`CASE WHEN status = 'scheduled' THEN 'skipped' ELSE status END`,
          skip_reason: sql`CASE WHEN status = 'scheduled' THEN ${skipReason} ELSE skip_reason END`,
          updated_at: sql`now()`,
        })
        .where('id', '=', id)
        .where('unscheduled_at', 'is', null)
        .execute();
    },

    /** Scheduled rows whose due time has passed were shown by Slack then: they are sent. */
    async recordDelivered(before: Date): Promise<number> {
      const result = await db
        .updateTable('outbox')
        .set({ status: 'sent', sent_at: sql`due_at`, updated_at: sql`now()` })
        .where('status', '=', 'scheduled')
        .where('due_at', '<=', before)
        .executeTakeFirst();
      return Number(result.numUpdatedRows);
    },

    /** A send that certainly did not reach Slack (429, throttle) goes back to planned. */
    async release(id: string, error: string | null): Promise<void> {
      await db
        .updateTable('outbox')
        .set({ status: 'planned', sending_since: null, last_error: error, updated_at: sql`now()` })
        .where('id', '=', id)
        .where('status', '=', 'sending')
        .execute();
    },

    /**
     * The attempt failed without knowing whether Slack posted: the row stays `sending` with its
     * lease ended at once, so the retry claims it as uncertain and looks for the message first.
     */
    async recordError(id: string, error: string): Promise<void> {
      await db
        .updateTable('outbox')
        .set({ last_error: error, sending_since: null, updated_at: sql`now()` })
        .where('id', '=', id)
        .where('status', '=', 'sending')
        .execute();
    },

    async markFailed(id: string, error: string): Promise<void> {
      await db
        .updateTable('outbox')
        .set({ status: 'failed', last_error: error, updated_at: sql`now()` })
        .where('id', '=', id)
        .execute();
    },

    /** Skips a row not acted on yet (recipient skipped, paused meanwhile, ritual paused). */
    async markSkipped(id: string, reason: string): Promise<boolean> {
      const result = await db
        .updateTable('outbox')
        .set({ status: 'skipped', skip_reason: reason, updated_at: sql`now()` })
        .where('id', '=', id)
        .where('status', 'in', ['planned', 'sending', 'scheduled', 'sent'])
        .executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    },

    /** The recipient did what the message asked (e.g. logged the contribution). */
    async markDone(id: string): Promise<void> {
      await db
        .updateTable('outbox')
        .set({ status: 'done', updated_at: sql`now()` })
        .where('id', '=', id)
        .execute();
    },

    /** Snooze or reschedule: a new round, due later; the old message stays. Returns the round. */
    async snooze(id: string, dueAt: Date): Promise<number | undefined> {
      const row = await db
        .updateTable('outbox')
        .set({
          status: 'planned',
          round: sql`round + 1`,
          due_at: dueAt,
          sending_since: null,
          skip_reason: null,
          // The new round gets its own scheduled message (if any); the old one was shown already.
          scheduled_message_id: null,
          unscheduled_at: null,
          updated_at: sql`now()`,
        })
        .where('id', '=', id)
        // A scheduled message the member could click has been shown: its due time has passed.
        .where((eb) =>
          eb.or([
            eb('status', '=', 'sent'),
            eb.and([eb('status', '=', 'scheduled'), eb('due_at', '<=', sql<Date>`now()`)]),
          ]),
        )
        .returning('round')
        .executeTakeFirst();
      return row?.round;
    },

    /**
     * Whether an earlier reply to the same thread (stored before this one, due no later) is still
     * to be sent: replies keep the order they were stored in (a digest's parts).
     */
    async earlierReplyPending(row: Pick<OutboxMessage, 'id' | 'parentId' | 'dueAt'>): Promise<boolean> {
      if (!row.parentId) return false;
      const earlier = await db
        .selectFrom('outbox')
        .select('id')
        .where('parent_id', '=', row.parentId)
        .where('id', '<', row.id)
        .where('due_at', '<=', row.dueAt)
        .where('status', 'in', ['planned', 'sending'])
        .limit(1)
        .executeTakeFirst();
      return earlier !== undefined;
    },

    /** The workspace uninstalled the app: nothing more is sent there. */
    async cancelPendingForTeam(teamId: string): Promise<void> {
      await db
        .updateTable('outbox')
        .set({ status: 'skipped', skip_reason: 'uninstalled', updated_at: sql`now()` })
        .where('team_id', '=', teamId)
        // Scheduled messages cannot be deleted any more (the token is revoked); the rows say so.
        .where('status', 'in', ['planned', 'sending', 'scheduled'])
        .execute();
    },

    /**
     * Cancels what is still planned for one member (delete-my-data), so no worker claims it while
     * the erase runs; returns how many. A send already in flight is left to finish.
     */
    async cancelPendingForMember(teamId: string, userId: string): Promise<number> {
      const result = await db
        .updateTable('outbox')
        .set({ status: 'skipped', skip_reason: 'member_erased', updated_at: sql`now()` })
        .where('team_id', '=', teamId)
        .where('user_id', '=', userId)
        .where('status', 'in', ['planned', 'scheduled'])
        .executeTakeFirst();
      return Number(result.numUpdatedRows);
    },

    /** Erases one member's DMs (delete-my-data); channel posts are the team's and stay. */
    async eraseMember(teamId: string, userId: string): Promise<number> {
      const result = await db
        .deleteFrom('outbox')
        .where('team_id', '=', teamId)
        .where('user_id', '=', userId)
        .executeTakeFirst();
      return Number(result.numDeletedRows);
    },
  };
}

export type OutboxRepository = ReturnType<typeof createOutboxRepository>;
