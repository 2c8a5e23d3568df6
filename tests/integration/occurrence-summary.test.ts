import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { buildDeps, type Deps } from '../../src/deps.ts';
import { buildJobHandlers } from '../../src/jobs/handlers/index.ts';
import { startWorkers } from '../../src/jobs/worker.ts';
import { createLogger } from '../../src/ops/logger.ts';
import { type FakeSlack, startFakeSlack } from '../../src/sandbox/slack/fake-slack.ts';
import { assembleFeatures } from '../../src/slack/assemble.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';
import { deleteRedisPrefix, TEST_REDIS_URL, uniqueQueuePrefix } from '../support/redis.ts';
import { seedRitualChannel, setUpContribution, waitUntil } from '../support/rituals.ts';

const TEAM = 'T0SUMMARY';

describe('one info line per occurrence', () => {
  let fake: FakeSlack;
  let database: TestDatabase;
  let deps: Deps;
  const prefix = uniqueQueuePrefix();
  const lines: Array<Record<string, unknown>> = [];

  beforeAll(async () => {
    fake = await startFakeSlack();
    fake.addWorkspace({ teamId: TEAM, botToken: 'xoxb-summary' });
    database = await createTestDatabase();
    const sink = new Writable({
      write(chunk, _enc, done) {
        for (const line of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(line));
        done();
      },
    });
    const config = loadConfig(
      {
        SLACK_BOT_TOKEN: 'xoxb-summary',
        SLACK_API_URL: fake.url,
        DATABASE_URL: database.url,
        REDIS_URL: TEST_REDIS_URL,
        QUEUE_PREFIX: prefix,
        SLACK_WORKSPACE_MESSAGES_PER_MINUTE: '60000',
      },
      'worker',
    );
    deps = buildDeps(config, createLogger('info', {}, sink));
    assembleFeatures(deps);
  });
  afterAll(async () => {
    await deps.close();
    await database.drop();
    await deleteRedisPrefix(prefix);
    await fake.close();
  });

  const finishedLines = () => lines.filter((l) => l.msg === 'ritual occurrence finished');

  it('logs sent, skipped and failed once, when the last delivery is final', async () => {
    const people = seedRitualChannel(fake, TEAM, 'C0SUMMARY', 3);
    const ritual = await setUpContribution(deps, TEAM, 'C0SUMMARY');
    const occurrence = await deps.occurrences.upsertOccurrence({
      ritualId: ritual.id,
      teamId: TEAM,
      key: 'run-summary',
      date: '2026-11-27',
      kind: 'adhoc',
      fanoutAt: new Date(),
    });
    const due = { send: true as const, dueAt: new Date(), localDate: '2026-11-27', tz: 'UTC' };
    await deps.occurrences.recordFanout(occurrence, [
      ...people.map((userId) => ({ userId, ...due })),
      // Not in Slack: chat.postMessage answers channel_not_found, a permanent failure.
      { userId: 'U0SUMMARYGHOST', ...due },
      { userId: 'U0SUMMARYAWAY', send: false, reason: 'holiday', localDate: '2026-11-27', tz: 'UTC' },
    ]);
    const workers = startWorkers({
      connection: deps.redis,
      prefix,
      handlers: buildJobHandlers(deps, new Map()),
      jobRuns: deps.jobRuns,
      metrics: deps.metrics,
      logger: deps.logger,
      errorLog: deps.errorLog,
      concurrency: 5,
    });
    try {
      await deps.timers.deliver(await deps.outboxRepository.pending({ occurrenceId: occurrence.id }));
      await waitUntil(() => finishedLines().length > 0, 20_000, 'the occurrence summary line');
      // A later sweep (as reconcile does) finds nothing more to say about it.
      await buildJobHandlers(deps, new Map())['reconcile-rituals'](
        { horizonDays: 1 },
        {
          id: 'sweep',
          name: 'reconcile-rituals',
          attempt: 1,
          maxAttempts: 1,
        },
      );
    } finally {
      await workers.close();
    }
    expect(finishedLines()).toEqual([
      expect.objectContaining({
        level: 'info',
        occurrenceId: occurrence.id,
        teamId: TEAM,
        ritual: 'contribution',
        kind: 'adhoc',
        sent: 3,
        skipped: 1,
        failed: 1,
      }),
    ]);
  });
});
