import type { AllMiddlewareArgs, App, SlackEventMiddlewareArgs } from '@slack/bolt';
import { directMessageHelp } from '../blocks/direct-message-help.ts';

/** Manifest event for messages in the bot's DM (needs the im:history scope). */
export const DIRECT_MESSAGE_EVENT = 'message.im';

type MessageArgs = SlackEventMiddlewareArgs<'message'> & AllMiddlewareArgs;

/**
 * A member wrote to the bot in its Messages tab: answer with a short help in the same place (in
 * the thread when they wrote in one). Edits, deletions, other bots and the bot's own messages
 * (Bolt drops those already) get no answer, so two bots can never talk to each other forever.
 */
export async function answerDirectMessage({ event, client }: MessageArgs): Promise<void> {
  if (event.channel_type !== 'im' || event.subtype !== undefined) return;
  if ('bot_id' in event && event.bot_id) return;
  if (!('user' in event) || !event.user) return;
  const threadTs = 'thread_ts' in event && typeof event.thread_ts === 'string' ? event.thread_ts : undefined;
  await client.chat.postMessage({
    channel: event.channel,
    ...directMessageHelp(),
    ...(threadTs ? { thread_ts: threadTs } : {}),
  });
}

export function registerDirectMessageHelp(app: App): void {
  app.event('message', answerDirectMessage);
}
