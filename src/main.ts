import { existsSync } from 'node:fs';
import { ConfigError, hasSlackCredentials, loadConfig } from './config.ts';
import { createLogger } from './ops/logger.ts';
import { type RunningCareerplan, startCareerplan } from './server.ts';

/**
 * Entry point: `npm start [-- web|worker|all|sandbox]`. Configuration problems print one line and
 * exit 1; SIGTERM/SIGINT shut down in order, with a force-quit after SHUTDOWN_TIMEOUT_MS.
 *
 * With no Slack credentials at all (and NODE_ENV not production), or with `sandbox`, it starts the
 * local sandbox instead: careerplan against a Slack stand-in, with a Slack-like page in the browser.
 */
// A local .env (copied from .env.example) is read when present; real environment variables win.
if (existsSync('.env')) process.loadEnvFile('.env');

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

let running: { stop(): Promise<void> };
let shutdownTimeoutMs = 15_000;
let logger = createLogger('info');
try {
  if (sandbox) {
    // Loaded only here: a production process never imports the sandbox.
    const { SandboxStartError, startSandbox } = await import('./sandbox/start.ts');
    try {
      const started = await startSandbox(process.env);
      running = started;
      process.stdout.write(
        explicitSandbox
          ? `running the local sandbox at ${started.url}\n`
          : `no Slack credentials: running the local sandbox at ${started.url}; set SLACK_* to connect to Slack\n`,
      );
    } catch (error) {
      if (error instanceof SandboxStartError || error instanceof ConfigError) fail(error.message);
      throw error;
    }
  } else {
    let config: ReturnType<typeof loadConfig>;
    try {
      config = loadConfig(process.env, roleArg);
    } catch (error) {
      if (error instanceof ConfigError) fail(error.message);
      throw error;
    }
    shutdownTimeoutMs = config.shutdownTimeoutMs;
    logger = createLogger(config.logLevel, { role: config.role });
    running = (await startCareerplan(config, logger)) satisfies RunningCareerplan;
  }
} catch (error) {
  // Start-up failures (database unreachable, port taken) are one line too, no stack trace.
  fail(`could not start: ${(error as Error).message}`);
  throw error;
}

let stopping = false;
const shutdown = (signal: string) => {
  if (stopping) return;
  stopping = true;
  logger.info({ signal }, 'shutting down');
  const force = setTimeout(() => {
    logger.error('shutdown timed out; exiting');
    process.exit(1);
  }, shutdownTimeoutMs);
  force.unref();
  void running.stop().then(() => process.exit(0));
};
process.on('SIGTERM', () => shutdown('SIGTERM'));
process.on('SIGINT', () => shutdown('SIGINT'));
