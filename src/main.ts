import { ConfigError, hasSlackCredentials, loadConfig } from './config.ts';
import { loadDotEnv } from './env-file.ts';
import { createLogger } from './ops/logger.ts';
import { startCareerplan } from './server.ts';

/**
 * Entry point: `npm start [-- web|worker|all|sandbox]` (node itself, not a shell or a tsx wrapper
 * process, so SIGTERM reaches this handler). Configuration and start-up problems print one line
 * naming the setting and exit 1; SIGTERM/SIGINT shut down in order, with a force-quit after
 * SHUTDOWN_TIMEOUT_MS.
 *
 * With no Slack credentials at all (and NODE_ENV not production), or with `sandbox`, it starts the
 * local sandbox instead: careerplan against a Slack stand-in, with a Slack-like page in the browser.
 */
// A local .env (copied from .env.example) is read when present; real environment variables win.
loadDotEnv();

const fail = (message: string): never => {
  process.stderr.write(`careerplan: ${message}\n`);
  process.exit(1);
};

const roleArg = process.argv[2];
const production = process.env.NODE_ENV === 'production';
const explicitSandbox = roleArg === 'sandbox';
if (explicitSandbox && production) {
  fail('the sandbox is for trying careerplan on your machine; it does not run with NODE_ENV=production');
}
const sandbox =
  explicitSandbox || (roleArg === undefined && !production && !hasSlackCredentials(process.env));

/** Starts the sandbox or the app; resolves to what shutdown stops. */
async function start(): Promise<{
  stop(): Promise<void>;
  logger: ReturnType<typeof createLogger>;
  timeoutMs: number;
}> {
  if (sandbox) {
    // Loaded only here: a production process never imports the sandbox.
    const { SandboxStartError, startSandbox } = await import('./sandbox/start.ts');
    try {
      const started = await startSandbox(process.env);
      process.stdout.write(
        explicitSandbox
          ? `running the local sandbox at ${started.url}\n`
          : `no Slack credentials: running the local sandbox at ${started.url}; set SLACK_* to connect to Slack\n`,
      );
      return { stop: () => started.stop(), logger: createLogger('info'), timeoutMs: 15_000 };
    } catch (error) {
      if (error instanceof SandboxStartError || error instanceof ConfigError) fail(error.message);
      throw error;
    }
  }
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig(process.env, roleArg);
  } catch (error) {
    if (error instanceof ConfigError) fail(error.message);
    throw error;
  }
  const logger = createLogger(config.logLevel, { role: config.role });
  const running = await startCareerplan(config, logger);
  return { stop: () => running.stop(), logger, timeoutMs: config.shutdownTimeoutMs };
}

// Signals are handled from the first moment, not once start-up has finished: a SIGTERM that
// arrives while the app is still starting (a quick redeploy) waits for start-up, then shuts down in
// order, instead of killing the process in the middle of a migration or a job.
const starting = start();
let stopping = false;
const shutdown = (signal: string) => {
  if (stopping) return;
  stopping = true;
  void starting.then(
    (running) => {
      running.logger.info({ signal }, 'shutting down');
      const force = setTimeout(() => {
        running.logger.error('shutdown timed out; exiting');
        process.exit(1);
      }, running.timeoutMs);
      force.unref();
      return running.stop().then(() => process.exit(0));
    },
    // A start-up that failed has already stopped what it started; the catch below reports it.
    () => {},
  );
};
process.on('SIGTERM', () => shutdown('SIGTERM'));
process.on('SIGINT', () => shutdown('SIGINT'));

// Last-resort nets, so nothing reaches stderr as a bare stack trace. A stray rejected promise is
// logged and the process keeps serving (every I/O path has its own handling; this one is a bug
// to fix, not a reason to drop every request in flight). An uncaught exception leaves state
// unknown: log it as JSON and exit, and let the orchestrator restart the process.
// Until start-up chose its logger (level, role), the default one writes the same JSON.
let netLogger = createLogger('info');
void starting.then(
  (running) => {
    netLogger = running.logger;
  },
  () => {},
);
process.on('unhandledRejection', (reason) => netLogger.error({ err: reason }, 'unhandled promise rejection'));
process.on('uncaughtException', (error) => {
  netLogger.fatal({ err: error }, 'uncaught exception; exiting');
  process.exit(1);
});

try {
  await starting;
} catch (error) {
  // Start-up failures (database unreachable, port taken) are one line too, no stack trace.
  fail(`could not start: ${(error as Error).message}`);
}
