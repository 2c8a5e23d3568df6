import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createDb, type Db } from '../../src/db/database.ts';
import { createWorkspaceRepository } from '../../src/domain/workspaces/workspace.repository.ts';
import { SENDING_LEASE_MS } from '../../src/outbox/message.ts';
import { createOutboxRepository, type OutboxRepository } from '../../src/outbox/outbox.repository.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';

const TEAM = 'T0CLAIM';
const T0 = new Date('2026-12-01T10:00:00Z');
const at = (ms: number) => new Date(T0.getTime() + ms);

/**
 * The exactly-once guard itself, through the repository: a delivery is taken for sending by one
 * attempt at a time; another attempt may take it over only once the lease has run out, and then
 * as uncertain (look in the DM before posting); a finished delivery is never taken again.
 */
describe('claiming a delivery: lease and in-flight rules', () => {
  let database: TestDatabase;
  let db: Db;
  let deliveries: OutboxRepository;
  let id: string;

  beforeAll(async () => {
    database = await createTestDatabase();
    db = createDb(database.url).db;
    deliveries = createOutboxRepository(db);
    await createWorkspaceRepository(db).upsertWorkspace(TEAM);
  });
  afterAll(async () => {
    await db.destroy();
    await database.drop();
  });
  beforeEach(async () => {
    // An outbox row like any feature's (the guard is the outbox's, not the rituals').
    const [row] = await deliveries.insertMany([
      {
        teamId: TEAM,
        key: `claim-test:${Math.random()}`,
        kind: 'ritual.reminder',
        target: { type: 'dm', userId: 'U0CLAIM' },
        dueAt: T0,
        localDate: '2026-12-01',
        tz: 'UTC',
      },
    ]);
    id = row?.id ?? '';
  });

  const claimed = async (when: Date, round = 1) => {
    const claim = await deliveries.claim(id, round, when);
    return claim.claimed
      ? { claimed: true, uncertain: claim.uncertain }
      : { claimed: false, reason: claim.reason };
  };

  it('a planned delivery is claimed plainly, once', async () => {
    expect(await claimed(T0)).toEqual({ claimed: true, uncertain: false });
    expect(await claimed(T0)).toEqual({ claimed: false, reason: 'in_flight' });
    expect((await deliveries.find(id))?.attempts).toBe(1);
  });

  it('a sending delivery stays with its attempt for the whole lease, then is taken over as uncertain', async () => {
    await claimed(T0);
    expect(await claimed(at(1))).toEqual({ claimed: false, reason: 'in_flight' });
    expect(await claimed(at(SENDING_LEASE_MS - 1))).toEqual({ claimed: false, reason: 'in_flight' });
    expect(await claimed(at(SENDING_LEASE_MS))).toEqual({ claimed: true, uncertain: true });
    // The take-over has its own lease.
    expect(await claimed(at(SENDING_LEASE_MS + 1))).toEqual({ claimed: false, reason: 'in_flight' });
  });

  it('an attempt that failed without knowing (5xx, timeout) ends its lease: the retry is uncertain at once', async () => {
    await claimed(T0);
    await deliveries.recordError(id, 'HTTP 503');
    expect(await claimed(at(1))).toEqual({ claimed: true, uncertain: true });
  });

  it('an attempt that certainly did not post (429) releases it: the retry is plain', async () => {
    await claimed(T0);
    await deliveries.release(id, 'ratelimited');
    expect(await claimed(at(1))).toEqual({ claimed: true, uncertain: false });
  });

  it('a sent delivery is never claimed again, however late; another round is stale', async () => {
    await claimed(T0);
    await deliveries.markSent(id, 1, { channelId: 'D0CLAIM', messageTs: '1.000001', sentAt: T0 });
    expect(await claimed(at(1))).toEqual({ claimed: false, reason: 'finished' });
    expect(await claimed(at(10 * SENDING_LEASE_MS))).toEqual({ claimed: false, reason: 'finished' });
    expect(await claimed(at(1), 2)).toEqual({ claimed: false, reason: 'stale_round' });
  });

  it('skipped, failed and done deliveries are never claimed', async () => {
    for (const finish of [
      () => deliveries.markSkipped(id, 'paused'),
      () => deliveries.markFailed(id, 'user_not_found'),
      () => deliveries.markDone(id),
    ]) {
      await finish();
      expect(await claimed(at(10 * SENDING_LEASE_MS))).toEqual({ claimed: false, reason: 'finished' });
    }
  });

  it('of twenty attempts racing for one delivery, exactly one gets it', async () => {
    const results = await Promise.all(Array.from({ length: 20 }, () => claimed(T0)));
    expect(results.filter((r) => r.claimed)).toHaveLength(1);
    expect(results.filter((r) => !r.claimed).every((r) => r.reason === 'in_flight')).toBe(true);
  });
});
