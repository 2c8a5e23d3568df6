import { sql } from 'kysely';
import type { Db } from '../../db/database.ts';
import type { CompletedSession, Session, Swap } from './design-review.ts';
import type { RotationMember } from './rotation.ts';

const sessionColumns = [
  'occurrence_id',
  'team_id',
  'ritual_id',
  'session_date',
  'starts_at',
  'ends_at',
  'user_id',
  'topic',
  'status',
] as const;

function toSession(r: {
  occurrence_id: string;
  team_id: string;
  ritual_id: string;
  session_date: string;
  starts_at: Date;
  ends_at: Date;
  user_id: string | null;
  topic: string | null;
  status: Session['status'];
}): Session {
  return {
    occurrenceId: r.occurrence_id,
    teamId: r.team_id,
    ritualId: r.ritual_id,
    date: r.session_date,
    startsAt: r.starts_at,
    endsAt: r.ends_at,
    presenterId: r.user_id,
    topic: r.topic,
    status: r.status,
  };
}

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

/**
 * The design review's rotation, sessions, attendance and swaps. Takes Kysely, so it works in a
 * transaction; every query is scoped to its team.
 */
export function createDesignReviewRepository(db: Db) {
  return {
    /** Adds a member to the rotation; false when they were already in. */
    async join(teamId: string, userId: string, at: Date): Promise<boolean> {
      const result = await db
        .insertInto('design_review_members')
        .values({ team_id: teamId, user_id: userId, joined_at: at })
        .onConflict((oc) => oc.columns(['team_id', 'user_id']).doNothing())
        .executeTakeFirst();
      return Number(result.numInsertedOrUpdatedRows ?? 0n) > 0;
    },

    async leave(teamId: string, userId: string): Promise<boolean> {
      const result = await db
        .deleteFrom('design_review_members')
        .where('team_id', '=', teamId)
        .where('user_id', '=', userId)
        .executeTakeFirst();
      return Number(result.numDeletedRows) > 0;
    },

    async membership(teamId: string, userId: string): Promise<Date | undefined> {
      const row = await db
        .selectFrom('design_review_members')
        .select('joined_at')
        .where('team_id', '=', teamId)
        .where('user_id', '=', userId)
        .executeTakeFirst();
      return row?.joined_at;
    },

    /** The rotation: each member with their join date and their latest session as presenter. */
    async rotation(teamId: string): Promise<RotationMember[]> {
      const rows = await db
        .selectFrom('design_review_members as m')
        .leftJoin('design_review_sessions as s', (join) =>
          join.onRef('s.team_id', '=', 'm.team_id').onRef('s.user_id', '=', 'm.user_id'),
        )
        .select(['m.user_id', 'm.joined_at', sql<string | null>`max(s.session_date)::text`.as('last')])
        .where('m.team_id', '=', teamId)
        .groupBy(['m.user_id', 'm.joined_at'])
        .execute();
      return rows.map((r) => ({ userId: r.user_id, joinedAt: r.joined_at, lastPresentedOn: r.last }));
    },

    async session(occurrenceId: string): Promise<Session | undefined> {
      const row = await db
        .selectFrom('design_review_sessions')
        .select(sessionColumns)
        .where('occurrence_id', '=', occurrenceId)
        .executeTakeFirst();
      return row && toSession(row);
    },

    /** Locks a session (or the occurrence, before its session exists) for a decision on it. */
    async lock(occurrenceId: string): Promise<void> {
      await db
        .selectFrom('ritual_occurrences')
        .select('id')
        .where('id', '=', occurrenceId)
        .forUpdate()
        .execute();
    },

    async createSession(s: Omit<Session, 'status' | 'topic'>): Promise<Session> {
      await db
        .insertInto('design_review_sessions')
        .values({
          occurrence_id: s.occurrenceId,
          team_id: s.teamId,
          ritual_id: s.ritualId,
          session_date: s.date,
          starts_at: s.startsAt,
          ends_at: s.endsAt,
          user_id: s.presenterId,
        })
        .onConflict((oc) => oc.column('occurrence_id').doNothing())
        .execute();
      const row = await db
        .selectFrom('design_review_sessions')
        .select(sessionColumns)
        .where('occurrence_id', '=', s.occurrenceId)
        .executeTakeFirstOrThrow();
      return toSession(row);
    },

    /** Sessions of a ritual not held yet (for `/careerplan review`), soonest first. */
    async upcoming(teamId: string, fromDate: string): Promise<Session[]> {
      const rows = await db
        .selectFrom('design_review_sessions')
        .select(sessionColumns)
        .where('team_id', '=', teamId)
        .where('status', '=', 'assigned')
        .where('session_date', '>=', fromDate)
        .orderBy('starts_at')
        .limit(20)
        .execute();
      return rows.map(toSession);
    },

    async setPresenter(occurrenceId: string, userId: string): Promise<void> {
      await db
        .updateTable('design_review_sessions')
        .set({ user_id: userId, updated_at: sql`now()` })
        .where('occurrence_id', '=', occurrenceId)
        .execute();
    },

    async setTopic(occurrenceId: string, topic: string): Promise<void> {
      await db
        .updateTable('design_review_sessions')
        .set({ topic, updated_at: sql`now()` })
        .where('occurrence_id', '=', occurrenceId)
        .execute();
    },

    /** Adds an attendee; false when they had already said they attend. */
    async attend(session: Pick<Session, 'occurrenceId' | 'teamId'>, userId: string): Promise<boolean> {
      const result = await db
        .insertInto('design_review_attendees')
        .values({ occurrence_id: session.occurrenceId, team_id: session.teamId, user_id: userId })
        .onConflict((oc) => oc.columns(['occurrence_id', 'user_id']).doNothing())
        .executeTakeFirst();
      return Number(result.numInsertedOrUpdatedRows ?? 0n) > 0;
    },

    async attendees(occurrenceId: string): Promise<string[]> {
      const rows = await db
        .selectFrom('design_review_attendees')
        .select('user_id')
        .where('occurrence_id', '=', occurrenceId)
        .orderBy('created_at')
        .execute();
      return rows.map((r) => r.user_id);
    },

    /** Freezes the completed event: the presenter and attendees as they are now. */
    async complete(occurrenceId: string, attendeeIds: readonly string[], at: Date): Promise<boolean> {
      const result = await db
        .updateTable('design_review_sessions')
        .set({
          status: 'completed',
          attendee_ids: [...attendeeIds],
          completed_at: at,
          updated_at: sql`now()`,
        })
        .where('occurrence_id', '=', occurrenceId)
        .where('status', '=', 'assigned')
        .executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    },

    /**
     * Completed sessions whose feedback has not been asked for yet, oldest first: the feedback
     * feature's input (it calls {@link markFeedbackAsked} once it has sent the asks).
     */
    async completedAwaitingFeedback(
      options: { teamId?: string; limit?: number } = {},
    ): Promise<CompletedSession[]> {
      let query = db
        .selectFrom('design_review_sessions')
        .select([
          'occurrence_id',
          'team_id',
          'session_date',
          'user_id',
          'attendee_ids',
          'topic',
          'completed_at',
        ])
        .where('status', '=', 'completed')
        .where('feedback_asked_at', 'is', null);
      if (options.teamId) query = query.where('team_id', '=', options.teamId);
      const rows = await query
        .orderBy('completed_at')
        .limit(options.limit ?? 100)
        .execute();
      return rows.map((r) => ({
        occurrenceId: r.occurrence_id,
        teamId: r.team_id,
        date: r.session_date,
        presenterId: r.user_id,
        attendeeIds: r.attendee_ids ?? [],
        topic: r.topic,
        completedAt: r.completed_at ?? new Date(0),
      }));
    },

    /** The feedback for a completed session was asked for; it leaves the waiting list. */
    async markFeedbackAsked(occurrenceId: string, at: Date): Promise<boolean> {
      const result = await db
        .updateTable('design_review_sessions')
        .set({ feedback_asked_at: at, updated_at: sql`now()` })
        .where('occurrence_id', '=', occurrenceId)
        .where('status', '=', 'completed')
        .where('feedback_asked_at', 'is', null)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    },

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

    /** Erases one member (delete-my-data): rotation, attendance, swaps; sessions lose their name. */
    async eraseMember(teamId: string, userId: string): Promise<Record<string, number>> {
      const rotation = await db
        .deleteFrom('design_review_members')
        .where('team_id', '=', teamId)
        .where('user_id', '=', userId)
        .executeTakeFirst();
      const attendance = await db
        .deleteFrom('design_review_attendees')
        .where('team_id', '=', teamId)
        .where('user_id', '=', userId)
        .executeTakeFirst();
      const swaps = await db
        .deleteFrom('design_review_swaps')
        .where('team_id', '=', teamId)
        .where((eb) => eb.or([eb('user_id', '=', userId), eb('to_user_id', '=', userId)]))
        .executeTakeFirst();
      const presented = await db
        .updateTable('design_review_sessions')
        .set({ user_id: null, updated_at: sql`now()` })
        .where('team_id', '=', teamId)
        .where('user_id', '=', userId)
        .executeTakeFirst();
      const attended = await db
        .updateTable('design_review_sessions')
        .set({ attendee_ids: sql`array_remove(attendee_ids, ${userId})` })
        .where('team_id', '=', teamId)
        .where(sql<boolean>`${userId} = ANY(attendee_ids)`)
        .executeTakeFirst();
      return {
        rotation: Number(rotation.numDeletedRows),
        attendance: Number(attendance.numDeletedRows) + Number(attended.numUpdatedRows),
        swaps: Number(swaps.numDeletedRows),
        sessionsPresented: Number(presented.numUpdatedRows),
      };
    },
  };
}

export type DesignReviewRepository = ReturnType<typeof createDesignReviewRepository>;
