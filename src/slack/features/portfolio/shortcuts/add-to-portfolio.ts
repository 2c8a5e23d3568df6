import type { AllMiddlewareArgs, MessageShortcut, SlackShortcutMiddlewareArgs } from '@slack/bolt';
import { ARTIFACT_LIMITS } from '../../../../domain/portfolio/artifact.ts';
import { userMessageFor } from '../../../kit/errors.ts';
import { postToResponseUrl } from '../../../kit/response-url.ts';
import type { PortfolioEdge } from '../context.ts';
import { openAddForm } from '../forms.ts';
import { prefillFromMessage } from '../message-text.ts';

/**
 * "Add to portfolio" on any message: the add form, filled with the message's text and its
 * permalink, dated the day it was posted. Everything comes from the shortcut's payload plus
 * chat.getPermalink (which needs no membership), and the answer goes through the shortcut's
 * response_url — so it works in channels the bot is not in. If Slack gives no permalink (a
 * conversation the bot cannot see), the form opens without one and says so.
 */
export function addToPortfolioShortcut(edge: PortfolioEdge) {
  return async ({
    shortcut,
    ack,
    client,
    context,
  }: SlackShortcutMiddlewareArgs<MessageShortcut> & AllMiddlewareArgs) => {
    await ack();
    const teamId = context.teamId ?? shortcut.team?.id ?? shortcut.user.team_id ?? '';
    try {
      const permalink = await client.chat
        .getPermalink({ channel: shortcut.channel.id, message_ts: shortcut.message_ts })
        .then((r) => r.permalink ?? null)
        .catch((error: unknown) => {
          edge.logger.info({ err: error, team: teamId }, 'no permalink for a shortcut message');
          return null;
        });
      const seconds = Number(shortcut.message_ts);
      await openAddForm(
        edge,
        {
          client,
          triggerId: shortcut.trigger_id,
          teamId,
          userId: shortcut.user.id,
          responseUrl: shortcut.response_url,
          answer: 'message',
        },
        {
          ...prefillFromMessage(shortcut.message.text ?? '', ARTIFACT_LIMITS),
          link: permalink,
          source: 'message',
          note: permalink
            ? 'Filled in from the message; change anything before saving.'
            : 'Filled in from the message. Slack gave no link to it, so paste one if you have it.',
          ...(Number.isFinite(seconds) && seconds > 0 ? { happenedAt: new Date(seconds * 1000) } : {}),
        },
      );
    } catch (error) {
      const text = userMessageFor(error, edge.logger, { shortcut: shortcut.callback_id, team: teamId });
      await postToResponseUrl(shortcut.response_url, { text }).catch((e: unknown) =>
        edge.logger.warn({ err: e }, 'could not report a shortcut failure'),
      );
    }
  };
}
