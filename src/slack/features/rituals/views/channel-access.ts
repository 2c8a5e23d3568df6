import type { WebClient } from '@slack/web-api';
import { DomainError } from '../../../../domain/errors.ts';
import { slackErrorCode } from '../../../../slack-api/slack-errors.ts';
import { SETUP_FIELDS } from '../blocks/ritual-setup-modal.ts';

const INVITE =
  'It is private (or careerplan cannot see it): invite the app first by typing `/invite @careerplan` in the channel, then save again.';

/**
 * Makes sure the bot can post in a ritual's channel before the setup is stored: it joins a public
 * channel itself (conversations.join); a private one must invite it, and the admin is told how.
 * Anything else (archived, a join Slack refuses) is a field error with the fix; nothing is stored.
 */
export async function ensureBotInChannel(client: WebClient, channelId: string): Promise<void> {
  const refuse = (text: string) => new DomainError('setup_invalid', text, SETUP_FIELDS.channel);
  let channel:
    | { is_member?: boolean; is_private?: boolean; is_archived?: boolean; is_im?: boolean }
    | undefined;
  try {
    channel = (await client.conversations.info({ channel: channelId })).channel;
  } catch (error) {
    // Slack hides private channels the bot is not in: they look like channels that do not exist.
    if (slackErrorCode(error) === 'channel_not_found')
      throw refuse(`careerplan cannot see that channel. ${INVITE}`);
    throw error;
  }
  if (!channel || channel.is_im) throw refuse('Pick a channel, not a direct message.');
  if (channel.is_archived) throw refuse('That channel is archived; pick one people still use.');
  if (channel.is_member) return;
  if (channel.is_private) throw refuse(`careerplan is not in that channel yet. ${INVITE}`);
  try {
    await client.conversations.join({ channel: channelId });
  } catch (error) {
    const code = slackErrorCode(error) ?? 'an error';
    throw refuse(
      `careerplan could not join that channel (Slack said ${code}). Invite it with \`/invite @careerplan\` in the channel, then save again.`,
    );
  }
}
