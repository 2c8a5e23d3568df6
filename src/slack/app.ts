import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { App, type AppOptions } from '@slack/bolt';
import type { InstallationStore } from '@slack/oauth';
import type { Config } from '../config.ts';
import { boltLogger } from './bolt-logger.ts';
import { SUBCOMMAND_NAMES } from './commands/catalog.ts';
import { mergeSubcommands, type SlackFeature } from './features.ts';
import { registerActions } from './listeners/actions/index.ts';
import { registerCommands } from './listeners/commands/index.ts';
import { registerEvents } from './listeners/events/index.ts';
import { dedupeEvents } from './middleware/dedupe-events.ts';
import { observeRequests } from './middleware/observe.ts';
import { resolveRequestTeam } from './request-team.ts';
import { BOT_SCOPES } from './scopes.ts';
import type { EdgeServices } from './services.ts';
import { instrumentedFetch, interactiveClientOptions } from './web-client.ts';

export interface OpsRoute {
  path: string;
  method: string;
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
  services: EdgeServices;
  features: readonly SlackFeature[];
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

  const subcommands = mergeSubcommands(deps.features);
  // Metric labels name only subcommands that exist (anything typed after /careerplan is `other`).
  app.use(observeRequests(services.metrics, new Set([...Object.keys(subcommands), ...SUBCOMMAND_NAMES])));
  app.use(resolveRequestTeam());
  app.use(dedupeEvents(services.processedEvents));
  registerCommands(app, services, subcommands);
  registerEvents(app, services);
  registerActions(app, subcommands);
  for (const feature of deps.features) feature.register?.(app);

  app.error(async (error) => {
    services.logger.error({ err: error }, 'unhandled Slack listener error');
  });

  return {
    app,
    /** Starts listening; returns the bound port (PORT=0 picks a free one, as tests do). */
    async start(): Promise<number> {
      await app.init();
      const server = (await app.start(config.port)) as unknown;
      const address = (server as { address?: () => AddressInfo | string | null }).address?.();
      return typeof address === 'object' && address ? address.port : config.port;
    },
    async stop(): Promise<void> {
      await app.stop();
    },
  };
}

export type SlackApp = ReturnType<typeof createSlackApp>;
