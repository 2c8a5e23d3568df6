import { UnrecoverableError, Worker } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { buildDeps, type Deps } from '../../src/deps.ts';
import { buildJobHandlers } from '../../src/jobs/handlers/index.ts';
import { startWorkers } from '../../src/jobs/worker.ts';
import { createLogger } from '../../src/ops/logger.ts';
import type { OutboxMessage as Delivery } from '../../src/outbox/message.ts';
import { type FakeSlack, startFakeSlack } from '../../src/sandbox/slack/fake-slack.ts';
import { assembleFeatures } from '../../src/slack/assemble.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';
import { deleteRedisPrefix, TEST_REDIS_URL, uniqueQueuePrefix } from '../support/redis.ts';
import { remindersPerMember, seedRitualChannel, setUpContribution, waitUntil } from '../support/rituals.ts';

const TEAM = 'T0REPAIR';
const TOKEN = 'xoxb-repair';

/**
 * A pending delivery whose timer id is taken by a finished job: re-adding the timer must replace
 * that job, or the reminder is never sent (BullMQ ignores an add for an id it has).
 */
describe('timers of pending rows are restored even when their id holds a finished job', () => {
  let fake: FakeSlack;
  let database: TestDatabase;
  let deps: Deps;
  const prefix = uniqueQueuePrefix();

  beforeAll(async () => {
    fake = await startFakeSlack();
    fake.addWorkspace({ teamId: TEAM, botToken: TOKEN });
    database = await createTestDatabase();
    deps = buildDeps(
      loadConfig(
        {
          SLACK_BOT_TOKEN: TOKEN,
          SLACK_API_URL: fake.url,
          DATABASE_URL: database.url,
          REDIS_URL: TEST_REDIS_URL,
          QUEUE_PREFIX: prefix,
          SLACK_WORKSPACE_MESSAGES_PER_MINUTE: '60000',
        },
        'worker',
      ),
      createLogger('silent'),
    );
    assembleFeatures(deps);
  });
  afterAll(async () => {
    await deps.close();
    await database.drop();
    await deleteRedisPrefix(prefix);
    await fake.close();
  });

  it('a timer that failed for good and one half-written by a Redis loss are replaced; both DMs go out once', async () => {
    const people = seedRitualChannel(fake, TEAM, 'C0REPAIR', 2) as [string, string];
    const ritual = await setUpContribution(deps, TEAM, 'C0REPAIR');
    const occurrence = await deps.occurrences.upsertOccurrence({
      ritualId: ritual.id,
      teamId: TEAM,
      key: 'run-repair',
      date: '2026-11-27',
      kind: 'adhoc',
      fanoutAt: new Date(),
    });
    await deps.occurrences.recordFanout(
      occurrence,
      people.map((userId) => ({ userId, send: true, dueAt: new Date(), localDate: '2026-11-27', tz: 'UTC' })),
    );
    const [failedOne, halfWritten] = (await deps.outboxRepository.pending()) as [Delivery, Delivery];
    const queue = deps.queues.queueFor('delivery');

    // 1. Its job ran out of attempts before it touched the row (say, Postgres was down throughout).
    const doomed = new Worker(
      'delivery',
      async () => {
        throw new UnrecoverableError('Connection terminated unexpectedly');
      },
      { connection: deps.redis, prefix },
    );
    await deps.timers.deliver([failedOne]);
    await waitUntil(
      async () => (await queue.getJobState(`deliver__${failedOne.id}__1`)) === 'failed',
      10_000,
      'failed',
    );
    await doomed.close();
    // 2. Redis lost the job, and a late write left a hash with no name under its id.
    await deps.redis.hset(queue.toKey(`deliver__${halfWritten.id}__1`), 'ats', '1', 'atm', '1');

    // What reconcile does: add the timer of every pending row.
    await deps.timers.deliver(await deps.outboxRepository.pending());
    for (const d of [failedOne, halfWritten]) {
      const job = await queue.getJob(`deliver__${d.id}__1`);
      expect(job?.name).toBe('deliver');
      expect(['waiting', 'delayed', 'prioritized']).toContain(await job?.getState());
    }

    const workers = startWorkers({
      connection: deps.redis,
      prefix,
      handlers: buildJobHandlers(deps, new Map()),
      jobRuns: deps.jobRuns,
      metrics: deps.metrics,
      logger: deps.logger,
      concurrency: 5,
    });
    try {
      await waitUntil(
        async () => (await deps.occurrences.countsByStatus(occurrence.id)).sent === 2,
        20_000,
        'both reminders sent',
      );
    } finally {
      await workers.close();
    }
    expect([...remindersPerMember(fake).values()]).toEqual([1, 1]);
  });
});
