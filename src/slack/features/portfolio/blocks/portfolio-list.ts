import type { KnownBlock } from '@slack/types';
import { type Artifact, groupByQuarter, kindLabel } from '../../../../domain/portfolio/artifact.ts';
import { context, cut, header, line, link, md, mrkdwn, option, plain, raw } from '../../../kit/blocks.ts';
import { PORTFOLIO_ACTIONS, PORTFOLIO_MENU_VERBS } from '../ids.ts';

/**
 * How many artifacts one list message shows: with a quarter line each at worst, it stays under
 * Slack's 50 blocks per message.
 */
export const LIST_LIMIT = 20;

/** One artifact as a list line: title (linked), kind, date, impact, what it is evidence for. */
export function artifactLine(a: Artifact): string {
  const title = a.link ? link(a.link, cut(a.title.replace(/\s+/g, ' '), 150)) : `*${line(a.title)}*`;
  const evidence =
    a.evidenceTitle && a.evidenceFor
      ? md`\n_Evidence for the ${a.evidenceFor.type === 'milestone' ? 'milestone' : 'key result'} “${raw(line(a.evidenceTitle, 80))}”_`
      : '';
  return md`${raw(title)} · ${kindLabel(a.kind)} · ${a.occurredOn}\n${raw(line(a.impact, 300))}${raw(evidence)}`;
}

function menu(a: Artifact) {
  return {
    type: 'overflow' as const,
    action_id: `${PORTFOLIO_ACTIONS.artifactMenu}${a.id}`,
    options: [
      option('Edit', `${PORTFOLIO_MENU_VERBS.edit}:${a.id}`),
      option('Remove', `${PORTFOLIO_MENU_VERBS.remove}:${a.id}`),
    ],
  };
}

/**
 * `/careerplan portfolio`: the member's artifacts by quarter, newest first, each with a menu to
 * edit or remove it. Past {@link LIST_LIMIT} the list points to the export, which has them all.
 */
export function portfolioListMessage(
  artifacts: readonly Artifact[],
  note?: string,
): { text: string; blocks: KnownBlock[] } {
  const blocks: KnownBlock[] = [];
  if (note) blocks.push({ type: 'section', text: mrkdwn(note) });
  blocks.push(header('Your impact portfolio'));
  if (artifacts.length === 0) {
    blocks.push(
      {
        type: 'section',
        text: mrkdwn('Nothing here yet. Add a design doc, a talk, a shipped feature, a mentoring note…'),
      },
      addButton(),
    );
    return { text: 'Your impact portfolio is empty.', blocks };
  }
  const shown = artifacts.slice(0, LIST_LIMIT);
  for (const group of groupByQuarter(shown)) {
    blocks.push(
      context(
        `*${group.quarter}* · ${group.artifacts.length} artifact${group.artifacts.length === 1 ? '' : 's'}`,
      ),
    );
    for (const a of group.artifacts) {
      blocks.push({
        type: 'section',
        block_id: `artifact_${a.id}`,
        text: mrkdwn(artifactLine(a)),
        accessory: menu(a),
      });
    }
  }
  if (artifacts.length > shown.length) {
    blocks.push(
      context(
        `Showing the newest ${shown.length} of ${artifacts.length}. \`/careerplan export portfolio\` has them all.`,
      ),
    );
  }
  blocks.push(addButton());
  return {
    text: `Your impact portfolio: ${artifacts.length} artifact${artifacts.length === 1 ? '' : 's'}.`,
    blocks,
  };
}

function addButton(): KnownBlock {
  return {
    type: 'actions',
    block_id: 'portfolio_list_actions',
    elements: [
      {
        type: 'button',
        action_id: PORTFOLIO_ACTIONS.openAdd,
        text: plain('Add an artifact'),
        style: 'primary',
      },
      { type: 'button', action_id: PORTFOLIO_ACTIONS.exportPortfolio, text: plain('Export as Markdown') },
    ],
  };
}
