import type { AllMiddlewareArgs, RespondArguments, SlackCommandMiddlewareArgs } from '@slack/bolt';
import type { KnownBlock } from '@slack/types';
import type { WebClient } from '@slack/web-api';
import type { Logger } from '../../ops/logger.ts';
import { helpMessage } from '../features/core/blocks/help.ts';
import { userMessageFor } from '../kit/errors.ts';
import type { HelpEntry } from '../kit/feature.ts';
import { VOCABULARY_NAMES } from './catalog.ts';
import { closestName, parseCommandText } from './parse.ts';

/** An ephemeral answer to the person who typed the command. */
export interface Reply {
  text: string;
  blocks?: KnownBlock[];
}

export interface CommandContext {
  teamId: string;
  userId: string;
  channelId: string;
  triggerId: string;
  args: string[];
  rest: string;
  client: WebClient;
  /** Acknowledge now: call before slow work or before opening a modal. Safe to call twice. */
  ack(): Promise<void>;
}

/** Returns the ephemeral reply, or undefined when the handler answered another way (a modal). */
export type SubcommandHandler = (ctx: CommandContext) => Promise<Reply | undefined>;

/**
 * `/careerplan <name> …` dispatches to the handler a feature registered for `name`. Help is built
 * in from the features' help entries. Replies go in the acknowledgement when possible (one round
 * trip), otherwise through response_url.
 */
export function createCommandRouter(
  handlers: Readonly<Record<string, SubcommandHandler>>,
  help: readonly HelpEntry[],
  logger: Logger,
) {
  const available = new Set(Object.keys(handlers));
  for (const name of available) {
    if (!help.some((entry) => entry.name === name)) throw new Error(`subcommand "${name}" has no help entry`);
  }

  return async ({ command, ack, respond, client }: SlackCommandMiddlewareArgs & AllMiddlewareArgs) => {
    let acked = false;
    const ackOnce = async (reply?: RespondArguments) => {
      if (acked) return false;
      acked = true;
      await ack(reply);
      return true;
    };
    const answer = async (reply: Reply) => {
      const message: RespondArguments = {
        response_type: 'ephemeral',
        text: reply.text,
        ...(reply.blocks ? { blocks: reply.blocks } : {}),
      };
      if (!(await ackOnce(message))) await respond(message);
    };

    const parsed = parseCommandText(command.text);
    if (parsed.name === null || parsed.name === 'help') {
      await answer(helpMessage(help));
      return;
    }
    // Own properties only: `/careerplan constructor` must not find Object.prototype's.
    const handler = Object.hasOwn(handlers, parsed.name) ? handlers[parsed.name] : undefined;
    if (!handler) {
      await answer({ text: unknownSubcommandText(parsed.name, available) });
      return;
    }
    try {
      const reply = await handler({
        teamId: command.team_id,
        userId: command.user_id,
        channelId: command.channel_id,
        triggerId: command.trigger_id,
        args: parsed.args,
        rest: parsed.rest,
        client,
        ack: async () => {
          await ackOnce();
        },
      });
      if (reply) await answer(reply);
      else await ackOnce();
    } catch (error) {
      await answer({
        text: userMessageFor(error, logger, { subcommand: parsed.name, team: command.team_id }),
      });
    }
  };
}

function unknownSubcommandText(name: string, available: ReadonlySet<string>): string {
  const shown = name.length > 40 ? `${name.slice(0, 40)}…` : name;
  if (VOCABULARY_NAMES.has(name)) {
    return `\`/careerplan ${shown}\` is coming soon and does not work yet. Type \`/careerplan help\` to see what you can use today.`;
  }
  const suggestion = closestName(name, [...available, 'help']);
  const hint = suggestion ? ` Did you mean \`/careerplan ${suggestion}\`?` : '';
  return `\`${shown}\` is not a careerplan command.${hint} Type \`/careerplan help\` for the list.`;
}
