import type { KnownBlock } from '@slack/types';
import { SUBCOMMANDS } from '../../../commands/catalog.ts';

/**
 * The help message: every subcommand with an example, those without a handler marked as coming
 * soon. Sections hold a handful of lines each to stay far below Slack's 3000-character limit.
 */
export function helpMessage(available: ReadonlySet<string>): { text: string; blocks: KnownBlock[] } {
  const lines = SUBCOMMANDS.map((s) => {
    const ready = s.name === 'help' || available.has(s.name);
    const admin = s.adminOnly ? ' _(admins)_' : '';
    const status = ready ? '' : ' — _coming soon_';
    return `• *${s.name}* — ${s.summary}${admin}${status}\n      \`${s.example}\``;
  });
  const blocks: KnownBlock[] = [
    { type: 'header', text: { type: 'plain_text', text: 'careerplan — your career plan in Slack' } },
    {
      type: 'section',
      text: { type: 'mrkdwn', text: 'Type `/careerplan <subcommand>`. Every subcommand, with an example:' },
    },
  ];
  for (let i = 0; i < lines.length; i += 6) {
    blocks.push({ type: 'section', text: { type: 'mrkdwn', text: lines.slice(i, i + 6).join('\n') } });
  }
  blocks.push({
    type: 'context',
    elements: [{ type: 'mrkdwn', text: 'Your dashboard lives in the app’s *Home* tab.' }],
  });
  return { text: 'careerplan help: type /careerplan <subcommand>', blocks };
}
