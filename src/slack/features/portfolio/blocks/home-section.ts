import type { KnownBlock } from '@slack/types';
import { type Artifact, quarterOfDay } from '../../../../domain/portfolio/artifact.ts';
import { context, header, mrkdwn, plain } from '../../../kit/blocks.ts';
import { PORTFOLIO_ACTIONS } from '../ids.ts';
import { artifactLine } from './portfolio-list.ts';

/** How many recent artifacts App Home shows. */
export const HOME_ARTIFACTS = 3;

/** The portfolio's part of App Home: the count, the latest few, add and export. */
export function portfolioHomeBlocks(artifacts: readonly Artifact[], quarter: string): KnownBlock[] {
  const thisQuarter = artifacts.filter((a) => quarterOfDay(a.occurredOn) === quarter).length;
  const blocks: KnownBlock[] = [
    header(`Impact portfolio · ${artifacts.length} artifact${artifacts.length === 1 ? '' : 's'}`),
  ];
  if (artifacts.length === 0) {
    blocks.push({
      type: 'section',
      text: mrkdwn(
        'Keep evidence of your impact here: design docs, shipped features, talks, mentoring notes. Use *Add to portfolio* on any Slack message, too.',
      ),
    });
  } else {
    blocks.push(context(`${thisQuarter} this quarter (${quarter}). The latest:`), {
      type: 'section',
      text: mrkdwn(artifacts.slice(0, HOME_ARTIFACTS).map(artifactLine).join('\n\n')),
    });
  }
  blocks.push({
    type: 'actions',
    block_id: 'portfolio_home_actions',
    elements: [
      { type: 'button', action_id: PORTFOLIO_ACTIONS.openAdd, text: plain('Add an artifact') },
      { type: 'button', action_id: PORTFOLIO_ACTIONS.exportPortfolio, text: plain('Export portfolio') },
    ],
  });
  return blocks;
}
