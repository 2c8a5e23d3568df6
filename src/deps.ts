import { Redis } from 'ioredis';
import { sql } from 'kysely';
import type { Config } from './config.ts';
import { createDb } from './db/database.ts';
import { createProcessedEventRepository } from './db/processed-events.repository.ts';
import { createActivityRepository } from './domain/activity/activity.repository.ts';
import { type Clock, systemClock } from './domain/clock.ts';
import { createPlanServices } from './domain/plans/plan.service.ts';
import { createPortfolioRepository } from './domain/portfolio/portfolio.repository.ts';
import { createCalendarRepository } from './domain/rituals/calendar.repository.ts';
import { createOccurrenceRepository } from './domain/rituals/occurrence.repository.ts';
import { createRitualRepository } from './domain/rituals/ritual.repository.ts';
import { createRitualTypes } from './domain/rituals/ritual-types.ts';
import { createStepRepository } from './domain/rituals/step.repository.ts';
import { createInstallationRepository } from './domain/workspaces/installation.repository.ts';
import { createTokenCipher } from './domain/workspaces/token-cipher.ts';
import { createWorkspaceRepository } from './domain/workspaces/workspace.repository.ts';
import { createDeliveryTimers } from './jobs/delivery-timers.ts';
import { createJobRunRepository } from './jobs/job-runs.repository.ts';
import { createJobQueues } from './jobs/queues.ts';
import { createWorkspaceThrottle } from './jobs/workspace-throttle.ts';
import { createErrorLog } from './ops/error-log.ts';
import { type ReadinessCheck, readinessChecksFor } from './ops/health.ts';
import type { Logger } from './ops/logger.ts';
import { createMetrics } from './ops/metrics.ts';
import { withTimeout } from './ops/timeout.ts';
import { createOutboxKinds } from './outbox/kinds.ts';
import { createOutboxRepository } from './outbox/outbox.repository.ts';
import { createOutbox } from './outbox/outbox.ts';
import type { ScheduleAheadPolicy } from './outbox/schedule-ahead.ts';
import { createBotTokens } from './slack-api/bot-tokens.ts';
import { createMemberDirectory } from './slack-api/member-directory.ts';
import { createBackgroundClients } from './slack-api/web-client.ts';

/**
 * The composition root: every long-lived object of a process, built once from the config.
 * Nothing here starts listening or processing; main/server decide that by role.
 */
