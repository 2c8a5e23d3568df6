import { type Selectable, sql } from 'kysely';
import type { Db } from '../../db/database.ts';
import type { FeedbackConversationsTable } from '../../db/schema-feedback.ts';
import {
  type ConversationCadence,
  type ConversationRole,
  DEFAULT_CONVERSATION_MONTHS,
  type FeedbackConversation,
} from './conversation.ts';
import { isFeedbackId } from './feedback.repository.ts';

function toConversation(r: Selectable<FeedbackConversationsTable>): FeedbackConversation {
  return {
    id: r.id,
    teamId: r.team_id,
    userId: r.user_id,
    managerId: r.manager_id,
    period: r.period,
    memberConfirmedAt: r.member_confirmed_at,
    managerConfirmedAt: r.manager_confirmed_at,
    heldAt: r.held_at,
  };
}

/**
 * Managers, each team's conversation cadence, and the feedback conversations. Scoped by team;
 * takes a Kysely instance, so it works in a transaction.
 */
export function createConversationRepository(db: Db) {
  const conversations = () => db.selectFrom('feedback_conversations').selectAll();

  return {
    async managerOf(teamId: string, userId: string): Promise<string | null> {
      const row = await db
        .selectFrom('feedback_managers')
        .select('manager_id')
        .where('team_id', '=', teamId)
        .where('user_id', '=', userId)
        .executeTakeFirst();
      return row?.manager_id ?? null;
    },

    async setManager(teamId: string, userId: string, managerId: string): Promise<void> {
      await db
        .insertInto('feedback_managers')
        .values({ team_id: teamId, user_id: userId, manager_id: managerId })
        .onConflict((oc) =>
          oc.columns(['team_id', 'user_id']).doUpdateSet({ manager_id: managerId, updated_at: sql`now()` }),
        )
        .execute();
    },

    async removeManager(teamId: string, userId: string): Promise<boolean> {
      const result = await db
        .deleteFrom('feedback_managers')
        .where('team_id', '=', teamId)
        .where('user_id', '=', userId)
        .executeTakeFirst();
      return Number(result.numDeletedRows) > 0;
    },

    /** The members who named `managerId` as their manager. */
    async reportsOf(teamId: string, managerId: string): Promise<string[]> {
      const rows = await db
        .selectFrom('feedback_managers')
        .select('user_id')
        .where('team_id', '=', teamId)
        .where('manager_id', '=', managerId)
        .orderBy('user_id')
        .execute();
      return rows.map((r) => r.user_id);
    },

    async cadence(teamId: string): Promise<ConversationCadence> {
      const row = await db
        .selectFrom('feedback_settings')
        .select('conversation_every_months')
        .where('team_id', '=', teamId)
        .executeTakeFirst();
      return (row?.conversation_every_months ?? DEFAULT_CONVERSATION_MONTHS) as ConversationCadence;
    },

    async setCadence(teamId: string, months: ConversationCadence): Promise<void> {
      await db
        .insertInto('feedback_settings')
        .values({ team_id: teamId, conversation_every_months: months })
        .onConflict((oc) =>
          oc.column('team_id').doUpdateSet({ conversation_every_months: months, updated_at: sql`now()` }),
        )
        .execute();
    },

    /**
     * Teams whose members may be nudged: every workspace we know, or (OAuth) only those with an
     * installation, since a workspace that uninstalled must not be messaged.
     */
    async teams(installedOnly: boolean): Promise<string[]> {
      let query = db.selectFrom('workspaces as w').select('w.team_id');
      if (installedOnly) {
        query = query.where(({ exists, selectFrom }) =>
          exists(
            selectFrom('installations as i').select('i.team_id').whereRef('i.team_id', '=', 'w.team_id'),
          ),
        );
      }
      return (await query.orderBy('w.team_id').execute()).map((r) => r.team_id);
    },

    /** The team's people who can hold a conversation: human, active, of this workspace. */
    async people(teamId: string): Promise<Array<{ userId: string; tz: string | null }>> {
      const rows = await db
        .selectFrom('members')
        .select(['user_id', 'tz'])
        .where('team_id', '=', teamId)
        .where('is_bot', '=', false)
        .where('is_deleted', '=', false)
        .where((eb) => eb.or([eb('home_team_id', 'is', null), eb('home_team_id', '=', teamId)]))
        .orderBy('user_id')
        .execute();
      return rows.map((r) => ({ userId: r.user_id, tz: r.tz }));
    },

    /** Managers of many members at once. */
    async managersOf(teamId: string, userIds: readonly string[]): Promise<Map<string, string>> {
      if (userIds.length === 0) return new Map();
      const rows = await db
        .selectFrom('feedback_managers')
        .select(['user_id', 'manager_id'])
        .where('team_id', '=', teamId)
        .where('user_id', 'in', [...userIds])
        .execute();
      return new Map(rows.map((r) => [r.user_id, r.manager_id]));
    },

    /** Which of these members already have a conversation in one of these periods. */
    async havingConversation(teamId: string, periods: readonly string[]): Promise<Set<string>> {
      if (periods.length === 0) return new Set();
      const rows = await db
        .selectFrom('feedback_conversations')
        .select(['user_id', 'period'])
        .where('team_id', '=', teamId)
        .where('period', 'in', [...periods])
        .execute();
      return new Set(rows.map((r) => `${r.user_id}|${r.period}`));
    },

    /** Opens a member's conversation of a period (or answers the one already open). */
    async openConversation(input: {
      teamId: string;
      userId: string;
      managerId: string | null;
      period: string;
      at: Date;
    }): Promise<{ conversation: FeedbackConversation; created: boolean }> {
      const inserted = await db
        .insertInto('feedback_conversations')
        .values({
          team_id: input.teamId,
          user_id: input.userId,
          manager_id: input.managerId,
          period: input.period,
          created_at: input.at,
        })
        .onConflict((oc) => oc.columns(['team_id', 'user_id', 'period']).doNothing())
        .returningAll()
        .executeTakeFirst();
      if (inserted) return { conversation: toConversation(inserted), created: true };
      const stored = await conversations()
        .where('team_id', '=', input.teamId)
        .where('user_id', '=', input.userId)
        .where('period', '=', input.period)
        .executeTakeFirstOrThrow();
      return { conversation: toConversation(stored), created: false };
    },

    async findConversation(teamId: string, id: string): Promise<FeedbackConversation | undefined> {
      if (!isFeedbackId(id)) return undefined;
      const row = await conversations().where('team_id', '=', teamId).where('id', '=', id).executeTakeFirst();
      return row && toConversation(row);
    },

    /** The member's latest conversation (the current period's, once it was opened). */
    async latestConversation(teamId: string, userId: string): Promise<FeedbackConversation | undefined> {
      const row = await conversations()
        .where('team_id', '=', teamId)
        .where('user_id', '=', userId)
        .orderBy('period', 'desc')
        .executeTakeFirst();
      return row && toConversation(row);
    },

    /** Open conversations the member holds as manager, latest period first. */
    async conversationsAsManager(teamId: string, managerId: string, limit: number) {
      const rows = await conversations()
        .where('team_id', '=', teamId)
        .where('manager_id', '=', managerId)
        .where('held_at', 'is', null)
        .orderBy('period', 'desc')
        .orderBy('user_id')
        .limit(limit)
        .execute();
      return rows.map(toConversation);
    },

    /** A conversation opened without a manager gets the one the member just named. */
    async assignManager(conversationId: string, managerId: string): Promise<void> {
      await db
        .updateTable('feedback_conversations')
        .set({ manager_id: managerId, manager_confirmed_at: null })
        .where('id', '=', conversationId)
        .where('held_at', 'is', null)
        .execute();
    },

    /**
     * Records that the member or the manager confirmed the conversation happened, in one
     * statement: two confirmations racing cannot overwrite each other, and the second one to land
     * sets held_at. Answers the conversation as stored afterwards.
     */
    async confirm(
      conversation: Pick<FeedbackConversation, 'id' | 'teamId'>,
      role: ConversationRole,
      now: Date,
    ): Promise<FeedbackConversation | undefined> {
      const member =
        role === 'member' ? sql<Date>`coalesce(member_confirmed_at, ${now})` : sql<Date>`member_confirmed_at`;
      const manager =
        role === 'manager'
          ? sql<Date>`coalesce(manager_confirmed_at, ${now})`
          : sql<Date>`manager_confirmed_at`;
      const row = await db
        .updateTable('feedback_conversations')
        .set({
          member_confirmed_at: member,
          manager_confirmed_at: manager,
          held_at: sql<Date>`CASE WHEN held_at IS NULL AND (${member}) IS NOT NULL AND (${manager}) IS NOT NULL
                                  THEN ${now} ELSE held_at END`,
        })
        .where('id', '=', conversation.id)
        .where('team_id', '=', conversation.teamId)
        .returningAll()
        .executeTakeFirst();
      return row && toConversation(row);
    },

    /**
     * Erases one member (delete-my-data): their manager link, the links naming them as manager,
     * their conversations; conversations they held as manager keep the member's record without them.
     */
    async eraseMember(teamId: string, userId: string): Promise<Record<string, number>> {
      const links = await db
        .deleteFrom('feedback_managers')
        .where('team_id', '=', teamId)
        .where((eb) => eb.or([eb('user_id', '=', userId), eb('manager_id', '=', userId)]))
        .executeTakeFirst();
      const own = await db
        .deleteFrom('feedback_conversations')
        .where('team_id', '=', teamId)
        .where('user_id', '=', userId)
        .executeTakeFirst();
      await db
        .updateTable('feedback_conversations')
        .set({ manager_id: null })
        .where('team_id', '=', teamId)
        .where('manager_id', '=', userId)
        .execute();
      return { managerLinks: Number(links.numDeletedRows), conversations: Number(own.numDeletedRows) };
    },
  };
}

export type ConversationRepository = ReturnType<typeof createConversationRepository>;
