import type { KnownBlock } from '@slack/types';
import { VOCABULARY, vocabularyOrder } from '../../../commands/catalog.ts';
import { esc } from '../../../kit/blocks.ts';
import type { HelpEntry } from '../../../kit/feature.ts';

/**
 * The help message: every subcommand a feature provides, with an example, then one line naming
 * the planned ones that are not built yet. Sections hold a handful of lines each to stay far
 * below Slack's 3000-character limit.
 */
export function helpMessage(entries: readonly HelpEntry[]): { text: string; blocks: KnownBlock[] } {
  const sorted = [...entries].sort((a, b) => vocabularyOrder(a.name) - vocabularyOrder(b.name));
  const lines = sorted.map((s) => {
    const admin = s.adminOnly ? ' _(admins)_' : '';
    return `• *${esc(s.name)}* — ${esc(s.summary)}${admin}\n      \`${esc(s.example)}\``;
  });
  const built = new Set(entries.map((e) => e.name));
  const planned = VOCABULARY.filter((name) => !built.has(name));
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
  if (planned.length > 0) {
    blocks.push({
      type: 'context',
      elements: [
        { type: 'mrkdwn', text: `_Coming soon:_ ${planned.map((name) => `\`${name}\``).join(', ')}` },
      ],
    });
  }
  blocks.push({
    type: 'context',
    elements: [{ type: 'mrkdwn', text: 'Your dashboard lives in the app’s *Home* tab.' }],
  });
  return { text: 'careerplan help: type /careerplan <subcommand>', blocks };
}
