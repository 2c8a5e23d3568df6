import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Config } from './config.ts';
import { ensureDatabase } from './db/ensure-database.ts';
import { migrate } from './db/migrator.ts';
import { buildDeps, type Deps } from './deps.ts';
import type { Clock } from './domain/clock.ts';
import { startHousekeepingCron } from './jobs/cron.ts';
import { buildJobHandlers } from './jobs/handlers/index.ts';
import { registerJobSchedulers } from './jobs/schedulers.ts';
import { startWorkers } from './jobs/worker.ts';
import { opsRoutes } from './ops/health.ts';
import type { Logger } from './ops/logger.ts';
import { createSlackApp } from './slack/app.ts';
import { assembleFeatures } from './slack/assemble.ts';
import type { FeatureRegistry } from './slack/feature-registry.ts';
import { createInstallationStore } from './slack/installation-store.ts';
import type { FeatureFactory } from './slack/kit/feature.ts';

export interface RunningCareerplan {
  port: number;
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
  if (await ensureDatabase(config.databaseUrl)) logger.info('created the database named in DATABASE_URL');
  const applied = await migrate(config.databaseUrl);
  if (applied.length) logger.info({ applied }, 'applied migrations');

  const deps = buildDeps(config, logger, options.clock);
  // Both roles need the features: the web role for listeners, the worker for what they send.
  const features = assembleFeatures(deps, options.extraFeatures);
  const routes = opsRoutes(deps.readinessChecks, deps.metrics);
  const stops: Array<() => Promise<void>> = [];
  let port = config.port;

  if (config.role === 'web' || config.role === 'all') {
    const slack = createSlackApp({
      config,
      services: deps,
      registry: features.registry,
      resolver: features.resolver,
      routes,
      installationStore: deps.installations ? createInstallationStore(deps.installations) : undefined,
    });
    port = await slack.start();
    stops.push(() => slack.stop());
  } else {
    const server = await listenOps(config.port, routes);
    port = (server.address() as AddressInfo).port;
    stops.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
  }

  if (config.role === 'worker' || config.role === 'all') {
    const workers = startWorkers({
      connection: deps.redis,
      prefix: config.queuePrefix,
      handlers: buildJobHandlers(deps, features.registry.jobs),
      jobRuns: deps.jobRuns,
      metrics: deps.metrics,
      logger,
      concurrency: config.workerConcurrency,
    });
    const cron = startHousekeepingCron({ db: deps.db, jobRuns: deps.jobRuns, logger });
    // Registered in the background: a Redis outage at start must not keep the process down.
    void registerJobSchedulers(deps.queues, features.registry.schedules).catch((error: unknown) =>
      logger.error({ err: error }, 'could not register job schedulers'),
    );
    stops.push(async () => {
      cron.stop();
      await workers.close();
    });
  }

  logger.info(
    { role: config.role, port, auth: config.auth.mode, socketMode: Boolean(config.appToken) },
    'careerplan started',
  );
  return {
    port,
    deps,
    features: features.registry,
    async stop() {
      for (const stop of stops)
        await stop().catch((error: unknown) => logger.warn({ err: error }, 'shutdown step failed'));
      await deps.close();
    },
  };
}

/** The worker role still answers /healthz, /readyz and /metrics, on a bare HTTP server. */
function listenOps(port: number, routes: ReturnType<typeof opsRoutes>): Promise<Server> {
  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    const route = routes.find((r) => r.path === path && r.method === req.method);
    if (route) route.handler(req, res);
    else {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('not found');
    }
  });
  return new Promise((resolve, reject) => {
    // A taken port must become the one-line start-up error, not an uncaught exception.
    server.once('error', reject);
    server.listen(port, () => resolve(server));
  });
}
