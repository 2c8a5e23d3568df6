import { sql } from 'kysely';
import type { Db } from '../../db/database.ts';
import { RITUAL_POST_KIND } from '../rituals/occurrence.ts';
import { digestPartKey, LEARNING_HOUR, type LearningWeek } from './learning-hour.ts';
import type { LearningSummary, SummarySource } from './summary.ts';

type Row = {
  id: string;
  team_id: string;
  user_id: string;
  occurrence_id: string | null;
  body: string;
  link: string | null;
  source: SummarySource;
  created_at: Date;
};

function toSummary(r: Row): LearningSummary {
  return {
    id: r.id,
    teamId: r.team_id,
    userId: r.user_id,
    occurrenceId: r.occurrence_id,
    body: r.body,
    link: r.link,
    source: r.source,
    createdAt: r.created_at,
  };
}

const columns = [
  'id',
  'team_id',
  'user_id',
  'occurrence_id',
  'body',
  'link',
  'source',
  'created_at',
] as const;

/** Learning summaries and the learning hour's weeks. Takes Kysely, so it works in a transaction. */
export function createSummaryRepository(db: Db) {
  /** Learning-hour thread posts, with their occurrence (the week). */
  const weeks = () =>
    db
      .selectFrom('outbox as o')
      .innerJoin('ritual_occurrences as ro', 'ro.id', 'o.occurrence_id')
      .innerJoin('rituals as r', 'r.id', 'ro.ritual_id')
      .select([
        'o.id as post_row_id',
        'o.team_id',
        'o.channel_id',
        'o.message_ts',
        'o.status',
        'ro.id as occurrence_id',
        'ro.occurrence_date',
        (eb) =>
          eb
            .exists(
              eb
                .selectFrom('outbox as d')
                .select('d.id')
                .whereRef('d.team_id', '=', 'o.team_id')
                .where('d.idempotency_key', '=', sql<string>`'learning-hour:digest:' || ro.id || ':1'`),
            )
            .as('digest_posted'),
      ])
      .where('o.kind', '=', RITUAL_POST_KIND)
      .where('r.name', '=', LEARNING_HOUR);

  const toWeek = (r: {
    post_row_id: string;
    team_id: string;
    channel_id: string | null;
    message_ts: string | null;
    occurrence_id: string;
    occurrence_date: string;
    digest_posted: boolean | number;
  }): LearningWeek => ({
    occurrenceId: r.occurrence_id,
    teamId: r.team_id,
    date: r.occurrence_date,
    postRowId: r.post_row_id,
    channelId: r.channel_id,
    messageTs: r.message_ts,
    digestPosted: Boolean(r.digest_posted),
  });

  return {
    /**
     * Stores a summary. A thread reply already stored (the same Slack message, e.g. a retried
     * event) is left as it was: `created` is false and its id comes back.
     */
    async insert(s: {
      teamId: string;
      userId: string;
      occurrenceId: string | null;
      body: string;
      link: string | null;
      source: SummarySource;
      channelId?: string;
      messageTs?: string;
    }): Promise<{ id: string; created: boolean }> {
      const inserted = await db
        .insertInto('learning_summaries')
        .values({
          team_id: s.teamId,
          user_id: s.userId,
          occurrence_id: s.occurrenceId,
          body: s.body,
          link: s.link,
          source: s.source,
          channel_id: s.channelId ?? null,
          message_ts: s.messageTs ?? null,
        })
        .onConflict((oc) => oc.columns(['team_id', 'channel_id', 'message_ts']).doNothing())
        .returning('id')
        .executeTakeFirst();
      if (inserted) return { id: inserted.id, created: true };
      const existing = await db
        .selectFrom('learning_summaries')
        .select('id')
        .where('team_id', '=', s.teamId)
        .where('channel_id', '=', s.channelId ?? '')
        .where('message_ts', '=', s.messageTs ?? '')
        .executeTakeFirstOrThrow();
      return { id: existing.id, created: false };
    },

    async find(id: string): Promise<LearningSummary | undefined> {
      const row = await db
        .selectFrom('learning_summaries')
        .select(columns)
        .where('id', '=', id)
        .executeTakeFirst();
      return row && toSummary(row);
    },

    /** An edited thread reply: its summary follows the new text. Returns its id, if stored. */
    async updateByMessage(
      teamId: string,
      channelId: string,
      messageTs: string,
      fields: { body: string; link: string | null },
    ): Promise<string | undefined> {
      const row = await db
        .updateTable('learning_summaries')
        .set({ body: fields.body, link: fields.link, updated_at: sql`now()` })
        .where('team_id', '=', teamId)
        .where('channel_id', '=', channelId)
        .where('message_ts', '=', messageTs)
        .returning('id')
        .executeTakeFirst();
      return row?.id;
    },

    /** A deleted thread reply: its summary goes. Returns its id, if there was one. */
    async deleteByMessage(teamId: string, channelId: string, messageTs: string): Promise<string | undefined> {
      const row = await db
        .deleteFrom('learning_summaries')
        .where('team_id', '=', teamId)
        .where('channel_id', '=', channelId)
        .where('message_ts', '=', messageTs)
        .returning('id')
        .executeTakeFirst();
      return row?.id;
    },

    /** A week's summaries, oldest first. */
    async forWeek(occurrenceId: string): Promise<LearningSummary[]> {
      const rows = await db
        .selectFrom('learning_summaries')
        .select(columns)
        .where('occurrence_id', '=', occurrenceId)
        .orderBy('created_at')
        .orderBy('id')
        .execute();
      return rows.map(toSummary);
    },

    /** Summaries given while no thread was open join this week (its digest claims them). */
    async claimUnattached(teamId: string, occurrenceId: string): Promise<number> {
      const result = await db
        .updateTable('learning_summaries')
        .set({ occurrence_id: occurrenceId })
        .where('team_id', '=', teamId)
        .where('occurrence_id', 'is', null)
        .executeTakeFirst();
      return Number(result.numUpdatedRows);
    },

    async hasContributed(occurrenceId: string, userId: string): Promise<boolean> {
      const row = await db
        .selectFrom('learning_summaries')
        .select('id')
        .where('occurrence_id', '=', occurrenceId)
        .where('user_id', '=', userId)
        .limit(1)
        .executeTakeFirst();
      return row !== undefined;
    },

    /** How many people gave a summary this week (`ritual status`). */
    async authorCount(occurrenceId: string): Promise<number> {
      const row = await db
        .selectFrom('learning_summaries')
        .select(sql<string>`count(DISTINCT user_id)`.as('n'))
        .where('occurrence_id', '=', occurrenceId)
        .executeTakeFirstOrThrow();
      return Number(row.n);
    },

    /** The week whose thread was posted most recently (sent), if any. */
    async currentWeek(teamId: string): Promise<LearningWeek | undefined> {
      const row = await weeks()
        .where('o.team_id', '=', teamId)
        .where('o.status', '=', 'sent')
        .orderBy('o.sent_at', 'desc')
        .limit(1)
        .executeTakeFirst();
      return row && toWeek(row);
    },

    /** The week whose thread is this Slack message, if it is a learning-hour thread. */
    async weekByThread(
      teamId: string,
      channelId: string,
      threadTs: string,
    ): Promise<LearningWeek | undefined> {
      const row = await weeks()
        .where('o.team_id', '=', teamId)
        .where('o.channel_id', '=', channelId)
        .where('o.message_ts', '=', threadTs)
        .executeTakeFirst();
      return row && toWeek(row);
    },

    /** The week of an occurrence (its thread post may not be sent yet). */
    async weekOf(occurrenceId: string): Promise<LearningWeek | undefined> {
      const row = await weeks().where('ro.id', '=', occurrenceId).executeTakeFirst();
      return row && toWeek(row);
    },

    /** Whether the digest of a week was composed (its first part is in the outbox). */
    async digestComposed(teamId: string, occurrenceId: string): Promise<boolean> {
      const row = await db
        .selectFrom('outbox')
        .select('id')
        .where('team_id', '=', teamId)
        .where('idempotency_key', '=', digestPartKey(occurrenceId, 1))
        .executeTakeFirst();
      return row !== undefined;
    },

    /** Serialises digest composers of one week (two admins, or an admin and the schedule). */
    async lockWeek(occurrenceId: string): Promise<void> {
      await db
        .selectFrom('ritual_occurrences')
        .select('id')
        .where('id', '=', occurrenceId)
        .forUpdate()
        .execute();
    },

    /** Erases one member's summaries (delete-my-data). */
    async eraseMember(teamId: string, userId: string): Promise<number> {
      const result = await db
        .deleteFrom('learning_summaries')
        .where('team_id', '=', teamId)
        .where('user_id', '=', userId)
        .executeTakeFirst();
      return Number(result.numDeletedRows);
    },
  };
}

export type SummaryRepository = ReturnType<typeof createSummaryRepository>;
