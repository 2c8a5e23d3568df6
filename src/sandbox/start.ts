/**
 * Starts the local sandbox: a Slack stand-in (the promoted fake Slack Web API, seeded with the
 * demo workspace), careerplan itself configured exactly as for a real workspace (its bot token,
 * signing secret and SLACK_API_URL just point here), and the page on 127.0.0.1 that plays the
 * Slack client. Nothing in careerplan knows it runs in a sandbox.
 */
import { randomBytes } from 'node:crypto';
import { loadConfig } from '../config.ts';
import type { Clock } from '../domain/clock.ts';
import { createLogger, type Logger } from '../ops/logger.ts';
import { type RunningCareerplan, startCareerplan } from '../server.ts';
import { createAppLink } from './app-link.ts';
import { createDemoData } from './demo-data.ts';
import { DEMO_TEAM, seedDemoWorkspace } from './demo-workspace.ts';
import { createInteractions } from './interactions.ts';
import type { SandboxOperations } from './operations.ts';
import { startPageServer } from './page-server.ts';
import { unreachableServices } from './preflight.ts';
import { createResponses } from './responses.ts';
import { type FakeSlack, startFakeSlack } from './slack/fake-slack.ts';
import { FakeSlackModel } from './slack/fake-slack-model.ts';
import { createSnapshots } from './snapshot.ts';
import { createSurfaces, type Surfaces } from './surfaces.ts';

type Env = Readonly<Record<string, string | undefined>>;

/**
 * The sandbox keeps its data apart from a real install's unless DATABASE_URL says otherwise. The
 * password is the one `docker compose up -d postgres` sets; a trust-auth Postgres ignores it.
 */
export const SANDBOX_DATABASE_URL = 'postgres://postgres:careerplan@127.0.0.1:5432/careerplan_sandbox';
const SANDBOX_QUEUE_PREFIX = 'careerplan-sandbox';

/** A reason the sandbox cannot start, said in one line. */
export class SandboxStartError extends Error {}

export interface RunningSandbox {
  /** The page, e.g. http://127.0.0.1:3000/sandbox */
  url: string;
  port: number;
  app: RunningCareerplan;
  fake: FakeSlack;
  model: FakeSlackModel;
  surfaces: Surfaces;
  operations: SandboxOperations;
  stop(): Promise<void>;
}

const value = (env: Env, name: string): string | undefined => {
  const v = env[name]?.trim();
  return v === undefined || v === '' ? undefined : v;
};

/** The app's environment: the caller's, with Slack's variables pointing at the stand-in. */
function appEnvironment(env: Env, slack: { apiUrl: string; signingSecret: string }): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, v] of Object.entries(env))
    if (v !== undefined && !name.startsWith('SLACK_')) out[name] = v;
  delete out.TOKEN_ENCRYPTION_KEY;
  return {
    ...out,
    SLACK_SIGNING_SECRET: slack.signingSecret,
    SLACK_BOT_TOKEN: DEMO_TEAM.botToken,
    SLACK_API_URL: slack.apiUrl,
    PORT: '0',
    HOST: '127.0.0.1',
    ROLE: 'all',
    DATABASE_URL: value(env, 'DATABASE_URL') ?? SANDBOX_DATABASE_URL,
    QUEUE_PREFIX: value(env, 'QUEUE_PREFIX') ?? SANDBOX_QUEUE_PREFIX,
    LOG_LEVEL: value(env, 'LOG_LEVEL') ?? 'warn',
  };
}

export async function startSandbox(
  env: Env,
  options: { clock?: Clock; logger?: Logger } = {},
): Promise<RunningSandbox> {
  const portText = value(env, 'PORT') ?? '3000';
  if (!/^\d+$/.test(portText) || Number(portText) > 65535)
    throw new SandboxStartError(`PORT must be a TCP port number 0-65535, like 3000 (got "${portText}")`);
  const databaseUrl = value(env, 'DATABASE_URL') ?? SANDBOX_DATABASE_URL;
  const redisUrl = value(env, 'REDIS_URL') ?? 'redis://127.0.0.1:6379';
  let problem: string | undefined;
  try {
    problem = await unreachableServices(databaseUrl, redisUrl);
  } catch {
    problem = undefined; // a malformed URL: loadConfig below names the variable
  }
  if (problem) throw new SandboxStartError(problem);

  const model = new FakeSlackModel();
  const surfaces = createSurfaces();
  const fake = await startFakeSlack({
    model,
    onCall: (call) => surfaces.observe(call),
    // A scheduled message posted at its post_at is a change no Web API call announces.
    onScheduledDelivery: () => surfaces.changed(),
  });
  seedDemoWorkspace(fake, model);
  const workspace = model.workspaces.get(DEMO_TEAM.teamId);
  if (!workspace) throw new Error('the demo workspace was not registered');

  const signingSecret = randomBytes(32).toString('hex');
  let appUrl: string | undefined;
  let pageUrl = '';
  const responses = createResponses(model, workspace, fake.violations);
  const interactions = createInteractions({
    model,
    workspace,
    link: createAppLink(() => `${appUrl}/slack/events`, signingSecret),
    surfaces,
    responses,
    violations: fake.violations,
    responseUrl: (id) => `${pageUrl}/sandbox/response/${encodeURIComponent(id)}`,
  });
  const snapshots = createSnapshots(model, workspace, surfaces);
  const demo = createDemoData({ model, workspace, interactions, surfaces });
  const operations: SandboxOperations = {
    surfaces,
    interactions,
    snapshot: (userId) => {
      const user = model.user(workspace.teamId, userId);
      return user && !user.isBot ? { ...snapshots.for(userId), demo: demo.status() } : undefined;
    },
    responseUrl: (id, body) => {
      const target = surfaces.responseTarget(id);
      if (!target) return 404;
      if (typeof body !== 'object' || body === null) return 400;
      const status = responses.apply(target, body as Record<string, unknown>);
      surfaces.changed();
      return status;
    },
    file: (id) => {
      const upload = model.uploads.get(id);
      if (!upload?.completed) return undefined;
      return {
        ...(upload.filename === undefined ? {} : { filename: upload.filename }),
        bytes: upload.bytes ?? Buffer.from(upload.content ?? ''),
      };
    },
    demo: () => demo.run(),
    demoStatus: () => demo.status(),
  };

  const page = await startPageServer({ port: Number(portText), operations, appUrl: () => appUrl });
  pageUrl = `http://127.0.0.1:${page.port}`;
  let app: RunningCareerplan;
  try {
    const config = loadConfig(appEnvironment(env, { apiUrl: fake.url, signingSecret }));
    const logger = options.logger ?? createLogger(config.logLevel, { role: 'sandbox' });
    app = await startCareerplan(config, logger, options.clock ? { clock: options.clock } : {});
  } catch (error) {
    await page.close();
    await fake.close();
    throw error;
  }
  appUrl = `http://127.0.0.1:${app.port}`;

  return {
    url: `${pageUrl}/sandbox`,
    port: page.port,
    app,
    fake,
    model,
    surfaces,
    operations,
    async stop() {
      await page.close();
      await app.stop();
      await fake.close();
    },
  };
}
