import type { KnownBlock } from '@slack/types';
import {
  CONTRIBUTION_KIND_LABELS,
  type ContributionKind,
} from '../../../../domain/portfolio/contribution.ts';
import type { PortfolioArtifact } from '../../../../domain/portfolio/portfolio.repository.ts';
import { cut, link, md, raw } from '../../../kit/blocks.ts';

// 30 entries + up to 13 month headers + header + footer stays under 50 blocks.
const MAX_SECTIONS = 30;

/** `/careerplan contributions`: this month's first, then earlier months, newest first. */
export function contributionsMessage(
  items: readonly PortfolioArtifact[],
  thisMonth: string,
): { text: string; blocks: KnownBlock[] } {
  if (items.length === 0) {
    return {
      text: 'No contributions logged yet.',
      blocks: [
        {
          type: 'section',
          text: {
            type: 'mrkdwn',
            text: 'No contributions logged yet. The monthly contribution reminder has a button to log one.',
          },
        },
      ],
    };
  }
  const blocks: KnownBlock[] = [{ type: 'header', text: { type: 'plain_text', text: 'Your contributions' } }];
  let month = '';
  const newestFirst = [...items].sort((a, b) => b.occurredOn.localeCompare(a.occurredOn));
  for (const item of newestFirst.slice(0, MAX_SECTIONS)) {
    const itemMonth = item.occurredOn.slice(0, 7);
    if (itemMonth !== month) {
      month = itemMonth;
      blocks.push({
        type: 'context',
        elements: [{ type: 'mrkdwn', text: month === thisMonth ? '*This month*' : `*${month}*` }],
      });
    }
    const kind = CONTRIBUTION_KIND_LABELS[item.kind as ContributionKind] ?? item.kind;
    // Members' own words are escaped: a title like `<!channel>` must not notify anyone.
    const title = item.link ? raw(link(item.link, item.title)) : item.title;
    blocks.push({
      type: 'section',
      text: {
        type: 'mrkdwn',
        text: md`*${title}* · ${kind} · ${item.occurredOn}\n${cut(item.impact, 2000)}`,
      },
    });
  }
  if (items.length > MAX_SECTIONS) {
    blocks.push({
      type: 'context',
      elements: [{ type: 'mrkdwn', text: `…and ${items.length - MAX_SECTIONS} earlier ones.` }],
    });
  }
  return { text: `You logged ${items.length} contribution(s).`, blocks };
}
