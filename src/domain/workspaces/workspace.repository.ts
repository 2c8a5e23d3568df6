import { sql } from 'kysely';
import type { Db } from '../../db/database.ts';
import type { Member, MemberProfile, Workspace } from './workspace.ts';

/** Workspaces and members. All queries are keyed by team id. */
export function createWorkspaceRepository(db: Db) {
  async function saveMemberProfiles(
    teamId: string,
    profiles: ReadonlyArray<{ userId: string; profile: MemberProfile }>,
  ): Promise<Member[]> {
    const syncedAt = new Date();
    for (let i = 0; i < profiles.length; i += 500) {
      await db
        .insertInto('members')
        .values(
          profiles.slice(i, i + 500).map(({ userId, profile }) => ({
            team_id: teamId,
            user_id: userId,
            display_name: profile.displayName,
            real_name: profile.realName,
            tz: profile.tz,
            is_admin: profile.isAdmin,
            is_owner: profile.isOwner,
            is_bot: profile.isBot,
            is_deleted: profile.isDeleted,
            home_team_id: profile.homeTeamId ?? null,
            profile_synced_at: syncedAt,
          })),
        )
        .onConflict((oc) =>
          oc.columns(['team_id', 'user_id']).doUpdateSet((eb) => ({
            display_name: eb.ref('excluded.display_name'),
            real_name: eb.ref('excluded.real_name'),
            tz: eb.ref('excluded.tz'),
            is_admin: eb.ref('excluded.is_admin'),
            is_owner: eb.ref('excluded.is_owner'),
            is_bot: eb.ref('excluded.is_bot'),
            is_deleted: eb.ref('excluded.is_deleted'),
            home_team_id: sql`coalesce(excluded.home_team_id, members.home_team_id)`,
            profile_synced_at: eb.ref('excluded.profile_synced_at'),
            updated_at: sql`now()`,
          })),
        )
        .execute();
    }
    return profiles.map(({ userId, profile }) => ({ teamId, userId, ...profile }));
  }

  return {
    /** Inserts the workspace on first sight; keeps a known name when none is given. */
    async upsertWorkspace(
      teamId: string,
      fields: { name?: string | null; installerUserId?: string | null } = {},
    ) {
      await db
        .insertInto('workspaces')
        .values({
          team_id: teamId,
          name: fields.name ?? null,
          installer_user_id: fields.installerUserId ?? null,
        })
        .onConflict((oc) =>
          oc.column('team_id').doUpdateSet({
            name: sql`coalesce(excluded.name, workspaces.name)`,
            // Never replaces a known installer (that grants admin): installations.save decides that.
            installer_user_id: sql`coalesce(workspaces.installer_user_id, excluded.installer_user_id)`,
            updated_at: sql`now()`,
          }),
        )
        .execute();
    },

    async findWorkspace(teamId: string): Promise<Workspace | undefined> {
      const row = await db
        .selectFrom('workspaces')
        .selectAll()
        .where('team_id', '=', teamId)
        .executeTakeFirst();
      return row && { teamId: row.team_id, name: row.name, defaultTz: row.default_tz };
    },

    async installerOf(teamId: string): Promise<string | null> {
      const row = await db
        .selectFrom('workspaces')
        .select('installer_user_id')
        .where('team_id', '=', teamId)
        .executeTakeFirst();
      return row?.installer_user_id ?? null;
    },

    async saveMemberProfile(teamId: string, userId: string, profile: MemberProfile): Promise<Member> {
      const [member] = await saveMemberProfiles(teamId, [{ userId, profile }]);
      return member as Member;
    },

    /** Many profiles in one statement (a ritual channel's people, read with users.list). */
    saveMemberProfiles,

    /**
     * Removes a member's profile (delete-my-data). Rows that reference the member cascade; each
     * feature erases its own first, so nothing is left to chance.
     */
    async deleteMember(teamId: string, userId: string): Promise<boolean> {
      const result = await db
        .deleteFrom('members')
        .where('team_id', '=', teamId)
        .where('user_id', '=', userId)
        .executeTakeFirst();
      return Number(result.numDeletedRows) > 0;
    },

    async findMember(teamId: string, userId: string): Promise<Member | undefined> {
      const row = await db
        .selectFrom('members')
        .selectAll()
        .where('team_id', '=', teamId)
        .where('user_id', '=', userId)
        .executeTakeFirst();
      return row && toMember(row);
    },

    async findMembers(teamId: string, userIds: readonly string[]): Promise<Member[]> {
      if (userIds.length === 0) return [];
      const rows = await db
        .selectFrom('members')
        .selectAll()
        .where('team_id', '=', teamId)
        .where('user_id', 'in', userIds)
        .execute();
      return rows.map(toMember);
    },

    async dmChannelOf(teamId: string, userId: string): Promise<string | null> {
      const row = await db
        .selectFrom('members')
        .select('dm_channel_id')
        .where('team_id', '=', teamId)
        .where('user_id', '=', userId)
        .executeTakeFirst();
      return row?.dm_channel_id ?? null;
    },

    async saveDmChannel(teamId: string, userId: string, channelId: string): Promise<void> {
      await db
        .updateTable('members')
        .set({ dm_channel_id: channelId })
        .where('team_id', '=', teamId)
        .where('user_id', '=', userId)
        .execute();
    },

    /**
     * One page of the members whose profile (time zone) was last read before `olderThan`, in
     * (team, user) order after `after`: callers page through all of them (keyset pagination, so
     * profiles refreshed meanwhile do not shift the pages).
     */
    async membersToRefresh(
      olderThan: Date,
      limit: number,
      after?: { teamId: string; userId: string },
    ): Promise<Array<{ teamId: string; userId: string }>> {
      let query = db
        .selectFrom('members')
        .select(['team_id', 'user_id'])
        .where('is_deleted', '=', false)
        .where((eb) => eb.or([eb('profile_synced_at', 'is', null), eb('profile_synced_at', '<', olderThan)]));
      if (after) {
        query = query.where((eb) =>
          eb(eb.refTuple('team_id', 'user_id'), '>', eb.tuple(after.teamId, after.userId)),
        );
      }
      const rows = await query.orderBy('team_id').orderBy('user_id').limit(limit).execute();
      return rows.map((r) => ({ teamId: r.team_id, userId: r.user_id }));
    },
  };
}

export type WorkspaceRepository = ReturnType<typeof createWorkspaceRepository>;

function toMember(row: {
  team_id: string;
  user_id: string;
  display_name: string;
  real_name: string;
  tz: string | null;
  is_admin: boolean;
  is_owner: boolean;
  is_bot: boolean;
  is_deleted: boolean;
  home_team_id: string | null;
}): Member {
  return {
    teamId: row.team_id,
    userId: row.user_id,
    displayName: row.display_name,
    realName: row.real_name,
    tz: row.tz,
    isAdmin: row.is_admin,
    isOwner: row.is_owner,
    isBot: row.is_bot,
    isDeleted: row.is_deleted,
    homeTeamId: row.home_team_id,
  };
}
