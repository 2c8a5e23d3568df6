import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { App, type AppOptions } from '@slack/bolt';
import type { InstallationStore } from '@slack/oauth';
import type { Config } from '../config.ts';
import type { ProcessedEventRepository } from '../db/processed-events.repository.ts';
import type { Logger } from '../ops/logger.ts';
import type { Metrics } from '../ops/metrics.ts';
import { explainListenError, explainSlackAuthError, startupStep } from '../ops/startup-errors.ts';
import { instrumentedFetch, interactiveClientOptions } from '../slack-api/web-client.ts';
import { boltLogger } from './bolt-logger.ts';
import { VOCABULARY_NAMES } from './commands/catalog.ts';
import { createCommandRouter } from './commands/router.ts';
import type { FeatureRegistry } from './feature-registry.ts';
import { COMMAND } from './features/core/ids.ts';
import type { MemberResolver } from './kit/member.ts';
import { dedupeEvents } from './middleware/dedupe-events.ts';
import { observeRequests } from './middleware/observe.ts';
import { resolveRequestTeam } from './request-team.ts';
import { BOT_SCOPES } from './scopes.ts';

export interface OpsRoute {
  path: string;
  method: string | string[];
  handler: (req: IncomingMessage, res: ServerResponse) => void;
}

/** Where Slack sends slash commands, interactivity and events (one URL, as the manifest says). */
export const EVENTS_PATH = '/slack/events';

/**
 * Builds the Bolt app: HTTP receiver on POST /slack/events (or Socket Mode when an app token is
 * set), single-workspace or OAuth auth, the ops routes, and every listener.
 */
export function createSlackApp(deps: {
  config: Config;
  services: { logger: Logger; metrics: Metrics; processedEvents: ProcessedEventRepository };
  registry: FeatureRegistry;
  resolver: MemberResolver;
  routes: OpsRoute[];
  installationStore: InstallationStore | undefined;
}) {
  const { config, services } = deps;
  const clientOptions = interactiveClientOptions(config.slackApiUrl, services.metrics);
  const common: AppOptions = {
    logger: boltLogger(services.logger),
    clientOptions,
    customRoutes: deps.routes,
    endpoints: EVENTS_PATH,
    // Commands answer inside the 3-second window by acking early; processing after ack is safe.
    processBeforeResponse: false,
    // init() (awaited in start) verifies the bot token with auth.test before we accept traffic.
    deferInitialization: true,
  };
  const auth: AppOptions =
    config.auth.mode === 'single'
      ? { token: config.auth.botToken }
      : {
          clientId: config.auth.clientId,
          clientSecret: config.auth.clientSecret,
          stateSecret: config.auth.stateSecret,
          scopes: [...BOT_SCOPES],
          installationStore: deps.installationStore,
          ...(config.auth.redirectUri ? { redirectUri: config.auth.redirectUri } : {}),
          installerOptions: {
            installPath: '/slack/install',
            redirectUriPath: '/slack/oauth_redirect',
            directInstall: true,
            // oauth.v2.access goes through SLACK_API_URL like every other call.
            clientOptions: { slackApiUrl: config.slackApiUrl, fetch: instrumentedFetch(services.metrics) },
            port: config.port,
          },
        };
  // In Socket Mode, Bolt serves custom routes (and OAuth) on installerOptions.port, and its
  // Socket Mode client opens the connection (apps.connections.open) with installerOptions.clientOptions.
  const receiverMode: AppOptions = config.appToken
    ? {
        socketMode: true,
        appToken: config.appToken,
        installerOptions: {
          clientOptions: { slackApiUrl: config.slackApiUrl, fetch: instrumentedFetch(services.metrics) },
          ...auth.installerOptions,
          port: config.port,
        },
      }
    : { signingSecret: config.signingSecret ?? '' };

  const app = new App({ ...common, ...auth, ...receiverMode });

  // Metric labels name only subcommands that exist (anything typed after /careerplan is `other`).
  app.use(
    observeRequests(
      services.metrics,
      new Set([...Object.keys(deps.registry.subcommands), ...VOCABULARY_NAMES]),
    ),
  );
  app.use(resolveRequestTeam());
  app.use(dedupeEvents(services.processedEvents));
  app.use(deps.resolver.middleware());
  app.command(COMMAND, createCommandRouter(deps.registry.subcommands, deps.registry.help, services.logger));
  for (const feature of deps.registry.features) feature.register?.(app);

  app.error(async (error) => {
    services.logger.error({ err: error }, 'unhandled Slack listener error');
  });

  return {
    app,
    /** Starts listening; returns the bound port (PORT=0 picks a free one, as tests do). */
    async start(): Promise<number> {
      // auth.test with the bot token (single workspace); OAuth mode checks tokens per request.
      const tokenSetting =
        config.auth.mode === 'single' ? 'SLACK_BOT_TOKEN' : 'the stored installation token';
      await startupStep(explainSlackAuthError(config.slackApiUrl, tokenSetting), () => app.init());
      const listen = config.host && !config.appToken ? { port: config.port, host: config.host } : config.port;
      const server = (await startupStep(
        explainListenError('PORT', config.port, Boolean(config.appToken)),
        () => app.start(listen),
      )) as unknown;
      const address = (server as { address?: () => AddressInfo | string | null }).address?.();
      return typeof address === 'object' && address ? address.port : config.port;
    },
    async stop(): Promise<void> {
      await app.stop();
    },
  };
}

export type SlackApp = ReturnType<typeof createSlackApp>;
