import { sql } from 'kysely';
import type { Db } from '../../db/database.ts';
import type { CompletedSession, Session } from './design-review.ts';

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

/**
 * Design-review sessions (one per occurrence), their attendance and their completed event. Takes
 * Kysely, so it works in a transaction; every query names its session or its team.
 */
export function createSessionRepository(db: Db) {
  return {
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
  };
}