export function buildDeps(config: Config, logger: Logger, clock: Clock = systemClock) {
  const metrics = createMetrics();
  // Every Redis, BullMQ and pg error goes through here: JSON, grouped, at most one line per
  // kind every 10 s (an outage would otherwise bury the log in identical stack traces).
  const errorLog = createErrorLog(logger);
  const onError = (source: string, error: unknown) => errorLog.report(source, error);
  const {
    db,
    pool,
    health: poolHealth,
  } = createDb(config.databaseUrl, {
    maxConnections: config.databasePoolSize,
    connectTimeoutMs: config.databaseConnectTimeoutMs,
    statementTimeoutMs: config.databaseStatementTimeoutMs,
    onError,
  });
  metrics.addPoolReader(async () => [
    { labels: { state: 'total' }, value: pool.totalCount },
    { labels: { state: 'idle' }, value: pool.idleCount },
    { labels: { state: 'waiting' }, value: pool.waitingCount },
  ]);
  // Probes the pool while nothing else uses it, so liveness also notices a dead database on an
  // idle process (and the probe's own failures churn out dead connections).
  const poolProbe = setInterval(() => {
    if (poolHealth.unusableForMs() === 0 && pool.totalCount > 0) return;
    sql`select 1`.execute(db).catch(() => {});
  }, 5000);
  poolProbe.unref();

  // Workers' connection: BullMQ needs maxRetriesPerRequest: null; its commands wait for a reconnect.
  const redis = new Redis(config.redisUrl, { maxRetriesPerRequest: null, lazyConnect: false });
  redis.on('error', (error) => onError('redis', error));
  // Producers' connection (enqueue, timers, metrics, readiness): fails fast instead of queueing
  // commands that would run whenever Redis came back (after the user was told they failed).
  const producer = new Redis(config.redisUrl, {
    maxRetriesPerRequest: 0,
    enableOfflineQueue: false,
    connectTimeout: config.redisCommandTimeoutMs,
    retryStrategy: (times) => Math.min(times * 200, 2000),
  });
  producer.on('error', (error) => onError('redis-producer', error));

  const cipher = config.tokenEncryptionKey ? createTokenCipher(config.tokenEncryptionKey) : undefined;
  const workspaces = createWorkspaceRepository(db);
  const installations = cipher ? createInstallationRepository(db, cipher) : undefined;
  const jobRuns = createJobRunRepository(db);
  const queues = createJobQueues({
    connection: producer,
    prefix: config.queuePrefix,
    jobRuns,
    metrics,
    exportDepth: config.role !== 'web',
    commandTimeoutMs: config.redisCommandTimeoutMs,
    onError,
  });
  const botTokens = createBotTokens(config.auth, installations);
  const clients = createBackgroundClients(config.slackApiUrl, metrics);

  const throttle = createWorkspaceThrottle(redis, {
    prefix: config.queuePrefix,
    messagesPerMinute: config.workspaceMessagesPerMinute,
    burst: config.workspaceMessagesBurst,
  });
  const scheduleAhead: ScheduleAheadPolicy = {
    ...config.scheduleAhead,
    // Kinds are registered by the features after this (assemble.ts); asked only when sending.
    schedulable: (kind) => outboxKinds.get(kind)?.scheduleAhead === true,
  };
  // Arming books slots from request paths too (outbox.enqueue in a web request): on the producer
  // connection, so a Redis outage fails the booking at once (and the rows are armed unbooked, or
  // QueueUnavailableError as before) instead of hanging on the workers' reconnect-and-wait one.
  const armingPace = createWorkspaceThrottle(producer, {
    prefix: config.queuePrefix,
    messagesPerMinute: config.workspaceMessagesPerMinute,
    burst: config.workspaceMessagesBurst,
  });
  const timers = createDeliveryTimers(queues, () => clock.now(), armingPace, scheduleAhead);
  // Filled from the feature list at start-up (server.ts): what each feature runs on the engine.
  const ritualTypes = createRitualTypes();
  const outboxKinds = createOutboxKinds();
  const outboxRepository = createOutboxRepository(db);

  const readinessChecks: ReadinessCheck[] = readinessChecksFor(config.role, {
    postgres: async () => void (await sql`select 1`.execute(db)),
    redis: async () => void (await queues.guard('ping', () => producer.ping())),
  });

  return {
    config,
    logger,
    clock,
    metrics,
    errorLog,
    db,
    pool,
    poolHealth,
    redis,
    /** The fail-fast Redis connection of producers (enqueue, timers, metrics, readiness). */
    redisProducer: producer,
    workspaces,
    installations,
    jobRuns,
    queues,
    botTokens,
    clients,
    processedEvents: createProcessedEventRepository(db),
    ritualTypes,
    rituals: createRitualRepository(db, ritualTypes),
    calendar: createCalendarRepository(db),
    occurrences: createOccurrenceRepository(db),
    /** The scheduled steps of ritual occurrences (a digest, a presenter DM): engine records. */
    steps: createStepRepository(db),
    outboxKinds,
    outboxRepository,
    /** Everything the bot sends on its own goes through here, exactly once (docs/outbox.md). */
    outbox: createOutbox({ repository: outboxRepository, timers }),
    activity: createActivityRepository(db),
    portfolio: createPortfolioRepository(db),
    throttle,
    timers,
    /** Which member DMs are handed to Slack ahead of their time (docs/outbox.md). */
    scheduleAhead,
    members: createMemberDirectory(workspaces),
    readinessChecks,
    /**
     * Career plans (docs/product/career-plan.md): ladder, north star, milestones, OKRs, App Home
     * read model.
     */
    plans: createPlanServices(db, clock),
    /** Closes connections; callers stop HTTP and workers first. */
    async close(): Promise<void> {
      clearInterval(poolProbe);
      // Bounded: with Redis down, closing a queue waits for a connection that never comes.
      await withTimeout(queues.close(), 2000).catch(() => {});
      redis.disconnect();
      producer.disconnect();
      await db.destroy();
    },
  };
}

export type Deps = ReturnType<typeof buildDeps>;
