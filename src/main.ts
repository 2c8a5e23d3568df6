import { ConfigError, loadConfig } from './config.ts';
import { loadDotEnv } from './env-file.ts';
import { createLogger } from './ops/logger.ts';
import { startCareerplan } from './server.ts';

/**
 * Entry point: `npm start [-- web|worker|all]` (node itself, not a shell or a tsx wrapper process,
 * so SIGTERM reaches this handler). Configuration and start-up problems print one line naming the
 * setting and exit 1; SIGTERM/SIGINT shut down in order, with a force-quit after SHUTDOWN_TIMEOUT_MS.
 */
// A local .env (copied from .env.example) is read when present; real environment variables win.
loadDotEnv();

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

// Signals are handled from the first moment, not once start-up has finished: a SIGTERM that
// arrives while the app is still starting (a quick redeploy) waits for start-up, then shuts down in
// order, instead of killing the process in the middle of a migration or a job.
const starting = startCareerplan(config, logger);
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
  // A start-up that failed has already stopped what it started; the catch below reports it.
  void starting
    .then((running) => running.stop())
    .then(
      () => process.exit(0),
      () => {},
    );
};
process.on('SIGTERM', () => shutdown('SIGTERM'));
process.on('SIGINT', () => shutdown('SIGINT'));

try {
  await starting;
} catch (error) {
  // Start-up failures (database unreachable, port taken) are one line too, no stack trace.
  process.stderr.write(`careerplan: could not start: ${(error as Error).message}\n`);
  process.exit(1);
}
