import type { KnownBlock } from '@slack/types';

/**
 * Answers through a response_url Slack gave with a command, a message shortcut or a click in a
 * message (valid 30 minutes, 5 uses): an ephemeral message to that member in that conversation —
 * which works in channels the bot is not in. `replaceOriginal` swaps the message clicked (a list)
 * for the new one. The URL is one our own modal's private_metadata carried, set by the app.
 */
export async function postToResponseUrl(
  url: string,
  message: { text: string; blocks?: KnownBlock[]; replaceOriginal?: boolean },
): Promise<void> {
  if (!/^https?:\/\//.test(url)) throw new Error('not a response_url');
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      response_type: 'ephemeral',
      replace_original: message.replaceOriginal ?? false,
      text: message.text,
      ...(message.blocks ? { blocks: message.blocks } : {}),
    }),
  });
  if (!response.ok) throw new Error(`response_url answered ${response.status}`);
}
