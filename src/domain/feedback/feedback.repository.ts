import { sql } from 'kysely';
import type { Db } from '../../db/database.ts';
import type { FeedbackAsk, FeedbackOrigin, FeedbackRequest } from './feedback.ts';
import { askColumns, toAsk, toRequest } from './feedback-rows.ts';

export interface NewRequest {
  teamId: string;
  userId: string;
  origin: FeedbackOrigin;
  sourceKey: string | null;
  question: string;
  about: FeedbackRequest['about'];
  anonymous: boolean;
  dueDate: string;
  closesAt: Date;
  tz: string;
  createdAt: Date;
}

const ID = /^[1-9]\d{0,17}$/;

/** An id from Slack (a button value, private_metadata) is only used when it can be one. */
export function isFeedbackId(value: unknown): value is string {
  return typeof value === 'string' && ID.test(value);
}

/**
 * Feedback requests and the people asked. Every read is scoped by team; an id from Slack that
 * belongs to another workspace finds nothing. Takes a Kysely instance, so it works in a transaction.
 */
export function createFeedbackRepository(db: Db) {
  const requests = () => db.selectFrom('feedback_requests').selectAll();
  const asks = () => db.selectFrom('feedback_asks as a').select(askColumns);

  return {
    /** Stores a request; one whose source key is taken stores nothing and answers the stored one. */
    async insertRequest(request: NewRequest): Promise<{ request: FeedbackRequest; created: boolean }> {
      const inserted = await db
        .insertInto('feedback_requests')
        .values({
          team_id: request.teamId,
          user_id: request.userId,
          origin: request.origin,
          source_key: request.sourceKey,
          question: request.question,
          about_kind: request.about?.kind ?? null,
          about_id: request.about?.id ?? null,
          about_label: request.about?.label ?? null,
          anonymous: request.anonymous,
          due_date: request.dueDate,
          closes_at: request.closesAt,
          tz: request.tz,
          created_at: request.createdAt,
        })
        .onConflict((oc) => oc.columns(['team_id', 'source_key']).doNothing())
        .returningAll()
        .executeTakeFirst();
      if (inserted) return { request: toRequest(inserted), created: true };
      const stored = await requests()
        .where('team_id', '=', request.teamId)
        .where('source_key', '=', request.sourceKey)
        .executeTakeFirstOrThrow();
      return { request: toRequest(stored), created: false };
    },

    async findRequest(teamId: string, requestId: string): Promise<FeedbackRequest | undefined> {
      if (!isFeedbackId(requestId)) return undefined;
      const row = await requests()
        .where('team_id', '=', teamId)
        .where('id', '=', requestId)
        .executeTakeFirst();
      return row && toRequest(row);
    },

    async findRequestBySource(teamId: string, sourceKey: string): Promise<FeedbackRequest | undefined> {
      const row = await requests()
        .where('team_id', '=', teamId)
        .where('source_key', '=', sourceKey)
        .executeTakeFirst();
      return row && toRequest(row);
    },

    /** Adds the people asked (a person already asked is kept as is); answers every ask of theirs. */
    async insertAsks(
      request: FeedbackRequest,
      userIds: readonly string[],
      createdAt: Date,
    ): Promise<FeedbackAsk[]> {
      if (userIds.length === 0) return [];
      await db
        .insertInto('feedback_asks')
        .values(
          userIds.map((userId) => ({
            request_id: request.id,
            team_id: request.teamId,
            user_id: userId,
            created_at: createdAt,
          })),
        )
        .onConflict((oc) => oc.columns(['request_id', 'user_id']).doNothing())
        .execute();
      const rows = await asks()
        .where('a.request_id', '=', request.id)
        .where('a.user_id', 'in', [...userIds])
        .orderBy('a.id')
        .execute();
      return rows.map(toAsk);
    },

    /** An ask with its request, in this workspace. */
    async findAsk(
      teamId: string,
      askId: string,
    ): Promise<{ ask: FeedbackAsk; request: FeedbackRequest } | undefined> {
      if (!isFeedbackId(askId)) return undefined;
      const ask = await asks().where('a.team_id', '=', teamId).where('a.id', '=', askId).executeTakeFirst();
      if (!ask) return undefined;
      const request = await requests()
        .where('team_id', '=', teamId)
        .where('id', '=', ask.request_id)
        .executeTakeFirst();
      return request && { ask: toAsk(ask), request: toRequest(request) };
    },

    async asksOf(request: Pick<FeedbackRequest, 'id' | 'teamId'>): Promise<FeedbackAsk[]> {
      const rows = await asks()
        .where('a.team_id', '=', request.teamId)
        .where('a.request_id', '=', request.id)
        .orderBy('a.id')
        .execute();
      return rows.map(toAsk);
    },

    /**
     * Records an answer or a decline, only while the ask is still waiting: of two submissions
     * racing, one wins and the other changes nothing. False when it was no longer waiting.
     */
    async respond(
      ask: Pick<FeedbackAsk, 'id' | 'teamId'>,
      fields:
        | { status: 'answered'; answer: string; improve: string | null; rating: number | null; at: Date }
        | { status: 'declined'; reason: string | null; at: Date },
    ): Promise<boolean> {
      const update = db.updateTable('feedback_asks');
      const set =
        fields.status === 'answered'
          ? update.set({
              status: 'answered',
              answer: fields.answer,
              improve: fields.improve,
              rating: fields.rating,
              responded_at: fields.at,
            })
          : update.set({ status: 'declined', decline_reason: fields.reason, responded_at: fields.at });
      const result = await set
        .where('id', '=', ask.id)
        .where('team_id', '=', ask.teamId)
        .where('status', '=', 'waiting')
        .executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    },

    /** The member's requests still open at `now`, soonest to close first, with their asks. */
    async openRequestsOf(teamId: string, userId: string, now: Date, limit: number) {
      const rows = await requests()
        .where('team_id', '=', teamId)
        .where('user_id', '=', userId)
        .where('closes_at', '>', now)
        .orderBy('closes_at')
        .limit(limit)
        .execute();
      return withAsks(rows.map(toRequest));
    },

    /** Requests of the member with at least one answer, latest answer first. */
    async answeredRequestsOf(teamId: string, userId: string, limit: number) {
      const rows = await db
        .selectFrom('feedback_requests as r')
        .selectAll('r')
        .select((eb) =>
          eb
            .selectFrom('feedback_asks as a')
            .select((x) => x.fn.max('a.responded_at').as('last'))
            .whereRef('a.request_id', '=', 'r.id')
            .where('a.status', '=', 'answered')
            .as('last_answer_at'),
        )
        .where('r.team_id', '=', teamId)
        .where('r.user_id', '=', userId)
        .where(
          sql<boolean>`exists (select 1 from feedback_asks a where a.request_id = r.id and a.status = 'answered')`,
        )
        .orderBy('last_answer_at', 'desc')
        .limit(limit)
        .execute();
      return withAsks(rows.map(toRequest));
    },

    /** Asks waiting for the member on requests still open, soonest to close first. */
    async waitingFor(teamId: string, userId: string, now: Date, limit: number) {
      const rows = await db
        .selectFrom('feedback_asks as a')
        .innerJoin('feedback_requests as r', 'r.id', 'a.request_id')
        .selectAll('r')
        .select([
          'a.id as ask_id',
          'a.status as ask_status',
          'a.answer',
          'a.improve',
          'a.rating',
          'a.decline_reason',
          'a.responded_at',
          'a.request_id',
        ])
        .where('a.team_id', '=', teamId)
        .where('a.user_id', '=', userId)
        .where('a.status', '=', 'waiting')
        .where('r.closes_at', '>', now)
        .orderBy('r.closes_at')
        .limit(limit)
        .execute();
      return rows.map((r) => ({
        ask: toAsk({ ...r, id: r.ask_id, status: r.ask_status, user_id: userId }),
        request: toRequest(r),
      }));
    },

    /**
     * Erases what one member holds in feedback (delete-my-data): the requests they made (with
     * every answer to them) and every answer or decline they gave, anonymous ones included.
     */
    async eraseMember(teamId: string, userId: string): Promise<{ requests: number; answersGiven: number }> {
      const given = await db
        .deleteFrom('feedback_asks')
        .where('team_id', '=', teamId)
        .where('user_id', '=', userId)
        .executeTakeFirst();
      const made = await db
        .deleteFrom('feedback_requests')
        .where('team_id', '=', teamId)
        .where('user_id', '=', userId)
        .executeTakeFirst();
      return { requests: Number(made.numDeletedRows), answersGiven: Number(given.numDeletedRows) };
    },
  };

  async function withAsks(list: FeedbackRequest[]) {
    if (list.length === 0) return [];
    const rows = await db
      .selectFrom('feedback_asks as a')
      .select(askColumns)
      .where(
        'a.request_id',
        'in',
        list.map((r) => r.id),
      )
      .orderBy('a.id')
      .execute();
    const byRequest = new Map<string, FeedbackAsk[]>();
    for (const row of rows.map(toAsk))
      byRequest.set(row.requestId, [...(byRequest.get(row.requestId) ?? []), row]);
    return list.map((request) => ({ request, asks: byRequest.get(request.id) ?? [] }));
  }
}

export type FeedbackRepository = ReturnType<typeof createFeedbackRepository>;
