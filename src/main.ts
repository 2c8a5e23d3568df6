import { existsSync } from 'node:fs';
import { ConfigError, loadConfig } from './config.ts';
import { createLogger } from './ops/logger.ts';
import { startCareerplan } from './server.ts';

/**
 * Entry point: `npm start [-- web|worker|all]`. Configuration problems print one line and exit 1;
 * SIGTERM/SIGINT shut down in order, with a force-quit after SHUTDOWN_TIMEOUT_MS.
 */
// A local .env (copied from .env.example) is read when present; real environment variables win.
if (existsSync('.env')) process.loadEnvFile('.env');

let config: ReturnType<typeof loadConfig>;
try {
  config = loadConfig(process.env, process.argv[2]);
} catch (error) {
  if (error instanceof ConfigError) {
    process.stderr.write(`careerplan: ${error.message}\n`);
    process.exit(1);
  }
  throw error;
}

const logger = createLogger(config.logLevel, { role: config.role });

// Last-resort nets, so nothing reaches stderr as a bare stack trace. A stray rejected promise is
// logged and the process keeps serving (every I/O path has its own handling; this one is a bug
// to fix, not a reason to drop every request in flight). An uncaught exception leaves state
// unknown: log it as JSON and exit, and let the orchestrator restart the process.
process.on('unhandledRejection', (reason) => logger.error({ err: reason }, 'unhandled promise rejection'));
process.on('uncaughtException', (error) => {
  logger.fatal({ err: error }, 'uncaught exception; exiting');
  process.exit(1);
});

try {
  const running = await startCareerplan(config, logger);
  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    const force = setTimeout(() => {
      logger.error('shutdown timed out; exiting');
      process.exit(1);
    }, config.shutdownTimeoutMs);
    force.unref();
    void running.stop().then(() => process.exit(0));
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
} catch (error) {
  // Start-up failures (database unreachable, port taken) are one line too, no stack trace.
  process.stderr.write(`careerplan: could not start: ${(error as Error).message}\n`);
  process.exit(1);
}
