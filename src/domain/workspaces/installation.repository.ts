import { sql } from 'kysely';
import type { Db } from '../../db/database.ts';
import type { TokenCipher } from './token-cipher.ts';
import { installerAfterInstall } from './workspace.ts';

/** The non-secret facts about an installation, kept in clear for operators and queries. */
export interface InstallationRecord {
  teamId: string;
  enterpriseId: string | null;
  botUserId: string | null;
  botId: string | null;
  scopes: string;
  /** Who ran this install (kept on the installation row as a fact). */
  installerUserId: string | null;
  /**
   * Whether that person is a workspace admin or owner, which decides whether they take over the
   * installer's admin rights from the first installer ({@link installerAfterInstall}).
   */
  installerIsWorkspaceAdmin?: boolean;
  /** The installation as Slack's SDK serialises it (contains the bot token): stored encrypted. */
  payloadJson: string;
}

/** OAuth installations, the bot token encrypted at rest under TOKEN_ENCRYPTION_KEY. */
export function createInstallationRepository(db: Db, cipher: TokenCipher) {
  return {
    async save(record: InstallationRecord): Promise<void> {
      const encrypted = cipher.encrypt(record.payloadJson, record.teamId);
      await db.transaction().execute(async (trx) => {
        await trx
          .insertInto('workspaces')
          .values({ team_id: record.teamId })
          .onConflict((oc) => oc.column('team_id').doNothing())
          .execute();
        // Locked, so two installs finishing together cannot both decide from the old value.
        const current = await trx
          .selectFrom('workspaces')
          .select('installer_user_id')
          .where('team_id', '=', record.teamId)
          .forUpdate()
          .executeTakeFirstOrThrow();
        const installer =
          record.installerUserId === null
            ? current.installer_user_id
            : installerAfterInstall(
                current.installer_user_id,
                record.installerUserId,
                record.installerIsWorkspaceAdmin === true,
              );
        await trx
          .updateTable('workspaces')
          .set({ installer_user_id: installer, updated_at: sql`now()` })
          .where('team_id', '=', record.teamId)
          .execute();
        const values = {
          enterprise_id: record.enterpriseId,
          bot_user_id: record.botUserId,
          bot_id: record.botId,
          scopes: record.scopes,
          installer_user_id: record.installerUserId,
          encrypted_payload: encrypted,
        };
        await trx
          .insertInto('installations')
          .values({ team_id: record.teamId, ...values })
          .onConflict((oc) => oc.column('team_id').doUpdateSet({ ...values, updated_at: sql`now()` }))
          .execute();
      });
    },

    /** The decrypted installation payload, or undefined when the team has not installed. */
    async findPayload(teamId: string): Promise<string | undefined> {
      const row = await db
        .selectFrom('installations')
        .select('encrypted_payload')
        .where('team_id', '=', teamId)
        .executeTakeFirst();
      return row ? cipher.decrypt(row.encrypted_payload, teamId) : undefined;
    },

    async delete(teamId: string): Promise<boolean> {
      const result = await db.deleteFrom('installations').where('team_id', '=', teamId).executeTakeFirst();
      return Number(result.numDeletedRows) > 0;
    },

    async listTeams(): Promise<string[]> {
      const rows = await db.selectFrom('installations').select('team_id').execute();
      return rows.map((r) => r.team_id);
    },
  };
}

export type InstallationRepository = ReturnType<typeof createInstallationRepository>;
