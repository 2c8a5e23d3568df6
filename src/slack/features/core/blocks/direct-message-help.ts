import type { KnownBlock } from '@slack/types';
import { ACTIONS, COMMAND } from '../ids.ts';

/**
 * The short answer to a direct message. careerplan is driven by `/careerplan`, buttons and the
 * Home tab; a DM it cannot understand still deserves a reply that says where to go, rather than
 * silence (the Messages tab stays writable so members can reply in reminder threads and run
 * `/careerplan` from the DM). What the member wrote is not stored.
 */
export function directMessageHelp(): { text: string; blocks: KnownBlock[] } {
  const text =
    `I don't read messages here, and I don't keep them. I answer to *${COMMAND}*:\n` +
    `• \`${COMMAND} help\` — every subcommand, with an example\n` +
    `• \`${COMMAND} goal\` — your north star · \`${COMMAND} okr\` — this quarter's OKRs\n` +
    `• \`${COMMAND} pause\` / \`${COMMAND} resume\` — stop or restart reminder DMs\n` +
    'Your dashboard is the *Home* tab; reminders arrive here with their own buttons.';
  return {
    text: `careerplan answers to ${COMMAND}; try ${COMMAND} help`,
    blocks: [
      { type: 'section', text: { type: 'mrkdwn', text } },
      {
        type: 'actions',
        elements: [
          {
            type: 'button',
            action_id: ACTIONS.showHelp,
            text: { type: 'plain_text', text: 'All commands' },
          },
        ],
      },
    ],
  };
}
