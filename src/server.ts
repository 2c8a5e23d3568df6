import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Config } from './config.ts';
import { ensureDatabase } from './db/ensure-database.ts';
import { migrate } from './db/migrator.ts';
import { buildDeps, type Deps } from './deps.ts';
import type { Clock } from './domain/clock.ts';
import { startHousekeepingCron } from './jobs/cron.ts';
import { buildJobHandlers } from './jobs/handlers/index.ts';
import { registerJobSchedulers, watchJobSchedulers } from './jobs/schedulers.ts';
import { startWorkers } from './jobs/worker.ts';
import { opsRoutes } from './ops/health.ts';
import type { Logger } from './ops/logger.ts';
import { asBoltRoutes, closeServer, listen, type OpsRoute, routeRequests } from './ops/ops-http.ts';
import { buildOpsSurface } from './ops/ops-surface.ts';
import { explainDatabaseError, explainListenError, startupStep } from './ops/startup-errors.ts';
import { withTimeout } from './ops/timeout.ts';
import { createSlackApp } from './slack/app.ts';
import { assembleFeatures } from './slack/assemble.ts';
import type { FeatureRegistry } from './slack/feature-registry.ts';
import { createInstallationStore } from './slack/installation-store.ts';
import { installerAdminCheck } from './slack/installer-rights.ts';
import type { FeatureFactory } from './slack/kit/feature.ts';

export interface RunningCareerplan {
  port: number;
  /** The bound OPS_PORT (OPS_PORT=0 picks a free one), when it is set. */
  opsPort?: number;
  deps: Deps;
  /** Every feature's declarations (what help, Home, export and erase loop over). */
  features: FeatureRegistry;
  /** Ordered shutdown: stop taking requests, let running jobs finish, close connections. */
  stop(): Promise<void>;
}

/**
 * Starts careerplan in the configured role: `web` (Bolt + HTTP), `worker` (BullMQ workers,
 * schedulers, housekeeping cron, and the ops routes on PORT) or `all`.
 */
export async function startCareerplan(
  config: Config,
  logger: Logger,
  options: { clock?: Clock; extraFeatures?: ReadonlyArray<FeatureFactory<Deps>> } = {},
): Promise<RunningCareerplan> {
  const database = explainDatabaseError(config.databaseUrl);
  await startupStep(database, async () => {
    if (await ensureDatabase(config.databaseUrl)) logger.info('created the database named in DATABASE_URL');
    const applied = await migrate(config.databaseUrl);
    if (applied.length) logger.info({ applied }, 'applied migrations');
  });

  const deps = buildDeps(config, logger, options.clock);
  // Both roles need the features: the web role for listeners, the worker for what they send.
  const features = assembleFeatures(deps, options.extraFeatures);
  const baseRoutes = opsRoutes(deps.readinessChecks, deps.metrics, {
    liveness: {
      poolUnusableForMs: () => deps.poolHealth.unusableForMs(),
      unusableLimitMs: config.databaseLivenessTimeoutMs,
    },
    errorLog: deps.errorLog,
  });
  const surface = buildOpsSurface(config, deps, baseRoutes);
  const stops: Array<() => Promise<void>> = [];
  const stop = async () => {
    // In start order: stop taking Slack requests, let running jobs finish, then the ops port.
    for (const step of stops)
      await step().catch((error: unknown) => logger.warn({ err: error }, 'shutdown step failed'));
    await deps.close();
  };
  let port = config.port;
  let opsPort: number | undefined;

  try {
    if (config.role === 'web' || config.role === 'all') {
      const slack = createSlackApp({
        config,
        services: deps,
        registry: features.registry,
        resolver: features.resolver,
        routes: asBoltRoutes(surface.onPort),
        installationStore: deps.installations
          ? createInstallationStore(deps.installations, {
              installerIsWorkspaceAdmin: installerAdminCheck(deps),
            })
          : undefined,
      });
      port = await slack.start();
      stops.push(() => slack.stop());
    } else {
      const server = await serve('PORT', config.port, config.host, surface.onPort);
      port = (server.address() as AddressInfo).port;
      stops.push(() => closeServer(server));
    }

    if (config.role === 'worker' || config.role === 'all') {
      const workers = startWorkers({
        connection: deps.redis,
        prefix: config.queuePrefix,
        handlers: buildJobHandlers(deps, features.registry.jobs),
        jobRuns: deps.jobRuns,
        metrics: deps.metrics,
        logger,
        errorLog: deps.errorLog,
        concurrency: config.workerConcurrency,
      });
      const cron = startHousekeepingCron({ db: deps.db, jobRuns: deps.jobRuns, logger });
      // Registered in the background: a Redis outage at start must not keep the process down.
      void registerJobSchedulers(deps.queues, features.registry.jobs, features.registry.schedules).catch(
        (error: unknown) => deps.errorLog.report('job-schedulers', error),
      );
      // Redis may lose its data later (a restart without persistence, a flush): put the schedulers
      // back, and run reconcile at once so every pending timer is restored from Postgres.
      const watchdog = watchJobSchedulers(
        deps.queues,
        deps.errorLog,
        logger,
        30_000,
        features.registry.jobs,
        features.registry.schedules,
      );
      stops.push(async () => {
        watchdog.stop();
        cron.stop();
        // Running jobs get to finish, but a Redis outage must not hold shutdown forever: BullMQ's
        // close waits for a connection that may never come back.
        await withTimeout(workers.close(), config.shutdownTimeoutMs, 'workers did not close').catch(
          (error: unknown) => logger.warn({ err: error }, 'workers did not close in time'),
        );
      });
    }

    if (config.opsPort !== undefined && surface.onOpsPort) {
      const server = await serve('OPS_PORT', config.opsPort, config.host, surface.onOpsPort);
      opsPort = (server.address() as AddressInfo).port;
      stops.push(() => closeServer(server));
    }
  } catch (error) {
    // A step that failed must not leave workers, sockets or pools behind (tests start many apps).
    await stop();
    throw error;
  }

  logger.info(
    {
      role: config.role,
      port,
      ...(opsPort !== undefined ? { opsPort } : {}),
      opsApi: config.opsToken !== undefined,
      auth: config.auth.mode,
      socketMode: Boolean(config.appToken),
    },
    'careerplan started',
  );
  return {
    port,
    ...(opsPort !== undefined ? { opsPort } : {}),
    deps,
    features: features.registry,
    stop,
  };
}

/** A bare HTTP server for operator routes (the worker role's PORT, and OPS_PORT). */
function serve(
  setting: string,
  port: number,
  host: string | undefined,
  routes: readonly OpsRoute[],
): Promise<Server> {
  return startupStep(explainListenError(setting, port), () => listen(port, routeRequests(routes), host));
}
