import { randomBytes } from 'node:crypto';
import type { Installation } from '@slack/oauth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, type Db } from '../../src/db/database.ts';
import { createInstallationRepository } from '../../src/domain/workspaces/installation.repository.ts';
import { createTokenCipher } from '../../src/domain/workspaces/token-cipher.ts';
import { createInstallationStore } from '../../src/slack/installation-store.ts';
import { createBotTokens } from '../../src/slack-api/bot-tokens.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';

function installation(teamId: string, token: string): Installation<'v2', false> {
  return {
    team: { id: teamId, name: `Team ${teamId}` },
    enterprise: undefined,
    user: { id: 'UINSTALLER', token: undefined, scopes: undefined },
    bot: { token, scopes: ['commands', 'chat:write'], id: 'B1', userId: 'UBOT' },
    appId: 'A1',
    tokenType: 'bot',
    isEnterpriseInstall: false,
    authVersion: 'v2',
  };
}

describe('installation store (Postgres, encrypted tokens)', () => {
  let testDb: TestDatabase;
  let db: Db;
  const key = randomBytes(32);

  beforeAll(async () => {
    testDb = await createTestDatabase();
    db = createDb(testDb.url).db;
  });
  afterAll(async () => {
    await db.destroy();
    await testDb.drop();
  });

  it('round-trips an installation, stores the token encrypted, and deletes it', async () => {
    const repo = createInstallationRepository(db, createTokenCipher(key));
    const store = createInstallationStore(repo);
    await store.storeInstallation(installation('T100', 'xoxb-100-secret'));
    await store.storeInstallation(installation('T200', 'xoxb-200-secret'));

    const fetched = await store.fetchInstallation({
      teamId: 'T100',
      enterpriseId: undefined,
      isEnterpriseInstall: false,
    });
    expect(fetched.bot?.token).toBe('xoxb-100-secret');
    expect(fetched.team?.id).toBe('T100');

    const raw = await db
      .selectFrom('installations')
      .selectAll()
      .where('team_id', '=', 'T100')
      .executeTakeFirstOrThrow();
    expect(raw.encrypted_payload.includes(Buffer.from('xoxb-100-secret'))).toBe(false);
    expect(raw.installer_user_id).toBe('UINSTALLER');
    expect(raw.scopes).toBe('commands,chat:write');
    const workspace = await db
      .selectFrom('workspaces')
      .selectAll()
      .where('team_id', '=', 'T100')
      .executeTakeFirst();
    expect(workspace?.installer_user_id).toBe('UINSTALLER');

    // Reinstall replaces the token.
    await store.storeInstallation(installation('T100', 'xoxb-100-rotated'));
    const tokens = createBotTokens(
      { mode: 'oauth', clientId: 'c', clientSecret: 's', stateSecret: 'state-secret-long' },
      repo,
    );
    expect(await tokens.forTeam('T100')).toBe('xoxb-100-rotated');
    expect(await tokens.forTeam('T200')).toBe('xoxb-200-secret');

    await store.deleteInstallation?.({ teamId: 'T100', enterpriseId: undefined, isEnterpriseInstall: false });
    await expect(
      store.fetchInstallation({ teamId: 'T100', enterpriseId: undefined, isEnterpriseInstall: false }),
    ).rejects.toThrow();
    expect(await tokens.forTeam('T100')).toBeUndefined();
    expect(await tokens.forTeam('T200')).toBe('xoxb-200-secret');
  });

  it('cannot be read with another key', async () => {
    const repo = createInstallationRepository(db, createTokenCipher(key));
    await repo.save({
      teamId: 'T300',
      enterpriseId: null,
      botUserId: 'U',
      botId: 'B',
      scopes: '',
      installerUserId: null,
      payloadJson: '{"bot":{"token":"xoxb-300"}}',
    });
    const other = createInstallationRepository(db, createTokenCipher(randomBytes(32)));
    await expect(other.findPayload('T300')).rejects.toThrow();
  });

  it('refuses an org-wide install rather than storing it half-keyed', async () => {
    const store = createInstallationStore(createInstallationRepository(db, createTokenCipher(key)));
    const org = {
      ...installation('T1', 'xoxb-org'),
      team: undefined,
      isEnterpriseInstall: true,
    } as unknown as Installation;
    await expect(store.storeInstallation(org)).rejects.toThrow(/per workspace/);
  });
});
