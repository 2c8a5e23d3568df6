import { Redis } from 'ioredis';
import { sql } from 'kysely';
import type { Config } from './config.ts';
import { createDb } from './db/database.ts';
import { createProcessedEventRepository } from './db/processed-events.repository.ts';
import { type Clock, systemClock } from './domain/clock.ts';
import { createInstallationRepository } from './domain/workspaces/installation.repository.ts';
import { createTokenCipher } from './domain/workspaces/token-cipher.ts';
import { createWorkspaceRepository } from './domain/workspaces/workspace.repository.ts';
import { createJobRunRepository } from './jobs/job-runs.repository.ts';
import { createJobQueues } from './jobs/queues.ts';
import type { ReadinessCheck } from './ops/health.ts';
import type { Logger } from './ops/logger.ts';
import { createMetrics } from './ops/metrics.ts';
import { createBotTokens } from './slack/bot-tokens.ts';
import { createMemberDirectory } from './slack/member-directory.ts';
import { createBackgroundClients } from './slack/web-client.ts';

/**
 * The composition root: every long-lived object of a process, built once from the config.
 * Nothing here starts listening or processing; main/server decide that by role.
 */
export function buildDeps(config: Config, logger: Logger, clock: Clock = systemClock) {
  const metrics = createMetrics();
  const { db, pool } = createDb(config.databaseUrl);
  metrics.addPoolReader(async () => [
    { labels: { state: 'total' }, value: pool.totalCount },
    { labels: { state: 'idle' }, value: pool.idleCount },
    { labels: { state: 'waiting' }, value: pool.waitingCount },
  ]);

  // BullMQ needs maxRetriesPerRequest: null on worker connections; commands wait for a reconnect.
  const redis = new Redis(config.redisUrl, { maxRetriesPerRequest: null, lazyConnect: false });
  redis.on('error', (error) => logger.warn({ err: error }, 'redis connection error'));
  // Readiness must fail fast rather than queue the PING until Redis comes back.
  const redisProbe = new Redis(config.redisUrl, {
    maxRetriesPerRequest: 0,
    enableOfflineQueue: false,
    connectTimeout: 1000,
    retryStrategy: (times) => Math.min(times * 200, 2000),
  });
  redisProbe.on('error', () => {});

  const cipher = config.tokenEncryptionKey ? createTokenCipher(config.tokenEncryptionKey) : undefined;
  const workspaces = createWorkspaceRepository(db);
  const installations = cipher ? createInstallationRepository(db, cipher) : undefined;
  const jobRuns = createJobRunRepository(db);
  const queues = createJobQueues({ connection: redis, prefix: config.queuePrefix, jobRuns, metrics });
  const botTokens = createBotTokens(config.auth, installations);
  const clients = createBackgroundClients(config.slackApiUrl, metrics);

  const readinessChecks: ReadinessCheck[] = [
    { name: 'postgres', check: async () => void (await sql`select 1`.execute(db)) },
    { name: 'redis', check: async () => void (await redisProbe.ping()) },
  ];

  return {
    config,
    logger,
    clock,
    metrics,
    db,
    pool,
    redis,
    workspaces,
    installations,
    jobRuns,
    queues,
    botTokens,
    clients,
    processedEvents: createProcessedEventRepository(db),
    members: createMemberDirectory(workspaces),
    readinessChecks,
    /** Closes connections; callers stop HTTP and workers first. */
    async close(): Promise<void> {
      await queues.close().catch(() => {});
      redis.disconnect();
      redisProbe.disconnect();
      await db.destroy();
    },
  };
}

export type Deps = ReturnType<typeof buildDeps>;
