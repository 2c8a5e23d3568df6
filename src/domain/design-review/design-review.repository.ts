import { sql } from 'kysely';
import type { Db } from '../../db/database.ts';
import type { RotationMember } from './rotation.ts';
import { createSessionRepository } from './session.repository.ts';
import { createSwapRepository } from './swap.repository.ts';

/**
 * The design review's storage: the rotation (members here), sessions with attendance and the
 * completed event (session.repository.ts), and swaps (swap.repository.ts). Takes Kysely, so it
 * works in a transaction; every query is scoped to its team or its session.
 */
export function createDesignReviewRepository(db: Db) {
  return {
    ...createSessionRepository(db),
    ...createSwapRepository(db),
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
